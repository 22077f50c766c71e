"""The import_attendees and export_attendees commands and their exit codes."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from symposia.models import Attendee, ImportRecord
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    ZH_HEADERS,
    csv_bytes,
    organizations_fixture,
    symposium_fixture,
    xlsx_bytes,
)


def run(*args):
    out = io.StringIO()
    try:
        call_command("import_attendees", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "list.xlsx"
    good.write_bytes(xlsx_bytes(EN_HEADERS, ROWS))
    rows = [r[:] for r in ROWS]
    rows[2][5] = "Atlantis"
    bad = tmp_path / "列表.csv"
    bad.write_bytes(csv_bytes(ZH_HEADERS, rows, encoding="gb18030"))
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    return good, bad, junk


def test_exit_zero_when_every_row_is_imported_and_the_same_file_again(symposium, organizations, files):
    good, _bad, _junk = files
    code, out = run(str(good), "--symposium", symposium.slug)
    assert code == 0
    assert "3 new, 0 updated, 0 unchanged, 0 rejected." in out
    code, out = run(str(good), "--symposium", "1")
    assert code == 0
    assert "Nothing to change" in out and "already imported" in out
    assert Attendee.objects.count() == 3


def test_exit_one_when_rows_are_rejected_and_nothing_written(symposium, organizations, files):
    _good, bad, _junk = files
    code, out = run(str(bad), "--symposium", "1")
    assert code == 1
    assert "Row 4, column “国家/地区”: Country “Atlantis” is not recognized." in out
    assert Attendee.objects.count() == 0
    record = ImportRecord.objects.get()
    assert (record.status, record.encoding, record.source) == ("rejected", "gb18030", "command")


def test_only_valid_exits_zero_once_the_valid_rows_are_written(symposium, organizations, files):
    _good, bad, _junk = files
    code, _out = run(str(bad), "--symposium", "1", "--only-valid")
    assert code == 0
    assert Attendee.objects.count() == 2


def test_dry_run_writes_nothing_and_still_reports_rejections(symposium, organizations, files):
    good, bad, _junk = files
    assert run(str(good), "--symposium", "1", "--dry-run")[0] == 0
    assert run(str(bad), "--symposium", "1", "--dry-run")[0] == 1
    assert Attendee.objects.count() == 0
    assert ImportRecord.objects.filter(dry_run=True).count() == 2


def test_exit_two_for_unreadable_files_and_unknown_symposia(symposium, organizations, files, settings):
    good, _bad, junk = files
    code, out = run(str(junk), "--symposium", "1")
    assert code == 2 and "read as XLSX, ODS, flat ODS, CSV, TSV and JSON, and it is none of them" in out
    assert run(str(good), "--symposium", "99")[0] == 2
    assert run(str(good) + ".missing", "--symposium", "1")[0] == 2
    settings.ATTENDEE_IMPORT_MAX_BYTES = 100
    code, out = run(str(good), "--symposium", "1")
    assert code == 2 and "The file is larger than 100 bytes" in out


def test_format_and_encoding_overrides(symposium, organizations, tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes(csv_bytes(ZH_HEADERS, ROWS, encoding="utf-16", delimiter="\t"))
    assert run(str(path), "--symposium", "1", "--format", "tsv", "--encoding", "utf-16")[0] == 0
    assert run(str(path), "--symposium", "1", "--encoding", "gb18030")[0] == 2


def test_create_organizations_option(symposium, tmp_path):
    path = tmp_path / "new.csv"
    path.write_bytes(csv_bytes(["Name", "Organisation"], [["Siti", "Royal Malaysian Customs"]]))
    assert run(str(path), "--symposium", "1")[0] == 1
    assert run(str(path), "--symposium", "1", "--create-organizations")[0] == 0


def test_no_progress_bar_when_not_a_terminal(symposium, organizations, files):
    code, out = run(str(files[0]), "--symposium", "1")
    assert "[###" not in out


def test_export_command_writes_csv_with_bom_and_chinese_headers(symposium, organizations, files, tmp_path):
    run(str(files[0]), "--symposium", "1")
    target = tmp_path / "out.csv"
    call_command(
        "export_attendees",
        "--symposium",
        "1",
        "--language",
        "zh-hans",
        "-o",
        str(target),
        stderr=io.StringIO(),
    )
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(ZH_HEADERS)
    xlsx = tmp_path / "out.xlsx"
    call_command(
        "export_attendees", "--symposium", "1", "--format", "xlsx", "-o", str(xlsx), stderr=io.StringIO()
    )
    assert xlsx.read_bytes().startswith(b"PK")
