"""manage.py backup FILE: every object of the site in one JSON file.

What `restore` needs to rebuild an identical site in an empty, migrated
database: all content in both languages (each translated field's `_en` and
`_zh_hans` columns), drafts included, users, roles, history, imports. Left out
is what a fresh database rebuilds or what must not outlive its server: content
types and permissions (recreated by `migrate`), sessions, sign-in attempt logs.
Natural keys stand for users, groups, permissions and content types, so the
file does not depend on the numbering of the database it came from.
"""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

# Rebuilt by migrate, or not worth restoring (and personal: IP addresses).
EXCLUDED = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accesslog",
    "axes.accessfailurelog",
)
SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz", ".json.lzma")


def excluded_labels():
    """The EXCLUDED labels that exist in this project (dumpdata refuses unknown ones)."""
    labels = []
    for label in EXCLUDED:
        try:
            apps.get_model(label) if "." in label else apps.get_app_config(label)
        except LookupError:
            continue
        labels.append(label)
    return labels


class Command(BaseCommand):
    help = "Write every object of the site to FILE (JSON; .json.gz, .json.xz … are compressed)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write, ending in " + ", ".join(SUFFIXES))

    def handle(self, *args, file, **options):
        if not file.endswith(SUFFIXES):
            raise CommandError(
                f"FILE must end in one of {', '.join(SUFFIXES)} (restore reads the format from it)"
            )
        # A translated field's own column follows the active language; dump it in
        # the default language so two backups of one site are the same file.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            call_command(
                "dumpdata",
                exclude=excluded_labels(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
                use_base_manager=True,  # drafts and anything a default manager hides
                indent=1,
                output=file,
                verbosity=0,
            )
        self.stdout.write(f"Backup written to {file}")
