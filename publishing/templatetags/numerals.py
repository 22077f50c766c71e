"""Numbers as the active language counts: digits in English, Chinese numerals in Chinese."""

from django import template
from django.utils import translation

from publishing.text import chinese_numeral

register = template.Library()


@register.filter
def numeral(number):
    """An ordinal or list number in the active language: 6 in English, 六 in Chinese (第六届研讨会)."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return number
    if (translation.get_language() or "").startswith("zh"):
        return chinese_numeral(number)
    return str(number)
