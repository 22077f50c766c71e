"""Data for the page chrome: language tags, the page in each language, the feeds. No markup here:
the templates in templates/includes/ write it."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri

from newsroom import feeds

register = template.Library()


@register.filter
def bcp47(language_code):
    """Django's language code as HTML and hreflang expect it: "zh-hans" -> "zh-Hans" (Django's own
    `to_locale` casing, with a hyphen)."""
    return translation.to_locale(str(language_code or settings.LANGUAGE_CODE)).replace("_", "-")


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in each language: code, BCP 47 tag, local name, path and absolute URL (from
    settings.SITE_URL, never the request's host: the page may be cached for everyone).

    The path comes from `translate_url`, so a briefing links to the same
    briefing in the other language. Where the current path names no page (a
    404), each language's home page stands in. A page that sets
    `page_languages` (the languages its item is published in) offers only
    those, besides the current one.
    """
    request = context.get("request")
    current = translation.get_language()
    path = request.get_full_path() if request is not None else "/"
    resolved = request is not None and getattr(request, "resolver_match", None) is not None
    page_languages = context.get("page_languages")
    alternates = []
    for code, _name in settings.LANGUAGES:
        if page_languages is not None and code not in page_languages and code != current:
            continue
        target = translate_url(path, code) if resolved else path
        if target == path and code != current:
            with translation.override(code):
                target = reverse("newsroom:home")
        alternates.append(
            {
                "code": code,
                "tag": bcp47(code),
                "name_local": translation.get_language_info(code)["name_local"],
                "path": target,
                "url": iri_to_uri(settings.SITE_URL + target),
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return alternates


@register.simple_tag
def feed_links():
    """(title, url, MIME type) of each feed in the active language."""
    return feeds.feed_links()
