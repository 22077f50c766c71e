"""Markup of the home and briefing pages that loops: lists, table rows.

Written in Python rather than as template loops: each variable, `{% if %}`,
`{% translate %}` or filter node costs the template engine 10-30 us, and each
translated attribute is read once per item here (briefing/translated.py). The
markup is the one the templates wrote; text goes through `html` (briefing/html.py:
Django's `format_html`, faster) as `{{ }}` escaped it, multi-line
text through `paragraphs` as the `linebreaks` filter wrote it, translated labels
use the templates' own msgids, and numbers are written as `{{ }}` writes them.
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.template.defaultfilters import date
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language, gettext

from briefing.html import html, number_writer, paragraphs
from briefing.translated import translated
from newsroom.templatetags.newsroom import link_titles, not_mentioned_in, symposium_heading

register = template.Library()


def _time(value):
    """`<time datetime="{{ value|date:'c' }}">{{ value|date:"DATE_FORMAT" }}</time>`."""
    return _formatted_time(value, get_current_timezone(), get_language())


@lru_cache(maxsize=256)
def _formatted_time(value, timezone, language):
    # Remembered: Django's two localised date formats cost ~45 us a date. The answer depends
    # only on the moment, the time zone and language it is written in, and the format and
    # time zone settings (forgotten below when a setting changes).
    local = template_localtime(value)
    return html('<time datetime="{}">{}</time>', date(local, "c"), date(local, "DATE_FORMAT"))


def _forget(**kwargs):
    _formatted_time.cache_clear()


setting_changed.connect(_forget, weak=False, dispatch_uid="newsroom-pages-formats")


@register.simple_tag
def published_time(value):
    """A <time> element with the moment `value` (ISO 8601) and its date in the active language."""
    return _time(value)


# The briefing page.


@register.simple_tag
def briefing_lead(briefing, agreements):
    """The lead (agreements it names linked) and, under it, a line linking the agreements it
    does not name."""
    return _lead(translated(briefing, "lead"), agreements)


def _lead(lead, agreements):
    lead_html = html('<div class="lead">{}</div>', paragraphs(link_titles(lead, agreements)))
    unlinked = not_mentioned_in(agreements, lead)
    if not unlinked:
        return lead_html
    links = "; ".join(
        html('<a href="{}">{}</a>', agreement.get_absolute_url(), translated(agreement, "title"))
        for agreement in unlinked
    )
    return html('{}\n  <p class="related">{} {}</p>', lead_html, gettext("Agreement:"), SafeString(links))


PRIORITY_ITEM = '\n        <li><a href="{}">{}</a></li>'


@register.simple_tag
def briefing_results(results, priorities):
    """A numbered list item per result; under those that ask for it, the list of priorities."""
    number = number_writer()
    priority_list = ""
    if priorities:
        items = "".join(
            html(PRIORITY_ITEM, priority.get_absolute_url(), translated(priority, "short_title"))
            for priority in priorities
        )
        priority_list = html('\n      <ol class="priority-list">{}\n      </ol>', SafeString(items))
    parts = []
    for counter, result in enumerate(results, 1):
        nested = priority_list if result.lists_priorities else ""
        parts.append(
            html(
                '\n    <li><span class="marker">({})</span> {}{}\n    </li>',
                number(counter),
                translated(result, "text"),
                nested,
            )
        )
    return SafeString("".join(parts))


SYMPOSIUM_SUMMARY = (
    '\n    <section class="symposium-summary" aria-labelledby="symposium-{slug}">'
    '\n      <h3 id="symposium-{slug}"><a href="{url}">{heading}</a></h3>'
    "\n      {narrative}"
    "\n    </section>"
)


def _symposium_summaries(symposia):
    return SafeString(
        "".join(
            html(
                SYMPOSIUM_SUMMARY,
                slug=symposium.slug,
                url=symposium.get_absolute_url(),
                heading=symposium_heading(symposium),
                narrative=paragraphs(translated(symposium, "narrative")),
            )
            for symposium in symposia
        )
    )


BRIEFING_SECTION = (
    '\n  <section class="briefing-section" aria-labelledby="part-{pk}">'
    '\n    <h2 id="part-{pk}">{heading}</h2>'
    "\n    {body}{symposia}"
    "\n  </section>"
)


@register.simple_tag
def briefing_sections(body_sections, symposia):
    """A section per part of the briefing's body; under those that ask for it, a summary of each
    symposium (its heading linking to its page, its narrative)."""
    number = number_writer()
    summaries = None
    parts = []
    for part in body_sections:
        listed = ""
        if part.lists_symposia:
            if summaries is None:
                summaries = _symposium_summaries(symposia)
            listed = summaries
        parts.append(
            html(
                BRIEFING_SECTION,
                pk=number(part.pk),
                heading=translated(part, "heading"),
                body=paragraphs(translated(part, "body")),
                symposia=listed,
            )
        )
    return SafeString("".join(parts))


# The home page.

LATEST_BRIEFING = '\n    <li>\n      <a href="{}">{}</a>\n      <span class="meta">{} · {}</span>\n    </li>'


@register.simple_tag
def latest_briefing_items(briefings):
    """A list item per briefing: its title linking to it, its section and publication date."""
    return SafeString(
        "".join(
            html(
                LATEST_BRIEFING,
                briefing.get_absolute_url(),
                translated(briefing, "title"),
                translated(briefing.section, "title"),
                _time(briefing.published_at),
            )
            for briefing in briefings
        )
    )


SYMPOSIUM_ROW = (
    "\n      <tr>"
    "\n        <td>{}</td>"
    "\n        <td>{}</td>"
    '\n        <th scope="row"><a href="{}">{}</a></th>'
    '\n        <td class="num">{}</td>'
    "\n      </tr>"
)


@register.simple_tag
def symposium_rows(symposia):
    """A table row per symposium: year, city, theme linking to its page, delegates reported."""
    number = number_writer()
    not_reported = None
    rows = []
    for symposium in symposia:
        delegates = symposium.delegates_reported
        if delegates is not None:
            delegates = number(delegates)
        else:
            if not_reported is None:
                not_reported = html('<span title="{}">{}</span>', gettext("not reported"), gettext("n/a"))
            delegates = not_reported
        rows.append(
            html(
                SYMPOSIUM_ROW,
                number(symposium.year),
                translated(symposium, "city"),
                symposium.get_absolute_url(),
                translated(symposium, "theme"),
                delegates,
            )
        )
    return SafeString("".join(rows))
