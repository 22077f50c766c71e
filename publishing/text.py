"""The words of a text, whether it is plain or formatted (HTML from the rich-text editor).

Search, feeds, the translation report and the "identical in both languages" checks
compare what a reader reads, not the tags around it: `<p>Kunming</p>` and `Kunming`
are the same text, and `<p></p>` is empty.
"""

import html
import re

from django.utils.html import strip_tags

SPACES = re.compile(r"\s+")
# Block-level ends become spaces, so "<p>one</p><p>two</p>" reads "one two", not "onetwo".
BLOCK_ENDS = re.compile(r"</(p|h[1-6]|li|td|th|tr|figcaption|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value):
    """The text of `value` as a reader reads it: tags dropped, entities decoded, spaces collapsed."""
    if not value:
        return ""
    value = str(value)
    if "<" in value or "&" in value:
        value = html.unescape(strip_tags(BLOCK_ENDS.sub(" ", value)))
    return SPACES.sub(" ", value).strip()


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number):
    """1 to 99 in Chinese numerals (6 -> "六", 12 -> "十二", 40 -> "四十"), as Chinese writes
    ordinals and list markers (第六届, 一、, （三）); other values as digits."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    words = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return words + (CHINESE_DIGITS[units] if units else "")
