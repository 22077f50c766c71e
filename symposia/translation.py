"""Fields translated into English and Simplified Chinese (django-modeltranslation).

Attendees are not registered: people's names, e-mails and the positions they
wrote on a registration form are kept as given.
"""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import GalleryImage, Organization, Participation, Symposium


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "short_name")
    required_languages = {"en": ("name",), "zh-hans": ("name",)}


@register(Symposium)
class SymposiumTranslation(TranslationOptions):
    fields = ("title", "theme", "city", "participants_summary", "narrative", "activities")
    required_languages = {"en": ("title", "theme", "city", "narrative")}


@register(Participation)
class ParticipationTranslation(TranslationOptions):
    fields = ("note",)


# History (django-reversion), after the per-language columns exist: see briefing/translation.py.
reversion.register(Organization)
reversion.register(Participation)
reversion.register(GalleryImage)
reversion.register(Symposium, follow=("participations", "gallery"))
