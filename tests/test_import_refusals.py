"""Every refusal: a clear message in the staff member's language, a record
left (who, when, which file, its size and hash, why), nothing written, never
a 500; on the command line a message and exit status 2. Previews that nobody
confirms expire and drop the uploaded file."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from symposia.importing.errors import ImportFailed
from symposia.importing.services import confirm_import, preview_import
from symposia.models import Attendee, ImportRecord, Symposium
from tests import hostile_files
from tests.test_import_admin import IMPORT_URL, staff, upload
from tests.test_import_admin import registrar as registrar  # noqa: F401 (fixture)
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    csv_bytes,
    organizations_fixture,
    symposium_fixture,
)


def chinese(client, url):
    return client.get(url, headers={"accept-language": "zh-hans"}).content.decode()


def test_an_upload_past_the_limit_is_stopped_while_it_streams_in_and_recorded(
    client, registrar, symposium, settings
):
    settings.ATTENDEE_IMPORT_MAX_BYTES = 100_000
    data = b"Name,Country\r\n" + b"Nguyen Van An,VN\r\n" * 300_000  # 5 MB
    response = upload(client, symposium, data, "big.csv")
    record = ImportRecord.objects.get()
    assert response["Location"] == f"{IMPORT_URL}{record.pk}/"
    # Reading stopped at the first chunk past the limit, not at the end of the file.
    assert 100_000 < record.file_size < 100_000 + 2 * 65_536 < len(data)
    assert (record.status, record.file_name, record.sha256, record.user) == (
        "failed",
        "big.csv",
        "",
        registrar,
    )
    assert record.symposium == symposium
    assert "The file is larger than 97.7 KB, the most an attendee list may be; it was not read." in (
        client.get(response["Location"]).content.decode()
    )
    assert "文件大于参会人员名单允许的上限97.7 KB，未读取。" in chinese(client, response["Location"])
    assert Attendee.objects.count() == 0


def test_an_empty_upload_is_refused_and_recorded(client, registrar, symposium):
    response = upload(client, symposium, b"", "empty.csv")
    record = ImportRecord.objects.get()
    assert (record.status, record.file_name, record.file_size) == ("failed", "empty.csv", 0)
    assert record.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert "The file is empty." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("build", "english", "chinese_text"),
    [
        (hostile_files.sparse_xlsx, "reaches cell XFD1048576", "的内容延伸到单元格XFD1048576"),
        (hostile_files.ods_repeated_columns, "reaches cell XFD6003", "的内容延伸到单元格XFD6003"),
        (hostile_files.nested_json, "nests lists or objects too deeply", "嵌套层级过深"),
        (hostile_files.huge_integer_json, "a number of 5,000 digits", "含有一个5,000位的数字"),
        (hostile_files.utf8_with_one_gbk_row, "Row 3 is not in the same text encoding", "第3行的文本编码"),
    ],
)
def test_hostile_uploads_are_refused_in_the_staff_language(
    client, registrar, symposium, build, english, chinese_text
):
    response = upload(client, symposium, build(), "hostile")
    assert response.status_code == 302
    assert english in client.get(response["Location"]).content.decode()
    page = chinese(client, response["Location"])
    assert chinese_text in page and "Confirm the import" not in page
    assert ImportRecord.objects.get().status == "failed"
    assert Attendee.objects.count() == 0


def test_the_command_refuses_a_file_past_the_limit_without_reading_it_and_records_it(
    symposium, tmp_path, settings
):
    settings.ATTENDEE_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(EN_HEADERS, ROWS * 50))
    with pytest.raises(CommandError) as excinfo:
        call_command("import_attendees", str(path), "--symposium", "1", stdout=io.StringIO())
    assert excinfo.value.returncode == 2
    assert "The file is larger than 1000 bytes" in str(excinfo.value)
    record = ImportRecord.objects.get()
    assert (record.status, record.source, record.file_size) == ("failed", "command", path.stat().st_size)


def preview(symposium, **options):
    return preview_import(
        symposium=symposium, data=csv_bytes(EN_HEADERS, ROWS), filename="list.csv", user=None, **options
    )


def test_unconfirmed_previews_expire_and_drop_the_uploaded_file(symposium, organizations, settings):
    old, recent = preview(symposium), preview(symposium)
    imported = preview(symposium)
    confirm_import(record=imported)
    Attendee.objects.all().delete()
    ImportRecord.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    assert out.getvalue().startswith("1 previews older than 24 hours expired")
    old.refresh_from_db()
    recent.refresh_from_db()
    imported.refresh_from_db()
    assert (old.status, old.pending_data) == ("expired", None)
    assert old.file_name == "list.csv" and old.new_count == 3  # the record stays
    assert recent.status == "pending" and bytes(recent.pending_data).startswith(b"Name")
    assert imported.status == "imported" and imported.pending_data is None
    settings.ATTENDEE_IMPORT_PENDING_HOURS = 0.001
    ImportRecord.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(seconds=10))
    with pytest.raises(ImportFailed) as excinfo:
        confirm_import(record=recent)  # an import runs the purge first
    assert excinfo.value.code == "expired"
    recent.refresh_from_db()
    assert (recent.status, recent.pending_data) == ("expired", None)
    assert Attendee.objects.count() == 0


def test_confirming_an_expired_preview_in_the_admin_says_so(client, registrar, symposium, organizations):
    response = upload(client, symposium, csv_bytes(EN_HEADERS, ROWS), "list.csv")
    ImportRecord.objects.update(created_at=timezone.now() - timedelta(days=2))
    response = client.post(response["Location"], {"confirm": "1"}, follow=True)
    page = response.content.decode()
    assert "This preview expired before it was confirmed; nothing was written." in page
    assert "Confirm the import" not in page
    assert Attendee.objects.count() == 0


def test_the_preview_shows_the_rows_as_read(client, registrar, symposium, organizations):
    response = upload(client, symposium, csv_bytes(EN_HEADERS, ROWS), "list.csv")
    page = chinese(client, response["Location"])
    assert "将要写入的行（按读取结果）" in page
    assert "<td>Nguyen Van An</td><td>Nguyễn Văn An</td><td>越南海关总局</td><td>越南</td>" in page


def test_xlsx_export_drops_control_characters_csv_keeps_them(client, django_user_model, symposium):
    Attendee.objects.create(
        symposium=symposium, name="Nguyen\x0cVan\x1bAn", position="Chief\x0b", country="VN"
    )
    client.force_login(staff(django_user_model, "view_attendee"))
    response = client.get("/admin/symposia/attendee/export/xlsx/")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [sheet["A2"].value, sheet["D2"].value] == ["NguyenVanAn", "Chief"]
    csv_export = client.get("/admin/symposia/attendee/export/csv/").content.decode("utf-8-sig")
    assert "Nguyen\x0cVan\x1bAn" in csv_export


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"symposium__id__exact": "abc"}, 400),
        ({"symposium__id__exact": "1 OR 1=1"}, 400),
        ({"role__exact": "x" * 500}, 200),  # a choice no attendee has: the empty list
    ],
)
def test_a_junk_filter_on_the_export_link_is_a_400_not_a_500(
    client, django_user_model, symposium, query, status
):
    Attendee.objects.create(symposium=symposium, name="Somebody", country="VN")
    # Two symposia, so that the list offers the symposium filter at all.
    Symposium.objects.create(
        ordinal=2, slug="second", title_en="t", theme_en="t", city_en="c", date=symposium.date
    )
    client.force_login(staff(django_user_model, "view_attendee", "view_symposium"))
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/admin/symposia/attendee/export/{fmt}/", query).status_code == status
    response = client.get("/admin/symposia/attendee/export/csv/", query)
    if status == 400:
        assert (
            response.content.decode() == "The filter in this export link is not valid; nothing was exported."
        )
    else:
        assert response.content.decode("utf-8-sig").splitlines()[1:] == []
