"""Turn uploaded bytes into a header row and numbered data rows.

The format is decided by the content, not the file name: a spreadsheet is a
zip archive (checked against zip bombs before anything decompresses it), JSON
starts with a bracket, anything else must be text in an encoding we can
recognise. Spreadsheets are read with python-calamine, which the benchmark in
bench/import_attendees.py measures at many times the speed of openpyxl.
"""

import codecs
import csv
import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.conf import settings

FORMATS = ("csv", "tsv", "xlsx", "ods", "json")
ENCODINGS = ("auto", "utf-8", "gb18030", "utf-16")

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 20_000
# A spreadsheet of 10 MB legitimately unpacks to a few hundred MB of XML at
# most; a zip bomb unpacks to gigabytes. Both the total and the ratio are capped.
DEFAULT_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class ReadError(Exception):
    """The file cannot be read at all. ``code`` and ``params`` render through
    :mod:`symposia.importing.messages`, so the message appears in the reader's
    language even when it is shown later than it was raised."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self):
        from .messages import render

        return render(self.code, self.params)


@dataclass
class Table:
    format: str
    encoding: str
    headers: list
    # (row number as the registrar sees it in the file, list of cell strings)
    rows: list = field(default_factory=list)


def setting(name, default):
    return getattr(settings, name, default)


def max_bytes():
    return setting("ATTENDEE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows():
    return setting("ATTENDEE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def check_size(size):
    limit = max_bytes()
    if size > limit:
        raise ReadError("file_too_large", size=_megabytes(size), limit=_megabytes(limit))
    if size == 0:
        raise ReadError("file_empty")


def _megabytes(n):
    return f"{n / (1024 * 1024):.1f} MB"


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
    return "tsv" if filename.lower().endswith((".tsv", ".tab")) else "csv"


def _zip_format(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError("bad_spreadsheet") from exc
    if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
        return "ods"
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    raise ReadError("unknown_zip")


def check_zip(data):
    """Refuse archives that unpack to far more than a spreadsheet could.

    The sizes in the directory can lie, so each member is also unpacked in
    small chunks and counted; the work stops as soon as a cap is passed.
    """
    limit = setting("ATTENDEE_IMPORT_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED_BYTES)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        declared = sum(i.file_size for i in infos)
        if declared > limit or declared > MAX_COMPRESSION_RATIO * max(len(data), 1):
            raise ReadError("zip_bomb")
        unpacked = 0
        for info in infos:
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    unpacked += len(chunk)
                    if unpacked > limit or unpacked > MAX_COMPRESSION_RATIO * len(data):
                        raise ReadError("zip_bomb")
    except ReadError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise ReadError("bad_spreadsheet") from exc


# --- text ---------------------------------------------------------------


def detect_encoding(data):
    """The encoding of a text file: a byte-order mark first, then UTF-16
    without one (Excel's "Unicode text" always has one, but other tools may
    not), then strict UTF-8, then GB18030 (a superset of GBK and GB2312, what
    Chinese Excel writes as "CSV")."""
    if data.startswith(codecs.BOM_UTF8):
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
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise ReadError("unknown_encoding") from exc


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


def decode(data, encoding=None):
    """Decode ``data`` and return (text, encoding used)."""
    encoding = encoding or detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError("wrong_encoding", encoding=encoding, position=exc.start) from exc
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
        _collect(enumerate(reader, start=1), rows, limit)
    except csv.Error as exc:
        row = len(rows) + 1
        if "field larger" in str(exc):
            raise ReadError("cell_too_long", row=row, limit=csv.field_size_limit()) from exc
        raise ReadError("bad_csv", row=row, detail=str(exc)) from exc
    return fmt, rows


def _collect(numbered_rows, rows, limit):
    """Append non-blank rows with their number; stop as soon as the data
    rows (all but the header) pass ``limit``."""
    for number, cells in numbered_rows:
        if not any(c.strip() for c in cells):
            continue
        rows.append((number, cells))
        if len(rows) > limit + 1:
            raise ReadError("too_many_rows", limit=limit)


# --- spreadsheets and JSON -----------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def _read_spreadsheet(data, limit):
    from python_calamine import CalamineError, CalamineWorkbook

    rows = []
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise ReadError("no_sheet")
        sheet = workbook.get_sheet_by_index(0)
        # iter_rows starts at the sheet's first row, empty or not, so the
        # numbers are those the registrar sees in the spreadsheet.
        numbered = ((i, [_cell_text(v) for v in row]) for i, row in enumerate(sheet.iter_rows(), start=1))
        _collect(numbered, rows, limit)
    except ReadError:
        raise
    except (CalamineError, ValueError, OSError) as exc:
        raise ReadError("bad_spreadsheet") from exc
    return rows


def _read_json(text, limit):
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError("bad_json", line=exc.lineno, detail=exc.msg) from exc
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


def read_table(data, *, filename="", format=None, encoding=None, row_limit=None):
    """Read an uploaded file into a :class:`Table`.

    ``format`` and ``encoding`` override detection (``None`` or ``"auto"``
    detects). Raises :class:`ReadError` with a message for the registrar.
    """
    check_size(len(data))
    limit = row_limit if row_limit is not None else max_rows()
    detected = sniff_format(data, filename)
    fmt = format if format and format != "auto" else detected
    if fmt not in FORMATS:
        raise ReadError("bad_format_name", format=fmt)
    if fmt in ("xlsx", "ods") or detected in ("xlsx", "ods"):
        if detected != fmt:
            raise ReadError("format_mismatch", format=fmt.upper(), detected=detected.upper())
        check_zip(data)
        rows = _read_spreadsheet(data, limit)
        used_encoding = ""
    else:
        text, used_encoding = decode(data, normalise_encoding(encoding))
        if fmt == "json":
            rows = _read_json(text, limit)
        else:
            fmt, rows = _read_text(text, fmt, limit)
    if not rows:
        raise ReadError("no_rows")
    header_number, headers = rows[0]
    return Table(format=fmt, encoding=used_encoding, headers=headers, rows=rows[1:])
