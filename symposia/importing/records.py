"""Record: every import leaves an ImportRecord (who, when, which file, what
came of it, or why it was refused), and the record is also how imports take
turns and how uploads expire.

An import that writes holds its symposium by saving its record as RUNNING: a
unique index allows one per symposium in any process on any server. A
previewed upload keeps its bytes in the record until it is confirmed or
expires (``ATTENDEE_IMPORT_PENDING_HOURS``).
"""

import hashlib
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from symposia.models import ImportRecord

from .errors import ImportFailed, problem
from .messages import render_problem
from .readers import quoted


def start_record(*, symposium, data, filename, user, source, dry_run, options, size=None):
    return ImportRecord(
        symposium=symposium,
        user=user if user is not None and user.is_authenticated else None,
        source=source,
        dry_run=dry_run,
        file_name=(filename or "")[-255:],
        file_size=len(data) if size is None else size,
        # A file refused for its size was not read whole: its hash is unknown.
        sha256=hashlib.sha256(data).hexdigest() if size is None else "",
        options=options,
    )


def fill(record, plan):
    record.total_rows = plan.total_rows
    record.new_count = len(plan.new)
    record.updated_count = len(plan.updates)
    record.unchanged_count = plan.unchanged
    record.rejected_count = len(plan.rejected_rows)
    record.organizations_created = len(plan.new_organizations)
    record.unknown_columns = plan.unknown_columns
    record.problems = plan.problems
    record.sample = plan.rows
    record.plan_digest = plan.digest


def finish(record, status):
    """Save the record's outcome. Only a check keeps the rows as read (a
    preview shows them); every other outcome drops them with the upload:
    names and e-mails are not kept in the record once the import is over."""
    record.status = status
    record.pending_data = None
    if status != ImportRecord.Status.CHECKED:
        record.sample = []
    record.running_since = None
    record.finished_at = timezone.now()
    record.save()
    return record


def fail(record, code, params=None, notes=()):
    """Finish ``record`` as refused: the reason, then any sentences that explain it."""
    record.problems = [problem(None, None, code, params)]
    record.problems += [problem(None, None, note, note_params) for note, note_params in notes]
    return finish(record, ImportRecord.Status.FAILED)


def refuse_upload(*, symposium, filename, size, user, code, params=None, source=ImportRecord.Source.ADMIN):
    """Record a file refused before it was read (too large): who, when,
    which file, how much of it arrived, and why."""
    record = start_record(
        symposium=symposium,
        data=b"",
        filename=filename,
        user=user,
        source=source,
        dry_run=True,
        options={},
        size=size,
    )
    return fail(record, code, params)


def keep_pending(record, data):
    """Keep the upload, waiting for a confirmation of what the record shows."""
    record.status = ImportRecord.Status.PENDING
    record.dry_run = True
    record.pending_data = data
    record.running_since = None
    record.finished_at = None
    record.save()


# A running import that has not finished after this long has died (its
# process was killed): the symposium is freed and the record says so.
RUNNING_AT_MOST = timedelta(minutes=10)


def pending_hours():
    return getattr(settings, "ATTENDEE_IMPORT_PENDING_HOURS", 24)


def purge(*, now=None):
    """Expire previews older than ``ATTENDEE_IMPORT_PENDING_HOURS`` and free
    symposia whose import died: each record is kept, its uploaded bytes are
    dropped (every other way out of PENDING drops them too). Cheap (two
    UPDATE statements), so every import runs it first;
    ``manage.py purge_imports`` runs it on a schedule. Returns the counts."""
    now = now or timezone.now()
    Status = ImportRecord.Status
    records = ImportRecord.objects
    cutoff = now - timedelta(hours=pending_hours())
    expired = records.filter(status=Status.PENDING, created_at__lt=cutoff).update(
        status=Status.EXPIRED,
        pending_data=None,
        sample=[],
        finished_at=now,
        problems=[problem(None, None, "expired")],
    )
    interrupted = records.filter(status=Status.RUNNING, running_since__lt=now - RUNNING_AT_MOST).update(
        status=Status.FAILED,
        pending_data=None,
        sample=[],
        running_since=None,
        finished_at=now,
        problems=[problem(None, None, "interrupted")],
    )
    return {"expired": expired, "interrupted": interrupted}


@contextmanager
def holding_the_symposium(record):
    """Hold the symposium for ``record`` while it plans and writes.

    The record itself is the lock: it is saved as RUNNING at once (its own
    short transaction), and the database's unique index on running imports
    refuses a second one for the same symposium, from any process on any app
    server; the second import is told to try again instead of waiting. Saving
    the record with its outcome frees the symposium. A previewed record is
    claimed only while it is still pending, so a double confirmation writes
    once."""
    Status = ImportRecord.Status
    now = timezone.now()
    try:
        with transaction.atomic():
            if record.pk is None:
                record.status, record.running_since = Status.RUNNING, now
                record.save()
            elif not ImportRecord.objects.filter(pk=record.pk, status=Status.PENDING).update(
                status=Status.RUNNING, running_since=now
            ):
                raise ImportFailed("not_pending")
    except IntegrityError:
        if record.pk is None:
            record.status, record.running_since = Status.PENDING, None
        raise ImportFailed("import_running") from None
    record.status, record.running_since = Status.RUNNING, now
    try:
        yield
    finally:
        if record.status == Status.RUNNING:  # an error nobody handled: free the symposium
            fail(record, "interrupted")


def is_busy(error):
    """An OperationalError that means "another writer holds the database"
    (SQLite's "database is locked"), not a broken database."""
    return "locked" in str(error)


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
    if record.status in (Status.FAILED, Status.EXPIRED):
        return [render_problem(p) for p in record.problems]
    lines = [
        gettext("%(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected.")
        % {
            "new": record.new_count,
            "updated": record.updated_count,
            "unchanged": record.unchanged_count,
            "rejected": record.rejected_count,
        }
    ]
    lines += layout_lines(record.options.get("layout") or {})
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
    if record.status == Status.REJECTED or record.awaits_valid_rows_choice:
        text = (
            # No valid row to import instead: only a corrected file helps.
            ngettext(
                "Nothing was written because %(count)s row was rejected. Fix it and import the file again.",
                "Nothing was written because %(count)s rows were rejected. Fix them and import the file "
                "again.",
                record.rejected_count,
            )
            if nothing_to_change
            else ngettext(
                "Nothing was written because %(count)s row was rejected. Fix it and import the file again, "
                "or choose to import only the valid rows.",
                "Nothing was written because %(count)s rows were rejected. Fix them and import the file "
                "again, or choose to import only the valid rows.",
                record.rejected_count,
            )
        )
        lines.append(text % {"count": record.rejected_count})
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
            # In brackets: an English date and time ends with its own full stop ("9:11 a.m.").
            gettext("This file was already imported into this symposium (%(date)s).")
            % {"date": formats.date_format(timezone.localtime(earlier.created_at), "DATETIME_FORMAT")}
        )
    return lines


def layout_lines(layout):
    """What was read of the file, from the import record: the sheet (and the
    others), the header row, the hidden rows and columns, the cells filled
    from merged cells; the preview and the command line show the same."""
    lines = []
    if layout.get("sheet"):
        others = layout.get("other_sheets") or []
        if others:
            lines.append(
                gettext("Sheet read: “%(sheet)s”. Other sheets, not read: %(others)s.")
                % {"sheet": layout["sheet"], "others": quoted(others)}
            )
        else:
            lines.append(gettext("Sheet read: “%(sheet)s” (the only sheet).") % {"sheet": layout["sheet"]})
    row = layout.get("header_row")
    if row == 1:
        lines.append(gettext("Header row: row 1."))
    elif row:
        lines.append(
            gettext("Header row: row %(row)s; the rows above it (a title or notes) were not read.")
            % {"row": row}
        )
    count = layout.get("hidden_rows") or 0
    if count:
        text = ngettext("%(count)s hidden row was read.", "%(count)s hidden rows were read.", count)
        lines.append(text % {"count": count})
    count = layout.get("hidden_columns") or 0
    if count:
        text = ngettext("%(count)s hidden column was read.", "%(count)s hidden columns were read.", count)
        lines.append(text % {"count": count})
    count = layout.get("filled") or 0
    if count:
        text = ngettext(
            "%(count)s empty cell under a merged organization, country or role cell took its value.",
            "%(count)s empty cells under merged organization, country or role cells took their value.",
            count,
        )
        lines.append(text % {"count": count})
    return lines
