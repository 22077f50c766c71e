from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Image and document library")

    def ready(self):
        import PIL.Image
        from django.conf import settings

        # Defence in depth: whatever opens an image, Pillow refuses one with more pixels than
        # the library allows (DecompressionBombError) before decoding it.
        PIL.Image.MAX_IMAGE_PIXELS = settings.LIBRARY_IMAGE_MAX_PIXELS
