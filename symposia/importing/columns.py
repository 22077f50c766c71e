"""Which column of the file holds which attendee field.

Headers are matched after Unicode normalisation (full-width letters and
spaces become plain ones), without regard to case, spaces, underscores,
hyphens, dots or a trailing asterisk, so "E-mail", "EMAIL " and "ｅｍａｉｌ"
all mean the e-mail column.

The header row need not be the first: registrars put a title, a date or a
note above it. It is the first of the first ``HEADER_SEARCH_ROWS`` non-blank
rows whose headers give a name column and an organization or country column.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .errors import ReadError

FIELDS = ("name", "native_name", "gender", "position", "organization", "country", "email", "role")
# A delegation's value typed once and merged down over its members' rows.
FILLED_FROM_MERGED = ("organization", "country", "role")
# Where the header row is looked for: this many non-blank rows from the top.
HEADER_SEARCH_ROWS = 10

ALIASES = {
    "name": ["Name", "Full name", "Full name in English", "English name", "姓名", "英文姓名"],
    "native_name": ["Native name", "Name in native script", "中文姓名", "本国文字姓名"],
    "gender": ["Gender", "Sex", "性别"],
    "position": ["Position", "Title", "Job title", "职务", "职位"],
    "organization": [
        "Organization",
        "Organisation",
        "Administration",
        "Agency",
        "单位",
        "所属机构",
        "工作单位",
    ],
    "country": ["Country", "Country/Region", "Country or region", "国家", "国家/地区", "国别"],
    "email": ["Email", "E-mail", "Email address", "E-mail address", "电子邮箱", "邮箱", "电子邮件"],
    "role": ["Role", "角色", "身份"],
}

# The header row of the downloadable templates and of exports, by language.
# A fixed table rather than gettext, so that what we export always imports.
HEADERS = {
    "en": {
        "name": "Name",
        "native_name": "Native name",
        "gender": "Gender",
        "position": "Position",
        "organization": "Organization",
        "country": "Country",
        "email": "Email",
        "role": "Role",
    },
    "zh-hans": {
        "name": "姓名",
        "native_name": "本国文字姓名",
        "gender": "性别",
        "position": "职务",
        "organization": "单位",
        "country": "国家/地区",
        "email": "电子邮箱",
        "role": "角色",
    },
}

_IGNORED = re.compile(r"[\s_\-.:*]+")


def header_key(text):
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _IGNORED.sub("", text.replace("\ufeff", ""))


ALIAS_INDEX = {header_key(alias): name for name, aliases in ALIASES.items() for alias in aliases}


def aliases_text(fields=FIELDS):
    return "; ".join(", ".join(ALIASES[f]) for f in fields)


@dataclass
class ColumnMap:
    # field name -> (index in the row, header as written in the file)
    columns: dict
    unknown: list = field(default_factory=list)

    def header(self, name):
        return self.columns[name][1]

    def __contains__(self, name):
        return name in self.columns


def map_columns(headers):
    """Match the header row to fields. Raises :class:`ReadError` for a
    missing required column or a field given twice, before any row is read."""
    columns = {}
    unknown = []
    for index, raw in enumerate(headers):
        written = str(raw).strip()
        if not written:
            continue
        name = ALIAS_INDEX.get(header_key(written))
        if name is None:
            unknown.append(written)
        elif name in columns:
            raise ReadError("duplicate_column", first=columns[name][1], second=written, field=name)
        else:
            columns[name] = (index, written)
    if "name" not in columns:
        raise ReadError("missing_column", field="name", aliases=", ".join(ALIASES["name"]))
    if "organization" not in columns and "country" not in columns:
        raise ReadError("missing_org_or_country", aliases=aliases_text(("organization", "country")))
    return ColumnMap(columns=columns, unknown=unknown)


@dataclass
class HeaderSearch:
    # Index of the header row in the rows searched, and its columns; None when none is.
    position: int = None
    columns: ColumnMap = None
    # (headers recognised, row number, the refusal its headers give) of the row
    # most like a header when none is one; None when no row has a known header.
    closest: tuple = None


def recognised(cells):
    return sum(1 for cell in cells if header_key(str(cell).strip()) in ALIAS_INDEX)


def find_header(rows):
    """The header row among ``rows`` ((number, cells) pairs, the first
    non-blank rows of a sheet or file): the first whose headers map. A row
    naming a field twice is a header row with a mistake: its refusal is
    raised at once."""
    search = HeaderSearch()
    for position, (number, cells) in enumerate(rows):
        try:
            search.columns = map_columns(cells)
        except ReadError as exc:
            if exc.code == "duplicate_column":
                raise
            count = recognised(cells)
            if count and (search.closest is None or count > search.closest[0]):
                search.closest = (count, number, exc)
            continue
        search.position = position
        return search
    return search
