"""Fields translated into English and Simplified Chinese (django-modeltranslation).

Attendees are not registered: people's names, e-mails and the positions they
wrote on a registration form are kept as given.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Organization, Participation, Symposium


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
