"""What the public briefing pages read: one function per page, built from querysets.

Visibility is `published()` (publishing/models.py); a staff preview starts from
`objects.all()` instead. Each page costs a fixed number of queries whatever its
content (tests/test_public_pages.py pins them): related rows come with
`select_related` / `prefetch_related`, and lists that only link to items read
their link fields (`only()`), not their long texts.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from library.models import Document, Image
from library.richtext import parts
from symposia.selectors import SYMPOSIUM_LINK_FIELDS, published_symposia

from .mentions import linker
from .models import Agreement, Briefing, Instrument, Priority, Section

PRIORITY_LINK_FIELDS = ("order", "slug", "short_title")
# What a citation of an instrument shows: its name, linked to its entry on the priorities page.
INSTRUMENT_LINK_FIELDS = ("order", "slug", "short_name")
# What an archive lists of each briefing: its link, date and section (not its texts).
ARCHIVE_FIELDS = ("slug", "title", "published_at", "section__slug", "section__title")
ARCHIVE_PAGE_SIZE = 20


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
            "results",
            "sections",
            Prefetch("agreements", queryset=Agreement.objects.published()),
            Prefetch("lead_image", queryset=Image.objects.prefetch_related("renditions")),
            Prefetch("documents", queryset=Document.objects.order_by("title", "pk")),
        )
    )


def briefing_page(slug, preview=False):
    """A published briefing (any, for a staff preview), its breadcrumb, its lead with the
    agreements it names linked, and the lists its parts ask for; 404 otherwise."""
    briefing = get_object_or_404(briefings(preview), slug=slug)
    results = briefing.results.all()
    body_sections = briefing.sections.all()
    agreements = list(briefing.agreements.all())
    link = linker(agreements)
    lead = parts(briefing.lead, link=link)
    section = sections_by_pk().get(briefing.section_id, briefing.section)
    priorities = Priority.objects.none()
    if any(result.lists_priorities for result in results):
        priorities = Priority.objects.only(*PRIORITY_LINK_FIELDS)
    symposia = published_symposia().none()
    if any(part.lists_symposia for part in body_sections):
        symposia = published_symposia().prefetch_related(
            Prefetch(
                "instruments",
                queryset=Instrument.objects.only(*INSTRUMENT_LINK_FIELDS),
                to_attr="instrument_list",
            )
        )
    return {
        "briefing": briefing,
        "ancestry": section.ancestry(),
        "lead": lead,
        "unnamed_agreements": [agreement for agreement in agreements if agreement not in link.linked],
        "results": results,
        "body_sections": body_sections,
        "priorities": priorities,
        "symposia": symposia,
    }


def agreement_page(slug, preview=False):
    """A published agreement (any, for a staff preview) and the published briefings that refer
    to it; 404 otherwise."""
    agreements = Agreement.objects.all() if preview else Agreement.objects.published()
    agreements = agreements.prefetch_related(
        Prefetch("documents", queryset=Document.objects.order_by("title", "pk"))
    )
    agreement = get_object_or_404(agreements, slug=slug)
    briefings = Briefing.objects.published().filter(agreements=agreement).only("slug", "title")
    return {"agreement": agreement, "briefings": briefings}


def priorities_page():
    """The priorities page: the priorities, and every instrument, also one that only a symposium
    cites (the SAFE Framework, the WTO agreement), each with the priorities that cite it
    (`priority_list`). Five queries."""
    priorities = list(_priorities())
    instruments = list(_instruments())
    for instrument in instruments:
        instrument.priority_list = [p for p in priorities if instrument in p.instrument_list]
    return {"priorities": priorities, "instruments": instruments}


def _priorities():
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


def _instruments():
    """Every instrument, each with the published symposia that discussed it (`symposium_list`):
    two queries."""
    return Instrument.objects.prefetch_related(
        Prefetch(
            "symposia",
            queryset=published_symposia().only(*SYMPOSIUM_LINK_FIELDS),
            to_attr="symposium_list",
        ),
    )


def archive_page(page_number, sections=None):
    """One page of the published briefings, newest first (of `sections` only, when given):
    a Paginator page of ARCHIVE_PAGE_SIZE, two queries (the count and the page)."""
    queryset = Briefing.objects.published().select_related("section").only(*ARCHIVE_FIELDS)
    if sections is not None:
        queryset = queryset.filter(section__in=sections)
    return Paginator(queryset.order_by("-published_at", "-pk"), ARCHIVE_PAGE_SIZE).get_page(page_number)


def section_and_below(slug):
    """The section with `slug` (404 when there is none), its `child_sections`, and the keys of
    it and every section below it: one query."""
    by_pk = sections_by_pk()
    section = next((s for s in by_pk.values() if s.slug == slug), None)
    if section is None:
        raise Http404
    section_tree(list(by_pk.values()))
    below, stack = [], [section]
    while stack:
        node = stack.pop()
        below.append(node.pk)
        stack.extend(node.child_sections)
    return section, below


def section_page(slug, page_number):
    """A section, its trail of parents, its sub-sections and one archive page of the briefings
    in it and in its sub-sections; 404 for an unknown slug."""
    section, below = section_and_below(slug)
    return {
        "section": section,
        "ancestry": section.ancestry(),
        "children": section.child_sections,
        "page": archive_page(page_number, below),
    }


def agreement_list():
    """The published agreements, in the order they were signed."""
    return (
        Agreement.objects.published()
        .only("slug", "title", "short_title", "date_signed", "date_precision", "place")
        .order_by("date_signed", "pk")
    )
