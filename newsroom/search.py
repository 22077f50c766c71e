"""Site search in the reader's language: briefings, agreements, priorities, instruments, symposia.

Why substring matching in Python, and not the database's full-text search
- Chinese is written without spaces. PostgreSQL's full-text parsers split text
  on spaces and punctuation, so "京都公约" inside "经修订的《京都公约》" is never a
  token of its own and `to_tsquery` cannot find it; SQLite's FTS5 default
  tokenizer has the same problem. Segmenting Chinese would need a dictionary
  extension (zhparser, jieba) that neither a plain PostgreSQL nor SQLite has.
- A pg_trgm GIN index would work on PostgreSQL, but not on SQLite (the embedded
  default), and trigrams say little about two-character words such as "宁波".
- Accent-insensitive English needs folded text either way (`unaccent` is another
  PostgreSQL-only extension; SQLite's LIKE folds ASCII case only).

So the search matches substrings of case- and accent-folded text (Unicode NFKD,
combining marks dropped, casefold; full-width letters become ASCII), which finds
Chinese words without segmentation and behaves the same on every database. The
searchable text of published content in one language is small (a newsroom: a
few hundred items), so it is read from the database once per version of the
content it covers and language and kept in the cache, next to the page cache and
made stale by the same version bumps (newsroom/versions.py). A search then runs
no query. Should
the corpus grow to tens of thousands of items, the place to change is
`corpus()`: a pg_trgm index on folded columns on PostgreSQL.

Ranking: every field has a weight (titles highest); a document scores the sum
over the query's terms of the heaviest field containing the term, doubled when
the whole query occurs as one phrase, with a bonus when a title starts with
it. All terms must occur (AND).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from briefing.models import Agreement, Briefing, Instrument, Priority
from publishing.text import plain_text
from symposia.models import Symposium

from .versions import cache_seconds, current_versions, scopes_of

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
SNIPPET_CHARS = 160
# Characters that end or separate terms (ASCII and CJK punctuation).
PUNCTUATION = "\"'`.,;:!?()[]{}<>«»《》〈〉「」『』【】（），。；：！？、“”‘’—–-_/\\|*&^%$#@~+=·…"

KIND_LABELS = {
    "briefing": _("Briefing"),
    "agreement": _("Agreement"),
    "priority": _("Priority"),
    "instrument": _("International instrument"),
    "symposium": _("Symposium"),
}


def fold(text):
    """Case- and accent-folded text for matching: "Kyōto" and "KYOTO" both give "kyoto"."""
    return "".join(_fold_char(ch) for ch in text or "")


def _fold_char(ch):
    if ch < "\x80":
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldTable(dict):
    """`_fold_char` of each character seen, by code point, for `str.translate`: folding a
    snippet's text a character at a time in Python cost ~1 us a character. Characters whose
    folded form is not exactly one character ("ß" gives "ss", a combining mark "") are also
    noted in `irregular`, so that text without them maps folded positions one to one."""

    MAX_SIZE = 50_000  # code points remembered; past that, looked up each time

    def __init__(self):
        super().__init__()
        self.irregular = set()

    def __missing__(self, code):
        ch = chr(code)
        piece = _fold_char(ch)
        if len(piece) != 1:
            self.irregular.add(ch)
        if len(self) < self.MAX_SIZE:
            self[code] = piece
        return piece


_FOLD_TABLE = _FoldTable()


def _folded_with_positions(text):
    """The folded text and, for each folded character, the index of the original it came from
    (None when every character folds to exactly one: each index is then its own)."""
    folded = text.translate(_FOLD_TABLE)
    if len(folded) == len(text) and _FOLD_TABLE.irregular.isdisjoint(text):
        return folded, None
    folded, positions = [], []
    for index, ch in enumerate(text):
        piece = _fold_char(ch)
        folded.append(piece)
        positions.extend([index] * len(piece))
    return "".join(folded), positions


def _is_cjk(ch):
    return unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


@dataclass
class Query:
    """A reader's query, cleaned: `terms` are folded; `problem` says why nothing was searched."""

    raw: str
    text: str = ""
    terms: list = field(default_factory=list)
    truncated: bool = False
    problem: str = ""

    @classmethod
    def parse(cls, raw):
        raw = raw or ""
        text = " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())
        query = cls(raw=raw)
        if len(text) > MAX_QUERY_LENGTH:
            text, query.truncated = text[:MAX_QUERY_LENGTH].rstrip(), True
        query.text = text
        if not text:
            query.problem = "empty"
            return query
        terms = []
        for word in re.split(r"[\s" + re.escape(PUNCTUATION) + r"]+", text):
            term = fold(word)
            if term and term not in terms:
                terms.append(term)
        terms = terms[:MAX_TERMS]
        # A single Chinese character is a word; a single Latin letter or digit is not.
        terms = [t for t in terms if len(t) >= 2 or any(_is_cjk(ch) for ch in t)]
        if not terms:
            query.problem = "too_short"
        query.terms = terms
        return query

    @property
    def phrase(self):
        return " ".join(self.terms)


@dataclass
class Result:
    kind: str
    url: str
    title: str
    doc: dict  # the corpus document it was found in
    score: float = 0.0

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    def snippet_source(self, terms):
        """The text to quote under the title: the heaviest non-title field containing a term,
        preferring a sentence over a one-word field (a city) that would say nothing new. Chosen
        for the results a page shows, not for every result."""
        matching = [
            text
            for (_weight, text), folded in zip(self.doc["fields"], self.doc["folded"], strict=True)
            if text != self.title and any(term in folded for term in terms)
        ]
        for text in matching:
            if len(text) >= 40:
                return text
        return matching[0] if matching else ""


def _document(kind, url, title, weighted_texts):
    fields = [(weight, text) for weight, text in weighted_texts if text]
    fields.sort(key=lambda pair: -pair[0])
    return {"kind": kind, "url": url, "title": title, "fields": fields}


def _symposium_texts(symposium):
    """What a symposium's page, and a briefing that lists the series, say of it: weights for its own page."""
    return [
        (10, symposium.title),
        (6, symposium.theme),
        (6, symposium.city),
        (2, symposium.participants_summary),
        (2, plain_text(symposium.narrative)),
        (2, symposium.activities),
        (1, " ".join(p.organization.name for p in symposium.participations.all())),
        (1, " ".join(p.organization.short_name for p in symposium.participations.all())),
        (1, " ".join(i.short_name for i in symposium.instruments.all())),
    ]


def build_corpus():
    """Every published item's searchable text in the active language (database queries here only,
    a fixed number of them: tests/test_search.py pins it). Formatted texts are searched by their
    words, never their tags (publishing.text.plain_text).

    A briefing is found by every text its page shows: its lead, results and sections, and the
    agreements, priorities and symposia it lists (a reader who saw "Kunming" or "宁波" on the
    briefing finds the briefing, not only the symposium)."""
    docs = []
    symposia = list(
        Symposium.objects.published().prefetch_related(
            Prefetch("participations__organization"),
            Prefetch("instruments", queryset=Instrument.objects.only("short_name")),
        )
    )
    # Each symposium's texts once: its own document, and every briefing that lists the series.
    symposium_texts = [(symposium, _symposium_texts(symposium)) for symposium in symposia]
    series_texts = [(1, text) for _symposium, texts in symposium_texts for _weight, text in texts]
    priorities = list(Priority.objects.all())
    briefings = Briefing.objects.published().prefetch_related(
        "results", "sections", Prefetch("agreements", queryset=Agreement.objects.published())
    )
    for briefing in briefings:
        texts = [(10, briefing.title), (4, plain_text(briefing.lead))]
        texts += [(2, agreement.title) for agreement in briefing.agreements.all()]
        results = briefing.results.all()
        texts += [(2, result.text) for result in results]
        if any(result.lists_priorities for result in results):
            texts += [(2, priority.short_title) for priority in priorities]
        for part in briefing.sections.all():
            texts += [(4, part.heading), (1, plain_text(part.body))]
        if any(part.lists_symposia for part in briefing.sections.all()):
            texts += series_texts
        docs.append(_document("briefing", briefing.get_absolute_url(), briefing.title, texts))
    for agreement in Agreement.objects.published():
        texts = [
            (10, agreement.title),
            (8, agreement.short_title),
            (3, plain_text(agreement.summary)),
            (2, agreement.occasion),
            (2, agreement.place),
            (2, agreement.parties),
        ]
        docs.append(_document("agreement", agreement.get_absolute_url(), agreement.title, texts))
    for priority in priorities:
        texts = [(10, priority.short_title), (3, plain_text(priority.description))]
        docs.append(_document("priority", priority.get_absolute_url(), priority.short_title, texts))
    for instrument in Instrument.objects.all():
        texts = [
            (9, instrument.short_name),
            (9, instrument.name),
            (3, plain_text(instrument.description)),
            (2, instrument.issuer),
        ]
        docs.append(_document("instrument", instrument.get_absolute_url(), instrument.short_name, texts))
    for symposium, texts in symposium_texts:
        docs.append(_document("symposium", symposium.get_absolute_url(), symposium.title, texts))
    for doc in docs:
        doc["folded"] = [fold(text) for _weight, text in doc["fields"]]
        doc["folded_title"] = fold(doc["title"])
    return docs


def corpus():
    """The active language's corpus, from the cache when the content has not changed since."""
    versions = current_versions()
    stamp = ":".join(str(versions[scope]) for scope in scopes_of("newsroom:search"))
    key = f"search-corpus:{stamp}:{translation.get_language()}"
    docs = cache.get(key)
    if docs is None:
        docs = build_corpus()
        cache.set(key, docs, cache_seconds())
    return docs


def search(query):
    """Ranked results for a parsed query: a list of `Result`, best first."""
    if query.problem:
        return []
    phrase = query.phrase
    results = []
    for doc in corpus():
        score = 0.0
        for term in query.terms:
            fields = zip(doc["fields"], doc["folded"], strict=True)
            weight = max((weight for (weight, _text), folded in fields if term in folded), default=None)
            if weight is None:
                break
            score += weight
        else:
            if len(query.terms) > 1 and any(phrase in folded for folded in doc["folded"]):
                score *= 2
            if doc["folded_title"].startswith(query.terms[0]):
                score += 5
            results.append(
                Result(
                    kind=doc["kind"],
                    url=doc["url"],
                    title=doc["title"],
                    doc=doc,
                    score=score,
                )
            )
    results.sort(key=lambda r: (-r.score, r.kind, r.title))
    return results


def in_other_languages(query):
    """When `query` finds nothing in the active language: the other languages in which it finds
    something, each as {"code", "name" (in that language), "count", "url"}."""
    if query.problem:
        return []
    found = []
    for code, _name in settings.LANGUAGES:
        if code == translation.get_language():
            continue
        with translation.override(code):
            count = len(search(query))
            if count:
                name = translation.get_language_info(code)["name_translated"]
                found.append({"code": code, "name": name, "count": count, "url": search_url(query.text)})
    return found


def highlight(text, terms, limit=None):
    """`text` as (piece, is_match) pairs, every occurrence of the terms a match of its own; cut to
    a window of `limit` characters around the first, with "…" where it was cut. The template
    writes the matches in <mark>.

    Matching runs on folded text and maps back to the original characters, so
    "kyoto" marks "Kyōto" and the Chinese text keeps its punctuation.
    """
    if not text:
        return []
    folded, positions = _folded_with_positions(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if positions is None:
                spans.append((start, end))
            else:
                spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, end)
    spans = _merge(sorted(spans))
    begin, finish = 0, len(text)
    if limit and len(text) > limit:
        first = spans[0][0] if spans else 0
        begin = max(0, first - limit // 3)
        finish = min(len(text), begin + limit)
        begin = max(0, finish - limit)
    pieces, cursor = [], begin
    for start, end in spans:
        if end <= begin or start >= finish:
            continue
        start, end = max(start, begin), min(end, finish)
        pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    pieces.append((text[cursor:finish], False))
    if begin > 0:
        pieces.insert(0, ("…", False))
    if finish < len(text):
        pieces.append(("…", False))
    return [(piece, match) for piece, match in pieces if piece]


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def search_url(query_text, page=None):
    url = reverse("newsroom:search")
    params = {"q": query_text}
    if page:
        params["page"] = page
    return f"{url}?{urlencode(params)}"
