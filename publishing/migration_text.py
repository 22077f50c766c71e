"""Data migrations from plain text to formatted text (HTML paragraphs), for the apps
whose long fields became FormattedTextField.

Plain text was shown with Django's `linebreaks` (a blank line between paragraphs, a
line break within one), so the same filter turns it into the HTML the page showed,
escaped, and written as nh3 writes HTML (as the editor's text is saved). Backwards,
paragraphs become blank-line-separated text again.
"""

import html
import re

import nh3
from django.utils.html import linebreaks, strip_tags

BREAKS = re.compile(r"<br\s*/?>", re.IGNORECASE)
PARAGRAPH_ENDS = re.compile(r"</(p|h[1-6]|li|tr)>", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n{3,}")


def to_html(text):
    if not text or text.lstrip().startswith("<"):
        return text
    return nh3.clean(linebreaks(text, autoescape=True), tags={"p", "br"})


def to_text(value):
    if not value or not value.lstrip().startswith("<"):
        return value
    text = PARAGRAPH_ENDS.sub("\n\n", BREAKS.sub("\n", value))
    return BLANK_LINES.sub("\n\n", html.unescape(strip_tags(text))).strip()


def _convert(label, fields, convert):
    def run(apps, schema_editor):
        model = apps.get_model(label)
        columns = [
            column
            for name in fields
            for column in (name, f"{name}_en", f"{name}_zh_hans")
            if any(f.name == column for f in model._meta.concrete_fields)
        ]
        changed = []
        for obj in model._default_manager.only("pk", *columns):
            before = [getattr(obj, column) for column in columns]
            for column in columns:
                setattr(obj, column, convert(getattr(obj, column)))
            if before != [getattr(obj, column) for column in columns]:
                changed.append(obj)
        model._default_manager.bulk_update(changed, columns, batch_size=200)

    return run


def paragraphs(label, *fields):
    """forward and backward functions for migrations.RunPython."""
    return _convert(label, fields, to_html), _convert(label, fields, to_text)
