"""Fragments of the page chrome (header, footer, feed links) rendered once per language and
content version, instead of on every uncached page.

The header's site name and search box, the navigation, the footer and the
feed links are the same on every public page of a language: they depend on
the site settings, the active language and the URL configuration, nothing
else (nothing about the reader, nothing about the page: the language switch
and the hreflang links, which name the page, stay outside). A template marks
such a part with `{% chrome "name" %}…{% endchrome %}` (templatetags/
newsroom_chrome.py); the context processor reads the language's stored
fragments together with the site settings in the same cache round trip, and
a fragment missing from the entry, or an entry from an older content version,
is rendered and stored again. Every content save bumps the version
(newsroom/cache.py), so a changed site name or footer shows at once; entries
also expire with the page cache.
"""

from django.core.cache import cache
from django.urls import get_script_prefix
from django.utils.translation import get_language

from .cache import cache_seconds


def chrome_key(language=None):
    return f"page-chrome:{language or get_language()}:{get_script_prefix()}"


class Chrome:
    """The stored fragments of one language under one content version (a dict, name -> HTML)."""

    def __init__(self, version, entry):
        self.language = get_language()
        self.key = chrome_key(self.language)
        self.version = version
        fresh = entry is not None and entry[0] == version
        self.fragments = dict(entry[1]) if fresh else {}

    def get(self, name):
        if get_language() != self.language:  # rendered under translation.override(): not ours
            return None
        return self.fragments.get(name)

    def store(self, name, html):
        if get_language() != self.language:
            return
        self.fragments[name] = html
        entry = (self.version, dict(self.fragments))
        cache.set(self.key, entry, cache_seconds())
        LOCAL_COPIES[self.key] = entry


# This process's copies of entries it read from (or wrote to) the shared cache, each a
# (content version, value) pair like the shared entry: newsroom/context_processors.py uses a
# copy while its version is the current one, so a page does not fetch and unpickle the same
# site settings and fragments from Redis again. A copy of an older version is never used.
LOCAL_COPIES = {}
