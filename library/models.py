"""The library: images (with alt text and caption in both languages, a credit, and
renditions at a few widths in WebP and a fallback format) and documents (PDF, Word,
Excel, with titles in both languages and an optional language of their own).

Files are stored through the configured media storage (STORAGES["default"]: a local
folder, or object storage shared by every app server). Uploads are checked by their
content (library/checks.py, applied by the admin's forms and library/services.py);
renditions are made once, when the image is saved (library/services.py), and their
addresses read from the database, so a page never touches the storage.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Image(models.Model):
    file = models.ImageField(
        _("image file"),
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP. Location and camera data are removed when it is saved."),
    )
    width = models.PositiveIntegerField(_("width in pixels"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height in pixels"), default=0, editable=False)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("e.g. Photo: China Customs")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt_text or self.file.name

    def get_absolute_url(self):
        """The image's address in formatted text (it answers with the largest rendition)."""
        return reverse("library:image", args=[self.pk])

    def renditions_by_format(self):
        """{"webp": [...], "fallback": [...]}, narrowest first: what a <picture> lists.
        Reads the prefetched renditions when the query asked for them."""
        sets = {"webp": [], "fallback": []}
        for rendition in sorted(self.renditions.all(), key=lambda r: r.width):
            sets["webp" if rendition.format == Rendition.Format.WEBP else "fallback"].append(rendition)
        return sets

    def largest_fallback(self):
        fallback = self.renditions_by_format()["fallback"]
        return fallback[-1] if fallback else None


class Rendition(models.Model):
    """The image at one width in one format: made when the image is saved."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions"
    )
    width = models.PositiveIntegerField(_("width in pixels"))
    height = models.PositiveIntegerField(_("height in pixels"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="renditions/%Y/%m/")

    class Meta:
        ordering = ["image", "format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width", "format"], name="rendition_once_per_width_format"
            )
        ]

    def __str__(self):
        return f"{self.image_id} {self.width}w {self.format}"

    @property
    def media_type(self):
        return f"image/{self.format}"


class Document(models.Model):
    """An attachment readers download: PDF, Word or Excel, checked by its content."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        WORD = "docx", "Word"
        EXCEL = "xlsx", "Excel"

    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to="documents/%Y/%m/",
        help_text=_("PDF, Word (.docx) or Excel (.xlsx)."),
    )
    language = models.CharField(
        _("language of the document"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty when it is in both languages or in neither."),
    )
    kind = models.CharField(_("type"), max_length=4, choices=Kind.choices, editable=False)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:document", args=[self.pk])

    @property
    def media_type(self):
        return DOCUMENT_MEDIA_TYPES[self.kind]


DOCUMENT_MEDIA_TYPES = {
    Document.Kind.PDF: "application/pdf",
    Document.Kind.WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Document.Kind.EXCEL: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
