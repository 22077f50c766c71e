"""The image and document library in the admin: upload (checked by content), alt text,
captions and titles in both languages (the other language beside each), history.
An image's page shows its renditions and the address to use for it in formatted text."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from publishing.admin import WorkflowAdmin

from .forms import DocumentForm, ImageForm
from .models import Document, Image
from .services import save_document, save_image

# How many images the editor's image button offers (the newest).
CHOICES = 200


def _new_upload(form):
    upload = form.cleaned_data.get("file")
    return upload if "file" in form.changed_data and isinstance(upload, UploadedFile) else None


@admin.register(Image)
class ImageAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    form = ImageForm
    list_display = ("thumbnail", "alt_text", "credit", "dimensions", "uploaded_at")
    list_display_links = ("thumbnail", "alt_text")
    search_fields = ("alt_text_en", "alt_text_zh_hans", "caption_en", "caption_zh_hans", "credit")
    readonly_fields = ("preview", "address", "dimensions", "size", "rendition_list")
    fieldsets = (
        (None, {"fields": ("file", "preview", "alt_text", "caption", "credit")}),
        (_("Files"), {"fields": ("address", "dimensions", "size", "rendition_list")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def save_model(self, request, obj, form, change):
        save_image(image=obj, upload=_new_upload(form))

    def get_urls(self):
        choices = path(
            "choices/",
            self.admin_site.admin_view(self.choices_view),
            name="library_image_choices",
        )
        return [choices, *super().get_urls()]

    def choices_view(self, request):
        """The newest images for the rich-text editor's "image from the library" button (JSON:
        id, alt text in the staff member's language, the address formatted text keeps)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        images = Image.objects.order_by("-uploaded_at", "-pk")[:CHOICES]
        return JsonResponse(
            {"images": [{"id": i.pk, "alt": i.alt_text, "address": i.get_absolute_url()} for i in images]}
        )

    def _img(self, image, width):
        rendition = image.largest_fallback() if image.pk else None
        if rendition is None:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" class="library-preview">',
            rendition.file.url,
            image.alt_text,
            width,
            round(rendition.height * width / rendition.width),
        )

    @admin.display(description=_("image"))
    def thumbnail(self, image):
        return self._img(image, 96)

    @admin.display(description=_("preview"))
    def preview(self, image):
        return self._img(image, 320)

    @admin.display(description=_("address in formatted text"))
    def address(self, image):
        if not image.pk:
            return "—"
        return format_html(
            "<code>{}</code><br>{}",
            image.get_absolute_url(),
            _("The rich-text editor's image button inserts the image by this address."),
        )

    @admin.display(description=_("size in pixels"))
    def dimensions(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description=_("size in bytes"))
    def size(self, image):
        return filesizeformat(image.file_size) if image.file_size else "—"

    @admin.display(description=_("renditions"))
    def rendition_list(self, image):
        return format_html_join(
            ", ",
            '<a href="{}">{} {}w</a>',
            ((r.file.url, r.get_format_display(), r.width) for r in image.renditions.all()),
        )


@admin.register(Document)
class DocumentAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    form = DocumentForm
    list_display = ("title", "kind", "language", "size", "uploaded_at")
    list_filter = ("kind", "language")
    search_fields = ("title_en", "title_zh_hans")
    readonly_fields = ("kind", "size", "address")
    fields = ("title", "file", "language", "kind", "size", "address")

    def save_model(self, request, obj, form, change):
        save_document(document=obj, upload=_new_upload(form))

    @admin.display(description=_("size in bytes"))
    def size(self, document):
        return filesizeformat(document.file_size) if document.file_size else "—"

    @admin.display(description=_("address for readers"))
    def address(self, document):
        if not document.pk:
            return "—"
        return format_html('<a href="{0}">{0}</a>', document.get_absolute_url())
