"""The admin import flow through the test client: upload, preview, confirm;
exports and templates; the read-only import records.

A minimal AdminSite of this module carries the mixin, so these tests hold
whatever the project's own attendee admin looks like.
"""

import csv
import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import path

from config import urls as project_urls
from symposia.importing.admin import AttendeeImportAdminMixin, ImportRecordAdmin
from symposia.models import Attendee, ImportRecord, Organization, Symposium
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    ZH_HEADERS,
    csv_bytes,
    ods_bytes,
    organizations_fixture,
    symposium_fixture,
    xlsx_bytes,
)


class MinimalAttendeeAdmin(AttendeeImportAdminMixin, admin.ModelAdmin):
    list_display = ("name", "symposium")
    list_filter = ("symposium",)


site = admin.AdminSite(name="admin")
site.register(Attendee, MinimalAttendeeAdmin)
site.register(ImportRecord, ImportRecordAdmin)
site.register(Symposium)
site.register(Organization)

# The project's own URLs (the admin templates link to some of them), with
# this module's admin site in place of the project's.
urlpatterns = [
    path("admin/", site.urls),
    *(p for p in project_urls.urlpatterns if str(getattr(p, "pattern", "")) != "admin/"),
]
pytestmark = pytest.mark.urls(__name__)

IMPORT_URL = "/admin/symposia/attendee/import/"


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user(username="registrar-" + "-".join(codenames), password="x")
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def registrar(client, django_user_model):
    user = staff(
        django_user_model,
        "add_attendee",
        "change_attendee",
        "view_attendee",
        "view_importrecord",
        "add_organization",
    )
    client.force_login(user)
    return user


def upload(client, symposium, data, name, **options):
    payload = {"symposium": symposium.pk, "format": "auto", "encoding": "auto", **options}
    payload["file"] = io.BytesIO(data)
    payload["file"].name = name
    return client.post(IMPORT_URL, payload)


def test_upload_page_lists_columns_and_templates(client, registrar, symposium):
    response = client.get(IMPORT_URL, {"symposium": symposium.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "本国文字姓名" in page and "Country/Region" in page
    assert f'<option value="{symposium.pk}" selected>' in page
    template = client.get("/admin/symposia/attendee/import/template/zh-hans.csv")
    assert template.content.decode("utf-8-sig").strip() == ",".join(ZH_HEADERS)
    assert "attachment" in template["Content-Disposition"]
    assert client.get("/admin/symposia/attendee/import/template/en.xlsx").content.startswith(b"PK")


@pytest.mark.parametrize(
    ("builder", "name"), [(xlsx_bytes, "list.xlsx"), (ods_bytes, "list.ods"), (csv_bytes, "list.csv")]
)
def test_upload_preview_confirm(client, registrar, symposium, organizations, builder, name):
    response = upload(client, symposium, builder(EN_HEADERS, ROWS), name)
    assert response.status_code == 302
    record = ImportRecord.objects.get()
    assert response["Location"] == f"/admin/symposia/attendee/import/{record.pk}/"
    assert record.status == "pending" and record.user == registrar
    assert bytes(record.pending_data)  # the upload waits in the database, not on local disk
    assert Attendee.objects.count() == 0

    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert '<td class="count-new">3</td>' in page
    assert "Confirm the import" in page

    confirmed = client.post(response["Location"], {"confirm": "1"}, follow=True)
    assert confirmed.redirect_chain[-1][0] == f"/admin/symposia/attendee/?symposium__id__exact={symposium.pk}"
    assert "3 new, 0 updated, 0 unchanged, 0 rejected." in confirmed.content.decode()
    assert Attendee.objects.count() == 3
    record.refresh_from_db()
    assert record.status == "imported" and not record.dry_run and record.pending_data is None


def test_rejected_rows_are_listed_and_nothing_can_be_confirmed(client, registrar, symposium, organizations):
    rows = [r[:] for r in ROWS]
    rows[0][5] = "<script>alert('x')</script>"
    response = upload(client, symposium, csv_bytes(ZH_HEADERS, rows, encoding="gb18030"), "list.csv")
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page
    assert "Country “&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;” is not recognized" in page
    assert "<td>2</td><td>国家/地区</td>" in page
    assert "Confirm the import" not in page
    assert "Nothing was written because 1 row was rejected." in page
    # The whole file cannot be confirmed: a plain confirmation writes nothing.
    client.post(response["Location"], {"confirm": "1"})
    assert Attendee.objects.count() == 0
    assert ImportRecord.objects.get().status == "pending"


def test_a_file_with_only_rejected_rows_is_final_at_once(client, registrar, symposium, organizations):
    rows = [r[:] for r in ROWS]
    for row in rows:
        row[5] = "Atlantis"
    response = upload(client, symposium, csv_bytes(EN_HEADERS, rows), "list.csv")
    page = client.get(response["Location"]).content.decode()
    assert "import_valid" not in page and "Confirm the import" not in page
    record = ImportRecord.objects.get()
    assert record.status == "rejected" and record.pending_data is None and record.sample == []


def test_only_valid_rows_through_the_admin(client, registrar, symposium, organizations):
    rows = [r[:] for r in ROWS]
    rows[0][6] = "not-an-email"
    response = upload(client, symposium, xlsx_bytes(EN_HEADERS, rows), "list.xlsx", only_valid="on")
    assert "Confirm the import" in client.get(response["Location"]).content.decode()
    client.post(response["Location"], {"confirm": "1"})
    assert Attendee.objects.count() == 2


def test_confirm_writes_only_what_was_previewed(client, registrar, symposium, organizations):
    response = upload(client, symposium, csv_bytes(EN_HEADERS, ROWS), "list.csv")
    # Someone else registers one of these people before the confirmation.
    Attendee.objects.create(symposium=symposium, name="Nguyen Van An", email="an.nguyen@customs.gov.vn")
    page = client.post(response["Location"], {"confirm": "1"}, follow=True).content.decode()
    assert "The attendee list changed after the preview" in page
    assert Attendee.objects.count() == 1
    assert '<td class="count-updated">1</td>' in page
    client.post(response["Location"], {"confirm": "1"})
    assert Attendee.objects.count() == 3


def test_cancel_discards_the_upload(client, registrar, symposium, organizations):
    response = upload(client, symposium, csv_bytes(EN_HEADERS, ROWS), "list.csv")
    assert ImportRecord.objects.get().sample  # the preview keeps the rows as read
    client.post(response["Location"], {"cancel": "1"})
    record = ImportRecord.objects.get()
    assert record.status == "cancelled" and record.pending_data is None
    # Names and e-mails go with the upload; the record says when it ended.
    assert record.sample == [] and record.finished_at is not None
    assert Attendee.objects.count() == 0


def test_hostile_uploads_give_clear_messages(client, registrar, symposium, settings):
    response = upload(client, symposium, bytes(range(256)) * 8, "list.csv")
    assert (
        "read as XLSX, ODS, flat ODS, CSV, TSV and JSON, and it is none of them"
        in client.get(response["Location"]).content.decode()
    )
    settings.ATTENDEE_IMPORT_MAX_BYTES = 100
    response = upload(client, symposium, csv_bytes(EN_HEADERS, ROWS), "list.csv")
    page = client.get(response["Location"]).content.decode()
    assert "The file is larger than 100 bytes, the most an attendee list may be; it was not read." in page


def test_import_needs_add_and_change_permissions(client, django_user_model, symposium):
    client.force_login(staff(django_user_model, "view_attendee"))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get("/admin/symposia/attendee/").status_code == 200


def test_someone_elses_pending_import_is_not_yours_to_confirm(
    client, registrar, symposium, organizations, django_user_model
):
    response = upload(client, symposium, csv_bytes(EN_HEADERS, ROWS), "list.csv")
    other = staff(django_user_model, "add_attendee", "change_attendee", "view_attendee")
    client.force_login(other)
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 403
    assert Attendee.objects.count() == 0


def test_export_is_gated_by_view_permission_and_follows_the_filters(
    client, django_user_model, symposium, organizations
):
    other = Symposium.objects.create(
        ordinal=2,
        slug="2004-xiamen",
        title_en="Second",
        theme_en="t",
        city_en="Xiamen",
        narrative_en="n",
        date=symposium.date,
    )
    Attendee.objects.create(symposium=symposium, name="=cmd", country="VN")
    Attendee.objects.create(symposium=other, name="Other person", country="LA")
    client.force_login(staff(django_user_model, "change_organization"))
    assert client.get("/admin/symposia/attendee/export/csv/").status_code == 403

    client.force_login(staff(django_user_model, "view_attendee"))
    changelist = client.get(
        "/admin/symposia/attendee/", {"symposium__id__exact": symposium.pk}
    ).content.decode()
    assert f"/admin/symposia/attendee/export/csv/?symposium__id__exact={symposium.pk}" in changelist
    assert "Import attendees" not in changelist
    response = client.get("/admin/symposia/attendee/export/csv/", {"symposium__id__exact": symposium.pk})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="attendees-2003-kunming-kyoto-convention-en.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == EN_HEADERS
    assert [r[0] for r in rows[1:]] == ["'=cmd"]
    xlsx = client.get("/admin/symposia/attendee/export/xlsx/")
    assert xlsx.content.startswith(b"PK")


def test_export_headers_follow_the_staff_users_language(client, django_user_model, symposium):
    Attendee.objects.create(symposium=symposium, name="王芳", country="CN", gender="female")
    client.force_login(staff(django_user_model, "view_attendee"))
    response = client.get("/admin/symposia/attendee/export/csv/", headers={"accept-language": "zh-hans"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [ZH_HEADERS, ["王芳", "", "女", "", "", "中国", "", "代表"]]


def test_import_records_are_read_only_and_escape_cells(client, registrar, symposium, organizations):
    rows = [r[:] for r in ROWS]
    rows[0][4] = "<b>Evil</b> Customs"
    upload(client, symposium, csv_bytes(EN_HEADERS, rows), "<i>list.csv")
    record = ImportRecord.objects.get()
    page = client.get(f"/admin/symposia/importrecord/{record.pk}/change/").content.decode()
    assert "&lt;b&gt;Evil&lt;/b&gt; Customs" in page and "<b>Evil</b>" not in page
    assert "&lt;i&gt;list.csv" in page and "<i>list" not in page
    assert client.get("/admin/symposia/importrecord/add/").status_code == 403
    listing = client.get("/admin/symposia/importrecord/").content.decode()
    assert "rejected" in listing
