"""Write: a plan's new attendees, changed attendees and new organizations,
in a few statements whatever the number of rows.

The number of queries does not grow with the file: new attendees go in with
one INSERT (``executemany`` on SQLite, one ``INSERT … SELECT`` over a JSON
parameter on PostgreSQL), changed ones with one UPDATE. The database still
enforces every constraint.
"""

import json

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from publishing.signals import content_changed
from symposia.models import Attendee, Organization

from .planning import NEW_DEFAULTS
from .rows import written_name

# Every column a new attendee row is inserted with; a field added to the model
# and missing here fails loudly instead of being left to the database.
INSERT_FIELDS = ("symposium", *NEW_DEFAULTS, "organization", "created_at", "updated_at")
if {f.name for f in Attendee._meta.concrete_fields if not f.primary_key} != set(INSERT_FIELDS):
    raise ImproperlyConfigured("symposia.importing.writing.INSERT_FIELDS does not match Attendee's fields.")


def write(plan):
    now = timezone.now()
    if plan.new_organizations:
        taken = set(Organization.objects.values_list("slug", flat=True))
        for org in plan.new_organizations.values():
            org.slug = _unique_slug(written_name(org), taken)
        Organization.objects.bulk_create(list(plan.new_organizations.values()))
    if plan.new:
        insert_new(plan.symposium_id, plan.new, now)
    if plan.updates:
        _update_changed(plan.updates, now)
    if plan.has_changes or plan.new_organizations:
        # These writes send no post_save: tell the public-page cache that the
        # attendee counts changed (it forgets its pages once the transaction has committed).
        content_changed.send(sender=Attendee)


def insert_new(symposium_id, new, now):
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
