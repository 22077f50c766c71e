"""The rich-text editor's widget, started without any inline script.

django-prose-editor's own media put an import map (an inline `<script type="importmap">`)
in the page so that its modules can import "django-prose-editor/editor" by name. Our
Content-Security-Policy allows no inline script, so this widget loads
`admin-extra/richtext.js`, a module of ours that imports the editor by its relative
static URL (rewritten to the hashed name by the manifest storage in production) and starts
it with Tiptap's `injectCSS: false` (Tiptap would otherwise add a <style> element, which
the CSP forbids; django-prose-editor's editor.css carries those rules).
"""

from django import forms
from django_prose_editor.widgets import ProseEditorWidget


class FormattedTextWidget(ProseEditorWidget):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("preset", "configurable")
        super().__init__(*args, **kwargs)

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
