"""Drop the uploads of attendee-import previews nobody confirmed in time.

A preview keeps the uploaded file (names, e-mails) in its import record until
it is confirmed; after ATTENDEE_IMPORT_PENDING_HOURS it expires: the record
stays (who, when, which file, what it held), the bytes go. Imports that died
while running (their process was killed) free their symposium. Every import
does the same first; schedule this command (README, Deploy) so that nothing
waits for the next import. Exit status 0.
"""

from django.core.management.base import BaseCommand

from symposia.importing.records import pending_hours, purge


class Command(BaseCommand):
    help = (
        "Expire unconfirmed attendee-import previews (dropping their uploaded files) and free dead imports."
    )

    def handle(self, *args, **options):
        counts = purge()
        self.stdout.write(
            f"{counts['expired']} previews older than {pending_hours():g} hours expired, "
            f"{counts['interrupted']} interrupted imports freed."
        )
