"""Template helpers for the public pages: language alternates, BCP 47 tags, linked lead text."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import NoReverseMatch, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django_countries import countries

from briefing.html import escape as fast_escape
from briefing.html import html, html_join
from briefing.translated import translated, translation_language
from briefing.urlcache import cached_reverse

register = template.Library()


@register.filter
def bcp47(language_code):
    """Django's language code as HTML and hreflang expect it: "zh-hans" -> "zh-Hans"."""
    code = str(language_code or settings.LANGUAGE_CODE)
    parts = code.replace("_", "-").split("-")
    tagged = [parts[0].lower()]
    for part in parts[1:]:
        # ISO 15924 scripts are title case, ISO 3166 regions upper case.
        tagged.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(tagged)


@register.simple_tag
def page_url(viewname, *args):
    """`{% url %}` (positional arguments only), remembered per language (briefing/urlcache.py):
    the header and footer ask for the same URLs on every page."""
    return cached_reverse(viewname, args=args)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in each language: code, BCP 47 tag, local name, path and absolute URL.

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
    # The scheme and host once (build_absolute_uri checks ALLOWED_HOSTS on every call).
    origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
    alternates = []
    for code, _name in settings.LANGUAGES:
        if page_languages is not None and code not in page_languages and code != current:
            continue
        target = _translated_path(request, path, code) if resolved else None
        if not target or (target == path and code != current):
            target = cached_reverse("newsroom:home", language=code)
        info = translation.get_language_info(code)
        alternates.append(
            {
                "code": code,
                "tag": bcp47(code),
                "name_local": info["name_local"],
                "path": target,
                "url": iri_to_uri(origin + target),
                "is_current": code == current,
            }
        )
    return alternates


def _translated_path(request, path, code):
    """`translate_url(path, code)` from the request's own resolver match (no second resolve)
    and the remembered reverse; `translate_url` itself where the match has no name."""
    match = request.resolver_match
    if not match.url_name:
        return translate_url(path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    try:
        target = cached_reverse(name, args=match.args, kwargs=match.kwargs, language=code)
    except NoReverseMatch:
        return path
    query = request.META.get("QUERY_STRING", "")
    return target + "?" + iri_to_uri(query) if query else target


@register.filter(needs_autoescape=True)
def link_titles(text, items, autoescape=True):
    """Escape `text` and link the first mention of each item's title or short title to its page.

    The template links separately any item the text does not name (`not_mentioned_in`).
    """
    linked = escape(text) if autoescape else text
    for item in items or ():
        for candidate in (getattr(item, "title", ""), getattr(item, "short_title", "")):
            candidate = escape(candidate or "")
            if candidate and candidate in linked:
                link = html('<a href="{}">{}</a>', item.get_absolute_url(), mark_safe(candidate))
                linked = linked.replace(candidate, link, 1)
                break
    return mark_safe(linked)


@register.filter
def mentioned_in(items, text):
    """The items whose title or short title occurs in `text` (to avoid linking them twice)."""
    text = text or ""
    return [
        item
        for item in items or ()
        if any(t and t in text for t in (getattr(item, "title", ""), getattr(item, "short_title", "")))
    ]


@register.filter
def not_mentioned_in(items, text):
    mentioned = {id(item) for item in mentioned_in(items, text)}
    return [item for item in items or () if id(item) not in mentioned]


def country_name(country):
    """`country.name`: the country's name in the active language. Remembered per country code and
    language (django-countries looks it up in its translated table each time, ~40 us here);
    a country field with its own list of countries is asked each time."""
    if country.countries is not countries:
        return country.name
    return _country_name(country.code, get_language())


@lru_cache(maxsize=1024)
def _country_name(code, language):
    return countries.name(code)


setting_changed.connect(
    lambda **kwargs: _country_name.cache_clear(), weak=False, dispatch_uid="country-names"
)


@register.filter
def organization_label(organization):
    """An organization's name with its country ("Name (Country)"), escaped: a filter rather
    than an included template, so that the tables listing every participant cost no include
    per row."""
    return organization_labeller()(organization)


def organization_labeller():
    """`organization_label` for a list of organizations: the language and the "Name (Country)"
    pattern looked up once. The country is named from the code the field keeps
    (django-countries builds a Country object on each read of the attribute)."""
    language, names_language = get_language(), translation_language()
    pattern = gettext("%(name)s (%(country)s)")

    def label(organization):
        name = fast_escape(translated(organization, "name", names_language))
        code = organization.__dict__.get("country")
        if not isinstance(code, str):
            code = organization.country.code
        if code:
            country = fast_escape(_country_name(code, language))
            return SafeString(pattern % {"name": name, "country": country})
        return SafeString(name)

    return label


# Filters for the lines repeated once per item in the public lists. Each gives what a
# `{% blocktranslate trimmed with … %}` gave (same message, values escaped), at a third of the
# cost: the tag pushes a context and localizes every value on every row. Translated
# attributes are read with briefing/translated.py (modeltranslation's answer, faster).


def _fill(pattern, **values):
    return mark_safe(pattern % {name: fast_escape(value) for name, value in values.items()})


@register.filter
def symposium_heading(symposium):
    """ "3. Title (City, December 2005)"."""
    return _fill(
        gettext("%(number)s. %(title)s (%(city)s, %(date)s)"),
        number=symposium.ordinal,
        title=translated(symposium, "title"),
        city=translated(symposium, "city"),
        date=symposium.date_display,
    )


@register.filter
def symposium_numbered_title(symposium):
    """ "3. Title"."""
    return _fill(
        gettext("%(number)s. %(title)s"), number=symposium.ordinal, title=translated(symposium, "title")
    )


@register.filter
def symposium_label(symposium):
    """ "Title (City, December 2005)"."""
    return _fill(
        gettext("%(title)s (%(city)s, %(date)s)"),
        title=translated(symposium, "title"),
        city=translated(symposium, "city"),
        date=symposium.date_display,
    )


@register.filter
def delegates_count(count):
    """ "20 delegates", "1 delegate"."""
    return _fill(ngettext("%(counter)s delegate", "%(counter)s delegates", count), counter=count)


@register.filter
def instrument_label(instrument):
    """ "Short name: full name", or the name alone when both are the same."""
    name, short_name = translated(instrument, "name"), translated(instrument, "short_name")
    if name == short_name:
        return mark_safe(fast_escape(name))
    return _fill(gettext("%(short_name)s: %(name)s"), short_name=short_name, name=name)


# The language versions and the breadcrumb on every page: written here rather than as
# template loops, which cost a few hundred microseconds of every uncached page.

HREFLANG_LINK = '\n  <link rel="alternate" hreflang="{}" href="{}">'
CURRENT_LANGUAGE = '\n    <li><span aria-current="true" lang="{}">{}</span></li>'
LANGUAGE_SWITCH = '<nav class="language-switch" aria-label="{}">\n  <ul>{}\n  </ul>\n</nav>\n'
BREADCRUMB = (
    '<nav class="breadcrumb" aria-labelledby="breadcrumb-label">\n'
    '  <span id="breadcrumb-label" class="breadcrumb__label">{}</span>\n'
    "  <ol>{}\n  </ol>\n</nav>"
)
OTHER_LANGUAGE = '\n    <li><a href="{}" hreflang="{}" lang="{}" rel="alternate">{}</a></li>'


@register.simple_tag
def hreflang_links(alternates):
    """A <link rel="alternate" hreflang> per language version, then x-default: the default
    language's version."""
    links = [(alt["tag"], alt["url"]) for alt in alternates]
    links += [("x-default", alt["url"]) for alt in alternates if alt["code"] == settings.LANGUAGE_CODE]
    return html_join(HREFLANG_LINK, links)


@register.simple_tag
def language_switch(alternates):
    """The language switch: the current language marked, the others linked to this page in
    their language (a tag rather than an include: ~50 us less on every page)."""
    items = "".join(
        html(CURRENT_LANGUAGE, alt["tag"], alt["name_local"])
        if alt["is_current"]
        else html(OTHER_LANGUAGE, alt["path"], alt["tag"], alt["tag"], alt["name_local"])
        for alt in alternates
    )
    return html(LANGUAGE_SWITCH, gettext("Language"), SafeString(items))


@register.simple_tag
def breadcrumb(breadcrumbs):
    """The breadcrumb ("Current location: Home > ... > this page"): links, and the current
    page (the last one) marked; nothing without a trail. A tag rather than an include."""
    if not breadcrumbs:
        return ""
    items = []
    last = len(breadcrumbs) - 1
    for index, crumb in enumerate(breadcrumbs):
        if crumb["url"]:
            item = html('<a href="{}">{}</a>', crumb["url"], crumb["label"])
        elif index == last:
            item = html('<span aria-current="page">{}</span>', crumb["label"])
        else:
            item = fast_escape(crumb["label"])
        items.append(html("\n    <li>{}</li>", SafeString(item)))
    return html(BREADCRUMB, gettext("Current location:"), SafeString("".join(items)))
