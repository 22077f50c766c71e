"""The import preview in the project's own admin: every row to be written, as
read and paginated; "Import the N valid rows" beside the rejected rows;
organizations created in the language their name was written in; import
records' options in words; the attendee admin's Chinese and country filter."""

import io
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import translation

from publishing.translation_status import MISSING, problems_of
from symposia.importing.admin import ROWS_PER_PAGE
from symposia.importing.services import confirm_import, import_attendees, preview_import
from symposia.models import Attendee, ImportRecord, Organization
from tests import factories as f
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    FULL_WIDTH_ROW,
    ROWS,
    csv_bytes,
    organizations_fixture,
    symposium_fixture,
)

IMPORT_URL = "/admin/symposia/attendee/import/"
ZH = {"accept-language": "zh-hans"}


@pytest.fixture
def registrar(django_user_model):
    user = django_user_model.objects.create_user(username="registrar", password="x", is_staff=True)
    codenames = ["add_attendee", "change_attendee", "view_attendee", "view_importrecord", "add_organization"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def browser(registrar):
    """A client that checks CSRF tokens, as a browser session is checked."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(registrar)
    return client


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def upload(client, symposium, data, **options):
    page = client.get(IMPORT_URL).content.decode()
    payload = {"symposium": symposium.pk, "format": "auto", "encoding": "auto", **options}
    payload["csrfmiddlewaretoken"] = csrf_token(page)
    payload["file"] = io.BytesIO(data)
    payload["file"].name = "list.csv"
    response = client.post(IMPORT_URL, payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def table_rows(page, table_id="import-rows"):
    table = re.search(rf'<table id="{table_id}">.*?</table>', page, re.S).group(0)
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr><td>.*?</tr>", table)]


def many_rows(count):
    rows = []
    for i in range(count):
        rows.append(
            [f"Person {i}", "", "", "", "Lao Customs Department", "Lao PDR", f"p{i}@customs.gov.la", ""]
        )
    rows[0] = FULL_WIDTH_ROW  # row 2 of the file
    return rows


def test_the_preview_shows_every_row_as_read_a_page_at_a_time(browser, symposium, organizations):
    total = ROWS_PER_PAGE * 2 + 7
    preview = upload(browser, symposium, csv_bytes(EN_HEADERS, many_rows(total)))
    record = ImportRecord.objects.get()
    assert record.status == "pending" and len(record.sample) == total  # one entry per row to write

    first = browser.get(preview).content.decode()
    rows = table_rows(first)
    assert len(rows) == ROWS_PER_PAGE
    # Row, change, name, native name, organization, country, role, e-mail: as understood.
    assert rows[0] == [
        "2",
        "new",
        "王芳",
        "王芳",
        "General Administration of Customs of China",
        "China",
        "speaker",
        "wang.fang@customs.gov.cn",
    ]
    assert rows[1][:5] == ["3", "new", "Person 1", "", "Lao Customs Department"]
    assert f"All {total} rows to be written" in first
    assert 'href="?page=2"' in first and 'href="?page=3"' in first

    # Paging reads the stored plan: the upload is not needed again.
    last = browser.get(preview, {"page": 3}).content.decode()
    assert [row[0] for row in table_rows(last)] == [str(n) for n in range(2 + ROWS_PER_PAGE * 2, total + 2)]
    assert len(table_rows(browser.get(preview, {"page": "nonsense"}).content.decode())) == ROWS_PER_PAGE

    chinese = browser.get(preview, headers=ZH).content.decode()
    assert table_rows(chinese)[0][4:7] == ["中华人民共和国海关总署", "中国", "发言人"]


def test_the_stored_rows_grow_linearly(browser, symposium, organizations):
    """What the preview keeps per row does not depend on the number of rows."""
    sizes = []
    for count in (100, 1000):
        upload(browser, symposium, csv_bytes(EN_HEADERS, many_rows(count)))
        record = ImportRecord.objects.order_by("-pk").first()
        sizes.append(len(json.dumps(record.sample)) / count)
    assert sizes[1] < sizes[0] * 1.1


def test_an_update_says_what_it_changes(browser, symposium, organizations):
    Attendee.objects.create(
        symposium=symposium, name="Nguyen Van An", email="an.nguyen@customs.gov.vn", position="Officer"
    )
    preview = upload(browser, symposium, csv_bytes(EN_HEADERS, ROWS))
    rows = table_rows(browser.get(preview).content.decode())
    assert rows[0][:3] == [
        "2",
        "updated (native name, gender, position, organization, country)",
        "Nguyen Van An",
    ]
    assert table_rows(browser.get(preview, headers=ZH).content.decode())[0][1] == (
        "更新（本国文字姓名、性别、职务、机构、国家）"
    )


def test_import_the_valid_rows_of_a_file_with_rejected_rows(browser, symposium, organizations):
    rows = [r[:] for r in ROWS]
    rows[1][5] = "Atlantis"
    preview = upload(browser, symposium, csv_bytes(EN_HEADERS, rows))
    page = browser.get(preview).content.decode()
    assert "Import the 2 valid rows" in page and "Confirm the import" not in page
    assert "Upload another or a corrected file" in page
    assert [row[0] for row in table_rows(page)] == ["2", "4"]
    assert table_rows(page, "import-problems")[0][0] == "3"  # the rejected row, with its reason
    assert "Country “Atlantis” is not recognized" in page

    # A POST without the form's CSRF token writes nothing; a plain confirmation neither.
    assert browser.post(preview, {"import_valid": "1"}).status_code == 403
    browser.post(preview, {"confirm": "1", "csrfmiddlewaretoken": csrf_token(page)})
    assert Attendee.objects.count() == 0

    response = browser.post(preview, {"import_valid": "1", "csrfmiddlewaretoken": csrf_token(page)})
    assert response.status_code == 302
    assert sorted(Attendee.objects.values_list("name", flat=True)) == ["Nguyen Van An", "王芳"]
    record = ImportRecord.objects.get()
    assert record.status == "imported" and record.options["only_valid"] is True
    assert record.pending_data is None and record.sample == []  # no personal data kept once done


def test_the_valid_rows_button_in_chinese(browser, symposium, organizations):
    rows = [r[:] for r in ROWS]
    rows[1][5] = "Atlantis"
    preview = upload(browser, symposium, csv_bytes(EN_HEADERS, rows))
    page = browser.get(preview, headers=ZH).content.decode()
    assert 'value="导入2条有效行"' in page
    assert "文件：<strong>list.csv</strong>" in page
    assert "文件: " not in page and "： " not in page


def test_created_organizations_are_named_in_the_language_they_were_written_in(
    browser, symposium, organizations
):
    rows = [
        ["陈明", "", "", "", "宁波海关", "中国", "chen.ming@customs.gov.cn", ""],
        ["Jane Smith", "", "", "", "Australian Embassy", "Australia", "jane@embassy.au", ""],
        ["李华", "", "", "", "宁波海关", "", "li.hua@customs.gov.cn", ""],
    ]
    preview = upload(browser, symposium, csv_bytes(EN_HEADERS, rows), create_organizations="on")
    page = browser.get(preview).content.decode()
    created = re.search(r'<ul id="import-new-organizations">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", created) == ["Australian Embassy", "宁波海关"]
    assert [row[4] for row in table_rows(page)] == [
        "宁波海关 (will be created)",
        "Australian Embassy (will be created)",
        "宁波海关 (will be created)",
    ]
    assert "宁波海关（将新建）" in browser.get(preview, headers=ZH).content.decode()

    browser.post(preview, {"confirm": "1", "csrfmiddlewaretoken": csrf_token(page)})
    ningbo = Organization.objects.get(name_zh_hans="宁波海关")
    embassy = Organization.objects.get(name_en="Australian Embassy")
    assert not ningbo.name_en and not embassy.name_zh_hans
    assert [(p.field, p.language, p.kind) for p in problems_of(ningbo)] == [("name", "en", MISSING)]
    assert [(p.field, p.language, p.kind) for p in problems_of(embassy)] == [("name", "zh-hans", MISSING)]
    assert Attendee.objects.filter(organization=ningbo).count() == 2


def test_public_pages_name_an_organization_that_has_only_one_language(client, db):
    f.SiteSettingsFactory()
    symposium = f.SymposiumFactory(slug="2008-ningbo")
    ningbo = f.OrganizationFactory(name_en=None, name_zh_hans="宁波海关", country="CN")
    embassy = f.OrganizationFactory(name_en="Australian Embassy", name_zh_hans=None, country="AU")
    f.AttendeeFactory(symposium=symposium, organization=ningbo, country="CN")
    f.AttendeeFactory(symposium=symposium, organization=embassy, country="AU")
    expected = {
        "en": ["Australian Embassy (Australia)", "宁波海关 (China)"],  # no English name yet: the Chinese one
        "zh-hans": ["Australian Embassy（澳大利亚）", "宁波海关（中国）"],  # and the other way round
    }
    for language, names in expected.items():
        body = client.get(f"/{language}/symposia/2008-ningbo/").content.decode()
        cells = re.findall(r'<tr><th scope="row">(.*?)</th><td class="num">1</td></tr>', body, re.S)
        assert sorted(cell.strip() for cell in cells if "(" in cell or "（" in cell) == names


def test_import_records_show_their_options_in_words(client, registrar, symposium, organizations):
    record = ImportRecord.objects.create(
        symposium=symposium,
        user=registrar,
        status="imported",
        options={
            "format": "auto",
            "encoding": "gb18030",
            "only_valid": True,
            "create_organizations": False,
            "sheet": "",
            "layout": {"sheet": "名单", "other_sheets": ["说明"], "header_row": 3, "hidden_rows": 2},
        },
    )
    client.force_login(registrar)
    url = f"/admin/symposia/importrecord/{record.pk}/change/"
    english = client.get(url).content.decode()
    assert "<li>Text encoding: GB18030 / GBK (Chinese Excel)</li>" in english
    assert "<li>Import only the valid rows: Yes</li>" in english
    assert "<li>Create missing organizations: No</li>" in english
    assert '"only_valid"' not in english
    assert "<li>Sheet read: “名单”. Other sheets, not read: “说明”.</li>" in english
    assert "<li>Header row: row 3; the rows above it (a title or notes) were not read.</li>" in english
    assert "<li>2 hidden rows were read.</li>" in english
    assert "layout:" not in english and "other_sheets" not in english and "Sheet:" not in english
    chinese = client.get(url, headers=ZH).content.decode()
    assert "<li>仅导入有效行：是</li>" in chinese
    assert "<li>格式：自动识别</li>" in chinese


def test_attendee_admin_chinese_and_country_filter(client, registrar, symposium):
    for name, country in (("阮文安", "VN"), ("王芳", "CN"), ("张伟", "CN")):
        Attendee.objects.create(symposium=symposium, name=name, country=country, role="speaker")
    client.force_login(registrar)
    page = client.get("/admin/symposia/attendee/", headers=ZH).content.decode()
    assert "发言人" in page and "演讲人" not in page
    assert re.search(r'<th scope="col" class="sortable column-name[^"]*">.*?姓名', page, re.S)
    filter_links = re.findall(r'href="\?country=([A-Z]{2})"', page)
    assert sorted(filter_links) == ["CN", "VN"]
    with translation.override("zh-hans"):
        assert str(Attendee._meta.get_field("name").verbose_name) == "姓名"
        assert str(Organization._meta.get_field("name").verbose_name) == "名称"


def test_rows_as_read_are_kept_only_for_a_pending_preview(symposium, organizations):
    """The command line keeps no rows in its records, even for a dry run;
    a preview keeps them until it is confirmed or cancelled."""
    record = import_attendees(symposium=symposium, data=csv_bytes(EN_HEADERS, ROWS), dry_run=True)
    assert record.status == "checked" and record.new_count == 3 and record.sample == []
    record = preview_import(
        symposium=symposium, data=csv_bytes(EN_HEADERS, ROWS), filename="a.csv", user=None
    )
    assert record.status == "pending" and [row["row"] for row in record.sample] == [2, 3, 4]
    confirm_import(record=record)
    record.refresh_from_db()
    assert record.status == "imported" and record.sample == []


def test_a_preview_saved_by_the_previous_release_still_shows(client, registrar, symposium):
    """Previews pending across a deploy kept ten rows without role, changed
    fields or the "to be created" flag: they show, never a 500."""
    record = ImportRecord.objects.create(symposium=symposium, user=registrar, status="pending", new_count=1)
    record.sample = [
        {
            "row": 2,
            "action": "update",
            "name": "王芳",
            "native_name": "",
            "organization": ["General Administration of Customs of China", "中华人民共和国海关总署"],
            "country": "CN",
            "email": "",
        }
    ]
    record.save()
    client.force_login(registrar)
    page = client.get(f"{IMPORT_URL}{record.pk}/").content.decode()
    assert table_rows(page)[0][:5] == [
        "2",
        "updated",
        "王芳",
        "",
        "General Administration of Customs of China",
    ]


def test_the_organization_list_filters_by_each_country_once(client, django_user_model):
    for slug, country in (("vn-customs", "VN"), ("cn-customs", "CN"), ("cn-ningbo", "CN")):
        Organization.objects.create(name=slug, name_en=slug, slug=slug, country=country)
    client.force_login(django_user_model.objects.create_superuser("chief", password="x"))
    page = client.get("/admin/symposia/organization/").content.decode()
    assert sorted(re.findall(r'href="\?country=([A-Z]{2})"', page)) == ["CN", "VN"]


def test_a_file_with_no_valid_row_asks_only_for_a_corrected_file(browser, symposium, organizations):
    rows = [r[:] for r in ROWS]
    for row in rows:
        row[5] = "Atlantis"
    preview = upload(browser, symposium, csv_bytes(EN_HEADERS, rows))
    page = browser.get(preview).content.decode()
    assert (
        f"Nothing was written because {len(rows)} rows were rejected. Fix them and import the file again."
        in page
    )
    assert "import only the valid rows" not in page and "valid rows" not in page.split("import-problems")[0]
    chinese = browser.get(preview, headers=ZH).content.decode()
    assert "仅导入有效行" not in chinese and "有效行" not in chinese.split("import-problems")[0]
