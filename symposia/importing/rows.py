"""Resolve rows: each row of cells becomes the values an attendee would
store, or the problems that reject it.

Every value seen is parsed once (a list of 10,000 attendees holds a dozen
countries and organizations, not 10,000), and each field is checked here
(length, choices, e-mail) instead of with a per-row ``full_clean()``, whose
constraint checks would cost queries per row.
"""

import re

from publishing.translation_status import CJK
from symposia.models import Attendee, Organization

from .errors import CellError, problem
from .values import (
    clean_text,
    organization_key,
    parse_country,
    parse_email,
    parse_gender,
    parse_role,
)

MAX_LENGTHS = {
    name: Attendee._meta.get_field(name).max_length for name in ("name", "native_name", "position", "email")
}
ORG_NAME_MAX = Organization._meta.get_field("name").max_length
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a letter becomes when a sheet is saved in an encoding that lacks it
# (Excel's "CSV" in GBK, "ANSI"): "Nguyễn Văn An" -> "Nguy?n V?n An", a Thai or
# Khmer name -> "????". A "?" inside a word of letters, or two together, is
# not written in a name.
_LOST_CHARACTERS = re.compile(r"[^\W\d_]\?+[^\W\d_]|\?\?")
LOST_CHARACTERS_CHECKED = ("name", "native_name", "organization")


class _Memo(dict):
    """Parse each distinct cell text once: a list of 10,000 attendees holds a
    dozen countries and organizations, not 10,000."""

    def __init__(self, parse):
        super().__init__()
        self.parse = parse

    def __missing__(self, text):
        try:
            value = self[text] = (self.parse(text), None)
        except CellError as exc:
            value = self[text] = (None, exc)
        return value


class RowReader:
    """Turns one row of cells into model values, noting each problem."""

    def __init__(self, columns, organizations, plan, create_organizations, accept_question_marks=False):
        self.index = {name: position for name, (position, _header) in columns.columns.items()}
        self.header = {name: written for name, (_position, written) in columns.columns.items()}
        self.plan = plan
        self.create_organizations = create_organizations
        # The registrar knows the "?" is written in the name: it is not a lost letter.
        self.checks_lost_characters = not accept_question_marks
        self.memos = {
            "country": _Memo(parse_country),
            "role": _Memo(parse_role),
            "gender": _Memo(parse_gender),
            "email": _Memo(parse_email),
            "organization": _Memo(organizations.find),
        }

    def parsed(self, raw, name, problems, number):
        """The parsed value of a column (memoised on the cell as read: the
        parsers trim it themselves), or None when the file lacks it."""
        if name not in raw:
            return None
        value, error = self.memos[name][raw[name]]
        if error is not None:
            problems.append(problem(number, self.header[name], error.code, error.params))
        return value

    def read(self, number, cells):
        index, header, problems = self.index, self.header, []
        width = len(cells)
        # The cells of the known columns, untrimmed (a short row lacks the last ones).
        raw = {name: cells[position] if position < width else "" for name, position in index.items()}
        for name, text in raw.items():
            # NUL and other control characters cannot be stored (PostgreSQL
            # refuses NUL outright); a JSON file can carry them.
            if _CONTROL_CHARACTERS.search(text):
                problems.append(problem(number, header[name], "control_characters"))
                raw[name] = _CONTROL_CHARACTERS.sub("", text)
        for name in LOST_CHARACTERS_CHECKED if self.checks_lost_characters else ():
            if name in raw and "?" in raw[name] and _LOST_CHARACTERS.search(raw[name]):
                problems.append(
                    problem(number, header[name], "lost_characters", {"value": clean_text(raw[name])})
                )
        values = {}
        for name in ("name", "native_name", "position"):
            if name in raw:
                text = values[name] = clean_text(raw[name])
                if len(text) > MAX_LENGTHS[name]:
                    problems.append(problem(number, header[name], "too_long", {"limit": MAX_LENGTHS[name]}))
        if not values["name"]:
            problems.append(problem(number, header["name"], "required"))
        if "gender" in raw:
            values["gender"] = self.parsed(raw, "gender", problems, number) or ""
        if "role" in raw:
            values["role"] = self.parsed(raw, "role", problems, number) or Attendee.Role.DELEGATE.value
        email = self.parsed(raw, "email", problems, number) or ""
        if len(email) > MAX_LENGTHS["email"]:
            problems.append(problem(number, header["email"], "too_long", {"limit": MAX_LENGTHS["email"]}))
        country = self.parsed(raw, "country", problems, number) or ""

        org = None
        org_text = clean_text(raw["organization"]) if "organization" in raw else ""
        if org_text:
            found = self.parsed(raw, "organization", problems, number)
            if found is not None:
                org = found
            elif problems and problems[-1]["code"] == "ambiguous_organization":
                pass
            elif len(org_text) > ORG_NAME_MAX:
                problems.append(problem(number, header["organization"], "too_long", {"limit": ORG_NAME_MAX}))
            elif self.create_organizations:
                org = _new_organization(self.plan, org_text, country)
            else:
                problems.append(
                    problem(number, header["organization"], "unknown_organization", {"value": org_text})
                )
        if "organization" in index:
            values["organization"] = org
        if "country" in index or org is not None:
            # An empty country cell takes the organization's country.
            values["country"] = country or (str(org.__dict__.get("country") or "") if org is not None else "")
        if not org_text and not country and not problems:
            problems.append(problem(number, None, "org_or_country_required"))
        if email:
            values["email"] = email

        if problems:
            self.plan.problems.extend(problems)
            self.plan.rejected_rows.add(number)
        identity = org_identity(org) if "organization" in index else None
        key = ("email", email.casefold()) if email else ("name", values["name"], identity)
        description = email or ", ".join(filter(None, [values["name"], org_text]))
        return number, values, key, description


def org_identity(org):
    if org is None:
        return None
    return org.pk if org.pk is not None else "new:" + organization_key(written_name(org))


def written_name(org):
    """An organization's name in the language it has one in (English first)."""
    return org.name_en or org.name_zh_hans or ""


def _new_organization(plan, text, country):
    """An organization to create, named only in the language the file wrote
    its name in (Chinese characters: Chinese; anything else: English): the
    other language stays empty, so the translation status lists it as
    missing instead of showing one language's name as the other's."""
    key = organization_key(text)
    org = plan.new_organizations.get(key)
    if org is None:
        language = "zh_hans" if CJK.search(text) else "en"
        org = plan.new_organizations[key] = Organization(
            **{f"name_{language}": text}, kind=Organization.Kind.OTHER, country=country
        )
    return org
