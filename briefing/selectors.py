"""What the public briefing pages read: one function per page, queries planned up front.

Each function returns model instances (in lists) with the related objects the
template needs already attached, so a page costs a fixed number of queries
whatever its content; tests/test_public_pages.py pins those numbers.

The public (non-preview) reads run as prepared queries (briefing/prepared.py):
written with the ORM, so the visibility rules stay in `PublishableQuerySet`,
compiled once per language, and run against the database on every call.
"""

import datetime

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone

from symposia.selectors import PUBLISHED_SYMPOSIA, published_symposia

from .models import Agreement, Briefing, BriefingSection, Instrument, Priority, Result, Section
from .prepared import PreparedQuery

SECTIONS = PreparedQuery("sections", lambda p: Section.objects.all())
PUBLISHED_BRIEFING = PreparedQuery(
    "published-briefing",
    lambda p: Briefing.objects.published(now=p.now).filter(slug=p.slug),
    slug=str,
    now=datetime.datetime,
)
BRIEFING_RESULTS = PreparedQuery("briefing-results", lambda p: Result.objects.filter(briefing=p.pk), pk=int)
BRIEFING_SECTIONS = PreparedQuery(
    "briefing-sections", lambda p: BriefingSection.objects.filter(briefing=p.pk), pk=int
)
BRIEFING_AGREEMENTS = PreparedQuery(
    "briefing-agreements",
    lambda p: Agreement.objects.published(now=p.now).filter(briefings=p.pk),
    pk=int,
    now=datetime.datetime,
)
PRIORITIES = PreparedQuery("priorities", lambda p: Priority.objects.all())
PUBLISHED_AGREEMENT = PreparedQuery(
    "published-agreement",
    lambda p: Agreement.objects.published(now=p.now).filter(slug=p.slug),
    slug=str,
    now=datetime.datetime,
)
AGREEMENT_BRIEFINGS = PreparedQuery(
    "agreement-briefings",
    lambda p: Briefing.objects.published(now=p.now).filter(agreements=p.pk),
    pk=int,
    now=datetime.datetime,
)
# Every (instrument, priority) and (published symposium, priority) pair, in the order of the
# lists they make: the prefetches of `priorities()` in one query each, without an IN list.
PRIORITY_INSTRUMENTS = PreparedQuery(
    "priority-instruments",
    lambda p: Instrument.objects.annotate(priority_pk=F("priorities__pk")).filter(priority_pk__isnull=False),
)
PRIORITY_SYMPOSIA = PreparedQuery(
    "priority-symposia",
    lambda p: (
        published_symposia(now=p.now)
        .annotate(priority_pk=F("priorities__pk"))
        .filter(priority_pk__isnull=False)
    ),
    now=datetime.datetime,
)


def attach_related(objects, field, targets):
    """Attach to each object its `field` (a forward foreign key) from `targets` ({pk: object}), no query."""
    attname = field.attname
    for obj in objects:
        field.set_cached_value(obj, targets.get(getattr(obj, attname)))


def all_sections():
    """Every section, each one's `parent` attached (no further query), by pk."""
    by_pk = {s.pk: s for s in SECTIONS.all()}
    attach_related(by_pk.values(), Section.parent.field, by_pk)
    return by_pk


def section_ancestry(section, sections=None):
    """`section.ancestry()` at the cost of one query, however deep the tree (none when `sections`,
    from `all_sections()`, is given).

    All sections are read at once and each one's parent cache is filled, so
    `ancestry()` walks the chain in memory.
    """
    by_pk = all_sections() if sections is None else sections
    return by_pk.get(section.pk, section).ancestry()


def section_tree(sections):
    """The root sections of `sections`, each section's children in `child_sections` (no query)."""
    children = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.child_sections = children.get(section.pk, [])
    return children.get(None, [])


def _visible_item(model, published, slug, preview, now):
    """The item with `slug` that the reader may see: any, by the ORM, for a staff preview;
    else the `published` prepared query's. Http404 when there is none."""
    if preview:
        return get_object_or_404(model.objects.all(), slug=slug)
    return published.get_or_404(slug=slug, now=now)


def briefing_page(slug, preview=False):
    """A published briefing (any, for a staff preview), its breadcrumb, and the lists
    its parts ask for; 404 otherwise."""
    now = timezone.now()
    briefing = _visible_item(Briefing, PUBLISHED_BRIEFING, slug, preview, now)
    # Its section comes with the section tree the breadcrumb reads anyway.
    sections = all_sections()
    attach_related([briefing], Briefing.section.field, sections)
    results = BRIEFING_RESULTS.all(pk=briefing.pk)
    attach_related(results, Result.briefing.field, {briefing.pk: briefing})
    body_sections = BRIEFING_SECTIONS.all(pk=briefing.pk)
    attach_related(body_sections, BriefingSection.briefing.field, {briefing.pk: briefing})
    agreements = BRIEFING_AGREEMENTS.all(pk=briefing.pk, now=now)
    priorities = []
    if any(result.lists_priorities for result in results):
        priorities = PRIORITIES.all()
    symposia = []
    if any(section.lists_symposia for section in body_sections):
        symposia = PUBLISHED_SYMPOSIA.all(now=now)
    return {
        "briefing": briefing,
        "ancestry": section_ancestry(briefing.section, sections),
        "results": results,
        "body_sections": body_sections,
        "agreements": agreements,
        "priorities": priorities,
        "symposia": symposia,
    }


def agreement_page(slug, preview=False):
    """A published agreement (any, for a staff preview) and the published briefings that refer
    to it; 404 otherwise."""
    now = timezone.now()
    agreement = _visible_item(Agreement, PUBLISHED_AGREEMENT, slug, preview, now)
    return {"agreement": agreement, "briefings": AGREEMENT_BRIEFINGS.all(pk=agreement.pk, now=now)}


def priorities():
    """The priorities (a list), each with its instruments (`instrument_list`) and the published
    symposia that served it (`symposium_list`): three queries."""
    now = timezone.now()
    priority_list = PRIORITIES.all()
    instruments, symposia = {}, {}
    for instrument in PRIORITY_INSTRUMENTS.all():
        instruments.setdefault(instrument.priority_pk, []).append(instrument)
    for symposium in PRIORITY_SYMPOSIA.all(now=now):
        symposia.setdefault(symposium.priority_pk, []).append(symposium)
    for priority in priority_list:
        priority.instrument_list = instruments.get(priority.pk, [])
        priority.symposium_list = symposia.get(priority.pk, [])
    return priority_list
