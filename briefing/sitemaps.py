"""The site map twice: /sitemap.xml for search engines, /<lang>/sitemap/ for people (网站地图).

sitemap.xml uses Django's sitemap framework with `i18n`, `alternates` and
`x_default`: every page once per language it is published in, each entry
naming its other-language versions with hreflang. Only published content is
listed, and an item is listed in a language only where it is published in it.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.utils import timezone

from symposia.models import Symposium
from symposia.selectors import published_symposia

from .models import Agreement, Briefing, Priority, PublishStatus, Section, publish_field
from .selectors import section_tree
from .urlcache import cached_reverse


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _published_in(item, code):
    # Per-language publishing (publish_en, publish_zh_hans) where the model has it.
    return getattr(item, "publish_" + code.replace("-", "_"), True)


def _published_in_any_language(queryset):
    """Items published in at least one language, each once, in the queryset's order: one query
    (`published()`'s status and date, and any language's flag)."""
    in_a_language = Q()
    for code in _language_codes():
        in_a_language |= Q(**{publish_field(code): True})
    published = queryset.filter(status=PublishStatus.PUBLISHED, published_at__lte=timezone.now())
    return list(published.filter(in_a_language))


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
        urls = super().get_urls(page=page, site=site, protocol=protocol)
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


class StaticPagesSitemap(I18nSitemap):
    priority = 0.6
    changefreq = "weekly"

    def items(self):
        return [
            "briefing:home",
            "briefing:priorities",
            "symposia:symposium_list",
            "symposia:statistics",
            "briefing:site_map",
            "briefing:feedback",
        ]

    def location(self, item):
        return cached_reverse(item)


class BriefingSitemap(I18nSitemap):
    priority = 0.8
    changefreq = "monthly"

    def items(self):
        return _published_in_any_language(Briefing.objects.order_by("-published_at", "pk"))

    def lastmod(self, item):
        return item.updated_at


class AgreementSitemap(I18nSitemap):
    priority = 0.5

    def items(self):
        return _published_in_any_language(Agreement.objects.order_by("date_signed", "pk"))

    def lastmod(self, item):
        return item.updated_at


class SymposiumSitemap(I18nSitemap):
    priority = 0.6

    def items(self):
        return _published_in_any_language(Symposium.objects.order_by("ordinal"))

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
    sections = list(Section.objects.all())
    briefings = list(Briefing.objects.published().select_related("section").order_by("-published_at"))
    by_section = {}
    for briefing in briefings:
        by_section.setdefault(briefing.section_id, []).append(briefing)
    for section in sections:
        section.site_map_briefings = by_section.get(section.pk, [])
    return {
        "root_sections": section_tree(sections),
        "agreements": list(Agreement.objects.published().order_by("date_signed", "pk")),
        "priorities": list(Priority.objects.all()),
        "symposia": list(published_symposia()),
    }
