"""Content versions: numbers in the shared cache that saves of public content bump, one per kind
of content, so that an edit makes stale only the pages that show what it changed.

Cached public pages (newsroom/cache.py) and the search corpus (newsroom/search.py)
remember the versions of the kinds of content they show; a copy made under an
older version of one of them is stale.

The two maps below are the whole dependency bookkeeping, kept coarse on purpose:
a model not named in MODEL_SCOPES bumps "site", which every page shows (the
site settings in the footer, say), and a view not named in VIEW_SCOPES reads
every scope. tests/test_page_cache_scopes.py renders every page before and
after an edit of each scope it does not read and finds the same bytes.
"""

import time

from django.conf import settings
from django.core.cache import cache

SCOPES = ("site", "briefings", "agreements", "priorities", "symposia", "attendees")

MODEL_SCOPES = {
    "briefing.section": "briefings",
    "briefing.briefing": "briefings",
    "briefing.result": "briefings",
    "briefing.briefingsection": "briefings",
    "briefing.agreement": "agreements",
    "briefing.priority": "priorities",
    "briefing.instrument": "priorities",
    "symposia.symposium": "symposia",
    "symposia.participation": "symposia",
    "symposia.organization": "symposia",
    "symposia.galleryimage": "symposia",
    "symposia.attendee": "attendees",
}

# What each public page shows besides the site settings every page shows.
VIEW_SCOPES = {
    "newsroom:home": ("briefings", "symposia"),
    "briefing:briefing_detail": ("briefings", "agreements", "priorities", "symposia"),
    "briefing:briefing_archive": ("briefings",),
    "briefing:section_detail": ("briefings",),
    "briefing:agreement_list": ("agreements",),
    "briefing:agreement_detail": ("agreements", "briefings"),
    "briefing:priorities": ("priorities", "symposia"),
    "symposia:symposium_list": ("symposia",),
    "symposia:symposium_detail": ("symposia", "attendees", "priorities"),
    "symposia:statistics": ("symposia", "attendees"),
    "newsroom:search": ("briefings", "agreements", "priorities", "symposia"),
    "newsroom:site_map": ("briefings", "agreements", "priorities", "symposia"),
    "newsroom:feed_briefings_rss": ("briefings",),
    "newsroom:feed_briefings_atom": ("briefings",),
    "newsroom:feed_section_rss": ("briefings",),
    "newsroom:feed_section_atom": ("briefings",),
    "newsroom:feed_symposia_rss": ("symposia",),
    "newsroom:feed_symposia_atom": ("symposia",),
    "sitemap_xml": ("briefings", "agreements", "symposia"),
    "robots_txt": (),
    "newsroom:feedback_thanks": (),
}


def cache_seconds():
    """The longest a cached public page counts as fresh without an edit."""
    return settings.PUBLIC_CACHE_SECONDS


def version_key(scope):
    return f"public-pages:version:{scope}"


VERSION_KEYS = [version_key(scope) for scope in SCOPES]


def scopes_of(view_name):
    """The scopes a page of `view_name` shows: the site's, and its own (all of them when unknown)."""
    return ("site", *VIEW_SCOPES.get(view_name, SCOPES))


def scope_of(model):
    """The scope a change of `model` makes stale."""
    return MODEL_SCOPES.get(model._meta.label_lower, "site")


def current_versions(found=None):
    """{scope: version}, from `found` (a get_many of VERSION_KEYS) or the cache; a version missing
    there (a new or emptied cache) is created."""
    if found is None:
        found = cache.get_many(VERSION_KEYS)
    versions = {}
    for scope, key in zip(SCOPES, VERSION_KEYS, strict=True):
        version = found.get(key)
        if version is None:
            cache.add(key, _first_version(), None)
            version = cache.get(key)
        versions[scope] = version
    return versions


def content_version():
    """One number that grows with every bump of any scope."""
    return sum(current_versions().values())


def bump(scope):
    """Make stale every cached page (and search corpus) that shows `scope`."""
    try:
        cache.incr(version_key(scope))
    except ValueError:  # the key was evicted or never set
        cache.add(version_key(scope), _first_version(), None)


def _first_version():
    """Where a new count starts (the cache was emptied or restarted): the time in microseconds,
    above any version counted before, so that nothing kept under an old version can pass for current."""
    return time.time_ns() // 1000
