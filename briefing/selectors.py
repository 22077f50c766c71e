"""What the public briefing pages read: one function per page, queries planned up front.

Each function returns querysets (or objects) with the joins and prefetches the
template needs, so a page costs a fixed number of queries whatever its content;
tests/test_public_pages.py pins those numbers.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from symposia.models import Symposium

from .models import Agreement, Briefing, Priority, Section


def published_symposia():
    """The series as readers may see it, in order."""
    return Symposium.objects.published().order_by("ordinal")


def section_ancestry(section):
    """`section.ancestry()` at the cost of one query, however deep the tree.

    All sections are read at once and each one's parent cache is filled, so
    `ancestry()` walks the chain in memory.
    """
    by_pk = {s.pk: s for s in Section.objects.all()}
    for node in by_pk.values():
        if node.parent_id in by_pk:
            node.parent = by_pk[node.parent_id]
    return by_pk.get(section.pk, section).ancestry()


def home_page():
    """Newsroom home: the section tree, the latest briefings, the symposium series."""
    sections = list(Section.objects.all())
    children = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.child_sections = children.get(section.pk, [])
    return {
        "root_sections": children.get(None, []),
        "latest_briefings": Briefing.objects.published().select_related("section")[:10],
        "symposia": published_symposia(),
    }


def published_briefings(preview=False):
    """Briefings with everything their page shows: section, results, sections, agreements.

    `preview` (staff) includes drafts, future and other-language items.
    """
    return (
        (Briefing.objects.all() if preview else Briefing.objects.published())
        .select_related("section")
        .prefetch_related(
            "results",
            "sections",
            Prefetch("agreements", queryset=Agreement.objects.published()),
        )
    )


def briefing_page(slug, preview=False):
    """A published briefing (any, for a staff preview), its breadcrumb, and the lists
    its parts ask for; 404 otherwise."""
    briefing = get_object_or_404(published_briefings(preview), slug=slug)
    results = list(briefing.results.all())
    sections = list(briefing.sections.all())
    priorities = Priority.objects.none()
    if any(result.lists_priorities for result in results):
        priorities = Priority.objects.all()
    symposia = Symposium.objects.none()
    if any(section.lists_symposia for section in sections):
        symposia = published_symposia()
    return {
        "briefing": briefing,
        "ancestry": section_ancestry(briefing.section),
        "results": results,
        "body_sections": sections,
        "agreements": list(briefing.agreements.all()),
        "priorities": list(priorities),
        "symposia": list(symposia),
    }


def published_agreements(preview=False):
    """Agreements with the published briefings that refer to them.

    `preview` (staff) includes unpublished agreements.
    """
    agreements = Agreement.objects.all() if preview else Agreement.objects.published()
    return agreements.prefetch_related(Prefetch("briefings", queryset=Briefing.objects.published()))


def priorities():
    """The priorities, each with its instruments and the published symposia that served it."""
    return Priority.objects.prefetch_related(
        "instruments",
        Prefetch("symposia", queryset=published_symposia()),
    )
