"""Turn uploaded bytes into a header row and numbered data rows.

The format is decided by the content, not the file name: a spreadsheet is a
zip archive (checked against zip bombs before anything decompresses it), JSON
starts with a bracket, anything else must be text in an encoding we can
recognise (a flat ODS, the XML LibreOffice offers as .fods, is read as the
ODS it would be zipped). Spreadsheets are read with python-calamine, which
the benchmark in bench/import_attendees.py measures at many times the speed
of openpyxl.

Registrars' sheets are laid out for people: a title row and notes above the
header, instructions on the first sheet and the list on another, an
organization typed once and merged down over its delegation. The header row
is looked for in the first rows of each sheet (columns.find_header); the
first sheet that has one is read, unless a sheet is chosen; a value merged
down over rows fills the organization, country and role of every row it
covers. What was read (sheet, header row, hidden rows and columns, cells
filled) travels with the table to the import record.
"""

import codecs
import csv
import io
import itertools
import json
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from . import sheets
from .columns import FILLED_FROM_MERGED, HEADER_SEARCH_ROWS, find_header
from .errors import ReadError

FORMATS = ("csv", "tsv", "xlsx", "ods", "fods", "json")
SPREADSHEETS = ("xlsx", "ods", "fods")
FORMAT_LABELS = {"xlsx": "XLSX", "ods": "ODS", "fods": "flat ODS (.fods)"}
ENCODINGS = ("auto", "utf-8", "gb18030", "utf-16")

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 20_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass
class Table:
    format: str
    encoding: str
    headers: list
    # (row number as the registrar sees it in the file, list of cell strings)
    rows: list = field(default_factory=list)
    # The row the headers are on (None for JSON, whose keys are the headers).
    header_row: int = None
    # The sheet read, and every sheet of the workbook in order (spreadsheets only).
    sheet: str = ""
    sheets: list = field(default_factory=list)
    hidden_rows: int = 0
    hidden_columns: int = 0
    # Cells left empty under a merged organization, country or role, filled from it.
    filled: int = 0

    def layout(self):
        """What was read, as the import record keeps it."""
        return {
            "header_row": self.header_row,
            "sheet": self.sheet,
            "other_sheets": [name for name in self.sheets if name != self.sheet],
            "hidden_rows": self.hidden_rows,
            "hidden_columns": self.hidden_columns,
            "filled": self.filled,
        }


def setting(name, default):
    return getattr(settings, name, default)


def max_bytes():
    return setting("ATTENDEE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows():
    return setting("ATTENDEE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def check_size(size):
    limit = max_bytes()
    if size > limit:
        raise ReadError("file_too_large", size=megabytes(size), limit=megabytes(limit))
    if size == 0:
        raise ReadError("file_empty")


def megabytes(n):
    """A size as people read it ("10.0 MB", "100 bytes"), the same in both
    languages: it is stored in the record and shown later to anyone."""
    with translation.override("en"):
        return filesizeformat(n).replace("\xa0", " ")


def sniff_format(data, filename=""):
    """The format of ``data``, decided by its content; the file name only
    chooses between CSV and TSV when the content does not say."""
    head = data[:8]
    if head.startswith(ZIP_MAGIC):
        return _zip_format(data)
    if head.startswith(OLE_MAGIC):
        raise ReadError("old_excel")
    stripped = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"[", b"{")):
        return "json"
    if stripped.startswith((b"<?xml", b"<office:")):
        # The root element of a flat ODS names its type within its first bytes
        # (after the namespace declarations LibreOffice writes).
        if b"office:document" in data[:FLAT_ODS_HEAD] and ODS_MIMETYPE in data[:FLAT_ODS_HEAD]:
            return "fods"
        raise ReadError("xml_not_spreadsheet")
    return "tsv" if filename.lower().endswith((".tsv", ".tab")) else "csv"


FLAT_ODS_HEAD = 16 * 1024


def _zip_format(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError("bad_zip") from exc
    if "mimetype" in names and _start_of(archive, "mimetype").strip() == ODS_MIMETYPE:
        return "ods"
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    raise ReadError("unknown_zip")


def _start_of(archive, name):
    """The first bytes of a member: never unpack more before the bomb check."""
    try:
        with archive.open(name) as member:
            return member.read(len(ODS_MIMETYPE) + 8)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReadError("bad_zip") from exc


# --- text ---------------------------------------------------------------


def detect_encoding(data, fmt="csv"):
    """The encoding of a text file: a byte-order mark first, then UTF-16
    without one (Excel's "Unicode text" always has one, but other tools may
    not), then strict UTF-8, then GB18030 (a superset of GBK and GB2312, what
    Chinese Excel writes as "CSV"). A file must be in one encoding throughout:
    when some lines are UTF-8 and others are not, it is refused naming the
    first row that differs from the rest, never decoded as GB18030 (which
    accepts almost any bytes, so 张三 in UTF-8 would be stored as 寮犱笁)."""
    if data.startswith(codecs.BOM_UTF8):
        _check_one_encoding(data, "utf-8", fmt)
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        half = len(sample) // 2
        # Latin text in UTF-16 has a zero in every other byte; CJK text has
        # few zeros, but they all fall on the same side.
        if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
            return "utf-16-le"
        if even_zeros > half * 0.3 and odd_zeros < half * 0.05:
            return "utf-16-be"
    if b"\x00" in sample:
        raise ReadError("binary_file")
    encoding = _check_one_encoding(data, None, fmt)
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError("unknown_encoding") from exc
    return encoding


def _check_one_encoding(data, expected, fmt):
    """ "utf-8" when every line that is not plain ASCII is UTF-8, "gb18030"
    when none is; otherwise ReadError naming the first row that is not in
    the encoding of the rest (``expected`` when the file says which, by a
    byte-order mark; else the encoding of most lines)."""
    utf8 = other = 0
    first = {}  # kind -> (index of the first such line, its offset in bytes)
    offset = 0
    for index, line in enumerate(data.split(b"\n")):
        if not line.isascii():
            try:
                line.decode("utf-8")
                kind = "utf-8"
                utf8 += 1
            except UnicodeDecodeError:
                kind = "gb18030"
                other += 1
            first.setdefault(kind, (index, offset))
        offset += len(line) + 1
    if not other:
        return "utf-8"
    if not utf8 and expected is None:
        return "gb18030"
    majority = expected or ("utf-8" if utf8 >= other else "gb18030")
    if _looks_binary(data.decode(majority, "replace")):
        raise ReadError("binary_file")
    _index, offset = first["gb18030" if majority == "utf-8" else "utf-8"]
    code, where = _where("mixed_encoding", data[:offset].decode(majority, "replace"), fmt)
    raise ReadError(code, encoding=label(majority), **where)


LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030 (GBK)", "utf-16": "UTF-16"}


def label(encoding):
    """An encoding as people name it: UTF-8, GB18030 (GBK), UTF-16."""
    return LABELS.get(encoding, LABELS.get(encoding[:6], encoding.upper()))


def _where(code, text_before, fmt):
    """(message code, {row or line}) for a problem that starts right after
    ``text_before``: JSON by line, tables by the row a spreadsheet shows
    (a quoted cell may span lines)."""
    if fmt == "json":
        return f"{code}_line", {"line": text_before.count("\n") + 1}
    return f"{code}_row", {"row": _row_at(text_before, _delimiter(text_before, fmt))}


def _row_at(text_before, delimiter):
    """The number of the row that the text after ``text_before`` belongs to."""
    reader = csv.reader(io.StringIO(text_before + "\ufffe", newline=""), delimiter=delimiter, strict=False)
    number = 0
    try:
        for number, _cells in enumerate(reader, start=1):  # noqa: B007 - the last number is the answer
            pass
    except csv.Error:
        number = text_before.count("\n") + 1
    return max(number, 1)


def normalise_encoding(name):
    """``auto`` or empty → None; otherwise a codec Python knows, with UTF-8
    and UTF-16 mapped to their BOM-aware variants."""
    if not name or name == "auto":
        return None
    try:
        canonical = codecs.lookup(name).name
    except LookupError as exc:
        raise ReadError("bad_encoding_name", encoding=name) from exc
    # The BOM-aware UTF-8 codec also reads files without a BOM.
    return "utf-8-sig" if canonical == "utf-8" else canonical


def decode(data, encoding=None, fmt="csv"):
    """Decode ``data`` and return (text, encoding used)."""
    encoding = encoding or detect_encoding(data, fmt)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(encoding, "replace")
        code, where = _where("wrong_encoding", before[: before.rfind("\n") + 1], fmt)
        raise ReadError(code, encoding=label(encoding), **where) from exc
    if _looks_binary(text):
        raise ReadError("binary_file")
    return text.lstrip("\ufeff"), encoding


def _looks_binary(text):
    sample = text[:8192]
    if not sample:
        return False
    # Control characters, unassigned code points, private-use characters and
    # lone surrogates: text editors and spreadsheets do not write these.
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\t\r\n\f\v"
    )
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def _delimiter(text, fmt):
    if fmt == "tsv":
        return "\t"
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_text(text, fmt, limit):
    delimiter = _delimiter(text, fmt)
    fmt = "tsv" if delimiter == "\t" else "csv"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows = []
    try:
        # Numbered as a spreadsheet shows them: a cell with a line break
        # spans two lines of the file but is still one row.
        _collect(_non_blank(enumerate(reader, start=1)), rows, limit)
    except csv.Error as exc:
        row = len(rows) + 1
        if "field larger" in str(exc):
            raise ReadError("cell_too_long", row=row, limit=csv.field_size_limit()) from exc
        raise ReadError("bad_csv", row=row, detail=str(exc)) from exc
    return fmt, rows


def _collect(numbered_rows, rows, limit):
    """Append the (non-blank) numbered rows; stop as soon as the data rows
    pass ``limit`` (with room for a header row and what is above it)."""
    for row in numbered_rows:
        rows.append(row)
        if len(rows) > limit + HEADER_SEARCH_ROWS:
            raise ReadError("too_many_rows", limit=limit)


def _non_blank(numbered_rows):
    return ((number, cells) for number, cells in numbered_rows if any(c.strip() for c in cells))


def _headed_table(rows, found, limit, **table):
    """A :class:`Table` of ``rows`` from the header row ``found`` on; the
    rows above it (a title, notes) are left out."""
    number, headers = rows[found.position]
    data = rows[found.position + 1 :]
    if len(data) > limit:
        raise ReadError("too_many_rows", limit=limit)
    return Table(headers=headers, rows=data, header_row=number, **table)


# --- spreadsheets and JSON -----------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def flat_ods_as_ods(data):
    """A flat ODS (one XML document) as the ODS package LibreOffice would
    zip it into: the XML becomes content.xml, stored uncompressed, so the
    measuring and the reading are those of any ODS."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE.decode()}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", ODS_MIMETYPE)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", data)
    return buffer.getvalue()


def _choose_sheet(names, chosen):
    """The index of the sheet chosen by name or by number (from 1)."""
    chosen = str(chosen).strip()
    if chosen.isdigit() and 1 <= int(chosen) <= len(names):
        return int(chosen) - 1
    for match in (lambda name: name == chosen, lambda name: name.strip().casefold() == chosen.casefold()):
        for index, name in enumerate(names):
            if match(name):
                return index
    raise ReadError("no_such_sheet", sheet=chosen, sheets=quoted(names))


def quoted(names):
    return ", ".join(f"“{name}”" for name in names)


def _read_spreadsheet(data, fmt, limit, chosen=None):
    """The rows of the sheet chosen, else of the first sheet whose first rows
    hold a header row. What calamine will allocate is measured first
    (symposia/importing/sheets.py) and the file refused beyond the limits, so
    calamine only ever builds a grid the size of the real content."""
    from python_calamine import CalamineError, CalamineWorkbook

    if fmt == "fods":
        data = flat_ods_as_ods(data)
    try:
        workbook = sheets.measure(data, "xlsx" if fmt == "xlsx" else "ods")
        names = [sheet.name for sheet in workbook.sheets]
        # Refused before calamine opens the file: what it reserves on opening.
        sheets.check_workbook(workbook)
        candidates = [_choose_sheet(names, chosen)] if chosen else range(len(names))
        opened = CalamineWorkbook.from_filelike(io.BytesIO(data))
        tried, closest, refusal = [], None, None
        for index in candidates:
            try:
                measured = sheets.check(workbook, index)
            except ReadError as exc:
                # Looking for the list, an empty sheet or one beyond the limit is passed over.
                if chosen or exc.code not in ("no_rows", "sheet_too_large"):
                    raise
                refusal = refusal or (exc if exc.code == "sheet_too_large" else None)
                continue
            # By name: sheet names are unique in a workbook, whatever calamine counts as a sheet.
            sheet = opened.get_sheet_by_name(measured.name)
            # iter_rows starts at the sheet's first row, empty or not, so the
            # numbers are those the registrar sees; columns start at the first
            # one holding a value.
            numbered = _non_blank(
                (i, [_cell_text(v) for v in row]) for i, row in enumerate(sheet.iter_rows(), start=1)
            )
            rows = list(itertools.islice(numbered, HEADER_SEARCH_ROWS))
            tried.append(measured.name)
            found = find_header(rows)
            if found.position is None:
                closest = _closer(closest, found, measured.name)
                continue
            _collect(numbered, rows, limit)
            table = _headed_table(
                rows,
                found,
                limit,
                format=fmt,
                encoding="",
                sheet=measured.name,
                sheets=names,
                hidden_rows=measured.hidden_rows,
                hidden_columns=measured.hidden_columns,
            )
            start = sheet.start
            table.filled = fill_merged(
                table.rows, measured.merged, found.columns, start[1] if start else 0, table.header_row
            )
            return table
    except ReadError as exc:
        if exc.code == "bad_spreadsheet":
            raise ReadError("bad_spreadsheet_as", format=FORMAT_LABELS[fmt]) from exc
        raise
    except (CalamineError, ValueError, OSError, IndexError) as exc:
        raise ReadError("bad_spreadsheet_as", format=FORMAT_LABELS[fmt]) from exc
    if refusal is not None and not tried:
        raise refusal
    if not tried:
        raise ReadError("no_rows")
    raise _no_header(closest, tried if len(names) > 1 else None)


def _closer(closest, found, sheet=None):
    """The row most like a header so far, given a search that found none:
    (cells recognised, row number, sheet, the refusal its headers give)."""
    if found.closest is None:
        return closest
    count, number, error = found.closest
    if closest is None or count > closest[0]:
        return (count, number, sheet, error)
    return closest


def _no_header(closest, sheet_names=None):
    """The refusal for a file none of whose first rows is a header row: the
    closest row's, saying it was taken as the header; else that none was found."""
    where = {"rows": HEADER_SEARCH_ROWS}
    if closest is None:
        if sheet_names:
            return ReadError("no_header_row_sheets", sheets=quoted(sheet_names), **where)
        return ReadError("no_header_row", **where)
    _count, number, sheet, error = closest
    if sheet_names:
        error.notes = [("header_taken_sheet", {"row": number, "sheet": sheet, **where})]
    else:
        error.notes = [("header_taken", {"row": number, **where})]
    return error


def fill_merged(rows, merged, columns, first_column, header_row):
    """Fill the organization, country and role of the rows a merged cell
    covers with its value: a registrar types a delegation's organization
    once and merges it down over its members. ``merged`` holds the corners
    of each range (from 0, in the sheet's columns; the cells of ``rows``
    start at ``first_column``). Ranges do not overlap, so the work is at most
    a step per covered row within the data, however far a range reaches.
    Returns the number of cells filled."""
    targets = {columns.columns[name][0] for name in FILLED_FROM_MERGED if name in columns}
    if not targets or not merged or not rows:
        return 0
    by_number = dict(rows)
    last = rows[-1][0]
    filled = 0
    for top, left, bottom, _right in merged:
        column = left - first_column
        first = top + 1  # row numbers count from 1
        if column not in targets or first <= header_row or first not in by_number:
            continue
        source = by_number[first]
        value = source[column] if column < len(source) else ""
        if not value.strip():
            continue
        for number in range(first + 1, min(bottom + 1, last) + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            if column >= len(cells):
                cells.extend([""] * (column + 1 - len(cells)))
            if not cells[column].strip():
                cells[column] = value
                filled += 1
    return filled


# Longer than any value an attendee list holds (a telephone number, an
# identifier); Python refuses to convert integers of over 4,300 digits.
MAX_JSON_NUMBER_DIGITS = 100


def _json_number(text):
    if len(text) > MAX_JSON_NUMBER_DIGITS:
        raise ReadError("json_number_too_long", digits=f"{len(text):,}")
    return text


def _read_json(text, limit):
    try:
        # Numbers are kept as written: every cell is text to the import.
        payload = json.loads(text, parse_int=_json_number, parse_float=_json_number)
    except json.JSONDecodeError as exc:
        raise ReadError("bad_json", line=exc.lineno, detail=exc.msg) from exc
    except RecursionError as exc:
        raise ReadError("json_too_deep") from exc
    if isinstance(payload, dict) and len(payload) == 1:
        payload = next(iter(payload.values()))
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise ReadError("json_not_list")
    if len(payload) > limit:
        raise ReadError("too_many_rows", limit=limit)
    headers = []
    seen = set()
    for item in payload:
        for key in item:
            if key not in seen:
                seen.add(key)
                headers.append(str(key))
    # Each object becomes a row of every key any object has: bounded like a sheet.
    if len(headers) * len(payload) > sheets.max_cells():
        raise ReadError("too_many_columns", columns=f"{len(headers):,}", rows=f"{len(payload):,}")
    rows = [(0, headers)]
    for number, item in enumerate(payload, start=1):
        cells = [_json_cell(item.get(h)) for h in headers]
        if any(c.strip() for c in cells):
            rows.append((number, cells))
    return rows


def _json_cell(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return _cell_text(value)


def read_table(data, *, filename="", format=None, encoding=None, row_limit=None, sheet=None):
    """Read an uploaded file into a :class:`Table`.

    ``format`` and ``encoding`` override detection (``None`` or ``"auto"``
    detects); ``sheet`` (a name, or a number from 1) chooses the sheet of a
    spreadsheet. Raises :class:`ReadError` with a message for the registrar.
    """
    check_size(len(data))
    limit = row_limit if row_limit is not None else max_rows()
    detected = sniff_format(data, filename)
    fmt = format if format and format != "auto" else detected
    if fmt not in FORMATS:
        raise ReadError("bad_format_name", format=fmt)
    if fmt in SPREADSHEETS or detected in SPREADSHEETS:
        if detected != fmt:
            raise ReadError("format_mismatch", format=fmt.upper(), detected=detected.upper())
        return _read_spreadsheet(data, fmt, limit, sheet)
    if sheet:
        raise ReadError("no_sheets_in_text", sheet=sheet, format=fmt.upper())
    text, used_encoding = decode(data, normalise_encoding(encoding), fmt)
    if fmt == "json":
        rows = _read_json(text, limit)
        if not rows:
            raise ReadError("no_rows")
        return Table(format=fmt, encoding=used_encoding, headers=rows[0][1], rows=rows[1:])
    fmt, rows = _read_text(text, fmt, limit)
    if not rows:
        raise ReadError("no_rows")
    found = find_header(rows[:HEADER_SEARCH_ROWS])
    if found.position is None:
        raise _no_header(_closer(None, found))
    return _headed_table(rows, found, limit, format=fmt, encoding=used_encoding)
