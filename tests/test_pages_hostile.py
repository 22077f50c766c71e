"""Every public page in both languages, with hostile text in every field an editor can fill.

Markup, quotes and control characters typed into titles, texts, names and the
site settings come out as text: escaped by the templates on the HTML pages,
kept as text in the feeds (and removed where XML cannot hold them), absent from
sitemap.xml, which names only URLs. The language switch and the breadcrumbs
point where they should, and each page's queries are pinned.
"""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import models

from newsroom.models import SiteSettings
from publishing.text import plain_text
from symposia.models import Organization, Participation
from tests import factories as f

LANGUAGES = ["en", "zh-hans"]
OTHER = {"en": "zh-hans", "zh-hans": "en"}
# Long enough to break out of an element, an attribute or a feed; the short one fits 20 characters.
LONG = '<script>alert("x")</script> \' " onmouseover="alert(1)" &amp; \x0c\x01\ufffe end'
SHORT = "<i>'\"&\x0c</i>"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Fields that hold codes, not text (choices, slugs, e-mails) keep their factory values.
KEEP = (models.SlugField, models.EmailField)


def hostile(obj):
    """Every free-text field of `obj` (each language's column too) filled with hostile text."""
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or isinstance(field, KEEP):
            continue
        if field.choices:
            continue
        short = isinstance(field, models.CharField) and field.max_length < 80
        setattr(obj, field.attname, SHORT if short else LONG)
    obj.save()
    return obj


@pytest.fixture
def site(db):
    hostile(f.SiteSettingsFactory())
    parent = hostile(f.SectionFactory())
    section = hostile(f.SectionFactory(parent=parent))
    agreement = hostile(f.AgreementFactory(slug="agreement"))
    briefing = hostile(f.BriefingFactory(section=section, slug="briefing", agreements=[agreement]))
    hostile(f.ResultFactory(briefing=briefing, lists_priorities=True))
    hostile(f.BriefingSectionFactory(briefing=briefing, lists_symposia=True))
    symposium = hostile(f.SymposiumFactory(slug="symposium"))
    administration = hostile(f.OrganizationFactory())
    other = hostile(f.OrganizationFactory(kind=Organization.Kind.SECRETARIAT, country=""))
    hostile(f.ParticipationFactory(symposium=symposium, organization=administration))
    hostile(f.ParticipationFactory(symposium=symposium, organization=other, kind=Participation.Kind.OTHER))
    f.AttendeeFactory(symposium=symposium, organization=administration)
    f.AttendeeFactory(symposium=symposium, organization=None, country="")
    instrument = hostile(f.InstrumentFactory())
    hostile(f.PriorityFactory(slug="priority", instruments=[instrument], symposia=[symposium]))
    return {"briefing": briefing, "symposium": symposium}


# Path (without the language prefix) and queries of each page: the site settings (footer), then
# what the page reads.
PAGES = {
    "home": ("/", 4),  # sections, latest briefings, symposia
    # briefing + section, results, body sections, agreements, attachments, section tree, priorities,
    # symposia, their instruments
    "briefing": ("/briefings/briefing/", 10),
    "agreement": ("/agreements/agreement/", 4),  # agreement, its documents, its briefings
    # priorities, their instruments, their symposia, every instrument, the symposia citing it
    "priorities": ("/priorities/", 6),
    "symposia": ("/symposia/", 2),  # symposia
    # symposium + unaffiliated count, participations, gallery, priorities, counts per organization
    # and country, instruments discussed
    "symposium": ("/symposia/symposium/", 8),
    "statistics": ("/symposia/statistics/", 3),  # symposia with counts, administrations
    # the corpus (briefings, results, sections and agreements, agreements, priorities,
    # instruments, symposia with their participants, organizations and instruments), read once
    # per content version and kept in the cache
    "search": ("/search/?q=alert", 12),
    "site map": ("/sitemap/", 6),  # sections, briefings, agreements, priorities, symposia
    "feedback": ("/feedback/", 1),
    "feedback thanks": ("/feedback/thanks/", 1),
}


class Page(HTMLParser):
    """The elements, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, body):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = [], [], []
        self.feed(body)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data):
        self.text.append(data)


def get(client, path, queries=None, django_assert_num_queries=None):
    if queries is None:
        return client.get(path)
    with django_assert_num_queries(queries):
        return client.get(path)


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_text_is_escaped_on_every_page(client, site, django_assert_num_queries, page, lang):
    path, queries = PAGES[page]
    response = get(client, f"/{lang}{path}", queries, django_assert_num_queries)
    assert response.status_code == 200
    body = response.content.decode()
    parsed = Page(body)
    # No element or attribute came from the text: our pages have no script, no <i>, no handlers.
    assert "script" not in parsed.tags and "i" not in parsed.tags
    assert not [attribute for attribute in parsed.attributes if attribute[1].startswith("on")]
    # The text is on the page, as text.
    text = "".join(parsed.text)
    assert "<i>'\"&" in text  # the site settings (footer) at least
    if page not in ("feedback", "feedback thanks"):
        assert '<script>alert("x")</script>' in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_search_query_is_escaped(client, site, lang):
    response = client.get(f"/{lang}/search/", {"q": '<script>"alert"</script>'})
    parsed = Page(response.content.decode())
    assert "script" not in parsed.tags
    assert ("input", "value", '<script>"alert"</script>') in parsed.attributes
    assert any(tag == "mark" for tag in parsed.tags)  # "alert" matched the hostile titles


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["briefings", "symposia"])
def test_feeds_keep_hostile_text_as_text(client, site, lang, kind):
    expected = CONTROL.sub("", LONG)
    # The lead and the narrative are formatted text: cleaned when saved (the script element
    # and its content removed), so the feeds carry what remains, as text.
    formatted = site["briefing"].lead if kind == "briefings" else site["symposium"].narrative
    rss = client.get(f"/{lang}/feeds/{kind}/rss/")
    assert rss.status_code == 200
    channel = ET.fromstring(rss.content).find("channel")
    item = channel.find("item")
    assert item.find("title").text == expected
    # A reader takes the description as HTML: the cleaned HTML, never the hostile markup.
    description = item.find("description").text
    parsed = Page(description)
    assert "script" not in parsed.tags and not parsed.attributes and 'alert("x")' not in description
    assert 'onmouseover="alert(1)"' in "".join(parsed.text)  # as text
    assert channel.find("title").text.startswith(CONTROL.sub("", LONG))  # the site name
    atom = client.get(f"/{lang}/feeds/{kind}/atom/")
    entry = ET.fromstring(atom.content).find("{http://www.w3.org/2005/Atom}entry")
    summary = entry.find("{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "text"
    assert summary.text == CONTROL.sub("", plain_text(formatted))
    assert "<script>" not in formatted and "onmouseover" in summary.text
    for link in [item.find("link").text, entry.find("{http://www.w3.org/2005/Atom}link").get("href")]:
        assert link.startswith(f"{settings.SITE_URL}/{lang}/")


def test_sitemap_xml_holds_urls_only(client, site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # well-formed whatever the titles hold
    assert "script" not in response.content.decode()
    # eight pages, the two sections and the three items, in both languages
    assert len(root) == 8 * 2 + 2 * 2 + 3 * 2


# --- the language switch and the breadcrumb ---------------------------------------------------------


def language_switch(body):
    nav = re.search(r'<nav class="language-switch".*?</nav>', body, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


def breadcrumb(body):
    nav = re.search(r'<nav class="breadcrumb".*?</nav>', body, re.S).group(0)
    items = re.findall(r"<li>(.*?)</li>", nav, re.S)
    return [(re.search(r'href="([^"]+)"', item) or [None, None])[1] for item in items], items[-1]


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_and_breadcrumb_point_where_they_should(client, site, page, lang):
    path = PAGES[page][0]
    body = client.get(f"/{lang}{path}").content.decode()
    # The same page (query included) in the other language, and it is there.
    assert language_switch(body) == [f"/{OTHER[lang]}{path}"]
    assert client.get(f"/{OTHER[lang]}{path}").status_code == 200
    for code, tag in (("en", "en"), ("zh-hans", "zh-Hans")):
        href = f"{settings.SITE_URL}/{code}{path}".replace("&", "&amp;")
        assert f'<link rel="alternate" hreflang="{tag}" href="{href}">' in body
    # Home first; every crumb but the last links to a page that exists; the last is this page.
    links, last = breadcrumb(body)
    assert links[0] == (f"/{lang}/" if len(links) > 1 else None)
    assert all(client.get(link).status_code == 200 for link in links[:-1] if link)
    assert links[-1] is None and 'aria-current="page"' in last


@pytest.mark.parametrize("lang", LANGUAGES)
def test_breadcrumb_of_a_briefing_follows_its_sections(client, site, lang):
    body = client.get(f"/{lang}/briefings/briefing/").content.decode()
    links, last = breadcrumb(body)
    assert len(links) == 4  # home, the parent section, the section, the briefing
    section = site["briefing"].section
    assert links[1:] == [
        f"/{lang}/sections/{section.parent.slug}/",
        f"/{lang}/sections/{section.slug}/",
        None,
    ]
    assert all(client.get(link).status_code == 200 for link in links[1:3])
    assert "&lt;script&gt;" in last


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_offers_each_home_page(client, site, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    assert language_switch(response.content.decode()) == [f"/{OTHER[lang]}/"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_in_a_language_it_is_not_published_in(client, site, lang):
    briefing = site["briefing"]
    setattr(briefing, f"publish_{lang.replace('-', '_')}", False)
    briefing.save()
    response = client.get(f"/{lang}/briefings/briefing/")
    assert response.status_code == 404
    body = response.content.decode()
    parsed = Page(body)
    assert "script" not in parsed.tags
    # The notice and the switch lead to the language it is published in, nowhere else.
    assert language_switch(body) == [f"/{OTHER[lang]}/briefings/briefing/"]
    assert f'href="/{OTHER[lang]}/briefings/briefing/"' in body


def test_site_settings_are_read_once_per_page(client, site, django_assert_num_queries):
    SiteSettings.objects.update(site_name_en="Once")
    with django_assert_num_queries(PAGES["symposia"][1]):
        body = client.get("/en/symposia/").content.decode()
    assert body.count("Once") == 2  # the <title> and the header


def test_a_name_the_editor_already_linked_is_not_linked_again(client, db):
    framework = f.AgreementFactory(slug="framework", title_en="Framework Agreement")
    f.BriefingFactory(
        slug="linked",
        lead_en='<p>See the <a href="https://example.org/fa">Framework Agreement</a>.</p>',
        agreements=[framework],
    )
    body = client.get("/en/briefings/linked/").content.decode()
    lead = re.search(r'<div class="lead">(.*?)</div>', body, re.S).group(1)
    assert lead == (
        '<p>See the <a href="https://example.org/fa" rel="noopener noreferrer">Framework Agreement</a>.</p>'
    )
    related = re.search(r'<p class="related">(.*?)</p>', body, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', related) == ["/en/agreements/framework/"]


def test_lead_links_are_found_on_the_text_not_in_markup_made_from_it(client, db):
    """The old filter linked each agreement in turn inside the already-linked HTML: a name that
    also occurs in an earlier link (its text, or its URL) was linked again inside it."""
    framework = f.AgreementFactory(slug="framework", title_en="Framework Agreement on Customs")
    customs = f.AgreementFactory(slug="customs", title_en="Customs", short_title_en="Customs")
    href = f.AgreementFactory(slug="href", title_en="agreements", short_title_en="agreements")
    f.BriefingFactory(
        slug="lead",
        lead_en=(
            "<p>Signed: the <em>Framework Agreement on Customs</em>.</p><p>Customs cooperation followed.</p>"
        ),
        agreements=[framework, customs, href],
    )
    body = client.get("/en/briefings/lead/").content.decode()
    lead = re.search(r'<div class="lead">(.*?)</div>', body, re.S).group(1)
    assert lead == (
        '<p>Signed: the <em><a href="/en/agreements/framework/">Framework Agreement on Customs</a></em>.</p>'
        '<p><a href="/en/agreements/customs/">Customs</a> cooperation followed.</p>'
    )
    # Named nowhere in the text (only inside a URL): linked after the lead instead.
    related = re.search(r'<p class="related">(.*?)</p>', body, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', related) == ["/en/agreements/href/"]


@pytest.mark.parametrize(
    "path",
    [
        *(f"/en{path}" for path, _queries in PAGES.values()),
        "/zh-hans/feeds/briefings/rss/",
        "/en/feeds/symposia/atom/",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
@pytest.mark.parametrize("method", ["options", "trace"])
def test_public_pages_answer_options_and_trace_with_405(client, site, path, method):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert "OPTIONS" not in response["Allow"] and "TRACE" not in response["Allow"]
