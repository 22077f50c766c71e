"""RSS 2.0 and Atom feeds of briefings and of symposia, one set per language (/<lang>/feeds/...).

LocaleMiddleware has activated the language of the URL prefix, so titles,
links and texts are those of the reader's language, and only items published
in it are listed.
"""

import datetime
import re
from inspect import getattr_static, unwrap
from io import StringIO
from xml.sax.saxutils import escape, quoteattr

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import http_date
from django.utils.timezone import get_default_timezone, is_naive, make_aware
from django.utils.translation import gettext_lazy as _
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

from briefing.models import Briefing
from briefing.prepared import PreparedQuery
from briefing.urlcache import cached_reverse
from symposia.models import Symposium

from .context_processors import cached_site_settings

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


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")


class QuickXMLGenerator(SimplerXMLGenerator):
    """Django's XML generator, its `addQuickElement` (nearly every element of a feed) written
    in one piece: the same bytes (attributes sorted, `<name/>` for no or empty content,
    control characters refused) without its five calls an element."""

    def addQuickElement(self, name, contents=None, attrs=None):
        if not self._short_empty_elements or (contents is not None and type(contents) is not str):
            super().addQuickElement(name, contents, attrs)
            return
        self._finish_pending_start_element()
        tag = "<" + name
        if attrs:
            tag += "".join(f" {key}={quoteattr(value)}" for key, value in sorted(attrs.items()))
        if contents:
            if CONTROL_CHARACTERS.search(contents):
                raise UnserializableContentError("Control characters are not supported in XML 1.0")
            self._write(f"{tag}>{escape(contents)}</{name}>")
        else:
            self._write(tag + "/>")


class QuickRssFeed(Rss201rev2Feed):
    def write(self, outfile, encoding):
        # Rss201rev2Feed.write (django/utils/feedgenerator.py) with QuickXMLGenerator.
        handler = QuickXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")


class QuickAtomFeed(Atom1Feed):
    def write(self, outfile, encoding):
        # Atom1Feed.write (django/utils/feedgenerator.py) with QuickXMLGenerator.
        handler = QuickXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


ITEM_ATTRIBUTES = (
    "item_title",
    "item_description",
    "item_link",
    "item_enclosures",
    "item_author_name",
    "item_author_email",
    "item_author_link",
    "item_pubdate",
    "item_updateddate",
    "item_guid",
    "item_guid_is_permalink",
    "item_comments",
    "item_categories",
    "item_copyright",
)


class NewsroomFeed(Feed):
    """Django's `Feed`, the same XML written with less work per item.

    `Feed.get_feed` looks up each of some fifteen `item_*` attributes for every
    item (`getattr`, `inspect.unwrap`, the code object's argument count), builds a
    template context per item that these feeds never use, and `Feed.__call__`
    writes the XML into the response a few bytes at a time (~200 writes a feed).
    Here each attribute is resolved once per feed into a function of the item,
    with the same rules, and the XML is written into a string, then into the
    response at once. The feeds use no title or description templates; a feed
    that sets one is handed to Django's own `get_feed`. The feed generators are
    Django's, their XML writer `QuickXMLGenerator`.
    """

    feed_type = QuickRssFeed

    # One instance serves every request: no per-request state on it.

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        feedgen = self.get_feed(obj, request)
        response = HttpResponse(content_type=feedgen.content_type)
        if hasattr(self, "item_pubdate") or hasattr(self, "item_updateddate"):
            # For ConditionalGetMiddleware, as Django's Feed does.
            response.headers["Last-Modified"] = http_date(feedgen.latest_post_date().timestamp())
        # As the XML generator writes into a response: UTF-8, characters it cannot
        # encode as character references.
        out = StringIO()
        feedgen.write(out, "utf-8")
        response.content = out.getvalue().encode("utf-8", "xmlcharrefreplace")
        return response

    def _item_getter(self, attname, default=None):
        """`_get_dynamic_attr(attname, item, default)` as a function of the item,
        resolved once: a method taking the item, one taking nothing, or a value."""
        try:
            attr = getattr(self, attname)
        except AttributeError:
            return lambda item: default
        if not callable(attr):
            return lambda item: attr
        func = unwrap(attr)
        try:
            code = func.__code__
        except AttributeError:
            func = unwrap(attr.__call__)
            code = func.__code__
        if not code.co_argcount and not isinstance(getattr_static(self, func.__name__, None), staticmethod):
            raise ImproperlyConfigured(
                f"Feed method {attname!r} decorated by {func.__name__!r} needs to use @functools.wraps."
            )
        if code.co_argcount == 2:  # one argument is 'self'
            return attr
        return lambda item: attr()

    def get_feed(self, obj, request):
        if self.title_template is not None or self.description_template is not None:
            return super().get_feed(obj, request)
        current_site = get_current_site(request)
        domain, secure = current_site.domain, request.is_secure()
        feed = self.feed_type(
            title=self._get_dynamic_attr("title", obj),
            subtitle=self._get_dynamic_attr("subtitle", obj),
            link=add_domain(domain, self._get_dynamic_attr("link", obj), secure),
            description=self._get_dynamic_attr("description", obj),
            language=self.language or translation.get_language(),
            feed_url=add_domain(domain, self._get_dynamic_attr("feed_url", obj) or request.path, secure),
            author_name=self._get_dynamic_attr("author_name", obj),
            author_link=self._get_dynamic_attr("author_link", obj),
            author_email=self._get_dynamic_attr("author_email", obj),
            categories=self._get_dynamic_attr("categories", obj),
            feed_copyright=self._get_dynamic_attr("feed_copyright", obj),
            feed_guid=self._get_dynamic_attr("feed_guid", obj),
            ttl=self._get_dynamic_attr("ttl", obj),
            stylesheets=self._get_dynamic_attr("stylesheets", obj),
            **self.feed_extra_kwargs(obj),
        )
        get = {name: self._item_getter(name) for name in ITEM_ATTRIBUTES}
        has_guid = hasattr(self, "item_guid")
        tz = get_default_timezone()
        links = {}  # path -> absolute URL (add_domain quotes it: ~10 us)
        for item in self._get_dynamic_attr("items", obj):
            path = get["item_link"](item)
            link = links.get(path)
            if link is None:
                link = links[path] = add_domain(domain, path, secure)
            author_name = get["item_author_name"](item)
            if author_name is not None:
                author_email = get["item_author_email"](item)
                author_link = get["item_author_link"](item)
            else:
                author_email = author_link = None
            pubdate = get["item_pubdate"](item)
            if pubdate and is_naive(pubdate):
                pubdate = make_aware(pubdate, tz)
            updateddate = get["item_updateddate"](item)
            if updateddate and is_naive(updateddate):
                updateddate = make_aware(updateddate, tz)
            feed.add_item(
                title=get["item_title"](item),
                link=link,
                description=get["item_description"](item),
                unique_id=get["item_guid"](item) if has_guid else link,
                unique_id_is_permalink=get["item_guid_is_permalink"](item),
                enclosures=get["item_enclosures"](item),
                pubdate=pubdate,
                updateddate=updateddate,
                author_name=author_name,
                author_email=author_email,
                author_link=author_link,
                comments=get["item_comments"](item),
                categories=get["item_categories"](item),
                item_copyright=get["item_copyright"](item),
                **self.item_extra_kwargs(item),
            )
        return feed

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
        return cached_reverse("newsroom:home")

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
    feed_type = QuickAtomFeed

    def subtitle(self):
        return self.description()


class SymposiaRssFeed(NewsroomFeed):
    def title(self):
        return _("%(site)s: symposia on China-ASEAN customs cooperation") % {"site": site_name()}

    def description(self):
        return _("The symposium series, newest first.")

    def link(self):
        return cached_reverse("symposia:symposium_list")

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
    feed_type = QuickAtomFeed

    def subtitle(self):
        return self.description()


def feed_links():
    """The active language's feeds as (title, url, MIME type): for <link rel="alternate"> and the site map."""
    return [
        (_("Briefings (RSS)"), cached_reverse("newsroom:feed_briefings_rss"), "application/rss+xml"),
        (_("Briefings (Atom)"), cached_reverse("newsroom:feed_briefings_atom"), "application/atom+xml"),
        (_("Symposia (RSS)"), cached_reverse("newsroom:feed_symposia_rss"), "application/rss+xml"),
        (_("Symposia (Atom)"), cached_reverse("newsroom:feed_symposia_atom"), "application/atom+xml"),
    ]
