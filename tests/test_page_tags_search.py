"""The search page's result list tag (newsroom_search) and the highlighting it shows: escaped,
translated, marked on folded text whatever the characters fold to; the feeds (briefing/feeds.py),
byte for byte what Django's own Feed and feed generators write."""

import re
from io import StringIO
from itertools import groupby
from types import SimpleNamespace

import pytest
from django.contrib.syndication.views import Feed
from django.template import Context, Template
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

from newsroom import feeds
from newsroom.feeds import QuickXMLGenerator
from newsroom.search import KIND_LABELS, _fold_char, highlight
from newsroom.templatetags.newsroom import organization_label
from newsroom.templatetags.newsroom_search import search_results
from symposia.templatetags.symposia_charts import chart_numbers
from tests import factories as f

HOSTILE = "<script>alert(\"x\")</script> & 'Co'"
HOSTILE_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;"


def reference_highlight(text, terms, limit=None):
    """The highlighting worked out another way: fold a character at a time, note which
    original characters each occurrence covers, then write runs of marked characters."""
    if not text:
        return ""
    owner = [index for index, ch in enumerate(text) for _piece in _fold_char(ch)]
    folded = "".join(_fold_char(ch) for ch in text)
    marked = [False] * len(text)
    for term in terms:
        at = folded.find(term)
        while at != -1:
            for index in range(owner[at], owner[at + len(term) - 1] + 1):
                marked[index] = True
            at = folded.find(term, at + len(term))
    begin, finish = 0, len(text)
    if limit and len(text) > limit:
        first = marked.index(True) if True in marked else 0
        # A third of the window before the first mark, the window kept inside the text.
        finish = min(len(text), max(0, first - limit // 3) + limit)
        begin = finish - limit
    html = ""
    for is_marked, run in groupby(range(begin, finish), key=marked.__getitem__):
        chunk = escape("".join(text[index] for index in run))
        html += f"<mark>{chunk}</mark>" if is_marked else chunk
    return ("…" if begin > 0 else "") + html + ("…" if finish < len(text) else "")


@pytest.mark.parametrize(
    ("text", "terms", "limit"),
    [
        ("A <b> Kyōto & kyoto", ["kyoto"], None),
        (HOSTILE + " customs", ["script", "co"], None),
        # "ß" folds to two characters, "ﬁ" to two, a lone combining accent to none:
        # the folded text is no longer position for position the original.
        ("Straße STRASSE strasse", ["strasse"], None),
        ("ﬁnance finance", ["finance", "fi"], None),
        ("e\u0301te\u0301 \u0301ete", ["ete"], None),
        # As many characters lost as gained: same length, yet not position for position.
        ("\u0301Straße strasse", ["strasse", "ss"], None),
        ("ß\u0301 ss", ["ss"], None),
        ("Ｋｙｏｔｏ ＫＹＯＴＯ kyoto", ["kyoto"], None),
        ("经修订的《京都公约》与宁波海关的“合作”<&>", ["京都公约", "宁波"], None),
        ("x" * 300 + " Straße target " + "y" * 300, ["target", "strasse"], 100),
        ("宁波" * 200 + "海关" + "y" * 300, ["海关"], 160),
        ("nothing here at all " * 20, ["absent"], 160),
        ("a.b (c) [d] a.b", ["a.b", "(c"], None),
    ],
)
def test_highlight_matches_the_character_by_character_reference(text, terms, limit):
    assert highlight(text, terms, limit=limit) == reference_highlight(text, terms, limit=limit)


def test_highlight_maps_marks_back_to_the_original_characters():
    assert highlight("Straße", ["strasse"]) == "<mark>Straße</mark>"
    assert highlight("x ﬁ y", ["fi"]) == "x <mark>ﬁ</mark> y"
    assert highlight("", ["x"]) == ""


def result(kind="briefing", url="/en/briefings/b/", title="Title", snippet="Snippet"):
    return SimpleNamespace(
        kind=kind, kind_label=KIND_LABELS[kind], url=url, title_html=title, snippet_html=snippet
    )


def render(results):
    return Template("{% load newsroom_search %}{% search_results results %}").render(
        Context({"results": results})
    )


def reference(results):
    """The loop as the template wrote it."""
    return Template(
        "{% for result in results %}\n    <li>"
        '\n      <h3><a href="{{ result.url }}">{{ result.title_html }}</a></h3>'
        '\n      <p class="meta">{{ result.kind_label }}</p>'
        '\n      {% if result.snippet_html %}<p class="snippet">{{ result.snippet_html }}</p>{% endif %}'
        "\n    </li>{% endfor %}"
    ).render(Context({"results": results}))


def test_results_escape_links_and_keep_highlighted_markup():
    title = highlight(HOSTILE, ["script"])
    snippet = highlight("Lead " + HOSTILE, ["co"])
    items = [result(url='/en/b/?a=1&b="2"', title=title, snippet=snippet)]
    html = render(items)
    assert html == reference(items)
    assert 'href="/en/b/?a=1&amp;b=&quot;2&quot;"' in html
    assert "&lt;<mark>script</mark>&gt;" in html and "<script>" not in html
    assert '<p class="snippet">Lead ' in html


def test_results_without_snippet_and_every_kind():
    items = [result(kind=kind, snippet="" if i % 2 else "s") for i, kind in enumerate(KIND_LABELS)]
    html = render(items)
    assert html == reference(items)
    assert html.count("<li>") == 5 and html.count('class="snippet"') == 3
    assert '<p class="meta">International instrument</p>' in html


def test_results_in_chinese():
    items = [result(kind="symposium", title="研讨会"), result(kind="briefing", snippet="")]
    with translation.override("zh-hans"):
        html = render(items)
        assert html == reference(items)
    assert '<p class="meta">研讨会</p>' in html
    assert '<p class="meta">简介</p>' in html


def test_no_results():
    assert render([]) == "" == search_results([])


# --- feeds: the same bytes as Django's own Feed and feed generators ----------------------------------


def stock_feed(feed):
    """The same feed served by Django's `Feed.__call__`/`get_feed` and its own generators."""
    stock_type = Atom1Feed if issubclass(feed.feed_type, Atom1Feed) else Rss201rev2Feed
    stock = type("Stock" + type(feed).__name__, (type(feed),), {"feed_type": stock_type})
    stock.__call__ = Feed.__call__
    stock.get_feed = Feed.get_feed
    return stock()


@pytest.fixture
def hostile_content(seed):
    f.BriefingFactory(
        title_en=HOSTILE + " ]]> <![CDATA[",
        title_zh_hans="海关<script>&“引号”",
        lead_en="Lead " + HOSTILE + " \u2028 Kyōto",
        lead_zh_hans="导语" + HOSTILE,
    )
    f.SymposiumFactory(
        ordinal=92, title_en=HOSTILE, title_zh_hans="研讨会" + HOSTILE, narrative_en="", narrative_zh_hans=""
    )


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "feed_class",
    [feeds.BriefingsRssFeed, feeds.BriefingsAtomFeed, feeds.SymposiaRssFeed, feeds.SymposiaAtomFeed],
)
def test_feeds_write_what_djangos_feed_writes(hostile_content, rf, lang, feed_class):
    request = rf.get(f"/{lang}/feeds/x/", secure=lang == "en")
    with translation.override(lang):
        ours, theirs = feed_class()(request), stock_feed(feed_class())(request)
    assert ours.content == theirs.content
    assert ours["Content-Type"] == theirs["Content-Type"]
    assert ours["Last-Modified"] == theirs["Last-Modified"]
    assert b"&lt;script&gt;" in ours.content and b"<script>" not in ours.content


def quick_and_simpler(name, contents=None, attrs=None, **options):
    written = []
    for generator in (QuickXMLGenerator, SimplerXMLGenerator):
        out = StringIO()
        handler = generator(out, "utf-8", **options)
        handler.startElement("feed", {})
        handler.addQuickElement(name, contents, attrs)
        handler.addQuickElement("after")
        handler.endElement("feed")
        written.append(out.getvalue())
    return written


@pytest.mark.parametrize("short", [True, False])
@pytest.mark.parametrize(
    ("contents", "attrs"),
    [
        (None, None),
        ("", {"rel": "alternate", "href": 'http://x/?a=1&b="2"'}),
        (HOSTILE, None),
        ("宁波 & <海关>", {"z": "<", "a": "'", "m": "\n\t"}),
    ],
)
def test_quick_xml_elements_are_djangos(contents, attrs, short):
    ours, theirs = quick_and_simpler("title", contents, attrs, short_empty_elements=short)
    assert ours == theirs


def test_quick_xml_refuses_what_django_refuses():
    for generator in (QuickXMLGenerator, SimplerXMLGenerator):
        with pytest.raises(UnserializableContentError):
            generator(StringIO(), "utf-8", short_empty_elements=True).addQuickElement("t", "bell \x07")
        with pytest.raises(TypeError):
            generator(StringIO(), "utf-8", short_empty_elements=True).addQuickElement("t", 5)


# --- statistics page: translated titles, cities and names -----------------------------------------


def test_organization_labels_follow_renaming_and_the_country(db):
    organization = f.OrganizationFactory(name_en=HOSTILE, name_zh_hans="老挝海关", country="LA")
    assert organization_label(organization) == f"{HOSTILE_ESCAPED} (Laos)"
    with translation.override("zh-hans"):
        assert organization_label(organization) == "老挝海关（老挝）"
    organization.name_en, organization.country = "Lao Customs", "KH"
    assert organization_label(organization) == "Lao Customs (Cambodia)"
    organization.country = ""
    assert organization_label(organization) == "Lao Customs"


def test_statistics_titles_and_cities_as_the_template_wrote_them(db):
    symposia = [
        f.SymposiumFactory(title_en=HOSTILE, city_en="Nanning <&>", delegates_reported=None),
        # No Chinese title or city: the English ones stand in.
        f.SymposiumFactory(title_en="Kyoto", city_en="Kunming", title_zh_hans="", city_zh_hans=""),
    ]
    for symposium in symposia:
        symposium.registered = 0
    cell = Template("{{ s.title }}|{{ s.city }}")
    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            html = str(chart_numbers(symposia))
            expected = [tuple(cell.render(Context({"s": s})).split("|")) for s in symposia]
        assert re.findall(r'<a href="[^"]*">(.*?)</a></th>\s*<td>(.*?)</td>', html) == expected
    assert expected[1] == ("Kyoto", "Kunming")
