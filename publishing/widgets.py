"""The rich-text editor's widget, started without any inline script.

django-prose-editor's own media put an import map (an inline `<script type="importmap">`)
in the page so that its modules can import "django-prose-editor/editor" by name. Our
Content-Security-Policy allows no inline script, so this widget loads
`admin-extra/richtext.js`, a module of ours that imports the editor by its relative
static URL (rewritten to the hashed name by the manifest storage in production) and starts
it with Tiptap's `injectCSS: false` (Tiptap would otherwise add a <style> element, which
the CSP forbids; django-prose-editor's editor.css carries those rules). The module also adds
a button that inserts an image chosen from the library (its list at `data-library-images`).
"""

import contextlib
import json

from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django_prose_editor.widgets import ProseEditorWidget


class FormattedTextWidget(ProseEditorWidget):
    # Its preset ("configurable", whose data attribute richtext.js starts) is set by
    # FormattedTextField's form field, as for any ProseEditorField with a config.

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Where the editor's image button finds the library's images (library/admin.py).
        # Its words in the staff member's language (the admin's JavaScript catalogue has only
        # Django's own).
        with contextlib.suppress(NoReverseMatch):
            context["widget"]["attrs"]["data-library-images"] = reverse("admin:library_image_choices")
            context["widget"]["attrs"]["data-library-images-words"] = json.dumps(
                {
                    "button": gettext("Image from the library"),
                    "image": gettext("Image"),
                    "insert": gettext("Insert"),
                },
                ensure_ascii=False,
            )
        return context

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                ]
            },
            js=[forms.Script("admin-extra/richtext.js", type="module")],
        )
