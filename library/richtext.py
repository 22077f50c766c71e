"""Formatted text on a page: the cleaned HTML as it is, except that
- each library image it holds (<img src="/library/images/<id>/">, the only images the
  sanitiser keeps) is shown by the page's image include, with its renditions, srcset,
  sizes, dimensions and lazy loading;
- optionally, names of items that have a page (the agreements a briefing's lead names)
  are linked where they first occur in the text outside a link (`link`, see
  briefing/mentions.py); the words are found in the text, never inside markup.

`parts(html, link=None)` splits the text into pieces: cleaned HTML (safe:
publishing.fields.sanitize wrote it when it was saved), an Image (read in one query with
its renditions), or a run of text with the item it names. The templates write them
(includes/formatted_parts.html), escaping the text as always.
"""

import html as entities
import re
from dataclasses import dataclass

from django.utils.safestring import mark_safe

from .models import Image

# nh3 writes every kept image in one form: <img src="/library/images/12/" ...>.
LIBRARY_IMAGE = re.compile(r'<img\s[^>]*?src="/library/images/(\d+)/"[^>]*>')
TAG = re.compile(r"(<[^>]+>)")
LINK = re.compile(r"<(/?)a[\s>]")


@dataclass(frozen=True)
class Part:
    html: str = ""
    image: Image | None = None
    text: str = ""
    item: object = None


def parts(html, link=None):
    """The text's pieces (see the module docstring). `link(text)` returns a text run's pieces
    as (text, item or None) pairs; runs inside a link are left as they are."""
    if not html:
        return []
    ids = {int(pk) for pk in LIBRARY_IMAGE.findall(html)}
    if not ids and link is None:
        return [Part(html=mark_safe(html))]
    images = Image.objects.prefetch_related("renditions").in_bulk(ids) if ids else {}
    result, in_link = [], 0
    for token in TAG.split(html):
        if not token:
            continue
        if token.startswith("<"):
            image = LIBRARY_IMAGE.fullmatch(token)
            if image is not None:
                if int(image.group(1)) in images:
                    result.append(Part(image=images[int(image.group(1))]))
                continue
            tag = LINK.match(token)
            if tag is not None:
                in_link = max(0, in_link - 1) if tag.group(1) else in_link + 1
            result.append(Part(html=mark_safe(token)))
        elif link is None or in_link:
            result.append(Part(html=mark_safe(token)))
        else:
            result += [Part(text=text, item=item) for text, item in link(entities.unescape(token))]
    return result
