"""What the newsroom's own pages read: the home page and the site map for people."""

from briefing.models import Agreement, Briefing, Priority, Section
from briefing.selectors import PRIORITY_LINK_FIELDS, section_tree
from symposia.selectors import SYMPOSIUM_LINK_FIELDS, published_symposia, symposium_list

LATEST_BRIEFINGS = 10


def home_page():
    """Newsroom home: the section tree, the latest briefings, the symposium series."""
    return {
        "root_sections": section_tree(list(Section.objects.all())),
        "latest_briefings": (
            Briefing.objects.published()
            .select_related("section")
            .only("slug", "title", "published_at", "section__slug", "section__title")[:LATEST_BRIEFINGS]
        ),
        "symposia": symposium_list(),
    }


def site_map_page():
    """What /<lang>/sitemap/ lists, in the active language: published content only."""
    sections = list(Section.objects.all())
    by_section = {}
    for briefing in Briefing.objects.published().only("slug", "title", "section").order_by("-published_at"):
        by_section.setdefault(briefing.section_id, []).append(briefing)
    for section in sections:
        section.site_map_briefings = by_section.get(section.pk, [])
    return {
        "root_sections": section_tree(sections),
        "sections": sections,
        "agreements": Agreement.objects.published().only("slug", "title").order_by("date_signed", "pk"),
        "priorities": Priority.objects.only(*PRIORITY_LINK_FIELDS),
        "symposia": published_symposia().only(*SYMPOSIUM_LINK_FIELDS),
    }
