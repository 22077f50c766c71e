"""Where a text names items that have a page (the briefing's lead names its agreements).

The mentions are found on the plain text, before any markup exists, and the
result is data: paragraphs of lines of pieces, each piece a run of text and
the item it names (or None). The template writes the paragraphs and the links,
with Django's escaping, so no text is ever searched inside markup made from it.
"""

import re
from dataclasses import dataclass

PARAGRAPH_BREAK = re.compile(r"\n{2,}")


@dataclass(frozen=True)
class Piece:
    text: str
    item: object = None


def mentions(text, items):
    """{item: (start, end)}: the first mention of each item's title, else of its short title,
    in `text`; an item whose names overlap a mention already found, or occur nowhere, is left out."""
    found = {}
    for item in items:
        for name in (getattr(item, "title", ""), getattr(item, "short_title", "")):
            if not name:
                continue
            start = text.find(name)
            while start != -1 and any(
                start < end and begin < start + len(name) for begin, end in found.values()
            ):
                start = text.find(name, start + 1)
            if start != -1:
                found[item] = (start, start + len(name))
                break
    return found


def linked_paragraphs(text, items):
    """`text` as `linebreaks` splits it (paragraphs at blank lines, lines within them), each line
    a list of `Piece`s; the first mention of each item (see `mentions`) is a piece of its own."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    spans = sorted((start, end, item) for item, (start, end) in mentions(text, items).items())
    paragraphs, offset = [], 0
    for paragraph in PARAGRAPH_BREAK.split(text):
        start = text.index(paragraph, offset) if paragraph else offset
        lines, line_start = [], start
        for line in paragraph.split("\n"):
            lines.append(_pieces(line, line_start, spans))
            line_start += len(line) + 1
        paragraphs.append(lines)
        offset = start + len(paragraph)
    return paragraphs


def _pieces(line, line_start, spans):
    pieces, cursor, line_end = [], line_start, line_start + len(line)
    for start, end, item in spans:
        start, end = max(start, line_start), min(end, line_end)
        if start >= end:
            continue
        if start > cursor:
            pieces.append(Piece(line[cursor - line_start : start - line_start]))
        pieces.append(Piece(line[start - line_start : end - line_start], item))
        cursor = end
    if cursor < line_end or not pieces:
        pieces.append(Piece(line[cursor - line_start :]))
    return pieces
