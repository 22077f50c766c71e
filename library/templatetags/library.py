"""Template filters for formatted text and library images: data for the templates, no markup."""

from django import template

from library import richtext

register = template.Library()


@register.filter
def formatted_parts(html):
    """A formatted text's pieces (library/richtext.py) for includes/formatted_text.html."""
    return richtext.parts(html)


@register.filter
def renditions(image):
    """{"webp": [...], "fallback": [...]} of an image, narrowest first, for includes/image.html."""
    return image.renditions_by_format()
