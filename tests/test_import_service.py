"""Identity, all-or-nothing and what each import writes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from symposia.importing.messages import render_problem
from symposia.importing.services import (
    ImportFailed,
    confirm_import,
    import_attendees,
    preview_import,
    previous_import,
)
from symposia.models import Attendee, ImportRecord, Organization
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    ZH_HEADERS,
    csv_bytes,
    organizations_fixture,
    symposium_fixture,
    xlsx_bytes,
)


def run(symposium, data, **options):
    return import_attendees(symposium=symposium, data=data, filename="attendees", **options)


def counts(record):
    return record.new_count, record.updated_count, record.unchanged_count, record.rejected_count


def messages(record):
    return [render_problem(p) for p in record.problems]


def test_english_xlsx_then_chinese_gb18030_csv_of_the_same_people(symposium, organizations):
    first = run(symposium, xlsx_bytes(EN_HEADERS, ROWS))
    assert first.status == ImportRecord.Status.IMPORTED
    assert counts(first) == (3, 0, 0, 0)
    zh_rows = [
        [
            "Nguyen Van An",
            "Nguyễn Văn An",
            "男",
            "Deputy Director",
            "越南海关总局",
            "越南",
            "AN.NGUYEN@customs.gov.vn",
            "代表",
        ],
        [
            "Somchai Phommachanh",
            "ສົມໃຈ",
            "男",
            "Officer",
            "老挝海关厅",
            "老挝",
            "somchai@customs.gov.la",
            "观察员",
        ],
        ["王芳", "王芳", "女", "处长", "中国海关", "CHN", "", "演讲人"],
    ]
    second = run(symposium, csv_bytes(ZH_HEADERS, zh_rows, encoding="gb18030"))
    assert second.encoding == "gb18030"
    assert counts(second) == (0, 0, 3, 0)
    assert Attendee.objects.count() == 3
    wang = Attendee.objects.get(name="王芳")
    assert (wang.gender, wang.role, wang.country.code, wang.organization.slug) == (
        "female",
        "speaker",
        "CN",
        "china-customs",
    )


def test_reimporting_the_same_file_changes_nothing_and_says_so(symposium, organizations):
    data = csv_bytes(EN_HEADERS, ROWS)
    first = run(symposium, data)
    again = run(symposium, data)
    assert counts(again) == (0, 0, 3, 0)
    assert again.status == ImportRecord.Status.IMPORTED
    assert previous_import(again) == first
    assert Attendee.objects.count() == 3


def test_changed_fields_update_the_same_person(symposium, organizations):
    run(symposium, csv_bytes(EN_HEADERS, ROWS))
    changed = [row[:] for row in ROWS]
    changed[0][3] = "Director General"  # matched by e-mail
    changed[2][3] = "副司长"  # no e-mail: matched by name and organization
    record = run(symposium, csv_bytes(EN_HEADERS, changed))
    assert counts(record) == (0, 2, 1, 0)
    assert Attendee.objects.get(email="an.nguyen@customs.gov.vn").position == "Director General"
    assert Attendee.objects.get(name="王芳").position == "副司长"
    assert Attendee.objects.count() == 3


def test_an_email_added_later_completes_the_entry_without_one(symposium, organizations):
    run(symposium, csv_bytes(EN_HEADERS, ROWS))
    changed = [row[:] for row in ROWS]
    changed[2][6] = "wang.fang@customs.gov.cn"
    record = run(symposium, csv_bytes(EN_HEADERS, changed))
    assert counts(record) == (0, 1, 2, 0)
    assert Attendee.objects.get(name="王芳").email == "wang.fang@customs.gov.cn"


def test_one_rejected_row_and_nothing_is_written(symposium, organizations):
    rows = [row[:] for row in ROWS]
    rows[1][5] = "Atlantis"
    record = run(symposium, csv_bytes(EN_HEADERS, rows))
    assert record.status == ImportRecord.Status.REJECTED
    assert counts(record) == (2, 0, 0, 1)
    assert messages(record) == [
        "Row 3, column “Country”: Country “Atlantis” is not recognized. Write its name in English or "
        "Chinese, or its ISO code (for example VN or VNM)."
    ]
    assert Attendee.objects.count() == 0


def test_only_valid_rows_when_asked(symposium, organizations):
    rows = [row[:] for row in ROWS]
    rows[1][6] = "somchai@@customs"
    record = run(symposium, csv_bytes(EN_HEADERS, rows), only_valid=True)
    assert record.status == ImportRecord.Status.IMPORTED
    assert counts(record) == (2, 0, 0, 1)
    assert sorted(Attendee.objects.values_list("name", flat=True)) == ["Nguyen Van An", "王芳"]


def test_a_person_repeated_in_the_file_is_rejected_with_both_rows(symposium, organizations):
    rows = [*ROWS, [*ROWS[0][:6], "An.Nguyen@CUSTOMS.gov.vn", "expert"], ROWS[2]]
    record = run(symposium, csv_bytes(EN_HEADERS, rows))
    assert record.rejected_count == 4
    # Each group of rows holding one person is reported once, at its first row.
    assert messages(record) == [
        "Row 2, column “Email”: The same person (an.nguyen@customs.gov.vn) is in 2 rows (2, 5). "
        "Keep one of them.",
        "Row 4, column “Name”: The same person (王芳, 中华人民共和国海关总署) is in 2 rows (4, 6). "
        "Keep one of them.",
    ]
    assert Attendee.objects.count() == 0


def test_unknown_organization_is_rejected_or_created_when_chosen(symposium, organizations):
    rows = [
        [
            "Siti Aminah",
            "",
            "F",
            "",
            "Royal Malaysian Customs Department",
            "Malaysia",
            "siti@customs.gov.my",
            "",
        ],
        ["Ahmad Razak", "", "M", "", "Royal Malaysian Customs Department", "", "", ""],
    ]
    record = run(symposium, csv_bytes(EN_HEADERS, rows))
    assert messages(record)[0] == (
        "Row 2, column “Organization”: Organization “Royal Malaysian Customs Department” does not exist. "
        "Add it first, or choose to create missing organizations."
    )
    record = run(symposium, csv_bytes(EN_HEADERS, rows), create_organizations=True)
    assert counts(record) == (2, 0, 0, 0)
    assert record.organizations_created == 1
    org = Organization.objects.get(name_en="Royal Malaysian Customs Department")
    # Named in English only: the Chinese name is for a translator to add.
    assert (org.name_zh_hans, org.country.code, org.slug) == (
        None,
        "MY",
        "royal-malaysian-customs-department",
    )
    # An empty country cell takes the organization's country.
    assert Attendee.objects.get(name="Ahmad Razak").country.code == "MY"
    again = run(symposium, csv_bytes(EN_HEADERS, rows), create_organizations=True)
    assert counts(again) == (0, 0, 2, 0)
    assert Organization.objects.count() == 4


def test_names_formulas_and_markup_are_stored_exactly_as_text(symposium, organizations):
    rows = [
        ['=HYPERLINK("http://evil.example","x")', "", "", "+cmd|' /C calc'!A0", "", "VN", "", ""],
        ["<script>alert(1)</script>", "", "", "@SUM(A1)", "", "LA", "", ""],
        ["ali", "", "", "-2+3", "", "BN", "", ""],
    ]
    record = run(symposium, xlsx_bytes(EN_HEADERS, rows))
    assert counts(record) == (3, 0, 0, 0)
    stored = dict(Attendee.objects.values_list("name", "position"))
    assert stored == {
        '=HYPERLINK("http://evil.example","x")': "+cmd|' /C calc'!A0",
        "<script>alert(1)</script>": "@SUM(A1)",
        "ali": "-2+3",  # a single, lower-case name is kept as written
    }


def test_control_characters_reject_the_row_and_write_nothing(symposium, organizations):
    # JSON can carry a NUL, which PostgreSQL refuses to store: a clear message, not a crash.
    data = json.dumps(
        [
            {"Name": "Ok Person", "Country": "VN"},
            {"Name": "Bad\u0000Name", "Country": "LA", "Position": "Chief\u0007"},
        ]
    ).encode()
    record = run(symposium, data, format="json")
    reason = "Contains control characters (such as NUL) that cannot be stored; remove them."
    assert messages(record) == [f"Row 2, column “Name”: {reason}", f"Row 2, column “Position”: {reason}"]
    assert not Attendee.objects.exists()


def test_an_enormous_cell_rejects_its_row(symposium, organizations):
    rows = [ROWS[0], ["x" * 30_000, "", "", "", "", "VN", "", ""]]
    record = run(symposium, xlsx_bytes(EN_HEADERS, rows))
    assert messages(record) == ["Row 3, column “Name”: Longer than 200 characters."]
    assert Attendee.objects.count() == 0


def test_a_row_needs_an_organization_or_a_country(symposium, organizations):
    record = run(symposium, csv_bytes(EN_HEADERS, [["Someone", "", "", "", "", "", "", ""]]))
    assert messages(record) == ["Row 2: An organization or a country is required."]


def test_unreadable_file_leaves_a_failed_record(symposium):
    record = run(symposium, b"\x00\x01\x02binary" * 100)
    assert record.status == ImportRecord.Status.FAILED
    assert record.problems[0]["code"] == "binary_file"
    assert record.sha256 and record.file_size == 900


def test_missing_column_is_one_error_before_any_row(symposium):
    record = run(symposium, csv_bytes(["Email", "Country"], [["a@b.cn", "Nowhere"]] * 5))
    # The refusal says which row it took as the header (the only one with known headers).
    assert [p["code"] for p in record.problems] == ["missing_column", "header_taken"]
    assert record.problems[1]["params"]["row"] == 1


def test_dry_run_writes_nothing(symposium, organizations):
    record = run(symposium, csv_bytes(EN_HEADERS, ROWS), dry_run=True)
    assert record.status == ImportRecord.Status.CHECKED and record.dry_run
    assert counts(record) == (3, 0, 0, 0)
    assert Attendee.objects.count() == 0


def test_queries_do_not_grow_with_the_rows(symposium, organizations):
    def queries(n):
        rows = [
            [f"Person {symposium.pk}-{n}-{i}", "", "", "", "Lao Customs Department", "", "", ""]
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as context:
            run(symposium, csv_bytes(EN_HEADERS, rows))
        return len(context)

    assert queries(5) == queries(40)


def test_preview_then_confirm_writes_what_was_previewed(symposium, organizations, django_user_model):
    user = django_user_model.objects.create(username="registrar")
    data = csv_bytes(EN_HEADERS, ROWS)
    record = preview_import(symposium=symposium, data=data, filename="a.csv", user=user)
    assert record.status == ImportRecord.Status.PENDING
    assert bytes(ImportRecord.objects.get(pk=record.pk).pending_data) == data
    assert Attendee.objects.count() == 0
    record = confirm_import(record=ImportRecord.objects.get(pk=record.pk), user=user)
    assert record.status == ImportRecord.Status.IMPORTED and not record.dry_run
    assert record.pending_data is None
    assert Attendee.objects.count() == 3
    with pytest.raises(ImportFailed):
        confirm_import(record=record, user=user)


def test_confirm_refuses_when_the_list_changed_after_the_preview(symposium, organizations):
    record = preview_import(
        symposium=symposium, data=csv_bytes(EN_HEADERS, ROWS), filename="a.csv", user=None
    )
    run(symposium, csv_bytes(EN_HEADERS, ROWS[:1]))
    with pytest.raises(ImportFailed) as excinfo:
        confirm_import(record=record)
    assert excinfo.value.code == "plan_changed"
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.PENDING
    assert counts(record) == (2, 0, 1, 0)
    assert Attendee.objects.count() == 1
    confirm_import(record=record)
    assert Attendee.objects.count() == 3
