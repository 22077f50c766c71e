"""A registrar imports attendee lists in a real browser (Debian's chromium via
Playwright): a Chinese-Excel CSV with a rejected row, fixed and confirmed;
then an English XLSX for the same symposium; a re-import that changes
nothing; and an export."""

import csv
import io
import os
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from symposia.models import Attendee, ImportRecord, Organization
from tests import factories as f
from tests.test_import_support import FULL_WIDTH_ROW

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")
PASSWORD = "a-long-test-password"
# The permissions of the Registrars group (briefing/migrations/0004_roles.py);
# given directly, because live_server's database is flushed between tests.
REGISTRAR = ["add_attendee", "change_attendee", "delete_attendee", "view_attendee", "view_importrecord"]
REGISTRAR += ["view_organization"]

ZH_HEADERS = ["姓名", "本国文字姓名", "性别", "职务", "单位", "国家/地区", "电子邮箱", "角色"]
ZH_ROWS = [
    ["阮文安", "Nguyễn Văn An", "男", "副司长", "越南海关总局", "越南", "an.nguyen@customs.gov.vn", "代表"],
    ["宋猜", "ສົມໃຈ", "男", "官员", "老挝海关厅", "老挝", "somchai@customs.gov.la", "观察员"],
    ["王芳", "", "女", "处长", "中华人民共和国海关总署", "火星", "", "发言人"],
]
EN_HEADERS = ["Full name", "Native name", "Sex", "Job title", "Agency", "Country/Region", "E-mail", "Role"]
EN_ROWS = [
    [
        "Nguyen Van An",
        "Nguyễn Văn An",
        "M",
        "Deputy Director General",
        "General Department of Vietnam Customs",
        "Viet Nam",
        "AN.NGUYEN@customs.gov.vn",
        "delegate",
    ],
    ["Siti Rahmah", "", "F", "Senior Officer", "", "Malaysia", "siti.rahmah@customs.gov.my", "expert"],
]


def chinese_excel_csv(rows):
    """As Chinese Excel saves "CSV (comma delimited)": GB18030, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ZH_HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("gb18030")


def english_xlsx(rows):
    workbook = openpyxl.Workbook()
    workbook.active.append(EN_HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _screenshot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    if SCREENSHOTS:  # `make screenshots` refreshes the README's pictures
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def _language(page, live_server, code):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}])


def _upload(page, symposium, name, data, mime):
    page.select_option("#id_symposium", str(symposium.pk))
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.locator("input[type=submit].default").click()
    page.wait_for_url(re.compile(r"/admin/symposia/attendee/import/\d+/$"))


def _organizations():
    for name_en, name_zh, short_zh, slug, country in [
        ("General Department of Vietnam Customs", "越南海关总局", "", "vietnam-customs", "VN"),
        ("Lao Customs Department", "老挝海关厅", "", "lao-customs", "LA"),
        (
            "General Administration of Customs of China",
            "中华人民共和国海关总署",
            "中国海关",
            "china-customs",
            "CN",
        ),
    ]:
        Organization.objects.create(
            name_en=name_en, name_zh_hans=name_zh, short_name_zh_hans=short_zh, slug=slug, country=country
        )


def _sign_in_as_registrar(page, live_server, language="zh-hans"):
    """A registrar (the Registrars group's permissions) signs in, the admin in `language`."""
    registrar = get_user_model().objects.create_user("registrar", password=PASSWORD, is_staff=True)
    registrar.user_permissions.set(Permission.objects.filter(codename__in=REGISTRAR))
    _language(page, live_server, language)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "registrar")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def _counts(page):
    return [
        int(page.locator(f"#import-counts .count-{kind}").inner_text())
        for kind in ("new", "updated", "unchanged", "rejected")
    ]


def test_registrar_imports_fixes_reimports_and_exports(page, live_server, artifacts):
    f.SiteSettingsFactory()
    symposium = f.SymposiumFactory(
        slug="2005-nanning", title_en="Symposium on Risk Management", title_zh_hans="风险管理研讨会"
    )
    _organizations()
    # The admin in Chinese, as the registrar's browser asks for it.
    _sign_in_as_registrar(page, live_server)
    page.goto(live_server.url + "/admin/symposia/attendee/")
    page.get_by_role("link", name="导入参会人员").click()
    page.wait_for_url(re.compile(r"/admin/symposia/attendee/import/$"))
    # The page says which headers it understands, in both languages.
    columns = page.locator("table", has=page.locator("th", has_text="可识别的表头")).inner_text()
    assert "姓名" in columns and "Full name" in columns and "工作单位" in columns

    # 1. A Chinese-Excel CSV with one row the import cannot take.
    _upload(page, symposium, "参会人员.csv", chinese_excel_csv(ZH_ROWS), "text/csv")
    assert _counts(page) == [2, 0, 0, 1]
    assert "gb18030" in page.locator("#content-main").inner_text()
    problem = page.locator("#import-problems tbody tr")
    assert problem.count() == 1
    cells = problem.locator("td").all_inner_texts()
    assert cells[:2] == ["4", "国家/地区"]  # the row number as the spreadsheet shows it
    assert "火星" in cells[2] and "无法识别" in cells[2]
    assert "未写入任何数据" in page.locator(".import-summary").inner_text()
    assert page.locator("input[name=confirm]").count() == 0  # all or nothing
    assert Attendee.objects.count() == 0

    # 2. The registrar fixes the row and uploads the file again, then confirms.
    page.get_by_role("link", name="上传其他文件或更正后的文件").click()
    assert page.locator("#id_symposium").input_value() == str(symposium.pk)
    fixed = [row[:] for row in ZH_ROWS]
    fixed[2][5] = "中国"
    _upload(page, symposium, "参会人员.csv", chinese_excel_csv(fixed), "text/csv")
    assert _counts(page) == [3, 0, 0, 0]
    assert page.locator("#import-problems").count() == 0
    page.locator("input[name=confirm]").click()
    page.wait_for_url(re.compile(rf"/admin/symposia/attendee/\?symposium__id__exact={symposium.pk}$"))
    listed = page.locator("#result_list").inner_text()
    assert "阮文安" in listed and "宋猜" in listed and "王芳" in listed
    assert "新增3条" in page.locator(".messagelist").inner_text()
    wang = Attendee.objects.get(name="王芳")
    assert (wang.country.code, wang.role, wang.gender) == ("CN", "speaker", "female")

    # 3. An English XLSX for the same symposium, the admin now in English.
    _language(page, live_server, "en")
    page.goto(live_server.url + f"/admin/symposia/attendee/import/?symposium={symposium.pk}")
    xlsx = english_xlsx(EN_ROWS)
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    _upload(page, symposium, "attendees.xlsx", xlsx, xlsx_type)
    assert _counts(page) == [1, 1, 0, 0]  # An is matched by his e-mail, whatever its case
    assert "Nothing is written until you confirm." in page.locator(".import-summary").inner_text()
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_url(re.compile(r"/admin/symposia/attendee/\?symposium__id__exact=\d+$"))
    assert "Siti Rahmah" in page.locator("#result_list").inner_text()
    assert Attendee.objects.filter(symposium=symposium).count() == 4
    an = Attendee.objects.get(email__iexact="an.nguyen@customs.gov.vn")
    assert (an.name, an.position) == ("Nguyen Van An", "Deputy Director General")

    # 4. The same file again: nothing to change, and the page says so.
    page.goto(live_server.url + f"/admin/symposia/attendee/import/?symposium={symposium.pk}")
    _upload(page, symposium, "attendees.xlsx", xlsx, xlsx_type)
    assert _counts(page) == [0, 0, 2, 0]
    summary = page.locator(".import-summary").inner_text()
    assert "Nothing to change" in summary
    assert "This file was already imported into this symposium" in summary
    assert page.locator("input[name=confirm]").count() == 0
    assert Attendee.objects.filter(symposium=symposium).count() == 4
    assert ImportRecord.objects.filter(status=ImportRecord.Status.IMPORTED).count() == 2

    # 5. Export the symposium's list as CSV (UTF-8 with a BOM, English headers).
    page.get_by_role("link", name="See the attendees").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    exported = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert exported[0][0] == "Name"
    assert sorted(row[0] for row in exported[1:]) == ["Nguyen Van An", "Siti Rahmah", "宋猜", "王芳"]


def test_registrar_pages_through_the_rows_and_imports_the_valid_ones(page, live_server, artifacts):
    """A Chinese-Excel CSV of 62 people, one with an unknown country: the
    preview lists every row to be written as read, a page at a time, and
    offers to import the valid rows of the same upload."""
    f.SiteSettingsFactory()
    symposium = f.SymposiumFactory(slug="2008-ningbo", title_zh_hans="海关稽查研讨会")
    _organizations()
    rows = [
        [f"老挝代表{i}", "", "男", "官员", "老挝海关厅", "老挝", f"delegate{i}@customs.gov.la", "代表"]
        for i in range(60)
    ]
    rows.append([*FULL_WIDTH_ROW[:1], "", *FULL_WIDTH_ROW[2:]])
    rows.append(["张伟", "", "男", "科长", "中国海关", "火星", "zhang.wei@customs.gov.cn", "代表"])

    _sign_in_as_registrar(page, live_server)
    page.goto(live_server.url + f"/admin/symposia/attendee/import/?symposium={symposium.pk}")
    _upload(page, symposium, "参会人员.csv", chinese_excel_csv(rows), "text/csv")
    assert _counts(page) == [61, 0, 0, 1]
    table = page.locator("#import-rows tbody tr")
    assert table.count() == 50
    assert table.first.locator("td").all_inner_texts()[:5] == ["2", "新增", "老挝代表0", "", "老挝海关厅"]

    page.get_by_role("link", name="下一页").click()
    page.wait_for_url(re.compile(r"\?page=2$"))
    assert table.count() == 11
    wang = table.last.locator("td").all_inner_texts()
    assert wang == [
        "62",
        "新增",
        "王芳",
        "",
        "中华人民共和国海关总署",
        "中国",
        "发言人",
        "wang.fang@customs.gov.cn",
    ]
    assert page.locator("#import-problems tbody tr").locator("td").first.inner_text() == "63"
    assert page.locator("input[name=confirm]").count() == 0
    _screenshot(page, artifacts, "import-preview")
    assert Attendee.objects.count() == 0

    page.get_by_role("button", name="导入61条有效行").click()
    page.wait_for_url(re.compile(rf"/admin/symposia/attendee/\?symposium__id__exact={symposium.pk}$"))
    assert "新增61条" in page.locator(".messagelist").inner_text()
    assert Attendee.objects.filter(symposium=symposium).count() == 61
    assert Attendee.objects.get(name="王芳").email == "wang.fang@customs.gov.cn"
    assert not Attendee.objects.filter(name="张伟").exists()


def test_hostile_files_are_refused_in_the_browser_and_the_server_keeps_serving(page, live_server, settings):
    """The 1.7 KB XLSX that used to abort the server's process, and a file
    past the size limit, in the Chinese admin: a sentence each, a record
    each, and the same server answers the next page."""
    from tests import hostile_files

    settings.ATTENDEE_IMPORT_MAX_BYTES = 50_000
    f.SiteSettingsFactory()
    symposium = f.SymposiumFactory(slug="2005-nanning", title_zh_hans="风险管理研讨会")
    _sign_in_as_registrar(page, live_server)

    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    page.goto(live_server.url + "/admin/symposia/attendee/import/")
    _upload(page, symposium, "名单.xlsx", hostile_files.sparse_xlsx(), xlsx_type)
    summary = page.locator(".import-summary").inner_text()
    assert "工作表“Attendees”的内容延伸到单元格XFD1048576" in summary
    assert page.locator("input[name=confirm]").count() == 0

    page.goto(live_server.url + "/admin/symposia/attendee/import/")
    _upload(page, symposium, "大名单.csv", b"Name,Country\r\n" + b"Zhang San,CN\r\n" * 20_000, "text/csv")
    assert "文件大于参会人员名单允许的上限48.8 KB，未读取。" in page.locator(".import-summary").inner_text()

    assert [r.file_name for r in ImportRecord.objects.order_by("pk")] == ["名单.xlsx", "大名单.csv"]
    assert set(ImportRecord.objects.values_list("status", flat=True)) == {"failed"}
    assert Attendee.objects.count() == 0
    assert page.goto(live_server.url + "/admin/symposia/attendee/").status == 200


def test_a_registrars_workbook_with_a_title_row_two_sheets_and_merged_delegations(
    page, live_server, artifacts
):
    """The list as registrars lay it out (tests/test_import_layouts.py builds it): instructions
    on sheet 1; on sheet 2 a merged title, a blank row, the header on row 3, each delegation's
    organization, country and role merged down; 海关总署 written for the customs administration
    (an alias). The Chinese preview names the sheet and header row and shows the filled values."""
    from tests.test_import_layouts import NAMES, registrar_xlsx

    f.SiteSettingsFactory()
    symposium = f.SymposiumFactory(slug="2008-ningbo", title_zh_hans="海关稽查研讨会")
    _organizations()
    Organization.objects.filter(slug="china-customs").update(aliases="海关总署\nGACC")
    _sign_in_as_registrar(page, live_server)
    page.goto(live_server.url + f"/admin/symposia/attendee/import/?symposium={symposium.pk}")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    _upload(page, symposium, "参会名单.xlsx", registrar_xlsx(), xlsx)
    assert _counts(page) == [5, 0, 0, 0]
    summary = page.locator(".messagelist").inner_text()
    assert "“名单”" in summary and "“填写说明”" in summary  # the sheet read, and the other one
    assert "第3行" in summary  # the header row, below the title
    # What was read is information, not a warning, when no row was rejected.
    assert page.locator(".import-summary li.warning").count() == 0
    assert page.locator(".import-summary li.info").count() >= 6
    rows = [row.locator("td").all_inner_texts() for row in page.locator("#import-rows tbody tr").all()]
    assert [row[2] for row in rows] == NAMES
    assert [row[4] for row in rows] == ["越南海关总局"] * 3 + ["中华人民共和国海关总署"] * 2  # merged, filled
    _screenshot(page, artifacts, "import-layouts")

    page.locator("input[name=confirm]").click()
    page.wait_for_url(re.compile(rf"/admin/symposia/attendee/\?symposium__id__exact={symposium.pk}$"))
    assert sorted(Attendee.objects.filter(symposium=symposium).values_list("name", flat=True)) == sorted(
        NAMES
    )
