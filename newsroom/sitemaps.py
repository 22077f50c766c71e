"""sitemap.xml for search engines: Django's sitemap framework and its own template.

`i18n`, `alternates` and `x_default`: every page once per language it is
published in, each entry naming its other-language versions with hreflang.
Only published content is listed, and an item is listed in a language only
where it is published in it. URLs are absolute from settings.SITE_URL, never
from the request (the page cache keeps the file for everyone). The file holds
nothing but URLs (slugs, which only reverse() to slug characters), dates and
numbers, so no text an editor types reaches it.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefing.models import Agreement, Briefing, Section
from symposia.models import Symposium


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        return [code for code in _language_codes() if item.is_published_in(code)]

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's sitemap from SITE_URL's scheme and host. Its x-default drops the default
        language's prefix, which here is not optional (prefix_default_language=True): point it
        at the English page, or at `/` (which redirects by Accept-Language) for the home page."""
        canonical = urlsplit(settings.SITE_URL)
        urls = super().get_urls(
            page=page, site=SimpleNamespace(domain=canonical.netloc), protocol=canonical.scheme
        )
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
            "newsroom:home",
            "briefing:briefing_archive",
            "briefing:agreement_list",
            "briefing:priorities",
            "symposia:symposium_list",
            "symposia:statistics",
            "newsroom:site_map",
            "newsroom:feedback",
        ]

    def get_languages_for_item(self, item):
        return _language_codes()

    def location(self, item):
        return reverse(item)


class PublishedSitemap(I18nSitemap):
    """The items of `model` published in at least one language, in `ordering`."""

    model = None
    ordering = ()

    def items(self):
        return self.model.objects.published_in_any_language().order_by(*self.ordering)

    def lastmod(self, item):
        return item.updated_at


class BriefingSitemap(PublishedSitemap):
    model = Briefing
    ordering = ("-published_at", "pk")
    priority = 0.8
    changefreq = "monthly"


class AgreementSitemap(PublishedSitemap):
    model = Agreement
    ordering = ("date_signed", "pk")
    priority = 0.5


class SymposiumSitemap(PublishedSitemap):
    model = Symposium
    ordering = ("ordinal",)
    priority = 0.6


class SectionSitemap(I18nSitemap):
    """Every section page (sections are always shown in both languages)."""

    priority = 0.5
    changefreq = "weekly"

    def items(self):
        return Section.objects.only("slug").order_by("order", "pk")

    def get_languages_for_item(self, item):
        return _language_codes()


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "sections": SectionSitemap,
    "briefings": BriefingSitemap,
    "agreements": AgreementSitemap,
    "symposia": SymposiumSitemap,
}
