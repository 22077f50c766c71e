from django.core.cache import cache

from .cache import cache_seconds, content_version
from .chrome import LOCAL_COPIES, Chrome, chrome_key
from .models import SiteSettings

SITE_SETTINGS_KEY = "site-settings"


def cached_site_settings(request=None):
    """SiteSettings.load() kept in the cache with the content version (newsroom/cache.py) it was
    read under, which every save of the site settings bumps: one cache round trip instead of a
    query on each page.

    The page-cache middleware has already read the version for a public page
    (`request.content_version`); other requests read it first.
    """
    return _site_settings_and_chrome(request)[0]


def _site_settings_and_chrome(request=None, chrome=False):
    """The site settings and, with `chrome`, the language's stored chrome fragments
    (newsroom/chrome.py), under the current content version.

    The version comes from the page-cache middleware (`request.content_version`) or one
    small cache read. This process's copies (`LOCAL_COPIES`) serve while they belong to
    that version; otherwise they are fetched from the shared cache (one round trip) and,
    where missing or older there too, the site settings are read from the database. Every
    content save, on any server, bumps the version, so no copy outlives a change.
    """
    version = getattr(request, "content_version", None)
    if version is None:
        version = content_version()
    keys = [SITE_SETTINGS_KEY, chrome_key()] if chrome else [SITE_SETTINGS_KEY]
    stale = [key for key in keys if LOCAL_COPIES.get(key, (None,))[0] != version]
    if stale:
        for key, entry in cache.get_many(stale).items():
            if entry[0] == version:
                LOCAL_COPIES[key] = entry
    site_entry = LOCAL_COPIES.get(SITE_SETTINGS_KEY)
    if site_entry is None or site_entry[0] != version:
        site_entry = (version, SiteSettings.load())
        cache.set(SITE_SETTINGS_KEY, site_entry, cache_seconds())
        LOCAL_COPIES[SITE_SETTINGS_KEY] = site_entry
    page_chrome = Chrome(version, LOCAL_COPIES.get(keys[-1])) if chrome else None
    return site_entry[1], page_chrome


def site_settings(request):
    """The footer's publisher block, for every template; the page chrome's stored fragments."""
    site, page_chrome = _site_settings_and_chrome(request, chrome=True)
    return {"site_settings": site, "page_chrome": page_chrome}
