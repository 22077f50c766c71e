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
