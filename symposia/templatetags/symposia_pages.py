"""The repeated items of the priorities page, the symposia list and a symposium's page.

Written in Python rather than as template loops: each variable, `{% if %}`,
`{% translate %}` and filter costs the template engine 10-30 us an item, and
each translated attribute (modeltranslation) ~11 us a read. The markup is the
one the templates wrote: text goes through `html` / `escape` (briefing/html.py:
Django's `format_html` / `conditional_escape`, faster) as `{{ }}` escaped it,
labels are translated with the templates' own msgids, numbers are written as
`{{ }}` writes them, and multi-line text as the `linebreaks` filter writes it.
The templates keep the pages' structure (headings, sections, what is not
repeated). Nothing is remembered between requests: every item is written from
the values read on this request.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from briefing.html import escape, html, number_writer, paragraphs
from briefing.translated import translated, translation_language
from newsroom.templatetags.newsroom import (
    country_name,
    delegates_count,
    instrument_label,
    organization_labeller,
    symposium_label,
    symposium_numbered_title,
)

register = template.Library()

LINK_ITEM = '\n      <li><a href="{}">{}</a></li>'
LINK_LIST = "\n    <h3>{}</h3>\n    <ul>{}\n    </ul>"
PRIORITY_HEAD = '\n  <li id="{}" class="priority">\n    <h2>{}</h2>\n    {}'
INSTRUMENT = '\n    <dt id="instrument-{}">{}</dt>\n    <dd>\n      <p>{}</p>{}{}\n    </dd>'
SYMPOSIUM_ITEM = (
    "\n  <li>"
    '\n    <h2><a href="{}">{}</a></h2>'
    '\n    <p class="meta">{} · <time datetime="{}">{}</time> · {}</p>'
    "\n    <p>{} {}</p>"
    "\n  </li>"
)
PARTICIPANT = "\n      <li>{}{}</li>"
ROW = '\n        <tr><th scope="row">{}</th><td class="num">{}</td></tr>'


def _links(heading, items):
    """An <h3> and a list of links, or nothing when there are no links."""
    if not items:
        return ""
    return html(LINK_LIST, heading, mark_safe("".join(items)))


def _priority_head(priority):
    return html(
        PRIORITY_HEAD,
        priority.slug,
        translated(priority, "short_title"),
        paragraphs(translated(priority, "description")),
    )


def _instrument_link(instrument):
    return html(LINK_ITEM, f"#instrument-{instrument.slug}", instrument_label(instrument))


def _symposium_link(symposium):
    return html(LINK_ITEM, symposium.get_absolute_url(), symposium_label(symposium))


def _written(links, item, write):
    link = links.get(item.pk)
    if link is None:
        link = links[item.pk] = write(item)
    return link


@register.simple_tag
def priority_items(priorities):
    """A list item per priority (its slug the id): its short title, description, and links to
    its instruments (on this page) and to the symposia that served it."""
    instruments_heading = gettext("International instruments")
    symposia_heading = gettext("Symposia that served this priority")
    # Several priorities name the same instrument or symposium: each link is written once
    # for this page (by primary key), not once per priority.
    instrument_links, symposium_links = {}, {}
    items = []
    for priority in priorities:
        instruments = [_written(instrument_links, i, _instrument_link) for i in priority.instrument_list]
        symposia = [_written(symposium_links, s, _symposium_link) for s in priority.symposium_list]
        items.append(_priority_head(priority))
        items.append(_links(instruments_heading, instruments))
        items.append(_links(symposia_heading, symposia))
        items.append("\n  </li>")
    return mark_safe("".join(items))


def _instrument_entry(instrument):
    issuer = translated(instrument, "issuer")
    description = translated(instrument, "description")
    return html(
        INSTRUMENT,
        instrument.slug,
        translated(instrument, "short_name"),
        translated(instrument, "name"),
        html('\n      <p class="meta">{} {}</p>', gettext("Issued by:"), issuer) if issuer else "",
        html("\n      {}", paragraphs(description)) if description else "",
    )


@register.simple_tag
def instrument_entries(instruments):
    """A term (its short name, `instrument-<slug>` the id) and a description per instrument:
    the full name, who issued it and what it is, where known."""
    return mark_safe("".join(_instrument_entry(instrument) for instrument in instruments))


def _year_month(date):
    """`date|date:'Y-m'`."""
    return f"{date.year:04d}-{date.month:02d}" if date else ""


def _symposium_item(symposium):
    reported = symposium.delegates_reported
    return html(
        SYMPOSIUM_ITEM,
        symposium.get_absolute_url(),
        symposium_numbered_title(symposium),
        translated(symposium, "city"),
        _year_month(symposium.date),
        symposium.date_display,
        gettext("number of delegates not reported") if reported is None else delegates_count(reported),
        gettext("Theme:"),
        translated(symposium, "theme"),
    )


@register.simple_tag
def symposium_items(symposia):
    """A list item per symposium: its numbered title linking to its page, then city, month,
    delegates reported (or that they were not) and theme."""
    return mark_safe("".join(_symposium_item(symposium) for symposium in symposia))


FACTS = (
    "\n    <dt>{}</dt><dd>{}</dd>"
    "\n    <dt>{}</dt><dd>{}</dd>"
    '\n    <dt>{}</dt><dd><time datetime="{}">{}</time></dd>'
    "\n    <dt>{}</dt>"
    '\n    <dd class="delegates">{}</dd>{}{}'
)


def _facts(symposium, registered_total, number):
    reported = symposium.delegates_reported
    summary = translated(symposium, "participants_summary")
    registered = ""
    if registered_total:
        attendees = ngettext(
            "%(counter)s attendee in the registration lists, by country and administration below",
            "%(counter)s attendees in the registration lists, by country and administration below",
            registered_total,
        )
        registered = html(
            '\n    <dt>{}</dt>\n    <dd class="registered"><a href="#registered-heading">{}</a></dd>',
            gettext("Registered"),
            mark_safe(attendees % {"counter": number(registered_total)}),
        )
    return html(
        FACTS,
        gettext("Theme"),
        translated(symposium, "theme"),
        gettext("City"),
        translated(symposium, "city"),
        gettext("Date"),
        _year_month(symposium.date),
        symposium.date_display,
        gettext("Delegates"),
        (
            gettext("The organisers did not report the number of delegates.")
            if reported is None
            else delegates_count(reported)
        ),
        registered,
        html("\n    <dt>{}</dt><dd>{}</dd>", gettext("Who attended"), summary) if summary else "",
    )


@register.simple_tag
def symposium_facts(symposium, registered_total):
    """The terms and descriptions of a symposium's facts: theme, city, month, delegates
    reported (or that they were not), attendees registered (linking to their tables, when
    there are any) and who attended (when told)."""
    return mark_safe(_facts(symposium, registered_total, number_writer()))


def _participant(participation, label, language):
    note = translated(participation, "note", language)
    return html(
        PARTICIPANT,
        label(participation.organization),
        html(' <span class="meta">{}</span>', note) if note else "",
    )


@register.simple_tag
def participant_items(participations):
    """A list item per participation: the organization with its country, and the note, if any."""
    label, language = organization_labeller(), translation_language()
    return mark_safe(
        "".join(_participant(participation, label, language) for participation in participations)
    )


def _priority_link(priority):
    return html(LINK_ITEM, priority.get_absolute_url(), translated(priority, "short_title"))


@register.simple_tag
def priority_links(priorities):
    """A list item per priority linking to it on the priorities page."""
    return mark_safe("".join(_priority_link(priority) for priority in priorities))


def _organization_row(organization, label, number):
    return ROW.format(label(organization), number(organization.registered))


@register.simple_tag
def registered_organization_rows(organizations, unaffiliated):
    """A row per organization (its name and country the row header) with how many attendees
    it registered, then those who gave no organization, if any."""
    number, label = number_writer(), organization_labeller()
    rows = [_organization_row(organization, label, number) for organization in organizations]
    if unaffiliated:
        rows.append(ROW.format(escape(gettext("No organization given")), number(unaffiliated)))
    return mark_safe("".join(rows))


def _country_row(country, registered, number):
    name = country_name(country) if country else gettext("No country given")
    return ROW.format(escape(name), number(registered))


@register.simple_tag
def registered_country_rows(rows):
    """A row per country (its name the row header, or that none was given) with how many
    attendees registered from it."""
    number = number_writer()
    fragments = []
    for row in rows:
        country, registered = row["country"], row["registered"]
        fragments.append(_country_row(country, registered, number))
    return mark_safe("".join(fragments))
