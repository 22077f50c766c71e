"""Plan: what importing a table into a symposium would do, without writing.

Existing attendees and organizations are loaded once; each row is resolved
(rows.py), matched to a registered attendee (by e-mail, else by name and
organization) and becomes new, updated or unchanged, or is rejected. A person
repeated in the file is one problem per group of rows. The plan's digest lets
a confirmation prove it writes what the preview showed.
"""

import hashlib
from dataclasses import dataclass, field

from symposia.models import Attendee, Organization

from .columns import map_columns
from .errors import ReadError, problem
from .rows import RowReader, org_identity
from .values import OrganizationIndex

WRITABLE = ("name", "native_name", "gender", "position", "organization_id", "country", "email", "role")
# What a new attendee gets for a column the file does not have (the model's defaults, as text).
NEW_DEFAULTS = {
    name: str(Attendee._meta.get_field(name).get_default())
    for name in ("name", "native_name", "gender", "position", "country", "email", "role")
}


@dataclass
class Plan:
    symposium_id: int = None
    total_rows: int = 0
    new: list = field(default_factory=list)  # (row number, {field: value}): no model instances
    updates: list = field(default_factory=list)  # (attendee, [changed field names])
    unchanged: int = 0
    problems: list = field(default_factory=list)
    rejected_rows: set = field(default_factory=set)
    new_organizations: dict = field(default_factory=dict)  # key -> unsaved Organization
    unknown_columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # every row to write, as read
    digest: str = ""

    @property
    def has_changes(self):
        return bool(self.new or self.updates)


def plan_import(
    *,
    symposium,
    table,
    create_organizations=False,
    accept_question_marks=False,
    progress=None,
    rows_as_read=False,
):
    """Work out what importing ``table`` into ``symposium`` would do, without
    writing anything. Raises ReadError for a header row we cannot use.
    ``accept_question_marks``: a "?" inside a word of a name or organization
    is taken as written, not as letters lost on saving (rows.py).
    ``rows_as_read``: also list every row to be written, as read (``Plan.rows``)."""
    columns = map_columns(table.headers)
    plan = Plan(symposium_id=symposium.pk, total_rows=len(table.rows), unknown_columns=columns.unknown)
    if not table.rows:
        raise ReadError("no_data_rows")

    known = list(Organization.objects.all())
    organizations = OrganizationIndex(known)
    existing = [
        _Existing(row)
        for row in Attendee.objects.filter(symposium=symposium).values_list("pk", *WRITABLE).order_by()
    ]
    by_email = {a.email.casefold(): a for a in existing if a.email}
    by_name = {}
    for a in existing:
        by_name.setdefault(a.name, []).append(a)

    reader = RowReader(columns, organizations, plan, create_organizations, accept_question_marks)
    parsed = []  # (row number, values, identity key, key description)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress and done % 1000 == 0:
            progress(done, plan.total_rows)
        parsed.append(reader.read(number, cells))
    header = reader.header
    _reject_repeats(plan, parsed, header)
    _match(plan, parsed, by_email, by_name, "organization" in reader.index, header)
    if progress:
        progress(plan.total_rows, plan.total_rows)
    plan.problems.sort(key=lambda p: (p["row"], p["column"] or ""))
    # Organizations only the rejected rows needed are not created.
    needed = {id(values.get("organization")) for _number, values in plan.new}
    needed |= {id(_cached_org(a)) for a, _ in plan.updates}
    plan.new_organizations = {k: o for k, o in plan.new_organizations.items() if id(o) in needed}
    if rows_as_read:
        plan.rows = _rows_as_read(plan, {org.pk: org for org in known})
    plan.digest = _digest(plan)
    return plan


def _rows_as_read(plan, organizations):
    """Every row to be written, in file order, with each value as the import
    read it (names, the organization matched or to be created, the country,
    the e-mail, the role), so a registrar sees garbled text or a wrong match
    before confirming. One small entry per row: linear in the rows."""
    rows = []
    for number, values in plan.new:
        rows.append(
            {
                "row": number,
                "action": "new",
                "name": values.get("name", ""),
                "native_name": values.get("native_name", ""),
                "organization": _org_as_read(values.get("organization")),
                "country": str(values.get("country") or ""),
                "email": values.get("email", ""),
                "role": values.get("role", NEW_DEFAULTS["role"]),
            }
        )
    for attendee, changed in plan.updates:
        org = attendee.__dict__.get("organization", attendee.organization_id)
        if isinstance(org, int):  # unchanged: the attendee's own organization
            org = organizations.get(org)
        rows.append(
            {
                "row": attendee._import_row,
                "action": "update",
                "changed": sorted(changed),
                "name": attendee.name,
                "native_name": attendee.native_name,
                "organization": _org_as_read(org),
                "country": str(attendee.country or ""),
                "email": attendee.email,
                "role": attendee.role,
            }
        )
    rows.sort(key=lambda row: row["row"])
    return rows


def _org_as_read(org):
    """[English name, Chinese name, to be created]; a name may be empty."""
    if org is None:
        return None
    return [org.name_en or "", org.name_zh_hans or "", org.pk is None]


# A group of rows holding one person is reported once, at its first row,
# naming this many of its rows and counting the rest.
ROWS_NAMED = 10


def _reject_group(plan, numbers, column, key):
    """Reject every row of ``numbers`` (the same person): one problem for
    the group, so what is kept does not grow with the square of the rows."""
    named = ", ".join(str(n) for n in numbers[:ROWS_NAMED])
    if len(numbers) > ROWS_NAMED:
        named += " …"
    plan.problems.append(
        problem(
            numbers[0], column, "duplicate_rows", {"key": key, "count": f"{len(numbers):,}", "rows": named}
        )
    )
    plan.rejected_rows.update(numbers)


def _reject_repeats(plan, parsed, header):
    rows_by_key = {}
    descriptions = {}
    for number, _values, key, description in parsed:
        if key[1]:
            rows_by_key.setdefault(key, []).append(number)
            descriptions.setdefault(key, description)
    for key, numbers in rows_by_key.items():
        if len(numbers) > 1:
            column = header["email"] if key[0] == "email" else header["name"]
            _reject_group(plan, numbers, column, descriptions[key])


def _match(plan, parsed, by_email, by_name, has_org_column, header):
    """Find each valid row's attendee: by e-mail, else by name and
    organization; then decide new, updated or unchanged."""
    claims = {}  # attendee pk -> (row numbers, description): two rows never update one person
    matches = []
    for number, values, _key, description in parsed:
        if number in plan.rejected_rows:
            continue
        attendee = None
        email = values.get("email", "")
        if email:
            attendee = by_email.get(email.casefold())
        if attendee is None:
            candidates = by_name.get(values["name"], [])
            if has_org_column:
                org = values.get("organization")
                org_pk = org.pk if org is not None else None
                candidates = [a for a in candidates if a.organization_id == org_pk]
            without_email = [a for a in candidates if not a.email]
            # A row with an e-mail only takes over an entry that has none; a
            # row without one prefers an entry without one.
            if email or without_email:
                candidates = without_email
            if len(candidates) == 1:
                attendee = candidates[0]
        if attendee is not None:
            claims.setdefault(attendee.pk, ([], description))[0].append(number)
        matches.append((number, values, attendee))
    for numbers, description in claims.values():
        if len(numbers) > 1:
            _reject_group(plan, numbers, header["name"], description)

    for number, values, attendee in matches:
        if number in plan.rejected_rows:
            continue
        if attendee is None:
            plan.new.append((number, values))
            continue
        changed = []
        for name, value in values.items():
            if name == "organization":
                if attendee.organization_id != (value.pk if value is not None else None) or (
                    value is not None and value.pk is None
                ):
                    attendee.organization = value
                    changed.append("organization")
            elif name == "email" and attendee.email.casefold() == value.casefold():
                continue  # the same address; keep it as first written
            elif getattr(attendee, name) != value:
                setattr(attendee, name, value)
                changed.append(name)
        if changed:
            attendee._import_row = number
            plan.updates.append((attendee, changed))
        else:
            plan.unchanged += 1


def _digest(plan):
    """A fingerprint of what the plan would write, so a confirmation can
    prove it writes what the preview showed."""
    parts = []  # one repr per item, hashed at once
    feed = parts.append
    for key in sorted(plan.new_organizations):
        feed(repr(("org", key, plan.new_organizations[key].country)))
    for number, values in plan.new:
        feed(repr(("new", number, _new_row(values))))
    for a, changed in plan.updates:
        feed(repr(("update", a.pk, sorted(changed), *(_value(a, f) for f in WRITABLE))))
    feed(repr(("unchanged", plan.unchanged)))
    for p in plan.problems:
        feed(repr(("problem", p["row"], p["column"], p["code"], sorted(p["params"].items()))))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class _Existing:
    """An attendee already registered, as plain attributes: the plan compares
    and changes these; loading them as model instances cost more than the
    rest of a re-import. ``organization`` is set only when the plan assigns one."""

    def __init__(self, row):
        self.__dict__.update(zip(("pk", *WRITABLE), row, strict=True))


def _cached_org(attendee):
    """The organization object the plan assigned."""
    return attendee.__dict__.get("organization")


def _new_row(values):
    """A new row's WRITABLE values as the digest sees them (the organization
    by its identity, so one that is still to be created has one too)."""
    get, default = values.get, NEW_DEFAULTS
    return (  # in WRITABLE's order
        get("name", ""),
        get("native_name", ""),
        get("gender", ""),
        get("position", ""),
        org_identity(get("organization")),
        get("country", ""),
        get("email", ""),
        get("role", default["role"]),
    )


def _value(attendee, name):
    if name == "organization_id":
        if "organization" in attendee.__dict__:
            return org_identity(attendee.organization)
        return attendee.organization_id
    # The raw attribute, not the descriptor: CountryField's costs a lookup per call.
    return str(attendee.__dict__.get(name, ""))
