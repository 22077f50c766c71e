"""What a spreadsheet really holds, measured before python-calamine opens it.

python-calamine (calamine 0.37) builds each sheet as one dense grid: every
cell from the first value to the last, empty or not. Two values at A1 and
XFD1048576 make it allocate 17 billion cells (the process aborts); an ODS row
whose text cell repeats across 16,384 columns, the row repeated 6,000 times,
makes ~100 million. An XLSX's shared-string table is reserved at the size its
``uniqueCount`` claims. None of this shows in the file's size: the XML is tiny.

So the archive is unpacked once, in chunks (counting every byte against the
zip-bomb caps), and the sheets calamine will build are streamed through expat
on the way, keeping only counters: how many rows and columns the grid will
span and how many values it holds. What calamine ignores is ignored here too:
the ``<dimension>`` claim, styled empty cells (LibreOffice writes them to the
last row and column of formatted sheets), empty cells repeated to the edge of
an ODS row. Cells are placed exactly as calamine places them (an ``r``
attribute, else the next position), and a cell counts as a value when it has
a ``<v>``, ``<f>`` or ``<is>`` (XLSX) or a value, formula or text (ODS): never
fewer cells than calamine keeps. The reader refuses, before calamine runs, a
grid beyond ``ATTENDEE_IMPORT_MAX_CELLS``, too many sheets, or an inflated
shared-string claim, so what calamine allocates is bounded by the setting and
the file's real content. A document type declaration is refused (a
spreadsheet has none), so no entity can expand.

The same pass notes what the import needs beyond the values: the merged
ranges (XLSX ``mergeCell``, ODS row and column spans; at most
``MAX_MERGED_RANGES`` a sheet, as corners, never cell by cell), the hidden
rows holding values and the hidden columns, so that the reader can fill a
merged delegation cell down over its rows and say what was hidden.
"""

import contextlib
import io
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from django.conf import settings

from .errors import ReadError

DEFAULT_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# A sheet of 20,000 attendees by 100 columns; calamine spends 32 bytes a cell.
DEFAULT_MAX_CELLS = 2_000_000
MAX_SHEETS = 50
ODS_MAX_COLUMNS = 16_384  # calamine caps an ODS row here
# Merged ranges kept per sheet (four numbers each): a delegation list of
# 20,000 attendees merges far fewer.
MAX_MERGED_RANGES = 20_000
# Hidden column ranges kept per sheet (Excel writes one <col> per range).
MAX_HIDDEN_RANGES = 16_384
CHUNK = 64 * 1024


@dataclass
class Sheet:
    """The grid calamine will build for one sheet: ``rows`` x ``columns``
    counted from A1 (python-calamine yields the empty rows above the first
    value too). ``values`` is 0 for a sheet with nothing in it."""

    name: str
    rows: int = 0
    columns: int = 0
    values: int = 0
    # Cells an ODS reader also holds, once per row element, before the grid.
    expanded: int = 0
    # Measuring stopped at the limit: the sheet is at least this large.
    over_limit: bool = False
    # (first row, first column, last row, last column), from 0, of each merged range.
    merged: list = field(default_factory=list)
    too_many_merged: bool = False
    # Rows holding a value that the spreadsheet hides (repeats included).
    hidden_rows: int = 0
    # (first, last) column, from 0, of each range of hidden columns.
    hidden_ranges: list = field(default_factory=list)

    @property
    def hidden_columns(self):
        """Hidden columns within the columns that hold values."""
        last = self.columns - 1
        return sum(max(0, min(high, last) - low + 1) for low, high in self.hidden_ranges)

    def add_merged(self, first_row, first_column, last_row, last_column):
        if last_row == first_row and last_column == first_column:
            return
        if len(self.merged) >= MAX_MERGED_RANGES:
            self.too_many_merged = True
            return
        self.merged.append((first_row, first_column, last_row, last_column))

    def add_hidden_columns(self, low, high):
        if len(self.hidden_ranges) < MAX_HIDDEN_RANGES and high >= low:
            self.hidden_ranges.append((low, high))

    @property
    def cells(self):
        return self.rows * self.columns + self.expanded

    @property
    def corner(self):
        """The far corner of the grid, as a spreadsheet names the cell."""
        return f"{column_letters(max(self.columns, 1) - 1)}{max(self.rows, 1)}"


@dataclass
class Workbook:
    format: str
    sheets: list
    # What the XLSX shared-string table claims (calamine reserves that many).
    shared_strings: int = 0


def max_cells():
    return getattr(settings, "ATTENDEE_IMPORT_MAX_CELLS", DEFAULT_MAX_CELLS)


def column_letters(index):
    """0 -> A, 16383 -> XFD."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _local(name):
    return name.rpartition(":")[2]


def _parser(start):
    """An expat parser calling ``start(name, attributes)`` for each element;
    a document type declaration is refused."""
    parser = expat.ParserCreate()

    def refuse_dtd(*_args):
        raise ReadError("bad_spreadsheet")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_dtd
    return parser


OTHER, CELL, ROW, VALUE, TABLE, TEXT, MERGE, COLUMN = range(8)


class _Kinds(dict):
    """Element name -> what it is to a scanner, by its local name (as
    calamine matches them), worked out once per name seen."""

    def __init__(self, by_local):
        super().__init__()
        self.by_local = by_local

    def __missing__(self, name):
        kind = self[name] = self.by_local.get(_local(name), OTHER)
        return kind


_DIGITS = "0123456789"
_COLUMNS = {}  # "XFD" -> 16383, for the column names met so far (three letters at most)


def _column_index(letters):
    index = _COLUMNS.get(letters)
    if index is None:
        if not letters.isascii() or not letters.isalpha():
            raise ReadError("bad_spreadsheet")
        index = 0
        for ch in letters.upper():
            index = index * 26 + ord(ch) - 64
        index -= 1
        if len(letters) <= 3:
            _COLUMNS[letters] = index
    return index


def _cell_position(ref):
    """ "XFD1048576" -> (1048575, 16383), as calamine reads an ``r`` attribute."""
    letters = ref.rstrip(_DIGITS)
    digits = ref[len(letters) :]
    if not digits:
        raise ReadError("bad_spreadsheet")
    return int(digits) - 1, _column_index(letters)


class _Full(Exception):
    """The sheet being measured passed the limit: no need to read on."""


class _XlsxSheet:
    """Counts a worksheet's XML as calamine's cell reader walks it."""

    def __init__(self, sheet, limit):
        self.sheet, self.limit = sheet, limit
        self.kinds = _Kinds(
            {"c": CELL, "row": ROW, "v": VALUE, "f": VALUE, "is": VALUE, "mergeCell": MERGE, "col": COLUMN}
        )
        self.row = -1
        self.row_hidden = False
        self.hidden_counted = -1  # the last hidden row counted
        self.column = 0
        # The open cell, until it is known to hold a value: its r attribute, or its position.
        self.ref = self.position = None

    def start(self, name, attrs):
        kind = self.kinds[name]
        if kind == VALUE:
            if self.ref is not None:
                self._value(*_cell_position(self.ref))
            elif self.position is not None:
                self._value(*self.position)
        elif kind == CELL:
            ref = attrs.get("r")
            if ref:
                # Cells without r that follow count on from this one's column,
                # worked out only if one comes (real files name every cell).
                self.ref, self.position, self.after, self.column = ref, None, ref, None
            else:
                if self.column is None:
                    self.column = _cell_position(self.after)[1] + 1
                self.ref, self.position = None, (max(self.row, 0), self.column)
                self.column += 1
        elif kind == ROW:
            ref = attrs.get("r")
            if ref:
                if not ref.isdigit():
                    raise ReadError("bad_spreadsheet")
                self.row = int(ref) - 1
            else:
                self.row += 1
            self.column = 0
            self.row_hidden = attrs.get("hidden") in ("1", "true")
        elif kind == MERGE:
            self.ref = self.position = None
            self._merged(attrs.get("ref", ""))
        elif kind == COLUMN:
            self.ref = self.position = None
            if attrs.get("hidden") in ("1", "true"):
                low, high = attrs.get("min", ""), attrs.get("max", "")
                if low.isdigit() and high.isdigit():
                    self.sheet.add_hidden_columns(int(low) - 1, min(int(high), ODS_MAX_COLUMNS) - 1)
        else:
            # Anything else ends the cell: a <v> or <f> further on (in an
            # extension list after the sheet data) is not a cell's.
            self.ref = self.position = None

    def _merged(self, ref):
        first, _colon, last = ref.partition(":")
        if first and last:
            top, left = _cell_position(first)
            bottom, right = _cell_position(last)
            self.sheet.add_merged(top, left, bottom, right)

    def _value(self, row, column):
        self.ref = self.position = None
        sheet = self.sheet
        sheet.values += 1
        if self.row_hidden and row != self.hidden_counted:
            self.hidden_counted = row
            sheet.hidden_rows += 1
        if row >= sheet.rows:
            sheet.rows = row + 1
        if column >= sheet.columns:
            sheet.columns = column + 1
        if sheet.rows * sheet.columns > self.limit:
            sheet.over_limit = True
            raise _Full


class _OdsContent:
    """Counts content.xml as calamine's ODS reader expands it. Per table: the
    rows up to the last one with a value (repeats included) by the widest
    row, plus every row element's cells once (a cell with a value repeated,
    and the empty cells before it; empty cells at the end of a row are not
    kept). calamine builds every table when it opens the file, so the limit
    holds for all of them together."""

    VALUE_ATTRIBUTES = frozenset(
        ("value-type", "value", "string-value", "date-value", "time-value", "boolean-value", "formula")
    )

    def __init__(self, sheets, limit):
        self.sheets, self.limit = sheets, limit
        self.kinds = _Kinds(
            {
                "table-cell": CELL,
                "covered-table-cell": CELL,
                "table-row": ROW,
                "table-column": COLUMN,
                "table": TABLE,
                **dict.fromkeys(("p", "h", "list", "span", "a", "s"), TEXT),
            }
        )
        self.sheet = None
        self.total = 0  # cells of the finished tables
        self.cell = None  # [repeat, has a value] of the open cell
        self.row_repeat = 0  # of the open row; 0 when none is open

    def start(self, name, attrs):
        kind = self.kinds[name]
        if kind == CELL:
            self._end_cell()
            if self.row_repeat:
                self.cell = [self._repeat(attrs, "number-columns-repeated"), self._has_value(attrs)]
                if attrs:
                    self._spans(attrs)
        elif kind == ROW:
            self._end_row()
            if self.sheet is not None:
                self.row_repeat = self._repeat(attrs, "number-rows-repeated")
                self.width = self.pending = 0
                self.row_has_value = False
                self.row_hidden = self._hidden(attrs)
        elif kind == COLUMN:
            self._end_row()
            if self.sheet is not None:
                repeat = self._repeat(attrs, "number-columns-repeated")
                if self._hidden(attrs):
                    self.sheet.add_hidden_columns(
                        self.column_position, min(self.column_position + repeat, ODS_MAX_COLUMNS) - 1
                    )
                self.column_position = min(self.column_position + repeat, ODS_MAX_COLUMNS)
        elif kind == TABLE:
            self._end_row()
            if self.sheet is not None:
                self.total += self.sheet.cells
            if len(self.sheets) >= MAX_SHEETS:
                raise _TooManySheets(len(self.sheets) + 1)
            self.sheet = Sheet(name=next((v for k, v in attrs.items() if _local(k) == "name"), ""))
            self.sheets.append(self.sheet)
            self.rows_seen = 0  # rows of the table so far, repeats included
            self.column_position = 0  # columns described so far (table-column elements)
        elif kind == TEXT and self.cell is not None:
            self.cell[1] = True
        else:
            self._end_cell()

    def finish(self):
        self._end_row()

    @staticmethod
    def _repeat(attrs, attribute):
        for key, value in attrs.items():
            if _local(key) == attribute:
                if not value.isdigit():
                    raise ReadError("bad_spreadsheet")
                return max(int(value), 1)
        return 1

    @staticmethod
    def _hidden(attrs):
        return any(_local(key) == "visibility" and value != "visible" for key, value in attrs.items())

    def _spans(self, attrs):
        """Note a merged range that starts at the cell opening now."""
        rows = columns = 1
        for key, value in attrs.items():
            local = _local(key)
            if local == "number-rows-spanned" and value.isdigit():
                rows = max(int(value), 1)
            elif local == "number-columns-spanned" and value.isdigit():
                columns = max(int(value), 1)
        if rows > 1 or columns > 1:
            column = min(self.width + self.pending, ODS_MAX_COLUMNS)
            self.sheet.add_merged(self.rows_seen, column, self.rows_seen + rows - 1, column + columns - 1)

    def _has_value(self, attrs):
        return any(_local(key) in self.VALUE_ATTRIBUTES for key in attrs)

    def _end_cell(self):
        if self.cell is None:
            return
        repeat, has_value = self.cell
        self.cell = None
        if has_value:
            self.width = min(self.width + self.pending + repeat, ODS_MAX_COLUMNS)
            self.pending = 0
            self.row_has_value = True
        else:
            self.pending += repeat

    def _end_row(self):
        self._end_cell()
        if not self.row_repeat:
            return
        sheet = self.sheet
        repeat = self.row_repeat
        self.rows_seen += repeat
        self.row_repeat = 0
        if self.row_has_value:
            if self.row_hidden:
                sheet.hidden_rows += repeat
            sheet.values += 1
            sheet.rows = self.rows_seen
            sheet.columns = max(sheet.columns, self.width)
            sheet.expanded += self.width
            if self.total + sheet.cells > self.limit:
                sheet.over_limit = True
                raise _Full


class _TooManySheets(Exception):
    def __init__(self, count):
        self.count = count


class _Archive:
    """The members of a zip, each unpacked at most once, in chunks, against
    the caps on the total and on the compression ratio."""

    def __init__(self, data):
        self.limit = getattr(settings, "ATTENDEE_IMPORT_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED_BYTES)
        self.ratio_limit = MAX_COMPRESSION_RATIO * max(len(data), 1)
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.infos = {info.filename: info for info in self.zip.infolist()}
        declared = sum(info.file_size for info in self.infos.values())
        if declared > self.limit or declared > self.ratio_limit:
            raise ReadError("zip_bomb")
        self.unpacked = 0
        self.done = set()

    def chunks(self, name):
        """The unpacked bytes of member ``name``, counted against the caps."""
        self.done.add(name)
        with self.zip.open(self.infos[name]) as member:
            while chunk := member.read(CHUNK):
                self.unpacked += len(chunk)
                if self.unpacked > self.limit or self.unpacked > self.ratio_limit:
                    raise ReadError("zip_bomb")
                yield chunk

    def parse(self, name, start):
        """Stream member ``name`` through expat, calling ``start`` per element."""
        parser = _parser(start)
        for chunk in self.chunks(name):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def elements(self, name, wanted):
        """The attributes of every ``wanted`` element of a member."""
        found = []
        self.parse(name, lambda tag, attrs: found.append(attrs) if _local(tag) == wanted else None)
        return found

    def count_the_rest(self):
        """Unpack what nobody read, only to count it: a bomb may hide anywhere."""
        for name in self.infos:
            if name not in self.done:
                for _chunk in self.chunks(name):
                    pass


def _measure_xlsx(archive, limit):
    package = archive.elements("_rels/.rels", "Relationship")
    document = next(
        (r.get("Target", "") for r in package if r.get("Type", "").endswith("/officeDocument")), None
    )
    if document is None:
        raise ReadError("bad_spreadsheet")
    # As calamine finds the workbook's folder and its parts.
    base = document.lstrip("/").rpartition("/")[0]
    base = f"{base}/" if base else ""
    relations = {
        r.get("Id"): r.get("Target", "")
        for r in archive.elements(f"{base}_rels/workbook.xml.rels", "Relationship")
    }
    declared = archive.elements(f"{base}workbook.xml", "sheet")
    if len(declared) > MAX_SHEETS:
        raise _TooManySheets(len(declared))
    workbook = Workbook(format="xlsx", sheets=[])
    if f"{base}sharedStrings.xml" in archive.infos:
        workbook.shared_strings = _shared_string_claim(archive, f"{base}sharedStrings.xml")
    for attrs in declared:
        rel = next((v for k, v in attrs.items() if _local(k) == "id"), None)
        if rel not in relations:
            raise ReadError("bad_spreadsheet")
        target = relations[rel]
        path = target[1:] if target.startswith("/") else base + target
        sheet = Sheet(name=attrs.get("name", ""))
        workbook.sheets.append(sheet)
        if path in archive.infos and path not in archive.done:
            # Over the limit, measuring stops: whether that matters depends on the sheet read.
            with contextlib.suppress(_Full):
                archive.parse(path, _XlsxSheet(sheet, limit).start)
    return workbook


def _shared_string_claim(archive, name):
    """The ``uniqueCount`` of the shared-string table: its root's attribute."""
    claim = []

    def start(tag, attrs):
        claim.append(attrs.get("uniqueCount", "0") if _local(tag) == "sst" else "0")
        raise _Full  # the root element is all we need

    with contextlib.suppress(_Full):
        archive.parse(name, start)
    archive.done.discard(name)  # count the whole table later, with the other parts
    count = claim[0] if claim else "0"
    return int(count) if count.isdigit() else 0


def _measure_ods(archive, limit):
    if "content.xml" not in archive.infos:
        raise ReadError("bad_spreadsheet")
    workbook = Workbook(format="ods", sheets=[])
    scan = _OdsContent(workbook.sheets, limit)
    with contextlib.suppress(_Full):
        archive.parse("content.xml", scan.start)
        scan.finish()
    return workbook


def measure(data, fmt):
    """The sheets of an XLSX or ODS file as calamine would build them. Raises
    ReadError for a zip bomb, a damaged file or too many sheets."""
    limit = max_cells()
    try:
        archive = _Archive(data)
        workbook = (_measure_xlsx if fmt == "xlsx" else _measure_ods)(archive, limit)
        archive.count_the_rest()
    except _TooManySheets as exc:
        raise ReadError("too_many_sheets", count=f"{exc.count:,}", limit=MAX_SHEETS) from None
    except (
        expat.ExpatError,
        KeyError,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise ReadError("bad_spreadsheet") from exc
    return workbook


def check_workbook(workbook):
    """Refuse, before calamine opens the file, what it would allocate on
    opening beyond the limit: the shared strings (XLSX) or any sheet (ODS,
    whose sheets calamine builds at once)."""
    limit = max_cells()
    if workbook.shared_strings > limit:
        raise ReadError("too_many_strings", count=f"{workbook.shared_strings:,}", cells=f"{limit:,}")
    if not workbook.sheets:
        raise ReadError("no_sheet")
    if workbook.format == "ods":
        too_large = next((s for s in workbook.sheets if s.over_limit), None)
        if too_large is not None:
            raise ReadError(
                "sheet_too_large", sheet=too_large.name, corner=too_large.corner, cells=f"{limit:,}"
            )


def check(workbook, index=0):
    """Refuse, before calamine builds it, a sheet that would make it allocate
    beyond the limit (``check_workbook`` has refused what opening the file would)."""
    limit = max_cells()
    sheet = workbook.sheets[index]
    if sheet.over_limit:
        raise ReadError("sheet_too_large", sheet=sheet.name, corner=sheet.corner, cells=f"{limit:,}")
    if not sheet.values:
        raise ReadError("no_rows")
    if sheet.too_many_merged:
        raise ReadError("too_many_merged", sheet=sheet.name, limit=f"{MAX_MERGED_RANGES:,}")
    return sheet
