"""What the public briefing pages read: one function per page, built from querysets.

Visibility is `published()` (publishing/models.py); a staff preview starts from
`objects.all()` instead. Each page costs a fixed number of queries whatever its
content (tests/test_public_pages.py pins them): related rows come with
`select_related` / `prefetch_related`, and lists that only link to items read
their link fields (`only()`), not their long texts.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from symposia.selectors import SYMPOSIUM_LINK_FIELDS, published_symposia

from .mentions import linked_paragraphs
from .models import Agreement, Briefing, Instrument, Priority, Section

PRIORITY_LINK_FIELDS = ("order", "slug", "short_title")


def sections_by_pk():
    """Every section, by primary key, each one's `parent` taken from the same read (one query)."""
    sections = {section.pk: section for section in Section.objects.all()}
    for section in sections.values():
        if section.parent_id in sections:
            section.parent = sections[section.parent_id]
    return sections


def section_tree(sections):
    """The root sections among `sections`, each section's children in `child_sections`."""
    children = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.child_sections = children.get(section.pk, [])
    return children.get(None, [])


def briefings(preview=False):
    """Briefings with what their page shows: section, results, body sections, published agreements.
    `preview` (staff) includes drafts, future and other-language items."""
    return (
        (Briefing.objects.all() if preview else Briefing.objects.published())
        .select_related("section")
        .prefetch_related(
            "results", "sections", Prefetch("agreements", queryset=Agreement.objects.published())
        )
    )


def briefing_page(slug, preview=False):
    """A published briefing (any, for a staff preview), its breadcrumb, its lead with the
    agreements it names linked, and the lists its parts ask for; 404 otherwise."""
    briefing = get_object_or_404(briefings(preview), slug=slug)
    results = briefing.results.all()
    body_sections = briefing.sections.all()
    agreements = list(briefing.agreements.all())
    lead = linked_paragraphs(briefing.lead, agreements)
    named = {piece.item for paragraph in lead for line in paragraph for piece in line if piece.item}
    section = sections_by_pk().get(briefing.section_id, briefing.section)
    priorities = Priority.objects.none()
    if any(result.lists_priorities for result in results):
        priorities = Priority.objects.only(*PRIORITY_LINK_FIELDS)
    symposia = published_symposia().none()
    if any(part.lists_symposia for part in body_sections):
        symposia = published_symposia()
    return {
        "briefing": briefing,
        "ancestry": section.ancestry(),
        "lead": lead,
        "unnamed_agreements": [agreement for agreement in agreements if agreement not in named],
        "results": results,
        "body_sections": body_sections,
        "priorities": priorities,
        "symposia": symposia,
    }


def agreement_page(slug, preview=False):
    """A published agreement (any, for a staff preview) and the published briefings that refer
    to it; 404 otherwise."""
    agreements = Agreement.objects.all() if preview else Agreement.objects.published()
    agreement = get_object_or_404(agreements, slug=slug)
    briefings = Briefing.objects.published().filter(agreements=agreement).only("slug", "title")
    return {"agreement": agreement, "briefings": briefings}


def priorities():
    """The priorities, each with its instruments (`instrument_list`) and the published symposia
    that served it (`symposium_list`): three queries."""
    return Priority.objects.prefetch_related(
        Prefetch("instruments", queryset=Instrument.objects.all(), to_attr="instrument_list"),
        Prefetch(
            "symposia",
            queryset=published_symposia().only(*SYMPOSIUM_LINK_FIELDS),
            to_attr="symposium_list",
        ),
    )
