"""Importing an attendee list: plan first, then write all of it or none of it.

``import_attendees`` is what the command line calls; the admin calls
``preview_import`` and then ``confirm_import``, which re-plans from the bytes
stored with the preview and writes only if the plan is still the one shown.

Speed comes from doing per-row work in Python only: existing attendees and
organizations are loaded once, every value seen is parsed once, and rows are
written with bulk_create/bulk_update, so the number of queries does not grow
with the file (apart from the batches the database driver needs). Each field
is checked here (length, choices, e-mail) instead of with a per-row
``full_clean()``, whose constraint checks would cost queries per row.
"""

import hashlib
import json
import re
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from publishing.signals import content_changed
from symposia.models import Attendee, ImportRecord, Organization, Symposium

from .columns import map_columns
from .messages import render, render_problem
from .readers import ReadError, read_table
from .values import (
    CellError,
    OrganizationIndex,
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
WRITABLE = ("name", "native_name", "gender", "position", "organization_id", "country", "email", "role")
# What a new attendee gets for a column the file does not have (the model's defaults, as text).
NEW_DEFAULTS = {
    name: str(Attendee._meta.get_field(name).get_default())
    for name in ("name", "native_name", "gender", "position", "country", "email", "role")
}
# Every column a new attendee row is inserted with; a field added to the model
# and missing here fails loudly instead of being left to the database.
INSERT_FIELDS = ("symposium", *NEW_DEFAULTS, "organization", "created_at", "updated_at")
if {f.name for f in Attendee._meta.concrete_fields if not f.primary_key} != set(INSERT_FIELDS):
    raise ImproperlyConfigured("symposia.importing.services.INSERT_FIELDS does not match Attendee's fields.")


class ImportFailed(Exception):
    """Nothing was written; ``code`` is a message code (see messages.py)."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(code)


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
    digest: str = ""

    @property
    def has_changes(self):
        return bool(self.new or self.updates)


def problem(row, column, code, params=None):
    return {"row": row, "column": column, "code": code, "params": params or {}}


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


def plan_import(*, symposium, table, create_organizations=False, progress=None):
    """Work out what importing ``table`` into ``symposium`` would do, without
    writing anything. Raises ReadError for a header row we cannot use."""
    columns = map_columns(table.headers)
    plan = Plan(symposium_id=symposium.pk, total_rows=len(table.rows), unknown_columns=columns.unknown)
    if not table.rows:
        raise ReadError("no_data_rows")

    organizations = OrganizationIndex(Organization.objects.all())
    existing = [
        _Existing(row)
        for row in Attendee.objects.filter(symposium=symposium).values_list("pk", *WRITABLE).order_by()
    ]
    by_email = {a.email.casefold(): a for a in existing if a.email}
    by_name = {}
    for a in existing:
        by_name.setdefault(a.name, []).append(a)

    reader = _RowReader(columns, organizations, plan, create_organizations)
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
    plan.digest = _digest(plan)
    return plan


class _RowReader:
    """Turns one row of cells into model values, noting each problem."""

    def __init__(self, columns, organizations, plan, create_organizations):
        self.index = {name: position for name, (position, _header) in columns.columns.items()}
        self.header = {name: written for name, (_position, written) in columns.columns.items()}
        self.plan = plan
        self.create_organizations = create_organizations
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
        org_identity = _org_identity(org) if "organization" in index else None
        key = ("email", email.casefold()) if email else ("name", values["name"], org_identity)
        description = email or ", ".join(filter(None, [values["name"], org_text]))
        return number, values, key, description


def _org_identity(org):
    if org is None:
        return None
    return org.pk if org.pk is not None else "new:" + organization_key(org.name_en)


def _new_organization(plan, text, country):
    key = organization_key(text)
    org = plan.new_organizations.get(key)
    if org is None:
        org = plan.new_organizations[key] = Organization(
            name_en=text, name_zh_hans=text, kind=Organization.Kind.OTHER, country=country
        )
    return org


def _reject_repeats(plan, parsed, header):
    rows_by_key = {}
    for number, _values, key, _description in parsed:
        if key[1]:
            rows_by_key.setdefault(key, []).append(number)
    descriptions = {}
    for _number, _values, key, description in parsed:
        descriptions.setdefault(key, description)
    column = header.get("email") if "email" in header else header["name"]
    for key, numbers in rows_by_key.items():
        if len(numbers) < 2:
            continue
        for number in numbers:
            others = ", ".join(str(n) for n in numbers if n != number)
            plan.problems.append(
                problem(
                    number,
                    column if key[0] == "email" else header["name"],
                    "duplicate_in_file",
                    {"rows": others, "key": descriptions[key]},
                )
            )
            plan.rejected_rows.add(number)


def _match(plan, parsed, by_email, by_name, has_org_column, header):
    """Find each valid row's attendee: by e-mail, else by name and
    organization; then decide new, updated or unchanged."""
    claimed = {}  # attendee pk -> row number, so two rows never update one person
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
            if attendee.pk in claimed:
                first = claimed[attendee.pk]
                for row, other in ((first, number), (number, first)):
                    plan.problems.append(
                        problem(row, header["name"], "duplicate_in_file", {"rows": other, "key": description})
                    )
                    plan.rejected_rows.add(row)
                continue
            claimed[attendee.pk] = number
        matches.append((number, values, attendee))

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
        _org_identity(get("organization")),
        get("country", ""),
        get("email", ""),
        get("role", default["role"]),
    )


def _value(attendee, name):
    if name == "organization_id":
        if "organization" in attendee.__dict__:
            return _org_identity(attendee.organization)
        return attendee.organization_id
    # The raw attribute, not the descriptor: CountryField's costs a lookup per call.
    return str(attendee.__dict__.get(name, ""))


def _write(plan):
    now = timezone.now()
    if plan.new_organizations:
        taken = set(Organization.objects.values_list("slug", flat=True))
        for org in plan.new_organizations.values():
            org.slug = _unique_slug(org.name_en, taken)
        Organization.objects.bulk_create(list(plan.new_organizations.values()))
    if plan.new:
        _insert_new(plan.symposium_id, plan.new, now)
    if plan.updates:
        _update_changed(plan.updates, now)
    if plan.has_changes or plan.new_organizations:
        # These writes send no post_save: tell the public-page cache that the
        # attendee counts changed (it forgets its pages once the transaction has committed).
        content_changed.send(sender=Attendee)


def _insert_new(symposium_id, new, now):
    """Insert every new attendee with one statement, whatever the number of
    rows: no model instances, no per-row SQL compilation, and none of the
    999-parameter batches Django's bulk_create needs on SQLite. The database
    still enforces every constraint; the timestamps are set here as
    auto_now/auto_now_add would set them."""
    meta = Attendee._meta
    stamp = meta.get_field("created_at").get_db_prep_save(now, connection)
    text = tuple(NEW_DEFAULTS)  # in INSERT_FIELDS' order, after the symposium

    def varying(values):  # the text fields and the organization
        org = values.get("organization")
        return [*[values.get(name, NEW_DEFAULTS[name]) for name in text], org.pk if org is not None else None]

    fields = [meta.get_field(name) for name in INSERT_FIELDS]
    table, columns = _quoted(meta.db_table), ", ".join(_quoted(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The symposium and the timestamps once; the rest as one JSON
            # parameter, an array per row, cast to the columns' types: a single
            # INSERT, and one compact string for the driver to quote.
            items = ", ".join(f"(r->>{i})::{f.db_type(connection)}" for i, f in enumerate(fields[1:-2]))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) "
                f"SELECT %s, {items}, %s, %s FROM json_array_elements(%s::json) AS r",
                [symposium_id, stamp, stamp, _json_rows([varying(values) for _number, values in new])],
            )
        else:
            # One statement run for every row through the DB-API's executemany.
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",
                [(symposium_id, *varying(values), stamp, stamp) for _number, values in new],
            )


def _update_changed(updates, now):
    """Update the changed attendees with one statement: the fields that
    changed in any of them (as bulk_update would, without its batches)."""
    meta = Attendee._meta
    names = sorted(set().union(*(changed for _attendee, changed in updates)))
    fields = [meta.get_field(name) for name in names] + [meta.get_field("updated_at")]
    rows = []
    for attendee, _changed in updates:
        attendee.updated_at = now
        row = [attendee.pk]
        for f in fields:
            if f.name == "organization":
                if "organization" in attendee.__dict__:  # assigned by the plan, perhaps just created
                    org = attendee.organization
                    value = org.pk if org is not None else None
                else:
                    value = attendee.organization_id
            else:
                value = attendee.__dict__[f.attname]
            row.append(f.get_db_prep_save(value, connection))
        rows.append(row)
    table, pk = _quoted(meta.db_table), _quoted(meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            assignments = ", ".join(f"{_quoted(f.column)} = v.{_quoted(f.column)}" for f in fields)
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM ({_json_select([meta.pk, *fields])}) AS v "
                f"WHERE {table}.{pk} = v.{pk}",
                [_json_rows(rows)],
            )
        else:
            assignments = ", ".join(f"{_quoted(f.column)} = %s" for f in fields)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {pk} = %s", [[*row[1:], row[0]] for row in rows]
            )


def _quoted(name):
    return connection.ops.quote_name(name)


def _json_select(fields):
    """PostgreSQL: the rows of a JSON array of arrays (the parameter), each
    item cast to its column's type and named after the column."""
    items = ", ".join(
        f"(r->>{i})::{f.db_type(connection)} AS {_quoted(f.column)}" for i, f in enumerate(fields)
    )
    return f"SELECT {items} FROM json_array_elements(%s::json) AS r"


def _json_rows(rows):
    """Rows as compact JSON arrays: ASCII only (\\u escapes), so Python keeps
    the text at one byte a character even for a list in Chinese."""
    return json.dumps(rows, separators=(",", ":"), default=lambda value: value.isoformat())


def _unique_slug(name, taken):
    base = slugify(name)[:90] or "organization"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


# --- records ----------------------------------------------------------------


def _start_record(*, symposium, data, filename, user, source, dry_run, options):
    return ImportRecord(
        symposium=symposium,
        user=user if user is not None and user.is_authenticated else None,
        source=source,
        dry_run=dry_run,
        file_name=(filename or "")[-255:],
        file_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        options=options,
    )


def _fill(record, plan):
    record.total_rows = plan.total_rows
    record.new_count = len(plan.new)
    record.updated_count = len(plan.updates)
    record.unchanged_count = plan.unchanged
    record.rejected_count = len(plan.rejected_rows)
    record.organizations_created = len(plan.new_organizations)
    record.unknown_columns = plan.unknown_columns
    record.problems = plan.problems
    record.plan_digest = plan.digest


def _fail(record, code, params):
    record.status = ImportRecord.Status.FAILED
    record.problems = [problem(None, None, code, params)]
    record.pending_data = None
    record.finished_at = timezone.now()
    record.save()
    return record


def _read(record, data, options, row_limit):
    table = read_table(
        data,
        filename=record.file_name,
        format=options.get("format"),
        encoding=options.get("encoding"),
        row_limit=row_limit,
    )
    record.format = table.format
    record.encoding = table.encoding
    return table


def _options(format, encoding, only_valid, create_organizations):
    return {
        "format": format or "auto",
        "encoding": encoding or "auto",
        "only_valid": bool(only_valid),
        "create_organizations": bool(create_organizations),
    }


def _execute(record, data, *, dry_run=False, expected_digest=None, row_limit=None, progress=None):
    """Plan and, unless ``dry_run``, write when allowed. Writing happens in
    one transaction that holds the symposium's row lock: imports into one
    symposium run one at a time, and the unique constraints catch anything
    that slips past. A dry run only reads, without a transaction or lock."""
    options = record.options
    try:
        table = _read(record, data, options, row_limit)
        with nullcontext() if dry_run else transaction.atomic():
            if not dry_run:
                Symposium.objects.select_for_update().filter(pk=record.symposium_id).exists()
            plan = plan_import(
                symposium=record.symposium,
                table=table,
                create_organizations=options["create_organizations"],
                progress=progress,
            )
            _fill(record, plan)
            if dry_run:
                record.status = ImportRecord.Status.CHECKED
            elif expected_digest is not None and plan.digest != expected_digest:
                raise ImportFailed("plan_changed")
            elif plan.problems and not options["only_valid"]:
                record.status = ImportRecord.Status.REJECTED
            else:
                _write(plan)
                record.status = ImportRecord.Status.IMPORTED
    except ReadError as exc:
        return _fail(record, exc.code, exc.params)
    except IntegrityError:
        return _fail(record, "concurrent", {})
    record.dry_run = dry_run
    record.pending_data = None
    record.finished_at = timezone.now()
    record.save()
    return record


def import_attendees(
    *,
    symposium,
    data,
    filename="",
    user=None,
    source=ImportRecord.Source.COMMAND,
    format=None,
    encoding=None,
    dry_run=False,
    only_valid=False,
    create_organizations=False,
    row_limit=None,
    progress=None,
):
    """Import ``data`` (the bytes of an uploaded file) into ``symposium``.

    All or nothing unless ``only_valid``; ``dry_run`` reports without
    writing. Always returns the saved ImportRecord; unreadable files give a
    record with status FAILED and the reason in ``problems``.
    """
    options = _options(format, encoding, only_valid, create_organizations)
    record = _start_record(
        symposium=symposium,
        data=data,
        filename=filename,
        user=user,
        source=source,
        dry_run=dry_run,
        options=options,
    )
    return _execute(record, data, dry_run=dry_run, row_limit=row_limit, progress=progress)


def preview_import(*, symposium, data, filename, user, **options):
    """Check an upload and keep it, in the database, for ``confirm_import``.

    The record is PENDING when there is something to write (and either no
    row was rejected or only the valid rows are wanted); otherwise it is
    final at once and no bytes are kept.
    """
    record = import_attendees(
        symposium=symposium,
        data=data,
        filename=filename,
        user=user,
        source=ImportRecord.Source.ADMIN,
        dry_run=True,
        **options,
    )
    if record.status != ImportRecord.Status.CHECKED:
        return record
    if record.rejected_count and not record.options["only_valid"]:
        record.status = ImportRecord.Status.REJECTED
    elif record.new_count or record.updated_count:
        record.status = ImportRecord.Status.PENDING
        record.pending_data = data
        record.finished_at = None
    record.save()
    return record


def confirm_import(*, record, user=None):
    """Write what the preview in ``record`` showed, from the stored bytes.

    If the attendee list changed since the preview, nothing is written, the
    record shows the new plan and stays pending, and ImportFailed is raised.
    """
    if record.status != ImportRecord.Status.PENDING or record.pending_data is None:
        raise ImportFailed("not_pending")
    data = bytes(record.pending_data)
    expected = record.plan_digest
    if user is not None and user.is_authenticated:
        record.user = user
    try:
        _execute(record, data, expected_digest=expected)
    except ImportFailed:
        # _execute rolled back; keep the bytes so the new plan can be confirmed.
        record.status = ImportRecord.Status.PENDING
        record.dry_run = True
        record.save()
        raise
    return record


def previous_import(record):
    """An earlier completed import of the same file into the same symposium."""
    return (
        ImportRecord.objects.filter(
            symposium_id=record.symposium_id, sha256=record.sha256, status=ImportRecord.Status.IMPORTED
        )
        .exclude(pk=record.pk)
        .order_by("-created_at")
        .first()
    )


def summary_lines(record):
    """What happened, in the active language: the same words in the admin
    and on the command line."""
    Status = ImportRecord.Status
    if record.status == Status.FAILED:
        return [
            render_problem(p) if p.get("row") else render(p["code"], p.get("params")) for p in record.problems
        ]
    lines = [
        gettext("%(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected.")
        % {
            "new": record.new_count,
            "updated": record.updated_count,
            "unchanged": record.unchanged_count,
            "rejected": record.rejected_count,
        }
    ]
    if record.unknown_columns:
        lines.append(
            gettext("Columns ignored (not attendee fields): %(columns)s.")
            % {"columns": ", ".join(record.unknown_columns)}
        )
    if record.organizations_created:
        text = (
            ngettext(
                "%(count)s organization created.",
                "%(count)s organizations created.",
                record.organizations_created,
            )
            if record.status == Status.IMPORTED
            else ngettext(
                "%(count)s organization will be created.",
                "%(count)s organizations will be created.",
                record.organizations_created,
            )
        )
        lines.append(text % {"count": record.organizations_created})
    nothing_to_change = not (record.new_count or record.updated_count)
    if record.status == Status.REJECTED:
        lines.append(
            ngettext(
                "Nothing was written because %(count)s row was rejected. Fix it and import the file again, "
                "or choose to import only the valid rows.",
                "Nothing was written because %(count)s rows were rejected. Fix them and import the file "
                "again, or choose to import only the valid rows.",
                record.rejected_count,
            )
            % {"count": record.rejected_count}
        )
    elif nothing_to_change and not record.rejected_count:
        lines.append(
            gettext("Nothing to change: every attendee in the file is already registered as written.")
        )
    elif record.status == Status.CHECKED:
        lines.append(gettext("Dry run: nothing was written."))
    elif record.status == Status.PENDING:
        lines.append(gettext("Nothing is written until you confirm."))
    elif record.status == Status.IMPORTED and record.rejected_count:
        lines.append(gettext("Only the valid rows were written; the rejected rows were left out."))
    earlier = previous_import(record) if record.sha256 else None
    if earlier is not None:
        lines.append(
            gettext("This file was already imported into this symposium on %(date)s.")
            % {"date": formats.date_format(timezone.localtime(earlier.created_at), "DATETIME_FORMAT")}
        )
    return lines
