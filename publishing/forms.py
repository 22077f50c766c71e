"""Admin forms of the editorial workflow: each translated field with the other
language's current text beside it, read-only (translating beside the source, as
wagtail-localize's editor does), and inline rows held to the publish guard."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from modeltranslation.fields import TranslationField
from modeltranslation.utils import build_localized_fieldname

from . import translation_status
from .guard import language_name, publish_problems
from .models import Publishable, publish_field


class TranslationSourceWidget(forms.Widget):
    """Wraps a translated field's widget and shows, beside it, the text the other
    language has now (the source to translate from). It renders the wrapped widget
    as Django's RelatedFieldWidgetWrapper does and hands it the form's data."""

    template_name = "admin/publishing/widgets/translation_source.html"

    def __init__(self, widget, sources, formatted=False):
        self.widget = widget
        self.sources = sources
        self.formatted = formatted
        super().__init__(widget.attrs)

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.widget = copy.deepcopy(self.widget, memo)
        return obj

    @property
    def media(self):
        return self.widget.media

    @property
    def is_hidden(self):
        return self.widget.is_hidden

    @property
    def needs_multipart_form(self):
        return self.widget.needs_multipart_form

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["rendered_widget"] = self.widget.render(name, value, attrs)
        context["sources"] = self.sources
        context["formatted"] = self.formatted
        return context

    def value_from_datadict(self, data, files, name):
        return self.widget.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return self.widget.value_omitted_from_data(data, files, name)

    def id_for_label(self, id_):
        return self.widget.id_for_label(id_)

    def use_required_attribute(self, initial):
        return self.widget.use_required_attribute(initial)


class TranslationSourceForm(forms.ModelForm):
    """Beside each translated field of a saved item: the other language's text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        model_fields = {field.name: field for field in self._meta.model._meta.concrete_fields}
        for name, field in self.fields.items():
            model_field = model_fields.get(name)
            if not isinstance(model_field, TranslationField):
                continue
            original = model_field.translated_field.name
            sources = []
            for code in translation_status.languages():
                if code == model_field.language:
                    continue
                text = getattr(self.instance, build_localized_fieldname(original, code)) or ""
                sources.append({"code": code, "name": language_name(code), "text": text})
            formatted = getattr(model_field, "formatted_text", False)
            field.widget = TranslationSourceWidget(field.widget, sources, formatted=formatted)


class GuardedInlineFormSet(BaseInlineFormSet):
    """The rows shown with an item (a briefing's results and sections) follow the item's
    publish guard: a language the item is published in needs their texts too."""

    def clean(self):
        super().clean()
        parent = self.instance
        if not isinstance(parent, Publishable):
            return
        errors = []
        for code in translation_status.languages():
            if not getattr(parent, publish_field(code)):
                continue
            for form in self.forms:
                cleaned = getattr(form, "cleaned_data", None)
                if not cleaned or cleaned.get("DELETE"):
                    continue
                for problem in publish_problems(form.instance, code):
                    errors.append(
                        gettext("Cannot publish in %(language)s: %(row)s: %(problem)s")
                        % {"language": language_name(code), "row": form.instance, "problem": problem}
                    )
        if errors:
            raise ValidationError(errors)
