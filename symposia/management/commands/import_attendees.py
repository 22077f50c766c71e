"""Import a spreadsheet of attendees into a symposium, as the admin does.

Exit status: 0 when every row was imported (or, with --only-valid, the valid
rows were written); 1 when rows were rejected and so nothing was written, or
with --dry-run when rows would be rejected; 2 when the file was refused (too
large, empty, unreadable, beyond the limits, another import into the
symposium running) or the arguments cannot be used. A refused file leaves an
import record too.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError
from django.utils import translation
from django.utils.translation import ngettext

from symposia.importing.cli import find_symposium
from symposia.importing.messages import render, render_problem
from symposia.importing.readers import ENCODINGS, FORMATS, max_bytes, megabytes
from symposia.importing.records import is_busy, refuse_upload, summary_lines
from symposia.importing.services import import_attendees
from symposia.models import ImportRecord


class Command(BaseCommand):
    help = (
        "Import attendees from a CSV, TSV, XLSX, ODS, flat ODS or JSON file into a symposium "
        "(all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--symposium", required=True, help="slug or number in the series")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument(
            "--only-valid", action="store_true", help="write the valid rows even when others are rejected"
        )
        parser.add_argument(
            "--create-organizations", action="store_true", help="create organizations the database lacks"
        )
        parser.add_argument(
            "--accept-question-marks",
            action="store_true",
            help="import names and organizations with a '?' inside a word as written "
            "(by default such rows are rejected: the '?' usually means letters were lost on saving)",
        )
        parser.add_argument("--format", choices=["auto", *FORMATS], default="auto")
        parser.add_argument(
            "--sheet",
            default="",
            help="the sheet to read (XLSX, ODS): its name or number, 1 for the first; "
            "by default the first sheet with a header row",
        )
        parser.add_argument(
            "--encoding",
            default="auto",
            help=f"text encoding: {', '.join(ENCODINGS)} (or any codec Python knows)",
        )
        parser.add_argument("--language", default=None, help="language of the messages (en or zh-hans)")

    def handle(self, *args, **options):
        if options["language"]:
            translation.activate(options["language"])
        symposium = find_symposium(options["symposium"])
        path = Path(options["file"])
        limit = max_bytes()
        try:
            with path.open("rb") as stream:
                # Never more than the limit in memory: one byte past it is enough to refuse.
                data = stream.read(limit + 1)
                size = path.stat().st_size
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}", returncode=2) from exc
        try:
            if len(data) > limit:
                record = refuse_upload(
                    symposium=symposium,
                    filename=path.name,
                    size=max(size, len(data)),
                    user=None,
                    code="upload_too_large",
                    params={"limit": megabytes(limit)},
                    source=ImportRecord.Source.COMMAND,
                )
            else:
                record = import_attendees(
                    symposium=symposium,
                    data=data,
                    filename=path.name,
                    source=ImportRecord.Source.COMMAND,
                    format=options["format"],
                    encoding=options["encoding"],
                    sheet=options["sheet"],
                    dry_run=options["dry_run"],
                    only_valid=options["only_valid"],
                    create_organizations=options["create_organizations"],
                    accept_question_marks=options["accept_question_marks"],
                    progress=self._progress_bar() if self.stdout.isatty() else None,
                )
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            raise CommandError(render("database_busy"), returncode=2) from exc
        self._report(record)
        Status = ImportRecord.Status
        if record.status == Status.FAILED:
            raise CommandError(summary_lines(record)[0], returncode=2)
        if record.rejected_count and not (record.options["only_valid"] and record.status == Status.IMPORTED):
            message = ngettext(
                "%(count)s row rejected; see above.",
                "%(count)s rows rejected; see above.",
                record.rejected_count,
            )
            raise CommandError(message % {"count": record.rejected_count}, returncode=1)

    def _report(self, record):
        if record.status != ImportRecord.Status.FAILED:
            for problem in record.problems:
                self.stdout.write(render_problem(problem))
        for line in summary_lines(record)[(record.status == ImportRecord.Status.FAILED) :]:
            self.stdout.write(line)

    def _progress_bar(self):
        stream = self.stdout

        def show(done, total):
            width = 30
            filled = int(width * done / max(total, 1))
            stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
            if done >= total:
                stream.write("")
            stream.flush()

        return show
