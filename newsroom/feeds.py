"""RSS 2.0 and Atom feeds of briefings and of symposia, one set per language (/<lang>/feeds/...).

Plain `django.contrib.syndication` feeds. LocaleMiddleware has activated the
language of the URL prefix, so titles, links and texts are those of the
reader's language, and only items published in it are listed.

- Every URL is absolute from settings.SITE_URL, never from the request's Host
  or scheme, because the page cache keeps a feed for every reader.
- Leads and narratives are formatted text (HTML cleaned when saved). RSS readers
  take an item's <description> as HTML, so it is that HTML, written by the same
  template include as the pages; Atom says what it holds, so the summary is the
  text's words (publishing.text.plain_text) with type="text" (Django's Atom1Feed
  would declare it "html").
- Characters that XML 1.0 cannot hold (control characters a pasted text may
  carry, U+FFFE/U+FFFF) are removed from everything a feed writes; Django's XML
  writer would otherwise refuse the whole feed.
"""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from briefing.models import Briefing
from briefing.selectors import section_and_below
from publishing.text import plain_text
from symposia.selectors import published_symposia

from .models import SiteSettings

FEED_SIZE = 20
NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """`value` without the characters XML 1.0 cannot hold; anything but text as it is."""
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return [xml_text(item) for item in value]
    return value


class XmlTextMixin:
    """A feed generator that passes every text of the feed and its items through `xml_text`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_text, args), **{name: xml_text(value) for name, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(xml_text, args), **{name: xml_text(value) for name, value in kwargs.items()})


class RssFeed(XmlTextMixin, Rss201rev2Feed):
    pass


class TextAtomFeed(XmlTextMixin, Atom1Feed):
    """Atom whose entry summaries are plain text (type="text")."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def absolute(path):
    return settings.SITE_URL + path


def site_name():
    return SiteSettings.load().site_name or str(_("China Customs Newsroom"))


class NewsroomFeed(Feed):
    """What the four feeds share: absolute URLs from SITE_URL, an identity per item and language."""

    feed_type = RssFeed
    url_name = None  # this feed's URL name
    page_url_name = None  # the page the feed follows

    def link(self):
        return absolute(reverse(self.page_url_name))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        # One identity per item and language; the slug is shared by both languages.
        return f"{item._meta.label_lower}:{item.pk}:{translation.get_language()}"

    item_guid_is_permalink = False

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class BriefingsRssFeed(NewsroomFeed):
    url_name = "newsroom:feed_briefings_rss"
    page_url_name = "newsroom:home"
    description_template = "newsroom/feeds/briefing_description.html"

    def title(self):
        return _("%(site)s: briefings") % {"site": site_name()}

    def description(self):
        return _("The latest briefings of the newsroom.")

    def items(self):
        return Briefing.objects.published().select_related("section").order_by("-published_at")[:FEED_SIZE]

    def item_categories(self, item):
        return [item.section.title]


class BriefingsAtomFeed(BriefingsRssFeed):
    feed_type = TextAtomFeed
    url_name = "newsroom:feed_briefings_atom"
    description_template = None

    def subtitle(self):
        return self.description()

    def item_description(self, item):
        return plain_text(item.lead)


class SectionRssFeed(BriefingsRssFeed):
    """The briefings of one section and its sub-sections (/<lang>/feeds/sections/<slug>/rss/)."""

    url_name = "newsroom:feed_section_rss"

    def get_object(self, request, slug):
        return section_and_below(slug)

    def title(self, obj):
        return _("%(site)s: %(section)s") % {"site": site_name(), "section": obj[0].title}

    def link(self, obj):
        return absolute(obj[0].get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse(self.url_name, kwargs={"slug": obj[0].slug}))

    def description(self, obj):
        return _("The latest briefings in %(section)s.") % {"section": obj[0].title}

    def items(self, obj):
        section, below = obj
        return (
            Briefing.objects.published()
            .filter(section__in=below)
            .select_related("section")
            .order_by("-published_at")[:FEED_SIZE]
        )


class SectionAtomFeed(SectionRssFeed):
    feed_type = TextAtomFeed
    url_name = "newsroom:feed_section_atom"
    description_template = None

    def subtitle(self, obj):
        return self.description(obj)

    def item_description(self, item):
        return plain_text(item.lead)


class SymposiaRssFeed(NewsroomFeed):
    url_name = "newsroom:feed_symposia_rss"
    page_url_name = "symposia:symposium_list"
    description_template = "newsroom/feeds/symposium_description.html"

    def title(self):
        return _("%(site)s: symposia on China-ASEAN customs cooperation") % {"site": site_name()}

    def description(self):
        return _("The symposium series, newest first.")

    def items(self):
        return published_symposia().order_by("-date", "-ordinal")[:FEED_SIZE]


class SymposiaAtomFeed(SymposiaRssFeed):
    feed_type = TextAtomFeed
    url_name = "newsroom:feed_symposia_atom"
    description_template = None

    def subtitle(self):
        return self.description()

    def item_description(self, item):
        return plain_text(item.narrative)


def feed_links():
    """The active language's feeds as (title, url, MIME type): for <link rel="alternate"> and the site map."""
    return [
        (_("Briefings (RSS)"), reverse("newsroom:feed_briefings_rss"), "application/rss+xml"),
        (_("Briefings (Atom)"), reverse("newsroom:feed_briefings_atom"), "application/atom+xml"),
        (_("Symposia (RSS)"), reverse("newsroom:feed_symposia_rss"), "application/rss+xml"),
        (_("Symposia (Atom)"), reverse("newsroom:feed_symposia_atom"), "application/atom+xml"),
    ]
