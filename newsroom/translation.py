"""The site settings' texts in English and Simplified Chinese (django-modeltranslation), and their
history (django-reversion, registered after the per-language columns exist: see briefing/translation.py)."""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import SiteSettings


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("site_name", "sponsor", "copyright", "address")
    required_languages = ("en", "zh-hans")


reversion.register(SiteSettings)
