"""Hostile attendee files, built byte by byte as an attacker would write them.

Each builder returns the bytes of a small file that claims or expands to far
more than it holds: a spreadsheet whose two cells sit at opposite corners of
the grid, an ODS whose rows and cells repeat a million times, a flood of
identical rows, JSON nested 100,000 deep, text in two encodings at once. The
tests (tests/test_import_hostile.py) and the benchmark
(bench/import_attendees.py) read the same files.
"""

import io
import json
import zipfile
from xml.sax.saxutils import escape, quoteattr

HEADERS = ["Name", "Native name", "Organization", "Country", "Email"]
PEOPLE = [
    ["Nguyen Van An", "Nguyễn Văn An", "", "Viet Nam", "an.nguyen@customs.gov.vn"],
    ["Zhang San", "张三", "", "中国", "zhang.san@customs.gov.cn"],
]

# --- XLSX ----------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def column_letters(index):
    """0 -> A, 25 -> Z, 16383 -> XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _inline_cell(ref, value):
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _sheet_xml(rows, *, dimension=None, extra_rows="", cols=""):
    """rows: {row number: [(column index, value), ...]}"""
    body = []
    for number in sorted(rows):
        cells = "".join(_inline_cell(f"{column_letters(col)}{number}", v) for col, v in rows[number])
        body.append(f'<row r="{number}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
        f"{dim}{cols}<sheetData>{''.join(body)}{extra_rows}</sheetData></worksheet>"
    )


def xlsx_archive(sheets, *, shared_strings=None):
    """A workbook of (name, sheet XML) pairs, with the parts Excel needs."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.sheet.main+xml"/>{overrides}</Types>'
    )
    package_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_list = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, (name, _xml) in enumerate(sheets, start=1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f"<sheets>{sheet_list}</sheets></workbook>"
    )
    relations = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("xl/workbook.xml", workbook)
        if shared_strings is not None:
            relations += f'<Relationship Id="rIdS" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">{relations}'
            "</Relationships>",
        )
        for i, (_name, xml) in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return buffer.getvalue()


def _list_rows(people=PEOPLE):
    rows = {1: list(enumerate(HEADERS))}
    for number, person in enumerate(people, start=2):
        rows[number] = [(col, value) for col, value in enumerate(person) if value]
    return rows


def plain_xlsx(people=PEOPLE):
    """The attendee list itself, nothing else: what the hostile files hide."""
    return xlsx_archive([("Attendees", _sheet_xml(_list_rows(people)))])


def sparse_xlsx(far_corner="XFD1048576"):
    """The list, plus one more value in a far corner: a reader that
    materialises the used range allocates every cell in between."""
    rows = _list_rows()
    letters = far_corner.rstrip("0123456789")
    number = int(far_corner[len(letters) :])
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    rows.setdefault(number, []).append((col - 1, "x"))
    return xlsx_archive([("Attendees", _sheet_xml(rows))])


def dimension_claim_xlsx():
    """The list, with a dimension element claiming the whole grid."""
    return xlsx_archive([("Attendees", _sheet_xml(_list_rows(), dimension="A1:XFD1048576"))])


def formatted_to_the_edge_xlsx():
    """As LibreOffice saves a list whose last row and last column were
    formatted: styled empty cells at the far edges, the declared range the
    whole grid, the real content a few cells."""
    last_row = (
        '<row r="1048576" s="1" customFormat="1"><c r="A1048576" s="1"/><c r="XFD1048576" s="1"/></row>'
    )
    rows = _list_rows()
    sheet = _sheet_xml(
        rows,
        dimension="A1:XFD1048576",
        cols='<cols><col min="1" max="16384" width="12" style="1" customWidth="1"/></cols>',
        extra_rows=last_row,
    )
    # The styled empty cell at the end of the header row, as LibreOffice writes it.
    sheet = sheet.replace("</row>", '<c r="XFD1" s="1"/></row>', 1)
    return xlsx_archive([("Attendees", sheet)])


def many_sheets_xlsx(count=5000):
    sheets = [("Attendees", _sheet_xml(_list_rows()))]
    sheets += [(f"S{i}", _sheet_xml({1: [(0, "x")]})) for i in range(2, count + 1)]
    return xlsx_archive(sheets)


def shared_strings_claim_xlsx(unique_count=2**40):
    """A shared-string table that claims a trillion entries: a reader that
    reserves room for them up front asks for terabytes."""
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{unique_count}" '
        f'uniqueCount="{unique_count}"><si><t>Name</t></si><si><t>Country</t></si></sst>'
    )
    sheet = _sheet_xml({})
    sheet = sheet.replace(
        "<sheetData></sheetData>",
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Zhang San</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>CN</t></is></c></row></sheetData>',
    )
    return xlsx_archive([("Attendees", sheet)], shared_strings=strings)


# --- ODS -----------------------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(value="", repeat=1):
    attrs = f' table:number-columns-repeated="{repeat}"' if repeat != 1 else ""
    if value == "":
        return f"<table:table-cell{attrs}/>"
    return (
        f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(value)}</text:p>'
        "</table:table-cell>"
    )


def ods_row(cells, repeat=1):
    attrs = f' table:number-rows-repeated="{repeat}"' if repeat != 1 else ""
    return f"<table:table-row{attrs}>{''.join(cells)}</table:table-row>"


def _list_table_rows(people=PEOPLE):
    return [ods_row([ods_cell(h) for h in HEADERS])] + [
        ods_row([ods_cell(v) for v in person]) for person in people
    ]


def ods_archive(tables):
    """A spreadsheet of (name, [row XML]) tables."""
    body = "".join(
        f"<table:table table:name={quoteattr(name)}>{''.join(rows)}</table:table>" for name, rows in tables
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def plain_ods(people=PEOPLE):
    return ods_archive([("Attendees", _list_table_rows(people))])


def ods_repeated_rows(repeat=1_048_000):
    """A million empty rows in one element, then a real cell: the reader
    fills in every row between."""
    rows = _list_table_rows()
    rows.append(ods_row([ods_cell(repeat=16_000)], repeat=repeat))
    rows.append(ods_row([ods_cell(repeat=16_000), ods_cell("x")]))
    return ods_archive([("Attendees", rows)])


def ods_repeated_columns(rows_repeat=6_000):
    """One text cell repeated across every column, that row repeated
    thousands of times: ~100 million cells from one element each."""
    rows = _list_table_rows()
    rows.append(ods_row([ods_cell("x", repeat=16_384)], repeat=rows_repeat))
    return ods_archive([("Attendees", rows)])


def formatted_to_the_edge_ods():
    """As LibreOffice saves a list with formatting to the last row and column:
    empty styled cells and rows repeated to the grid's edge."""
    rows = _list_table_rows()
    rows = [r.replace("</table:table-row>", f"{ods_cell(repeat=16_379)}</table:table-row>") for r in rows]
    rows.append(ods_row([ods_cell(repeat=16_384)], repeat=1_048_573))
    return ods_archive([("Attendees", rows)])


def many_sheets_ods(count=5000):
    tables = [("Attendees", _list_table_rows())]
    tables += [(f"S{i}", [ods_row([ods_cell("x")])]) for i in range(2, count + 1)]
    return ods_archive(tables)


# --- text and JSON -------------------------------------------------------


def csv_text(rows, headers=HEADERS):
    lines = [",".join(headers)] + [",".join(row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def identical_rows_csv(count=20_000):
    """One person, the same row ``count`` times."""
    return csv_text([PEOPLE[1]] * count).encode()


def plain_csv(people=PEOPLE):
    return csv_text(people).encode()


def nested_json(depth=100_000):
    return b"[" * depth + b"]" * depth


def huge_integer_json(digits=5_000):
    person = dict(zip(HEADERS, PEOPLE[1], strict=True))
    return ("[" + json.dumps(person, ensure_ascii=False)[:-1] + ', "Age": ' + "9" * digits + "}]").encode()


def utf8_with_one_gbk_row():
    """A UTF-8 list where one row was pasted from a GBK file."""
    head = csv_text([PEOPLE[0]]).encode()
    gbk_row = ",".join(["Li Si", "李四", "", "中国", "li.si@customs.gov.cn"]).encode("gbk") + b"\r\n"
    tail = ",".join(PEOPLE[1]).encode() + b"\r\n"
    return head + gbk_row + tail


def gbk_with_one_utf8_row():
    """A GBK list (Chinese Excel's "CSV") where one row was pasted from a UTF-8 file."""
    rows = [[name, native, "", "中国", ""] for name, native in (("Li Si", "李四"), ("Wang Wu", "王五"))]
    head = csv_text(rows).encode("gbk")
    return head + ",".join(PEOPLE[1]).encode() + b"\r\n"
