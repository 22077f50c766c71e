"""Template helpers for the site-wide pages: the active language's feeds, the site map's lists.

The site map's lists are written here rather than as template loops (the section
tree was a recursive `{% include %}`): each variable, `{% if %}` or
`{% blocktranslate %}` node costs the template engine 10-30 us an item. The
markup is the one the templates wrote, every value escaped (briefing/html.py: Django's
`format_html`, faster).
"""

from html import escape as escape_text

from django import template
from django.template.defaultfilters import date
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from briefing.html import html, html_join
from briefing.translated import translated
from newsroom.feeds import feed_links as active_feed_links
from newsroom.templatetags.newsroom import symposium_label

register = template.Library()

ALTERNATE_LINK = '<xhtml:link rel="alternate" hreflang="{}" href="{}"/>'
LINK_ITEM = '\n    <li><a href="{}">{}</a></li>'


@register.simple_tag
def feed_links():
    """(title, url, MIME type) of each feed in the active language."""
    return active_feed_links()


@register.simple_tag
def site_map_feeds():
    """A list item linking to each feed in the active language, with its MIME type."""
    feeds = ((url, kind, title) for title, url, kind in active_feed_links())
    return html_join('\n    <li><a href="{}" type="{}">{}</a></li>', feeds)


@register.simple_tag
def site_map_links(items, attribute):
    """A list item per item linking to its page, the link's text its `attribute` (e.g. "title")."""
    return html_join(LINK_ITEM, ((item.get_absolute_url(), getattr(item, attribute)) for item in items))


@register.simple_tag
def site_map_symposia(symposia):
    """A list item per symposium linking to its page: "Title (City, date)" in the active language."""
    return html_join(
        LINK_ITEM, ((symposium.get_absolute_url(), symposium_label(symposium)) for symposium in symposia)
    )


def _site_map_section(section):
    briefings = getattr(section, "site_map_briefings", ())
    children = getattr(section, "child_sections", ())
    if not (briefings or children):
        return html("<li>{}</li>", translated(section, "title"))
    links = html_join(
        LINK_ITEM, ((briefing.get_absolute_url(), translated(briefing, "title")) for briefing in briefings)
    )
    subsections = "".join("\n    " + _site_map_section(child) for child in children)
    return html(
        "<li>{}\n  <ul>{}{}\n  </ul></li>", translated(section, "title"), links, mark_safe(subsections)
    )


@register.simple_tag
def section_tree(sections):
    """A list item per section of `sections` (root sections from selectors.section_tree), each
    with a nested list of its briefings (`site_map_briefings`, on the site map) and then of its
    child sections; the home page's tree of sections has no briefings."""
    return mark_safe("".join("\n    " + _site_map_section(section) for section in sections))


@register.simple_tag
def sitemap_urls(urlset):
    """The <url> entries of sitemap.xml, byte for byte what Django's own template
    (django/contrib/sitemaps/templates/sitemap.xml) writes inside {% spaceless %}: there,
    some 250 variable and {% if %} nodes made up two thirds of the page's cost."""
    # Every value is text (URLs, codes, the priority as a string, the date written here),
    # so the standard library's html.escape, which Django's escaping is, applies directly.
    parts = []
    for url in urlset:
        parts.append(f"<url><loc>{escape_text(str(url['location']))}</loc>")
        if url["lastmod"]:
            lastmod = date(template_localtime(url["lastmod"]), "Y-m-d")
            parts.append(f"<lastmod>{escape_text(str(lastmod))}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{escape_text(str(url['changefreq']))}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{escape_text(str(url['priority']))}</priority>")
        parts.extend(
            ALTERNATE_LINK.format(escape_text(str(alt["lang_code"])), escape_text(str(alt["location"])))
            for alt in url["alternates"]
        )
        parts.append("</url>")
    return mark_safe("".join(parts))
