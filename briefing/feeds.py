"""RSS 2.0 and Atom feeds of briefings and of symposia, one set per language (/<lang>/feeds/...).

LocaleMiddleware has activated the language of the URL prefix, so titles,
links and texts are those of the reader's language, and only items published
in it are listed.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from symposia.models import Symposium

from .context_processors import cached_site_settings
from .models import Briefing
from .prepared import PreparedQuery
from .urlcache import cached_reverse

FEED_SIZE = 20

FEED_BRIEFINGS = PreparedQuery(
    "feed-briefings",
    lambda p: (
        Briefing.objects.published(now=p.now).select_related("section").order_by("-published_at")[:FEED_SIZE]
    ),
    now=datetime.datetime,
)
FEED_SYMPOSIA = PreparedQuery(
    "feed-symposia",
    lambda p: Symposium.objects.published(now=p.now).order_by("-date", "-ordinal")[:FEED_SIZE],
    now=datetime.datetime,
)


def site_name():
    return cached_site_settings().site_name or str(_("China Customs Newsroom"))


class NewsroomFeed(Feed):
    # One instance serves every request: no per-request state on it.
    def item_guid(self, item):
        # One identity per item and language; the slug is shared by both languages.
        return f"{item._meta.label_lower}:{item.pk}:{translation.get_language()}"

    item_guid_is_permalink = False


class BriefingsRssFeed(NewsroomFeed):
    def title(self):
        return _("%(site)s: briefings") % {"site": site_name()}

    def description(self):
        return _("The latest briefings of the newsroom.")

    def link(self):
        return reverse("briefing:home")

    def items(self):
        return FEED_BRIEFINGS.all()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.section.title]


class BriefingsAtomFeed(BriefingsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


class SymposiaRssFeed(NewsroomFeed):
    def title(self):
        return _("%(site)s: symposia on China-ASEAN customs cooperation") % {"site": site_name()}

    def description(self):
        return _("The symposium series, newest first.")

    def link(self):
        return reverse("symposia:symposium_list")

    def items(self):
        return FEED_SYMPOSIA.all()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.narrative

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class SymposiaAtomFeed(SymposiaRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def feed_links():
    """The active language's feeds as (title, url, MIME type): for <link rel="alternate"> and the site map."""
    return [
        (_("Briefings (RSS)"), cached_reverse("briefing:feed_briefings_rss"), "application/rss+xml"),
        (_("Briefings (Atom)"), cached_reverse("briefing:feed_briefings_atom"), "application/atom+xml"),
        (_("Symposia (RSS)"), cached_reverse("briefing:feed_symposia_rss"), "application/rss+xml"),
        (_("Symposia (Atom)"), cached_reverse("briefing:feed_symposia_atom"), "application/atom+xml"),
    ]
