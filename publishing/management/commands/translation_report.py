"""`manage.py translation_report`: what lacks a translation.

Prints every missing or untranslated text (see publishing/translation_status.py),
one line each, and exits with status 1 when any of them is published in the
language it lacks, 0 otherwise. CI runs it on the seed content.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from publishing.translation_status import report


class Command(BaseCommand):
    help = "List missing or untranslated texts; exit 1 when published content lacks a translation."

    def handle(self, *args, **options):
        with translation.override("en"):
            problems = report()
            for problem in problems:
                obj = problem.obj
                state = "PUBLISHED" if problem.published else "not published"
                self.stdout.write(
                    f"{obj._meta.label}\t{obj.pk}\t{obj}\t{problem.field}\t{problem.language}\t"
                    f"{problem.kind}\t{state}"
                )
        published = [problem for problem in problems if problem.published]
        self.stdout.write(
            f"{len(problems)} text(s) missing or untranslated, {len(published)} of them published."
        )
        if published:
            raise CommandError(f"{len(published)} published text(s) lack a translation.", returncode=1)
