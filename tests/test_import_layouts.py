"""The sheets registrars actually send (issue 14): a title above the header,
the list on a later sheet, delegation cells merged down, flat ODS, names
whose letters were lost when saved as GBK, short organization names, hidden
rows. Each file is built here, as LibreOffice and Excel lay them out."""

import io
import tracemalloc

import openpyxl
import pytest
from django.utils import translation

from symposia.importing.errors import ReadError
from symposia.importing.readers import read_table
from symposia.importing.services import import_attendees, summary_lines
from symposia.models import Attendee, ImportRecord, Organization, Symposium
from tests import hostile_files
from tests.hostile_files import _ODS_NS, _sheet_xml, ods_archive, ods_cell, ods_row, xlsx_archive
from tests.test_import_admin import IMPORT_URL, pytestmark, registrar, upload  # noqa: F401 (urls, fixture)
from tests.test_import_command import run as run_command
from tests.test_import_support import symposium_fixture  # noqa: F401 (fixture)

HEADER = ["姓名", "本国文字姓名", "单位", "国家", "角色", "电子邮箱"]
TITLE = "第六届中国—东盟海关研讨会参会名单"
# Two delegations: organization, country and role typed once for each.
DELEGATIONS = [
    (
        "越南海关总局",
        "越南",
        "代表",
        [
            ("Nguyen Van An", "Nguyễn Văn An"),
            ("Tran Thi Binh", "Trần Thị Bình"),
            ("Le Van Cuong", "Lê Văn Cường"),
        ],
    ),
    ("海关总署", "中国", "专家", [("Wang Fang", "王芳"), ("Li Ming", "李明")]),
]
NAMES = [name for *_, people in DELEGATIONS for name, _native in people]
# Rows 4-6 and 7-8: 6 cells filled under the first delegation, 4 under the second.
FILLED = 2 * 3 + 1 * 3


@pytest.fixture(name="organizations")
def organizations_fixture(db):
    return [
        Organization.objects.create(
            name_en="General Department of Vietnam Customs",
            name_zh_hans="越南海关总局",
            slug="vietnam-customs",
            country="VN",
        ),
        Organization.objects.create(
            name_en="General Administration of Customs of the People's Republic of China",
            name_zh_hans="中华人民共和国海关总署",
            short_name_en="China Customs",
            short_name_zh_hans="中国海关",
            aliases="GACC\nGeneral Administration of Customs\n海关总署\n中国海关总署",
            slug="china-customs",
            country="CN",
        ),
    ]


def registrar_xlsx(*, hidden_row=8, hidden_column="B"):
    """Instructions on the first sheet; on the second, a merged title row, a
    blank row, the header on row 3, each delegation's organization, country
    and role merged down over its members; one row and one column hidden."""
    workbook = openpyxl.Workbook()
    instructions = workbook.active
    instructions.title = "填写说明"
    instructions["A1"] = "请在“名单”工作表中填写参会人员，每人一行。"
    sheet = workbook.create_sheet("名单")
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(HEADER)
    number = 4
    for org, country, role, people in DELEGATIONS:
        first = number
        for index, (name, native) in enumerate(people):
            email = f"{name.lower().replace(' ', '.')}@customs.example"
            sheet.append([name, native, *((org, country, role) if index == 0 else ("", "", "")), email])
            number += 1
        for column in "CDE":
            sheet.merge_cells(f"{column}{first}:{column}{number - 1}")
    if hidden_row:
        sheet.row_dimensions[hidden_row].hidden = True
    if hidden_column:
        sheet.column_dimensions[hidden_column].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ods_value(value, **spans):
    attrs = "".join(f' table:number-{kind}-spanned="{n}"' for kind, n in spans.items())
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{value}</text:p></table:table-cell>'


def registrar_tables():
    """The same list as LibreOffice writes it in content.xml: spans on the
    first cell of a merged range, covered cells under it, a hidden row and
    column, formatted empty cells repeated to the edge of each row."""
    columns = (
        '<table:table-column table:number-columns-repeated="1"/>'
        '<table:table-column table:visibility="collapse"/>'
        '<table:table-column table:number-columns-repeated="1022"/>'
    )
    rows = [
        ods_row(
            [_ods_value(TITLE, columns=6), '<table:covered-table-cell table:number-columns-repeated="5"/>']
            + [ods_cell("", 1018)]
        ),
        ods_row([ods_cell("", 1024)]),
        ods_row([ods_cell(h) for h in HEADER] + [ods_cell("", 1018)]),
    ]
    number = 4
    for org, country, role, people in DELEGATIONS:
        for index, (name, native) in enumerate(people):
            email = f"{name.lower().replace(' ', '.')}@customs.example"
            merged = (
                [_ods_value(v, rows=len(people)) for v in (org, country, role)]
                if index == 0
                else ['<table:covered-table-cell table:number-columns-repeated="3"/>']
            )
            cells = [ods_cell(name), ods_cell(native), *merged, ods_cell(email), ods_cell("", 1018)]
            row = ods_row(cells)
            if number == 8:
                row = row.replace("<table:table-row>", '<table:table-row table:visibility="collapse">')
            rows.append(row)
            number += 1
    rows.append(ods_row([ods_cell("", 1024)], repeat=1048000))
    return [
        ("填写说明", [ods_row([ods_cell("请在“名单”工作表中填写参会人员，每人一行。")])]),
        ("名单", [columns, *rows]),
    ]


def registrar_ods():
    return ods_archive(registrar_tables())


# What LibreOffice writes before the body of a flat ODS: meta data, view
# settings, fonts and styles, all in the one file.
FODS_PROLOGUE = (
    "<office:meta><meta:generator>LibreOffice/7.4.7.2$Linux_X86_64</meta:generator>"
    '<meta:document-statistic meta:table-count="2" meta:cell-count="40"/></office:meta>'
    '<office:settings><config:config-item-set config:name="ooo:view-settings">'
    '<config:config-item config:name="VisibleAreaTop" config:type="int">0</config:config-item>'
    "</config:config-item-set></office:settings>"
    '<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation '
    'Sans&apos;"/></office:font-face-decls>'
    '<office:styles><style:default-style style:family="table-cell"><style:paragraph-properties '
    'style:tab-stop-distance="1.25cm"/></style:default-style></office:styles>'
    '<office:automatic-styles><style:style style:name="ro1" style:family="table-row">'
    '<style:table-row-properties style:row-height="0.452cm"/></style:style></office:automatic-styles>'
)
FODS_NAMESPACES = (
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def registrar_fods():
    """The list saved by LibreOffice as a flat ODS: one XML document."""
    body = "".join(
        f'<table:table table:name="{name}" table:style-name="ta1">{"".join(rows)}</table:table>'
        for name, rows in registrar_tables()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n\n<office:document {_ODS_NS} {FODS_NAMESPACES} '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        f"{FODS_PROLOGUE}<office:body><office:spreadsheet>"
        '<table:calculation-settings table:automatic-find-labels="false"/>'
        f"{body}<table:named-expressions/></office:spreadsheet></office:body></office:document>"
    ).encode()


def run(path, *args, language=None):
    """The command's exit code and output for ``path`` into symposium 1; the
    language it chose does not outlast it."""
    extra = ["--language", language] if language else []
    try:
        return run_command(str(path), "--symposium", "1", *args, *extra)
    finally:
        translation.activate("en")


# --- a registrar's workbook, end to end ------------------------------------------


@pytest.mark.parametrize(
    ("builder", "name", "hidden_columns"),
    [(registrar_xlsx, "名单.xlsx", 1), (registrar_ods, "名单.ods", 1), (registrar_fods, "名单.fods", 1)],
)
def test_title_row_second_sheet_and_merged_delegations_import_as_meant(
    symposium, organizations, tmp_path, builder, name, hidden_columns
):
    path = tmp_path / name
    path.write_bytes(builder())
    code, out = run(path)
    assert code == 0, out
    assert "5 new, 0 updated, 0 unchanged, 0 rejected." in out
    assert "Sheet read: “名单”. Other sheets, not read: “填写说明”." in out
    assert "Header row: row 3; the rows above it (a title or notes) were not read." in out
    assert "1 hidden row was read." in out
    assert f"{hidden_columns} hidden column was read." in out
    assert f"{FILLED} empty cells under merged organization, country or role cells took their value." in out
    vietnam, china = organizations
    by_name = {a.name: a for a in Attendee.objects.all()}
    assert sorted(by_name) == sorted(NAMES)
    for person in ("Nguyen Van An", "Tran Thi Binh", "Le Van Cuong"):
        assert (by_name[person].organization, by_name[person].country, by_name[person].role) == (
            vietnam,
            "VN",
            "delegate",
        )
    for person in ("Wang Fang", "Li Ming"):  # "海关总署": an alias of the customs administration
        assert (by_name[person].organization, by_name[person].country, by_name[person].role) == (
            china,
            "CN",
            "expert",
        )
    assert by_name["Le Van Cuong"].native_name == "Lê Văn Cường"
    record = ImportRecord.objects.get()
    assert record.format == name.rsplit(".", 1)[1]
    assert record.options["layout"] == {
        "header_row": 3,
        "sheet": "名单",
        "other_sheets": ["填写说明"],
        "hidden_rows": 1,
        "hidden_columns": hidden_columns,
        "filled": FILLED,
    }
    # Again: nothing to change, and the date is followed by one full stop.
    code, out = run(path)
    assert code == 0 and "Nothing to change" in out
    already = next(line for line in out.splitlines() if "already imported" in line)
    assert already.endswith(").") and ".." not in already


def test_the_admin_preview_names_the_sheet_header_row_and_hidden_rows(
    client,
    registrar,  # noqa: F811 (the fixture)
    symposium,
    organizations,
):
    response = upload(client, symposium, registrar_xlsx(), "名单.xlsx")
    page = client.get(response["Location"]).content.decode()
    assert "Sheet read: “名单”. Other sheets, not read: “填写说明”." in page
    assert "Header row: row 3; the rows above it (a title or notes) were not read." in page
    assert "1 hidden row was read." in page
    # The rows as read show the filled values: the second member of each delegation has its organization.
    assert page.count("General Department of Vietnam Customs") >= 3
    assert ImportRecord.objects.get().status == ImportRecord.Status.PENDING
    with translation.override("zh-hans"):
        lines = summary_lines(ImportRecord.objects.get())
    assert "已读取工作表：“名单”。未读取的其他工作表：“填写说明”。" in lines
    assert "表头行：第3行；其上方各行（标题或说明）未读取。" in lines


def test_the_admin_form_chooses_the_sheet(client, registrar, symposium, organizations):  # noqa: F811
    response = upload(client, symposium, registrar_xlsx(), "名单.xlsx", sheet="1")
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "None of the first 10 rows of the sheets read (“填写说明”) is a header row" in page


# --- choosing the sheet -----------------------------------------------------------


def test_sheet_by_name_or_number_on_the_command_line(symposium, organizations, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(registrar_xlsx())
    code, out = run(path, "--sheet", "2", "--dry-run")
    assert code == 0 and "5 new" in out and "Sheet read: “名单”" in out
    code, out = run(path, "--sheet", "名单", "--dry-run")
    assert code == 0 and "5 new" in out
    code, out = run(path, "--sheet", "填写说明")
    assert code == 2
    assert "None of the first 10 rows of the sheets read (“填写说明”) is a header row" in out
    code, out = run(path, "--sheet", "Attendees")
    assert code == 2
    assert "The workbook has no sheet “Attendees”. Its sheets: “填写说明”, “名单”." in out
    code, out = run(path, "--sheet", "Attendees", language="zh-hans")
    assert code == 2 and "该工作簿中没有工作表“Attendees”" in out
    assert Attendee.objects.count() == 0
    assert ImportRecord.objects.filter(status=ImportRecord.Status.FAILED).count() == 3


def test_a_sheet_chosen_for_a_text_file_is_refused(symposium, organizations, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Country\nZhang San,CN\n", encoding="utf-8")
    code, out = run(path, "--sheet", "2")
    assert code == 2 and "You chose sheet “2”, but the file is CSV, which has no sheets." in out


def test_several_sheets_with_a_header_row_the_first_is_read():
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "2024"
    first.append(["Name", "Country"])
    first.append(["Zhang San", "CN"])
    second = workbook.create_sheet("2025")
    second.append(["Name", "Country"])
    second.append(["Li Si", "CN"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue())
    assert (table.sheet, table.rows) == ("2024", [(2, ["Zhang San", "CN"])])
    assert table.layout()["other_sheets"] == ["2025"]


def test_no_sheet_with_a_header_row_names_the_sheets_and_the_closest_row(symposium, organizations, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active["A1"] = "见下一页"
    sheet = workbook.create_sheet("名单")
    sheet.append([TITLE])
    sheet.append(["姓名", "职务", "电子邮箱"])  # no organization or country column
    sheet.append(["Zhang San", "处长", "zhang@customs.example"])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    code, out = run(path)
    assert code == 2
    assert "The file needs a column for the organization or for the country." in out
    assert "Row 2 of sheet “名单” was taken as the header row" in out
    record = ImportRecord.objects.get()
    assert [p["code"] for p in record.problems] == ["missing_org_or_country", "header_taken_sheet"]
    empty = openpyxl.Workbook()
    empty.active["A1"] = "nothing here"
    empty.create_sheet("B")["B2"] = "nor here"
    empty.save(path)
    code, out = run(path)
    assert code == 2
    assert "None of the first 10 rows of the sheets read (“Sheet”, “B”) is a header row" in out


# --- header rows in text files ------------------------------------------------------


def test_title_and_note_rows_above_a_csv_header_are_skipped(symposium, organizations, tmp_path):
    text = (
        f"{TITLE},,\n2026年11月30日更新,,\n,,\n"
        "姓名,单位,国家\n王芳,海关总署,中国\nNguyen Van An,越南海关总局,越南\n"
    )
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode("gb18030"))
    code, out = run(path)
    assert code == 0, out
    assert "Header row: row 4; the rows above it (a title or notes) were not read." in out
    assert Attendee.objects.get(name="王芳").organization == organizations[1]


def test_a_plain_file_says_its_header_is_row_one(symposium, organizations, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Country\nZhang San,CN\n", encoding="utf-8")
    code, out = run(path)
    assert code == 0 and "Header row: row 1." in out and "Sheet read" not in out


def test_no_header_in_the_first_rows_says_where_it_looked(symposium, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "".join(f"note {i},x\n" for i in range(12)) + "Name,Country\nZhang San,CN\n", encoding="utf-8"
    )
    code, out = run(path)
    assert code == 2 and "None of the first 10 rows of the file is a header row" in out


# --- merged cells, bounded --------------------------------------------------------------


def _merged_xlsx(merges, rows=3):
    cells = {1: [(0, "Name"), (1, "Organization"), (2, "Country")]}
    cells[2] = [(0, "Zhang San"), (1, "海关总署"), (2, "CN")]
    for number in range(3, rows + 2):
        cells[number] = [(0, f"Person {number}")]
    merge_xml = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    sheet = _sheet_xml(cells).replace(
        "</sheetData>", f'</sheetData><mergeCells count="{len(merges)}">{merge_xml}</mergeCells>'
    )
    return xlsx_archive([("Attendees", sheet)])


def test_a_merged_range_to_the_last_row_fills_only_the_rows_there_are():
    data = _merged_xlsx(["B2:B1048576", "C2:C1048576"], rows=3)
    tracemalloc.start()
    try:
        table = read_table(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [cells[1:] for _number, cells in table.rows] == [["海关总署", "CN"]] * 3
    assert table.filled == 4
    assert peak < 5 * 1024 * 1024, f"{peak:,} bytes"


def test_an_ods_span_to_the_last_row_fills_only_the_rows_there_are():
    rows = [
        ods_row([ods_cell("Name"), ods_cell("Organization")]),
        ods_row([ods_cell("Zhang San"), _ods_value("海关总署", rows=1_048_575)]),
        *(ods_row([ods_cell(f"Person {n}"), "<table:covered-table-cell/>"]) for n in range(3, 6)),
    ]
    tracemalloc.start()
    try:
        table = read_table(ods_archive([("Attendees", rows)]))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [cells for _number, cells in table.rows][-1] == ["Person 5", "海关总署"]
    assert table.filled == 3
    assert peak < 5 * 1024 * 1024, f"{peak:,} bytes"


def test_too_many_merged_ranges_are_refused_with_a_message():
    merges = [f"D{n}:E{n}" for n in range(1, 20_002)]
    with pytest.raises(ReadError) as excinfo:
        read_table(_merged_xlsx(merges))
    assert excinfo.value.code == "too_many_merged"
    assert "more than 20,000 merged ranges" in str(excinfo.value)


def test_a_merged_name_column_is_not_filled():
    """Only organization, country and role apply to a delegation; a name is a person's own."""
    table = read_table(_merged_xlsx(["A2:A4"], rows=3))
    assert [cells[:2] for _number, cells in table.rows] == [
        ["Zhang San", "海关总署"],
        ["Person 3", ""],
        ["Person 4", ""],
    ]
    assert table.filled == 0


def test_the_hostile_files_stay_refused():
    with pytest.raises(ReadError) as excinfo:
        read_table(hostile_files.sparse_xlsx())
    assert excinfo.value.code == "sheet_too_large"
    with pytest.raises(ReadError) as excinfo:
        read_table(hostile_files.ods_repeated_columns())
    assert excinfo.value.code == "sheet_too_large"


# --- formats ----------------------------------------------------------------------------


def test_other_xml_is_refused_naming_the_formats(symposium, tmp_path):
    path = tmp_path / "list.xml"
    path.write_text(
        '<?xml version="1.0"?><Workbook><Row><Cell>Name</Cell></Row></Workbook>', encoding="utf-8"
    )
    code, out = run(path)
    assert code == 2
    assert "The file is XML; read as a flat ODS spreadsheet (.fods), it is not one." in out


def test_a_damaged_spreadsheet_says_what_it_was_read_as(symposium, tmp_path):
    data = bytearray(registrar_xlsx())
    path = tmp_path / "list.xlsx"
    cut = data.find(b"xl/worksheets/sheet2.xml")
    path.write_bytes(bytes(data[: cut + 200]) + bytes(data[-22:]))
    code, out = run(path)
    assert code == 2 and "starts like a zip archive, as XLSX and ODS spreadsheets do" in out
    damaged = registrar_fods().replace(b"</office:spreadsheet>", b"")
    path = tmp_path / "list.fods"
    path.write_bytes(damaged)
    code, out = run(path)
    assert code == 2 and "The file was read as flat ODS (.fods)" in out


# --- characters lost on saving as GBK -----------------------------------------------------


def _gbk_csv(rows):
    text = "Name,Native name,Organization,Country,Email\r\n" + "".join(",".join(r) + "\r\n" for r in rows)
    return text.encode("gbk", errors="replace")


def test_names_that_lost_letters_are_rejected_with_advice(symposium, organizations, tmp_path):
    correct = Attendee.objects.create(
        symposium=symposium, name="Nguyễn Văn An", organization=organizations[0], email="an@customs.example"
    )
    rows = [
        ["Nguyễn Văn An", "", "越南海关总局", "VN", "an@customs.example"],
        ["Somchai", "ສົມໃຈ", "Lao Customs", "LA", "somchai@customs.example"],
        ["王芳", "王芳", "海关总署", "CN", "wang@customs.example"],
        ["Who? Nobody", "", "", "CN", "who@customs.example"],
    ]
    data = _gbk_csv(rows)
    assert b"Nguy?n V?n An" in data and b"????" in data
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    code, out = run(path, "--create-organizations")
    assert code == 1
    assert (
        "Row 2, column “Name”: “Nguy?n V?n An”: characters probably lost when the file was saved in an "
        "encoding that cannot hold them" in out
    )
    assert "Save the list as UTF-8 (“CSV UTF-8”) or XLSX and import it again." in out
    assert "Row 3, column “Native name”: “?????”" in out  # ສົມໃຈ, five letters
    assert "Row 5" not in out  # a question mark between words is not a lost letter
    assert "2 rows rejected" in out
    correct.refresh_from_db()
    assert correct.name == "Nguyễn Văn An"  # never overwritten by the damaged name
    # With only the valid rows, the damaged ones are still left out; the advice is in the staff's language.
    code, out = run(path, "--only-valid", "--create-organizations", language="zh-hans")
    assert code == 0
    assert "文件保存时所用的编码无法容纳部分字符" in out and "请将名单另存为 UTF-8 编码" in out
    correct.refresh_from_db()
    assert correct.name == "Nguyễn Văn An"
    assert set(Attendee.objects.values_list("name", flat=True)) == {"Nguyễn Văn An", "王芳", "Who? Nobody"}


# A Vietnamese name, a Lao native name and a Vietnamese organization's name, as GBK leaves them.
DAMAGED = [
    ["Nguyễn Văn An", "", "越南海关总局", "VN", "an@customs.example"],
    ["Somchai", "ສົມໃຈ", "Tổng cục Hải quan", "VN", "somchai@customs.example"],
]


def test_the_command_imports_question_marks_as_written_only_when_told(symposium, organizations, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(_gbk_csv(DAMAGED))
    code, out = run(path, "--create-organizations")
    assert code == 1 and "2 rows rejected" in out
    assert "Row 3, column “Organization”: “T?ng c?c H?i quan”: characters probably lost" in out
    # The rejection names the way past it.
    assert (
        "If the “?” really is written in the name, import it with “Accept names with ‘?’ as written” "
        "ticked (on the command line: --accept-question-marks)." in out
    )
    assert not Attendee.objects.exists() and Organization.objects.count() == 2
    assert ImportRecord.objects.get().options["accept_question_marks"] is False
    code, out = run(path, "--create-organizations", language="zh-hans")
    assert code == 1 and "请勾选“按原样接受含‘?’的姓名”再导入（命令行使用 --accept-question-marks）" in out
    assert not Attendee.objects.exists()

    code, out = run(path, "--create-organizations", "--accept-question-marks")
    assert code == 0, out
    assert "characters probably lost" not in out
    assert sorted(Attendee.objects.values_list("name", "native_name", "organization__name_en")) == [
        ("Nguy?n V?n An", "", "General Department of Vietnam Customs"),
        ("Somchai", "?????", "T?ng c?c H?i quan"),
    ]
    assert ImportRecord.objects.latest("pk").options["accept_question_marks"] is True


# --- organization aliases -----------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["海关总署", "GACC", "gacc", "ＧＡＣＣ", "中国海关总署", " general administration of customs "]
)
def test_aliases_match_the_organization_in_either_language_and_any_case_or_width(
    symposium, organizations, written
):
    record = import_attendees(
        symposium=symposium, data=f"Name,Organization\nZhang San,{written}\n".encode(), filename="a.csv"
    )
    assert record.status == ImportRecord.Status.IMPORTED, record.problems
    assert Attendee.objects.get().organization == organizations[1]


def test_an_alias_two_organizations_share_is_ambiguous(symposium, organizations):
    organizations[0].aliases = "GACC"
    organizations[0].save()
    record = import_attendees(
        symposium=symposium, data=b"Name,Organization\nZhang San,GACC\n", filename="a.csv"
    )
    assert record.problems[0]["code"] == "ambiguous_organization"


def test_the_seed_gives_the_customs_short_forms(seed):
    symposium = Symposium.objects.get(ordinal=1)
    china = Organization.objects.get(
        name_en="General Administration of Customs of the People's Republic of China"
    )
    rows = "".join(
        f"Person {i},{name}\n" for i, name in enumerate(["海关总署", "GACC", "China Customs", "中国海关"])
    )
    record = import_attendees(
        symposium=symposium, data=f"Name,Organization\n{rows}".encode(), filename="a.csv"
    )
    assert record.status == ImportRecord.Status.IMPORTED, record.problems
    assert set(Attendee.objects.values_list("organization", flat=True)) == {china.pk}


def test_the_admin_preview_stops_lost_letters_with_advice_in_the_staffs_language(
    client,
    registrar,  # noqa: F811 (the fixture)
    symposium,
    organizations,
):
    data = _gbk_csv([["Nguyễn Văn An", "", "越南海关总局", "VN", "an@customs.example"]])
    response = upload(client, symposium, data, "list.csv")
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.REJECTED and record.pending_data is None
    page = client.get(response["Location"], headers={"accept-language": "zh-hans"}).content.decode()
    assert "“Nguy?n V?n An”：文件保存时所用的编码无法容纳部分字符" in page
    assert "请将名单另存为 UTF-8 编码（“CSV UTF-8”）或 XLSX 格式后重新导入。" in page
    assert "Confirm the import" not in page and "确认导入" not in page


def test_the_admin_imports_question_marks_as_written_when_the_registrar_ticks_the_option(
    client,
    registrar,  # noqa: F811 (the fixture)
    symposium,
    organizations,
):
    page = client.get(IMPORT_URL, headers={"accept-language": "zh-hans"}).content.decode()
    assert "按原样接受含“?”的姓名" in page and "请改存为 UTF-8 编码的 CSV 或 XLSX 文件" in page
    data = _gbk_csv(DAMAGED)
    ticked = {"create_organizations": "on", "accept_question_marks": "on"}
    response = upload(client, symposium, data, "list.csv", **ticked)
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.PENDING and record.rejected_count == 0, record.problems
    assert record.options["accept_question_marks"] is True
    # The preview shows the names as read, so the registrar sees the "?".
    preview = client.get(response["Location"]).content.decode()
    assert "Nguy?n V?n An" in preview and "?????" in preview
    assert "T?ng c?c H?i quan (will be created)" in preview
    assert not Attendee.objects.exists()
    # The confirmation re-plans from the stored upload with the stored option.
    client.post(response["Location"], {"confirm": "1"})
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.IMPORTED
    assert sorted(Attendee.objects.values_list("name", "native_name")) == [
        ("Nguy?n V?n An", ""),
        ("Somchai", "?????"),
    ]
    url = f"/admin/symposia/importrecord/{record.pk}/change/"
    chinese = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "<li>按原样接受含“?”的姓名：是</li>" in chinese
    assert "<li>Accept names with “?” as written: Yes</li>" in client.get(url).content.decode()
