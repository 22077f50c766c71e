"""`manage.py renditions [--all]`: make the renditions images lack (or, with --all, make
every image's again, e.g. after LIBRARY_RENDITION_WIDTHS changed)."""

from django.core.management.base import BaseCommand

from library.models import Image
from library.services import make_renditions


class Command(BaseCommand):
    help = "Make missing image renditions (all of them again with --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Make every image's renditions again.")

    def handle(self, *args, **options):
        images = Image.objects.all() if options["all"] else Image.objects.filter(renditions__isnull=True)
        count = 0
        for image in images.distinct().iterator():
            make_renditions(image)
            count += 1
        self.stdout.write(f"Renditions made for {count} image(s).")
