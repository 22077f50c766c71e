"""Formatted text: the long fields (leads, bodies, narratives, summaries, descriptions)
edited in django-prose-editor (Tiptap/ProseMirror, BSD) and kept as HTML that nh3
(ammonia) has cleaned to a small allow-list of elements.

The allow-list is the editor's own configuration, so the editor offers exactly what
the sanitiser keeps: paragraphs, headings (h2-h4: the page title is the h1), lists,
links (http, https, mailto), bold and italic, tables, line breaks and images. Images
must come from the image library (library/richtext.py keeps only its addresses).

The text is cleaned when it is saved, by every path (the admin, `full_clean()`, a
script, a fixture loaded with `save()`), so a page renders it as it is, without
escaping it again (templates mark it safe; nothing else produces these columns).
"""

import re
from functools import cache

import nh3
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.fields import ProseEditorField

from .text import plain_text
from .widgets import FormattedTextWidget

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Image": True,
    "History": True,
}


@cache
def library_image_address():
    """An image's address in formatted text: /library/images/<id>/ (library/urls.py)."""
    return re.compile(re.escape(reverse("library:image", args=[0])).replace("0", r"\d+", 1))


def _library_images_only(tag, attribute, value):
    if tag == "img" and attribute == "src" and not library_image_address().fullmatch(value):
        return None
    return value


# nh3 writes tags in one normal form, so an image whose address it removed is `<img …>`
# without ` src=`; such an image shows nothing and goes.
IMAGE_WITHOUT_ADDRESS = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


@cache
def cleaner():
    allowed = allowlist_from_extensions(EXTENSIONS)
    # Links may not choose their own rel: nh3 gives every link rel="noopener noreferrer".
    allowed["attributes"]["a"].discard("rel")
    allowed["link_rel"] = "noopener noreferrer"
    # A table scrolls sideways by itself on a narrow screen (static/css/site.css): tabindex="0"
    # lets a keyboard reach it to scroll it, as the tables our templates write do.
    return nh3.Cleaner(
        **allowed,
        attribute_filter=_library_images_only,
        set_tag_attribute_values={"table": {"tabindex": "0"}},
    )


def sanitize(html):
    """`html` reduced to the allow-list: scripts, event handlers, styles, other elements and
    unsafe link schemes removed; an image keeps its address only when it is a library image.
    A text with no word and no image is empty ("")."""
    if not html:
        return ""
    cleaned = IMAGE_WITHOUT_ADDRESS.sub("", cleaner().clean(str(html)))
    if not plain_text(cleaned) and "<img" not in cleaned:
        return ""
    return cleaned


class FormattedTextField(ProseEditorField):
    """A TextField holding cleaned HTML, edited with the rich-text editor."""

    # Read by the admin to show the other language's text as formatted text beside it.
    formatted_text = True

    def __init__(self, *args, **kwargs):
        kwargs["config"] = {"extensions": EXTENSIONS}
        kwargs["sanitize"] = sanitize
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        # Our widget in the admin as elsewhere: it loads the editor without an inline script.
        kwargs["widget"] = FormattedTextWidget
        return super().formfield(**kwargs)
