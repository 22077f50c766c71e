"""Writing images and documents: the checked, cleaned file stored through the media
storage, and an image's renditions made once, when it is saved.

Renditions: LIBRARY_RENDITION_WIDTHS (480, 960, 1600 px by default; only those narrower
than the image, or the image's own width when it is narrower than all of them), each as
WebP and as a fallback for browsers without it (JPEG, or PNG for an image with
transparency). They are made with Pillow in the request that saves the image (or by
`manage.py renditions`), under a row lock on the image so that two app servers never
make the same ones twice, and stored through STORAGES["default"], which every app server
shares. Pages read their addresses from the database and never touch the storage.
"""

import io
import os

import PIL.Image
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from PIL import ImageOps

from .checks import check_document, check_image, without_metadata
from .models import Image, Rendition

EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}


def _name(upload_name, fallback, extension):
    stem = slugify(os.path.splitext(os.path.basename(upload_name or ""))[0])[:60] or fallback
    return f"{stem}.{extension}"


def save_image(*, image, upload=None):
    """Save `image`; with a new `upload`, check it, store it without metadata and make its
    renditions."""
    with transaction.atomic():
        if upload is not None:
            image_format = check_image(upload)
            cleaned = without_metadata(upload, image_format)
            # A named file: the ImageField fills in width and height from it (width_field).
            name = _name(upload.name, "image", EXTENSIONS[image_format])
            image.file.save(name, ContentFile(cleaned, name=name), save=False)
            image.file_size = len(cleaned)
        image.full_clean(exclude=["file"])
        image.save()
        if upload is not None:
            make_renditions(image)
    return image


def widths_for(width):
    widths = [w for w in settings.LIBRARY_RENDITION_WIDTHS if w < width]
    return widths + [width] if len(widths) < len(settings.LIBRARY_RENDITION_WIDTHS) else widths


def make_renditions(image):
    """Replace `image`'s renditions with new ones (locking the image's row meanwhile).

    The source is decoded once, at the largest width's scale where the format allows it
    (Pillow's `draft`: a JPEG is decoded at 1/2, 1/4 or 1/8 directly), and each narrower
    width is resized from the one before it, not from the full image."""
    with transaction.atomic():
        Image.objects.select_for_update().filter(pk=image.pk).first()
        for old in image.renditions.all():
            old.file.delete(save=False)
            old.delete()
        with image.file.open("rb") as stored, PIL.Image.open(stored) as source:
            widths = widths_for(source.width)
            ratio = source.height / source.width
            source.draft(None, (widths[-1], max(1, round(widths[-1] * ratio))))
            current = ImageOps.exif_transpose(source)
            has_alpha = current.mode in ("RGBA", "LA", "PA") or "transparency" in current.info
            fallback = Rendition.Format.PNG if has_alpha else Rendition.Format.JPEG
            for width in reversed(widths):
                height = max(1, round(width * current.height / current.width))
                if (width, height) != current.size:
                    current = current.resize((width, height), PIL.Image.Resampling.LANCZOS)
                for rendition_format in (Rendition.Format.WEBP, fallback):
                    rendition = Rendition(image=image, width=width, height=height, format=rendition_format)
                    name = f"{image.pk}-{width}.{EXTENSIONS[rendition_format]}"
                    rendition.file.save(name, ContentFile(_encode(current, rendition_format)), save=False)
                    rendition.save()


def _encode(image, rendition_format):
    out = io.BytesIO()
    if rendition_format == Rendition.Format.WEBP:
        image.save(out, "WEBP", quality=80, method=4)
    elif rendition_format == Rendition.Format.PNG:
        image.save(out, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def save_document(*, document, upload=None):
    """Save `document`; with a new `upload`, check what it is and store it under a name with
    the right extension (so that no server guesses another type from the name)."""
    with transaction.atomic():
        if upload is not None:
            document.kind = check_document(upload)
            document.file_size = upload.size
            upload.seek(0)
            document.file.save(_name(upload.name, "document", document.kind), upload, save=False)
        document.full_clean(exclude=["file"])
        document.save()
    return document
