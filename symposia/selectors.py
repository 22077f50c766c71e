"""What the public symposium pages read: one function per page, queries planned up front.

Attendees are personal data. Nothing here ever selects a name, e-mail or
position: the public pages get counts per organization and per country and
nothing else.

The public (non-preview) reads run as prepared queries (briefing/prepared.py):
written with the ORM, compiled once per language, run with fresh values each time.
"""

import datetime

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django_countries.fields import Country

from briefing.models import Priority
from briefing.prepared import PreparedQuery
from newsroom.templatetags.newsroom import country_name

from .models import Attendee, Organization, Participation, Symposium


def published_symposia(now=None):
    """The series as readers may see it, in order."""
    return Symposium.objects.published(now=now).order_by("ordinal")


PUBLISHED_SYMPOSIA = PreparedQuery(
    "published-symposia", lambda p: published_symposia(now=p.now), now=datetime.datetime
)


def published_symposia_list(now=None):
    """`published_symposia()` as a list of instances, by its prepared query."""
    return PUBLISHED_SYMPOSIA.all(now=now)


def symposium_list():
    return published_symposia_list()


def registered_by_organization(symposium):
    """Organizations with how many attendees each registered for a symposium (counts, never people)."""
    return (
        Organization.objects.filter(attendees__symposium=symposium)
        .annotate(registered=Count("attendees"))
        .order_by("-registered", "name")
    )


def _with_unaffiliated_count(symposia):
    return symposia.annotate(
        registered_unaffiliated=Count("attendees", filter=Q(attendees__organization__isnull=True))
    )


PUBLISHED_SYMPOSIUM = PreparedQuery(
    "published-symposium",
    lambda p: _with_unaffiliated_count(published_symposia(now=p.now)).filter(slug=p.slug),
    slug=str,
    now=datetime.datetime,
)
PARTICIPATIONS = PreparedQuery(
    "symposium-participations",
    lambda p: (
        Participation.objects.filter(symposium=p.pk)
        .select_related("organization")
        .order_by("kind", "order", "pk")
    ),
    pk=int,
)
PRIORITIES_SERVED = PreparedQuery(
    "symposium-priorities", lambda p: Priority.objects.filter(symposia=p.pk).order_by("order"), pk=int
)
REGISTERED_BY_ORGANIZATION = PreparedQuery(
    "registered-by-organization", lambda p: registered_by_organization(p.pk), pk=int
)
REGISTERED_BY_COUNTRY = PreparedQuery(
    "registered-by-country",
    lambda p: (
        Attendee.objects.filter(symposium=p.pk)
        .order_by()
        .values_list("country")
        .annotate(registered=Count("pk"))
    ),
    pk=int,
)


def registered_by_country(symposium):
    """How many attendees registered for a symposium from each country, most first
    (one query, counts only); the country names are in the reader's language and
    attendees without a country come last, as ``country`` None."""
    counts = REGISTERED_BY_COUNTRY.all(pk=symposium.pk)
    rows = [{"country": Country(code) if code else None, "registered": n} for code, n in counts]
    return sorted(
        rows,
        key=lambda r: (r["country"] is None, -r["registered"], r["country"] and country_name(r["country"])),
    )


def symposium_page(slug, preview=False):
    """A published symposium (any, for a staff preview) with its participants, priorities
    and registration counts; 404 otherwise."""
    if preview:
        symposium = get_object_or_404(
            _with_unaffiliated_count(Symposium.objects.order_by("ordinal")), slug=slug
        )
    else:
        symposium = PUBLISHED_SYMPOSIUM.get_or_404(slug=slug)
    # One symposium: its participants and priorities by plain queries, each compiled once.
    participations = PARTICIPATIONS.all(pk=symposium.pk)
    for participation in participations:
        Participation.symposium.field.set_cached_value(participation, symposium)
    registered = REGISTERED_BY_ORGANIZATION.all(pk=symposium.pk)
    registered_total = sum(org.registered for org in registered) + symposium.registered_unaffiliated
    return {
        "symposium": symposium,
        "administrations": [p for p in participations if p.kind == Participation.Kind.ADMINISTRATION],
        "other_participants": [p for p in participations if p.kind != Participation.Kind.ADMINISTRATION],
        "priorities": PRIORITIES_SERVED.all(pk=symposium.pk),
        "registered_by_organization": registered,
        "registered_unaffiliated": symposium.registered_unaffiliated,
        "registered_by_country": registered_by_country(symposium) if registered_total else [],
        "registered_total": registered_total,
    }
