"""The admin's upload forms: the file is checked by its content before anything is stored."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from publishing.forms import TranslationSourceForm

from .checks import check_document, check_image
from .models import Image


class _UploadForm(TranslationSourceForm):
    check = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.check(upload)  # raises ValidationError, one sentence per reason
        return upload


class ImageForm(_UploadForm):
    check = staticmethod(check_image)
    # A plain file field: check_image decides, with a sentence for each reason (too many
    # pixels, too large, not an image), where Django's ImageField calls every file it cannot
    # open "not a valid image".
    file = forms.FileField(
        label=Image._meta.get_field("file").verbose_name,
        help_text=Image._meta.get_field("file").help_text,
    )


class DocumentForm(_UploadForm):
    check = staticmethod(check_document)
