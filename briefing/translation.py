"""Fields translated into English and Simplified Chinese (django-modeltranslation)."""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Agreement,
    Briefing,
    BriefingSection,
    Instrument,
    Priority,
    Result,
    Section,
)


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en", "zh-hans")


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = ("name", "short_name", "issuer", "description")
    required_languages = {"en": ("name", "short_name"), "zh-hans": ("name", "short_name")}


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "short_title", "occasion", "place", "parties", "summary")
    required_languages = {"en": ("title", "short_title"), "zh-hans": ("title", "short_title")}


@register(Briefing)
class BriefingTranslation(TranslationOptions):
    fields = ("title", "lead")
    required_languages = ("en",)


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(BriefingSection)
class BriefingSectionTranslation(TranslationOptions):
    fields = ("heading", "body")
    required_languages = {"en": ("heading",)}


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("short_title", "description")
    required_languages = ("en",)


# History (django-reversion). Registered here, once modeltranslation has added
# the per-language columns, so that every version holds both languages: a model
# registered before that would leave title_en/title_zh_hans out of its versions.
# A briefing's version carries its results and sections.
for model in (Section, Instrument, Agreement, Result, BriefingSection, Priority):
    reversion.register(model)
reversion.register(Briefing, follow=("results", "sections"))
