"""First-run set-up for `make run`: seed content once, and a superuser.

Safe to run again: it never overwrites content and never resets a password.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from briefing.models import Briefing
from newsroom.models import SiteSettings
from publishing.history import create_initial_versions
from publishing.translation_status import versioned_models

SEED_FIXTURES = ["seed"]


class Command(BaseCommand):
    help = "Load the seed content into an empty database and make sure a superuser exists."

    def handle(self, *args, **options):
        if Briefing.objects.exists() or SiteSettings.objects.exists():
            self.stdout.write("Content present; seed not loaded again.")
        else:
            call_command("loaddata", *SEED_FIXTURES, verbosity=0)
            self.stdout.write(self.style.SUCCESS("Seed content loaded."))
        # The seed's (and any other content's) starting version: its first edit can be undone.
        create_initial_versions(versioned_models())
        self._ensure_superuser()

    def _ensure_superuser(self):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        printed = password is None
        if printed:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username,
            email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""),
            password=password,
        )
        if printed:
            self.stdout.write(
                self.style.WARNING(
                    f"Created superuser '{username}' with password: {password}\n"
                    "It is shown only this once; set DJANGO_SUPERUSER_PASSWORD to choose your own."
                )
            )
        else:
            self.stdout.write(f"Created superuser '{username}' (password from DJANGO_SUPERUSER_PASSWORD).")
