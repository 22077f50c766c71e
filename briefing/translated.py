"""A translated attribute read the way modeltranslation's descriptor reads it, for the page tags'
hot loops.

`instance.title` on a translated model goes through modeltranslation's
`TranslationFieldDescriptor.__get__`, which works out the language's fallback order
and the field's default on every read: ~11 us here, and a list page reads titles,
cities and names dozens of times. `translated(instance, "title")` gives the same
value with that work done once per model, field, language and fallback setting:
the localized fields (`title_zh_hans`, then `title_en`, ...) are tried in the same
order with the same test of a meaningful value, and where none has one, the
descriptor itself answers (its fallback value or the field's default).
tests/test_translated.py compares it with the descriptor for every translated field.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.db.models import FileField
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled, resolution_order
from modeltranslation.utils import get_language as translation_language


def translated(instance, name, language=None):
    """`getattr(instance, name)` for a translated field, faster; any other attribute as usual.
    A loop may pass `language`: `translation_language()` (modeltranslation's active
    language), looked up once."""
    plan = _plan(type(instance), name, language or translation_language(), fallbacks_enabled())
    if plan is None:
        return getattr(instance, name)
    attnames, undefined = plan
    for attname in attnames:
        value = getattr(instance, attname, None)
        if value is not None and value != undefined:
            return value
    return getattr(instance, name)


@lru_cache(maxsize=512)
def _plan(model, name, language, fallbacks):
    descriptor = next((klass.__dict__[name] for klass in model.__mro__ if name in klass.__dict__), None)
    if not isinstance(descriptor, TranslationFieldDescriptor) or isinstance(descriptor.field, FileField):
        return None
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        if descriptor.field.has_default() and callable(descriptor.field.default):
            return None  # a default made anew on each read: ask the descriptor
        undefined = descriptor.field.get_default()
    order = resolution_order(language, descriptor.fallback_languages) if fallbacks else (language,)
    return tuple(build_localized_fieldname(name, code) for code in order), undefined


def _forget(**kwargs):
    _plan.cache_clear()


setting_changed.connect(_forget, dispatch_uid="briefing-translated")
