"""What the public symposium pages read: one function per page, built from querysets.

Attendees are personal data. Nothing here ever selects a name, e-mail or
position: the public pages get counts per organization and per country and
nothing else.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django_countries.fields import Country

from .models import Attendee, Organization, Participation, Symposium

# What a link to a symposium says ("Title (City, December 2003)"): not its long texts.
SYMPOSIUM_LINK_FIELDS = ("ordinal", "slug", "title", "city", "date", "date_precision")
# What the list of the series shows of each symposium.
SYMPOSIUM_LIST_FIELDS = (*SYMPOSIUM_LINK_FIELDS, "theme", "delegates_reported")


def published_symposia():
    """The series as readers may see it, in order."""
    return Symposium.objects.published().order_by("ordinal")


def symposium_list():
    return published_symposia().only(*SYMPOSIUM_LIST_FIELDS)


def registered_by_organization(symposium):
    """Organizations with how many attendees each registered for a symposium (counts, never people)."""
    return (
        Organization.objects.filter(attendees__symposium=symposium)
        .annotate(registered=Count("attendees"))
        .order_by("-registered", "order", "name")
    )


def registered_by_country(symposium):
    """How many attendees registered for a symposium from each country, most first
    (one query, counts only); the country names are in the reader's language and
    attendees without a country come last, as ``country`` None. Equal counts follow
    COUNTRIES_FIRST (China, then the ASEAN members in ASEAN's order), then the name: the
    same order in both languages, never the character codes of the Chinese names."""
    counts = (
        Attendee.objects.filter(symposium=symposium)
        .order_by()
        .values_list("country")
        .annotate(registered=Count("pk"))
    )
    rows = [{"country": Country(code) if code else None, "registered": n} for code, n in counts]
    first = {code: position for position, code in enumerate(settings.COUNTRIES_FIRST)}

    def order(row):
        code = row["country"].code if row["country"] else ""
        name = str(row["country"].name) if row["country"] else ""
        return (row["country"] is None, -row["registered"], first.get(code, len(first)), name)

    return sorted(rows, key=order)


def symposium_page(slug, preview=False):
    """A published symposium (any, for a staff preview) with its participants, priorities
    and registration counts; 404 otherwise."""
    symposia = Symposium.objects.order_by("ordinal") if preview else published_symposia()
    symposium = get_object_or_404(
        symposia.annotate(
            registered_unaffiliated=Count("attendees", filter=Q(attendees__organization__isnull=True))
        ),
        slug=slug,
    )
    participations = list(symposium.participations.select_related("organization"))
    gallery = list(symposium.gallery.select_related("image").prefetch_related("image__renditions"))
    registered = list(registered_by_organization(symposium))
    registered_total = sum(org.registered for org in registered) + symposium.registered_unaffiliated
    return {
        "symposium": symposium,
        "administrations": [p for p in participations if p.kind == Participation.Kind.ADMINISTRATION],
        "other_participants": [p for p in participations if p.kind != Participation.Kind.ADMINISTRATION],
        "priorities": symposium.priorities.only("order", "slug", "short_title"),
        "instruments": symposium.instruments.only("order", "slug", "short_name"),
        "gallery": gallery,
        "registered_by_organization": registered,
        "registered_unaffiliated": symposium.registered_unaffiliated,
        "registered_by_country": registered_by_country(symposium) if registered_total else [],
        "registered_total": registered_total,
    }
