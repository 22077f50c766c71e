"""Where a text names items that have a page (the briefing's lead names its agreements).

The lead is formatted text: library.richtext.parts hands this module each run of its
text outside tags and links (entities decoded), and the result is data, runs of text
each with the item it names (or None). The template writes the links with Django's
escaping, so no name is ever searched inside markup, nor linked inside a link.
"""


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


def linker(items):
    """For library.richtext.parts: a function that splits a run of the text into (text, item)
    pairs, linking the first mention of each item (see `mentions`) in the whole text once."""
    linked = set()

    def link(text):
        found = mentions(text, [item for item in items if item not in linked])
        linked.update(found)
        pieces, cursor = [], 0
        for start, end, item in sorted((start, end, item) for item, (start, end) in found.items()):
            if start > cursor:
                pieces.append((text[cursor:start], None))
            pieces.append((text[start:end], item))
            cursor = end
        if cursor < len(text):
            pieces.append((text[cursor:], None))
        return pieces

    link.linked = linked
    return link
