"""What the public briefing pages read: one function per page, queries planned up front.

Each function returns querysets (or objects) with the joins and prefetches the
template needs, so a page costs a fixed number of queries whatever its content;
tests/test_public_pages.py pins those numbers.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from symposia.models import Symposium
from symposia.selectors import published_symposia

from .models import Agreement, Briefing, Priority, Section


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


def section_tree(sections):
    """The root sections of `sections`, each section's children in `child_sections` (no query)."""
    children = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.child_sections = children.get(section.pk, [])
    return children.get(None, [])


def home_page():
    """Newsroom home: the section tree, the latest briefings, the symposium series."""
    return {
        "root_sections": section_tree(list(Section.objects.all())),
        "latest_briefings": Briefing.objects.published().select_related("section")[:10],
        "symposia": published_symposia(),
    }


def briefing_page(slug, preview=False):
    """A published briefing (any, for a staff preview), its breadcrumb, and the lists
    its parts ask for; 404 otherwise."""
    # One briefing: its parts by plain related queries, which cost less to build than
    # prefetch_related's (the same SQL, without the prefetch machinery).
    briefings = Briefing.objects.all() if preview else Briefing.objects.published()
    briefing = get_object_or_404(briefings.select_related("section"), slug=slug)
    results = list(briefing.results.all())
    sections = list(briefing.sections.all())
    agreements = list(briefing.agreements.published())
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
        "agreements": agreements,
        "priorities": list(priorities),
        "symposia": list(symposia),
    }


def agreement_page(slug, preview=False):
    """A published agreement (any, for a staff preview) and the published briefings that refer
    to it; 404 otherwise."""
    agreements = Agreement.objects.all() if preview else Agreement.objects.published()
    agreement = get_object_or_404(agreements, slug=slug)
    return {"agreement": agreement, "briefings": list(agreement.briefings.published())}


def priorities():
    """The priorities, each with its instruments (`instrument_list`) and the published symposia
    that served it (`symposium_list`).

    Prefetched into plain lists (`to_attr`): a prefetch into the related managers builds two
    filtered querysets per priority only to hold the results, which costs more than the queries.
    """
    return Priority.objects.prefetch_related(
        Prefetch("instruments", to_attr="instrument_list"),
        Prefetch("symposia", queryset=published_symposia(), to_attr="symposium_list"),
    )
