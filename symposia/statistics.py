"""Participation over the years: the numbers behind /<lang>/symposia/statistics/ and its SVG chart.

The chart is inline SVG (no JavaScript, prints, scales): `chart()` computes its
geometry here, templates/symposia/includes/chart.svg draws it, with role="img",
a <title> and a <desc> for screen readers; the page shows the same numbers as a
table. Two numbers per symposium, always labelled apart:
delegates as the organizers *reported* them, and attendees *registered* in this
system (only where a list was imported). Counts only, never people.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Value
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publishing.views import crumbs, public_page

from .models import Organization, Participation
from .selectors import published_symposia

CHART_WIDTH = 760
CHART_HEIGHT = 340
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 24, 64
# The phone layout: horizontal bars, one group of rows per symposium, in a viewBox about as wide as
# a phone's screen, so that its text is drawn near its nominal size (14 units ~ 13 px at 360 px).
NARROW_WIDTH = 360
NARROW_LEFT, NARROW_VALUE_SPACE = 4, 40
NARROW_LABEL_HEIGHT, NARROW_BAR_HEIGHT, NARROW_BAR_GAP, NARROW_GROUP_GAP = 22, 16, 4, 14


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label_x: float
    label_y: float


# What the reports and the registrations say of one administration at one symposium. The reports
# name some administrations and only say "ASEAN countries" of others: a report that does not name
# an administration is no evidence that it stayed away.
NAMED, REGISTERED, NOT_NAMED = "named", "registered", "not_named"


# What the chart, its table and the matrix show of each symposium: not the long texts
# (theme, narrative, activities).
STATISTICS_FIELDS = ("ordinal", "slug", "title", "city", "date", "date_precision", "delegates_reported")


def published_symposia_with_counts():
    """Published symposia in order, each with `registered` (attendees in the system)."""
    return published_symposia().only(*STATISTICS_FIELDS).annotate(registered=Count("attendees"))


def administrations_of_published_symposia():
    """The customs administrations the published symposia's reports name, and those with attendees
    registered for one: an organization per (organization, symposium, source), `symposium_pk` and
    `source` (NAMED or REGISTERED) annotated, in one query (a UNION)."""
    published = published_symposia().values("pk")
    named = (
        Organization.objects.filter(
            participations__symposium__in=published, participations__kind=Participation.Kind.ADMINISTRATION
        )
        .annotate(symposium_pk=F("participations__symposium"), source=Value(NAMED))
        .order_by()
    )
    registered = (
        Organization.objects.filter(kind=Organization.Kind.CUSTOMS, attendees__symposium__in=published)
        .annotate(symposium_pk=F("attendees__symposium"), source=Value(REGISTERED))
        .order_by()
    )
    # Unordered parts (a compound statement's parts cannot be): the rows are sorted later.
    return named.union(registered)


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 x 10^n (n >= 1) at or above `value`: the top of the axis."""
    magnitude = 10
    while True:
        for factor in (1, 2, 2.5, 5):
            if magnitude * factor >= value:
                return int(magnitude * factor)
        magnitude *= 10


def chart(symposia):
    """Geometry of a grouped bar chart: reported delegates and registered attendees per symposium."""
    values = [s.delegates_reported or 0 for s in symposia] + [s.registered for s in symposia]
    top = nice_ceiling(max(values, default=0))
    plot_width = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    baseline = MARGIN_TOP + plot_height
    slot = plot_width / max(len(symposia), 1)
    bar_width = min(28.0, slot / 3)

    def bar(value, x):
        height = plot_height * value / top
        return Bar(
            x=round(x, 1),
            y=round(baseline - height, 1),
            width=round(bar_width, 1),
            height=round(height, 1),
            value=value,
            label_x=round(x + bar_width / 2, 1),
            label_y=round(baseline - height - 5, 1),
        )

    groups = []
    for index, symposium in enumerate(symposia):
        centre = MARGIN_LEFT + slot * index + slot / 2
        reported = None
        if symposium.delegates_reported is not None:
            reported = bar(symposium.delegates_reported, centre - bar_width - 1)
        registered = bar(symposium.registered, centre + 1) if symposium.registered else None
        groups.append(
            {
                "symposium": symposium,
                "centre": round(centre, 1),
                "reported": reported,
                "registered": registered,
                # Upright in the reported bar's own column, rising from the baseline: never under
                # the registered bar beside it.
                "not_reported_x": round(centre - bar_width / 2 - 1, 1),
                "not_reported_y": baseline - 6,
            }
        )
    ticks = []
    for step in range(6):  # five equal steps: the top is 1, 2, 2.5 or 5 x 10^n, so each is whole
        ticks.append({"value": top * step // 5, "y": round(baseline - plot_height * step / 5, 1)})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": MARGIN_LEFT,
        "tick_label_x": MARGIN_LEFT - 6,
        "right": CHART_WIDTH - MARGIN_RIGHT,
        "baseline": baseline,
        "groups": groups,
        "ticks": ticks,
        "label_y": baseline + 20,
        "city_y": baseline + 38,
        "description": describe(symposia),
        "narrow": narrow_chart(symposia),
    }


def narrow_chart(symposia):
    """Geometry of the phone layout: per symposium a label row, then its reported and registered bars."""
    values = [s.delegates_reported or 0 for s in symposia] + [s.registered for s in symposia]
    top = max(values, default=0) or 1
    any_registered = any(s.registered for s in symposia)
    longest = NARROW_WIDTH - NARROW_LEFT - NARROW_VALUE_SPACE
    bar_rows = (2 if any_registered else 1) * (NARROW_BAR_HEIGHT + NARROW_BAR_GAP)
    group_height = NARROW_LABEL_HEIGHT + bar_rows + NARROW_GROUP_GAP

    def bar(value, y):
        width = longest * value / top
        return Bar(
            x=NARROW_LEFT,
            y=round(y, 1),
            width=round(width, 1),
            height=NARROW_BAR_HEIGHT,
            value=value,
            label_x=round(NARROW_LEFT + width + 4, 1),
            label_y=round(y + NARROW_BAR_HEIGHT / 2, 1),
        )

    groups = []
    for index, symposium in enumerate(symposia):
        top_y = index * group_height
        reported_y = top_y + NARROW_LABEL_HEIGHT
        registered_y = reported_y + NARROW_BAR_HEIGHT + NARROW_BAR_GAP
        reported = None
        if symposium.delegates_reported is not None:
            reported = bar(symposium.delegates_reported, reported_y)
        groups.append(
            {
                "symposium": symposium,
                "label_y": top_y + NARROW_LABEL_HEIGHT - 6,
                "reported": reported,
                "registered": bar(symposium.registered, registered_y) if symposium.registered else None,
                "not_reported_y": round(reported_y + NARROW_BAR_HEIGHT / 2, 1),
            }
        )
    return {
        "width": NARROW_WIDTH,
        "height": max(len(symposia) * group_height - NARROW_GROUP_GAP, 1),
        "left": NARROW_LEFT,
        "groups": groups,
    }


def describe(symposia):
    """The chart in words, for its <desc>: one sentence per symposium."""
    reported_pattern, not_reported = _("%(count)s delegates reported"), _("number of delegates not reported")
    sentence_pattern, registered_pattern = (
        _("%(year)s, %(city)s: %(reported)s"),
        _("; %(count)s attendees registered"),
    )
    full_stop = _(".")
    sentences = []
    for s in symposia:
        if s.delegates_reported is not None:
            reported = reported_pattern % {"count": s.delegates_reported}
        else:
            reported = not_reported
        sentence = sentence_pattern % {"year": s.year, "city": s.city, "reported": reported}
        if s.registered:
            sentence += registered_pattern % {"count": s.registered}
        sentences.append(sentence + full_stop)
    return " ".join(sentences)


def administrations_by_symposium(symposia, administrations):
    """Rows of (organization, [NAMED, REGISTERED or NOT_NAMED for symposium i]) for the customs
    administrations, in the organizations' own order (Organization.order: the briefing's, the same
    in both languages), and the number the reports name per symposium.

    `administrations`: organizations annotated with `symposium_pk` and `source` (NAMED or
    REGISTERED), as administrations_of_published_symposia() reads them."""
    named, registered, organizations = {}, {}, {}
    for organization in administrations:
        organizations.setdefault(organization.pk, organization)
        found = named if organization.source == NAMED else registered
        found.setdefault(organization.pk, set()).add(organization.symposium_pk)

    def state(organization, symposium):
        if symposium.pk in named.get(organization.pk, ()):
            return NAMED
        if symposium.pk in registered.get(organization.pk, ()):
            return REGISTERED
        return NOT_NAMED

    rows = []
    for organization in sorted(organizations.values(), key=lambda o: (o.order, o.name)):
        rows.append({"organization": organization, "cells": [state(organization, s) for s in symposia]})
    totals = [sum(1 for row in rows if row["cells"][i] == NAMED) for i in range(len(symposia))]
    return rows, totals


def statistics_page():
    symposia = list(published_symposia_with_counts())
    # The administrations named and registered in the same published symposia, by the same rule (a subquery).
    rows, totals = administrations_by_symposium(symposia, administrations_of_published_symposia())
    return {
        "symposia": symposia,
        "chart": chart(symposia),
        "administration_rows": rows,
        "administration_totals": totals,
        "any_administration_registered": any(REGISTERED in row["cells"] for row in rows),
        "any_registered": any(s.registered for s in symposia),
    }


@public_page
def statistics_view(request):
    """/<lang>/symposia/statistics/: the chart, its numbers, and the administrations by symposium."""
    context = statistics_page()
    context["breadcrumbs"] = crumbs(
        (gettext_lazy("Symposia"), reverse("symposia:symposium_list")),
        (gettext_lazy("Participation statistics"), None),
    )
    return render(request, "symposia/statistics.html", context)
