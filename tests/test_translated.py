"""briefing/translated.py reads every translated field as modeltranslation's descriptor does:
in each language, with values missing in one language or in both, fallbacks on and off."""

import pytest
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import fallbacks

from briefing.translated import translated


def translated_fields():
    for model in translator.get_registered_models():
        options = translator.get_options_for_model(model)
        for name in options.all_fields:
            yield model, name


@pytest.mark.parametrize("model, name", list(translated_fields()), ids=lambda v: getattr(v, "__name__", v))
def test_same_value_as_the_descriptor(model, name):
    from modeltranslation.utils import fallbacks_enabled

    from briefing.translated import _plan

    # The fast path is taken (no field here has a default made anew on each read).
    assert _plan(model, name, "en", fallbacks_enabled()) is not None
    instance = model()
    cases = [("English", "中文"), ("English", ""), ("", "中文"), ("", ""), (None, "中文"), ("English", None)]
    for english, chinese in cases:
        instance.__dict__[f"{name}_en"] = english
        instance.__dict__[f"{name}_zh_hans"] = chinese
        for language in ("en", "zh-hans", None):
            for enabled in (True, False):
                with translation.override(language), fallbacks(enabled):
                    assert translated(instance, name) == getattr(instance, name), (english, chinese, language)


def test_other_attributes_are_read_as_usual():
    from briefing.models import Briefing

    briefing = Briefing(slug="a-slug")
    assert translated(briefing, "slug") == "a-slug"
