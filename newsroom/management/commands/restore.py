"""manage.py restore FILE: rebuild the site from a `backup` file.

Into an empty database only: it migrates the database first, refuses when it
already holds users or content, and loads everything in one transaction, so a
failure leaves the database as it was.

A backup taken before the site settings, readers' messages and slug redirects
moved from the briefing app to the newsroom and publishing apps names them by
their old app; they are read under the new one (`relabelled`), as the
migrations moved their rows.
"""

import bz2
import gzip
import json
import lzma
import tempfile
from pathlib import Path

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
# Models that moved to another app (newsroom/migrations/0001, publishing/migrations/0001).
MOVED = {("briefing", "sitesettings"): "newsroom", ("briefing", "feedback"): "newsroom"}
MOVED[("briefing", "slugredirect")] = "publishing"
OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".lzma": lzma.open, ".json": open}


def relabelled(value, key=None):
    """`value` (a backup's objects, or part of them) with every reference to a moved model under its
    new app: model labels (the "model" of an object), content type and permission natural keys
    ([app, model] at the end of a list of names), and the labels in reversion's serialized versions."""
    if isinstance(value, dict):
        return {name: relabelled(item, name) for name, item in value.items()}
    if isinstance(value, list):
        if len(value) >= 2 and all(isinstance(item, str) for item in value):
            app = MOVED.get((value[-2], value[-1]))
            if app is not None:
                return [*value[:-2], app, value[-1]]
        return [relabelled(item) for item in value]
    if isinstance(value, str) and key in ("model", "serialized_data"):
        for (old_app, model), app in MOVED.items():
            if key == "model" and value == f"{old_app}.{model}":
                return f"{app}.{model}"
            if key == "serialized_data":
                value = value.replace(f'"model": "{old_app}.{model}"', f'"model": "{app}.{model}"')
    return value


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
            tempfile.TemporaryDirectory() as folder,
            translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE),
            transaction.atomic(using=database),
        ):
            call_command("loaddata", self.upgraded(file, Path(folder)), database=database, verbosity=0)
        self.stdout.write(f"Restored {file}")

    @staticmethod
    def upgraded(file, folder):
        """`file`, or a copy in `folder` of what it holds with moved models under their new apps."""
        opener = OPENERS[Path(file).suffix]
        with opener(file, "rt", encoding="utf-8") as fh:
            objects = json.load(fh)
        upgraded = relabelled(objects)
        if upgraded == objects:
            return file
        copy = folder / "backup.json"
        copy.write_text(json.dumps(upgraded, ensure_ascii=False), encoding="utf-8")
        return str(copy)
