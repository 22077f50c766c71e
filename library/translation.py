"""The library's texts in English and Simplified Chinese, and their history."""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import Document, Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")
    required_languages = {"en": ("alt_text",)}


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"en": ("title",)}


reversion.register(Image)
reversion.register(Document)
