"""What the newsroom's home page reads: the section tree, the latest briefings, the symposium series."""

import datetime

from django.utils import timezone

from briefing.models import Briefing
from briefing.prepared import PreparedQuery
from briefing.selectors import all_sections, attach_related, section_tree
from symposia.selectors import PUBLISHED_SYMPOSIA

LATEST_BRIEFINGS = PreparedQuery(
    "latest-briefings", lambda p: Briefing.objects.published(now=p.now)[:10], now=datetime.datetime
)


def home_page():
    """Newsroom home: the section tree, the latest briefings, the symposium series."""
    now = timezone.now()
    sections = all_sections()
    latest = LATEST_BRIEFINGS.all(now=now)
    attach_related(latest, Briefing.section.field, sections)
    return {
        "root_sections": section_tree(list(sections.values())),
        "latest_briefings": latest,
        "symposia": PUBLISHED_SYMPOSIA.all(now=now),
    }
