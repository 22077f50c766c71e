"""Importing an attendee list, as a pipeline: read the file (readers.py,
measured first by sheets.py), map its headers (columns.py), resolve its rows
(rows.py), plan (planning.py), write all of it or none of it (writing.py),
and record what happened (records.py).

``import_attendees`` is what the command line calls; the admin calls
``preview_import`` and then ``confirm_import``, which re-plans from the bytes
stored with the preview and writes only if the plan is still the one shown.
"""

from django.db import IntegrityError, OperationalError, transaction

from symposia.models import ImportRecord

from .errors import ImportFailed, ReadError
from .planning import plan_import
from .readers import read_table
from .records import (
    fail,
    fill,
    finish,
    holding_the_symposium,
    is_busy,
    keep_pending,
    previous_import,
    purge,
    start_record,
    summary_lines,
)
from .writing import insert_new as _insert_new
from .writing import write as _write

# The pipeline's entry points, and what its tests reach through this module
# (the write stage is called as services._write, so a test can stand in for it).
__all__ = [
    "ImportFailed",
    "_insert_new",
    "_write",
    "confirm_import",
    "import_attendees",
    "preview_import",
    "previous_import",
    "summary_lines",
]


def _read(record, data, options, row_limit):
    table = read_table(
        data,
        filename=record.file_name,
        format=options.get("format"),
        encoding=options.get("encoding"),
        row_limit=row_limit,
        sheet=options.get("sheet") or None,
    )
    record.format = table.format
    record.encoding = table.encoding
    # What was read (sheet, header row, hidden rows): the preview and the
    # command line say it (records.summary_lines).
    record.options = {**record.options, "layout": table.layout()}
    return table


def _options(format, encoding, only_valid, create_organizations, sheet="", accept_question_marks=False):
    return {
        "format": format or "auto",
        "encoding": encoding or "auto",
        "sheet": str(sheet or "").strip(),
        "only_valid": bool(only_valid),
        "create_organizations": bool(create_organizations),
        "accept_question_marks": bool(accept_question_marks),
    }


def _execute(record, data, *, dry_run=False, expected_digest=None, row_limit=None, progress=None):
    """Plan and, unless ``dry_run``, write when allowed. Returns the saved
    record; raises ImportFailed when a confirmation cannot write (the
    preview is kept) or another import holds the symposium.

    A writing import holds its symposium (``holding_the_symposium``) while it plans and
    writes; the writes and the record's outcome commit in one transaction,
    and the unique constraints on attendees catch anything that slips past.
    A dry run only reads."""
    try:
        table = _read(record, data, record.options, row_limit)
        if dry_run:
            fill(record, _plan(record, table, progress))
            record.dry_run = True
            return finish(record, ImportRecord.Status.CHECKED)
    except ReadError as exc:
        return fail(record, exc.code, exc.params, exc.notes)
    try:
        with holding_the_symposium(record):
            return _plan_and_write(record, table, data, expected_digest, progress)
    except OperationalError as exc:  # claiming the symposium found the database busy
        if not is_busy(exc):
            raise
        return fail(record, "database_busy")


def _plan_and_write(record, table, data, expected_digest, progress):
    Status = ImportRecord.Status
    try:
        plan = _plan(record, table, progress)
    except ReadError as exc:
        return fail(record, exc.code, exc.params, exc.notes)
    fill(record, plan)
    record.dry_run = False
    if expected_digest is not None and plan.digest != expected_digest:
        keep_pending(record, data)
        raise ImportFailed("plan_changed")
    if plan.problems and not record.options["only_valid"]:
        return finish(record, Status.REJECTED)
    try:
        with transaction.atomic():
            _write(plan)
            return finish(record, Status.IMPORTED)
    except IntegrityError:
        return fail(record, "concurrent")
    except OperationalError as exc:
        if not is_busy(exc):
            raise
        return fail(record, "database_busy")


def _plan(record, table, progress):
    return plan_import(
        symposium=record.symposium,
        table=table,
        create_organizations=record.options["create_organizations"],
        # A preview stored before the option existed did not accept them.
        accept_question_marks=record.options.get("accept_question_marks", False),
        progress=progress,
        # Only the admin's preview shows them (and a confirmation whose plan changed shows it again).
        rows_as_read=record.source == ImportRecord.Source.ADMIN,
    )


def import_attendees(
    *,
    symposium,
    data,
    filename="",
    user=None,
    source=ImportRecord.Source.COMMAND,
    format=None,
    encoding=None,
    sheet="",
    dry_run=False,
    only_valid=False,
    create_organizations=False,
    accept_question_marks=False,
    row_limit=None,
    progress=None,
):
    """Import ``data`` (the bytes of an uploaded file) into ``symposium``.

    All or nothing unless ``only_valid``; ``dry_run`` reports without
    writing; ``sheet`` (a name or a number from 1) chooses a spreadsheet's
    sheet, otherwise the first with a header row is read;
    ``accept_question_marks`` imports names and organizations with a "?"
    inside a word as written instead of rejecting them as letters lost on
    saving. Always returns the
    saved ImportRecord; a file that cannot be used gives a record with status
    FAILED and the reason in ``problems``.
    """
    purge()
    options = _options(format, encoding, only_valid, create_organizations, sheet, accept_question_marks)
    record = start_record(
        symposium=symposium,
        data=data,
        filename=filename,
        user=user,
        source=source,
        dry_run=dry_run,
        options=options,
    )
    try:
        return _execute(record, data, dry_run=dry_run, row_limit=row_limit, progress=progress)
    except ImportFailed as exc:  # another import holds the symposium
        return fail(record, exc.code, exc.params)


def preview_import(*, symposium, data, filename, user, **options):
    """Check an upload and keep it, in the database, for ``confirm_import``.

    The record is PENDING when there is something to write, with every row
    to be written as read (``sample``); if rows were rejected and only the
    valid rows were not asked for, confirming writes nothing unless
    ``confirm_import`` is told ``only_valid``. Otherwise the record is final
    at once and neither the bytes nor the rows are kept.
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
    if record.new_count or record.updated_count:
        keep_pending(record, data)
    elif record.rejected_count and not record.options["only_valid"]:
        finish(record, ImportRecord.Status.REJECTED)
    return record


def confirm_import(*, record, user=None, only_valid=False):
    """Write what the preview in ``record`` showed, from the stored bytes.

    ``only_valid``: write the valid rows although others were rejected (the
    preview's "Import the valid rows"); without it a preview with rejected
    rows writes nothing (unless the upload asked for only the valid rows).
    If the attendee list changed since the preview, nothing is written, the
    record shows the new plan and stays pending, and ImportFailed is raised;
    also when another import holds the symposium (the preview stays
    pending) or the preview expired.
    """
    purge()
    record.refresh_from_db()
    if record.status == ImportRecord.Status.EXPIRED:
        raise ImportFailed("expired")
    if record.status != ImportRecord.Status.PENDING or record.pending_data is None:
        raise ImportFailed("not_pending")
    data = bytes(record.pending_data)
    if user is not None and user.is_authenticated:
        record.user = user
    if only_valid:
        record.options = {**record.options, "only_valid": True}
    _execute(record, data, expected_digest=record.plan_digest)
    return record
