"""Upload checks: an image or a document is what its bytes say, not what its name says.

- Images: Pillow must recognize JPEG, PNG or WebP; the file and its pixel count must
  stay within LIBRARY_IMAGE_MAX_BYTES and LIBRARY_IMAGE_MAX_PIXELS, read from the header
  before any pixel is decoded (a decompression bomb is refused unopened; Pillow's own
  MAX_IMAGE_PIXELS is set to the same limit in apps.py); `verify()` must pass.
- Documents: a PDF starts with "%PDF-"; Word (.docx) and Excel (.xlsx) are zip packages
  with [Content_Types].xml and a word/ or xl/ part, which must not unpack to more than
  LIBRARY_DOCUMENT_MAX_UNPACKED_BYTES. Anything else is refused, whatever its name.
Each refusal is one sentence in the staff member's language.
"""

import io
import warnings
import zipfile

import PIL.Image
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import ImageOps

IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}


def _too_large(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def check_image(upload):
    """The image's format ("jpeg", "png", "webp"), or ValidationError."""
    _too_large(upload, settings.LIBRARY_IMAGE_MAX_BYTES)
    not_an_image = ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_an_image")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)
            with PIL.Image.open(upload) as image:
                if image.format not in IMAGE_FORMATS:
                    raise not_an_image
                width, height = image.size
                if width * height > settings.LIBRARY_IMAGE_MAX_PIXELS:
                    raise _too_many_pixels(width * height)
                image.verify()
                return IMAGE_FORMATS[image.format]
    except (PIL.Image.DecompressionBombError, PIL.Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(None) from error
    except (PIL.UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise not_an_image from error
    finally:
        upload.seek(0)


def _too_many_pixels(pixels):
    limit = settings.LIBRARY_IMAGE_MAX_PIXELS / 1_000_000
    if pixels is None:
        message = _("The image has too many pixels: at most %(limit).0f million are allowed.") % {
            "limit": limit
        }
    else:
        message = _("The image has %(pixels).1f million pixels: at most %(limit).0f million are allowed.") % {
            "pixels": pixels / 1_000_000,
            "limit": limit,
        }
    return ValidationError(message, code="too_many_pixels")


def without_metadata(upload, image_format):
    """The image re-encoded in its own format, turned upright, with no EXIF (camera, GPS
    position, time), XMP or text chunks; only its color profile is kept."""
    upload.seek(0)
    with PIL.Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
    options = {}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    out = io.BytesIO()
    if image_format == "jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=92, optimize=True, exif=b"", **options)
    elif image_format == "png":
        image.save(out, "PNG", optimize=True, **options)
    else:
        image.save(out, "WEBP", quality=90, exif=b"", xmp=b"", **options)
    upload.seek(0)
    return out.getvalue()


def check_document(upload):
    """The document's kind ("pdf", "docx", "xlsx"), or ValidationError."""
    _too_large(upload, settings.LIBRARY_DOCUMENT_MAX_BYTES)
    refused = ValidationError(
        _("This file is not a PDF, Word (.docx) or Excel (.xlsx) document."), code="not_a_document"
    )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        raise refused
    try:
        with zipfile.ZipFile(upload) as package:
            members = package.infolist()
            names = {member.filename for member in members}
            unpacked = sum(member.file_size for member in members)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise refused from error
    finally:
        upload.seek(0)
    if unpacked > settings.LIBRARY_DOCUMENT_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("The document would unpack to %(size)s; the largest allowed is %(limit)s.")
            % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(settings.LIBRARY_DOCUMENT_MAX_UNPACKED_BYTES),
            },
            code="too_large",
        )
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    raise refused
