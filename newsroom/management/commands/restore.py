"""manage.py restore FILE: rebuild the site from a `backup` file.

Into an empty database only: it migrates the database first, refuses when it
already holds users or content, and loads everything in one transaction, so a
failure leaves the database as it was.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import translation

from .backup import SUFFIXES

# Where a site's own data lives; after `migrate` these hold nothing (roles are groups).
CONTENT_APPS = ("publishing", "briefing", "symposia", "newsroom")


class Command(BaseCommand):
    help = "Restore a backup FILE into an empty database (migrates it first)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, database, **options):
        if not file.endswith(SUFFIXES):
            raise CommandError(f"FILE must end in one of {', '.join(SUFFIXES)}")
        call_command("migrate", database=database, interactive=False, verbosity=0)
        call_command("createcachetable", database=database, verbosity=0)
        occupied = [
            model._meta.label
            for model in [get_user_model()]
            + [m for label in CONTENT_APPS for m in apps.get_app_config(label).get_models()]
            if model._base_manager.using(database).exists()
        ]
        if occupied:
            raise CommandError(
                "The database is not empty (" + ", ".join(occupied) + "). "
                "Restore into a new database: create it, point DATABASE_URL at it, run restore."
            )
        with (
            translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE),
            transaction.atomic(using=database),
        ):
            call_command("loaddata", file, database=database, verbosity=0)
        self.stdout.write(f"Restored {file}")
