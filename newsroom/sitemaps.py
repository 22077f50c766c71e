"""The site map twice: /sitemap.xml for search engines, /<lang>/sitemap/ for people (网站地图).

sitemap.xml uses Django's sitemap framework with `i18n`, `alternates` and
`x_default`: every page once per language it is published in, each entry
naming its other-language versions with hreflang. Only published content is
listed, and an item is listed in a language only where it is published in it.
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import timezone, translation

from briefing.models import Agreement, Briefing
from briefing.prepared import PreparedQuery
from briefing.selectors import PRIORITIES, all_sections, attach_related, section_tree
from briefing.urlcache import cached_reverse
from symposia.models import Symposium
from symposia.selectors import PUBLISHED_SYMPOSIA


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _published_in(item, code):
    # Per-language publishing (publish_en, publish_zh_hans) where the model has it.
    return getattr(item, "publish_" + code.replace("-", "_"), True)


def _in_any_language(name, queryset):
    """A prepared query of `queryset`'s items published in at least one language."""
    return PreparedQuery(
        name, lambda p: queryset().published_in_any_language(now=p.now), now=datetime.datetime
    )


SITEMAP_BRIEFINGS = _in_any_language(
    "sitemap-briefings", lambda: Briefing.objects.order_by("-published_at", "pk")
)
SITEMAP_AGREEMENTS = _in_any_language(
    "sitemap-agreements", lambda: Agreement.objects.order_by("date_signed", "pk")
)
SITEMAP_SYMPOSIA = _in_any_language("sitemap-symposia", lambda: Symposium.objects.order_by("ordinal"))
SITE_MAP_BRIEFINGS = PreparedQuery(
    "site-map-briefings",
    lambda p: Briefing.objects.published(now=p.now).order_by("-published_at"),
    now=datetime.datetime,
)
SITE_MAP_AGREEMENTS = PreparedQuery(
    "site-map-agreements",
    lambda p: Agreement.objects.published(now=p.now).order_by("date_signed", "pk"),
    now=datetime.datetime,
)


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        return [code for code in _language_codes() if _published_in(item, code)]

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's x-default drops the default language's prefix, which here is not optional
        (prefix_default_language=True): point it at the English page, or at `/` (which
        redirects by Accept-Language) for the home page."""
        self._locations = {}
        try:
            urls = super().get_urls(page=page, site=site, protocol=protocol)
        finally:
            del self._locations
        for url in urls:
            alternates = {alt["lang_code"]: alt for alt in url["alternates"]}
            default = alternates.get(settings.LANGUAGE_CODE)
            if "x-default" in alternates and default is not None:
                location = default["location"]
                home = f"/{settings.LANGUAGE_CODE}/"
                if location.endswith(home) and location.count("/") == 4:
                    location = location[: -len(home)] + "/"
                alternates["x-default"]["location"] = location
        return urls

    def _location(self, item, force_lang_code=None):
        """Each item's URL in each language, worked out once per sitemap.xml and without
        activating the language: Django's `Sitemap._urls` asks for it four times per entry
        (the entry, each alternate, the x-default), each under `translation.override`."""
        obj, language = item[0], force_lang_code or item[1]
        key = (id(obj), language)
        try:
            return self._locations[key]
        except KeyError:
            location = self._locations[key] = self.location_in(obj, language)
            return location

    def location_in(self, obj, language):
        with translation.override(language):
            return obj.get_absolute_url()


class StaticPagesSitemap(I18nSitemap):
    priority = 0.6
    changefreq = "weekly"

    def items(self):
        return [
            "newsroom:home",
            "briefing:priorities",
            "symposia:symposium_list",
            "symposia:statistics",
            "newsroom:site_map",
            "newsroom:feedback",
        ]

    def location(self, item):
        return cached_reverse(item)

    def location_in(self, item, language):
        return cached_reverse(item, language=language)


class BriefingSitemap(I18nSitemap):
    priority = 0.8
    changefreq = "monthly"

    def items(self):
        return SITEMAP_BRIEFINGS.all()

    def lastmod(self, item):
        return item.updated_at


class AgreementSitemap(I18nSitemap):
    priority = 0.5

    def items(self):
        return SITEMAP_AGREEMENTS.all()

    def lastmod(self, item):
        return item.updated_at


class SymposiumSitemap(I18nSitemap):
    priority = 0.6

    def items(self):
        return SITEMAP_SYMPOSIA.all()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "briefings": BriefingSitemap,
    "agreements": AgreementSitemap,
    "symposia": SymposiumSitemap,
}


def site_map_page():
    """What /<lang>/sitemap/ lists, in the active language: published content only."""
    now = timezone.now()
    sections = all_sections()
    briefings = SITE_MAP_BRIEFINGS.all(now=now)
    attach_related(briefings, Briefing.section.field, sections)
    by_section = {}
    for briefing in briefings:
        by_section.setdefault(briefing.section_id, []).append(briefing)
    for section in sections.values():
        section.site_map_briefings = by_section.get(section.pk, [])
    return {
        "root_sections": section_tree(list(sections.values())),
        "agreements": SITE_MAP_AGREEMENTS.all(now=now),
        "priorities": PRIORITIES.all(),
        "symposia": PUBLISHED_SYMPOSIA.all(now=now),
    }
