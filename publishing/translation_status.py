"""Which translated texts are missing or untranslated, object by object.

Used by the "Translation" column of every content list in the admin, by the
admin's translation status page and by `manage.py translation_report`.

A text is
- *missing* in a language when it is empty there but filled in the other one;
- *untranslated* when it is identical to the other language's text although
  that cannot be right: Chinese text that holds Latin letters and no Chinese
  character, or English text that holds Chinese characters.

An object counts as *published* in a language when readers can see it there:
a Publishable by its own state, a result or briefing section by its
briefing's, a participation by its symposium's; everything else (sections,
priorities, instruments, organizations, site settings) is always shown.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .models import Publishable
from .text import plain_text

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")

MISSING = "missing"
UNTRANSLATED = "untranslated"
PROBLEM_LABELS = {MISSING: _("missing"), UNTRANSLATED: _("untranslated")}

# The content models, in the order of the report.
CONTENT_MODELS = (
    "newsroom.SiteSettings",
    "briefing.Section",
    "briefing.Briefing",
    "briefing.Result",
    "briefing.BriefingSection",
    "briefing.Agreement",
    "briefing.Priority",
    "briefing.Instrument",
    "symposia.Symposium",
    "symposia.Participation",
    "symposia.Organization",
    "library.Image",
    "library.Document",
)
# Objects whose visibility is their parent's.
PARENTS = {"result": "briefing", "briefingsection": "briefing", "participation": "symposium"}


@dataclass(frozen=True)
class Problem:
    obj: object
    field: str
    language: str
    kind: str
    published: bool

    @property
    def kind_label(self):
        return PROBLEM_LABELS[self.kind]

    @property
    def field_label(self):
        return self.obj._meta.get_field(self.field).verbose_name


def languages():
    return [code for code, _name in settings.LANGUAGES]


def translated_fields(model):
    return list(translator.get_options_for_model(model).fields)


def _looks_untranslated(text, language):
    if language.startswith("zh"):
        return bool(LATIN.search(text)) and not CJK.search(text)
    return bool(CJK.search(text))


def item_of(obj):
    """The item `obj` is shown with: its parent for a row (a result, a participation), else itself."""
    parent_name = PARENTS.get(obj._meta.model_name)
    return obj if parent_name is None else getattr(obj, parent_name)


def published_in(obj, language):
    """Whether readers of `language` can see `obj` (see the module docstring)."""
    obj = item_of(obj)
    if isinstance(obj, Publishable):
        return obj.is_published_in(language)
    return True


def problems_of(obj):
    """Every missing or untranslated text of one object."""
    found = []
    codes = languages()
    for field in translated_fields(type(obj)):
        # Formatted texts are compared by their words, not their tags.
        values = {code: plain_text(getattr(obj, build_localized_fieldname(field, code))) for code in codes}
        for code in codes:
            others = [values[other] for other in codes if other != code and values[other]]
            if not others:
                continue
            kind = None
            if not values[code]:
                kind = MISSING
            elif values[code] in others and _looks_untranslated(values[code], code):
                kind = UNTRANSLATED
            if kind:
                found.append(Problem(obj, field, code, kind, published_in(obj, code)))
    return found


def complete_languages(obj):
    """The languages in which none of the object's texts is missing or untranslated."""
    incomplete = {problem.language for problem in problems_of(obj)}
    return [code for code in languages() if code not in incomplete]


def versioned_models():
    """The content models whose history is kept, parents before the rows that go with them."""
    import reversion

    models = [apps.get_model(label) for label in CONTENT_MODELS]
    return [model for model in models if reversion.is_registered(model)]


def report():
    """Every problem of every content object, model by model."""
    found = []
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        queryset = model._default_manager.all()
        parent = PARENTS.get(model._meta.model_name)
        if parent:
            queryset = queryset.select_related(parent)
        for obj in queryset:
            found.extend(problems_of(obj))
    return found
