"""Export a symposium's attendees to CSV (UTF-8 with BOM) or XLSX."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from symposia.importing.cli import find_symposium
from symposia.importing.resources import export_attendees
from symposia.models import Attendee


class Command(BaseCommand):
    help = "Export a symposium's attendees, headers in the chosen language, formula-like cells neutralised."

    def add_arguments(self, parser):
        parser.add_argument("--symposium", required=True, help="slug or number in the series")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, help="language of headers and values: en or zh-hans"
        )

    def handle(self, *args, **options):
        symposium = find_symposium(options["symposium"])
        queryset = Attendee.objects.filter(symposium=symposium).order_by("name", "pk")
        data = export_attendees(queryset, format=options["format"], language=options["language"])
        if options["output"]:
            try:
                Path(options["output"]).write_bytes(data)
            except OSError as exc:
                raise CommandError(f"Cannot write {options['output']}: {exc.strerror}", returncode=2) from exc
            self.stderr.write(f"{queryset.count()} attendees written to {options['output']}.")
        elif options["format"] == "xlsx" and self.stdout.isatty():
            raise CommandError("XLSX is binary: give -o FILE.", returncode=2)
        else:
            out = getattr(self.stdout, "_out", sys.stdout)
            out = getattr(out, "buffer", None)
            if out is None:  # a text stream, as in tests
                self.stdout.write(data.decode("utf-8-sig") if options["format"] == "csv" else "", ending="")
            else:
                out.write(data)
                out.flush()
