"""The content version: one number in the shared cache that every save of public content bumps.

Cached public pages (newsroom/cache.py) and the search corpus (newsroom/search.py)
remember the version they were made under; a copy made under an older one is stale.
"""

import time

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "public-pages:version"


def cache_seconds():
    """The longest a cached public page counts as fresh without an edit."""
    return settings.PUBLIC_CACHE_SECONDS


def content_version():
    """The current content version (an integer kept in the cache; created on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        first = _first_version()
        cache.add(VERSION_KEY, first, None)
        version = cache.get(VERSION_KEY, first)
    return version


def bump_content_version():
    """Make every cached page and search corpus stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted or never set
        cache.add(VERSION_KEY, _first_version(), None)


def _first_version():
    """Where a new count starts (the cache was emptied or restarted): the time in microseconds,
    above any version counted before, so that nothing kept under an old version can pass for current."""
    return time.time_ns() // 1000
