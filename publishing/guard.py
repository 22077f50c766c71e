"""Publishing that cannot go wrong: an item is not published in a language whose texts
are not ready there.

Publishing in a language is refused while, in that language,
- a text that the item needs (a field required in any language, e.g. a title) is empty;
- a text is empty although the other language has one (a missing translation);
- a text is the other language's text copied (see translation_status: Chinese text
  with no Chinese character, English text with Chinese characters).
The same applies to the rows shown with the item (a briefing's results and sections).
Texts are compared as a reader reads them, without the tags of formatted text.

`Publishable.clean()` checks the item itself (so every model form and `full_clean()`
applies the rule); the admin's inline formsets check the rows (publishing.admin).
"""

from django.utils.translation import gettext
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from . import translation_status
from .text import plain_text


def language_name(code):
    """The language's name in the staff member's language: "Chinese", "中文"."""
    return gettext("Chinese") if code.startswith("zh") else gettext("English")


def required_texts(model):
    """The translated fields an item of `model` cannot be shown without, in any language."""
    if model not in translator.get_registered_models():
        return []
    options = translator.get_options_for_model(model)
    required = options.required_languages
    if isinstance(required, dict):
        names = set()
        for fields in required.values():
            names.update(fields)
    else:
        names = set(options.fields) if required else set()
    return [name for name in options.fields if name in names]


def publish_problems(obj, language):
    """Why `obj` cannot be shown to readers of `language`: one sentence per text, in the
    staff member's language; empty when it can."""
    model = type(obj)
    messages = []
    seen = set()
    for name in required_texts(model):
        value = getattr(obj, build_localized_fieldname(name, language), "")
        if not plain_text(value):
            seen.add(name)
            messages.append(
                gettext("The %(language)s “%(field)s” is empty.")
                % {"language": language_name(language), "field": model._meta.get_field(name).verbose_name}
            )
    for problem in translation_status.problems_of(obj):
        if problem.language != language or problem.field in seen:
            continue
        if problem.kind == translation_status.MISSING:
            message = gettext("The %(language)s “%(field)s” is empty while the %(other)s one is filled in.")
        else:
            message = gettext("The %(language)s “%(field)s” is the %(other)s text, not a translation.")
        other = next(code for code in translation_status.languages() if code != language)
        messages.append(
            message
            % {
                "language": language_name(language),
                "field": problem.field_label,
                "other": language_name(other),
            }
        )
    return messages
