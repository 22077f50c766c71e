from django.core.cache import cache

from .cache import VERSION_KEY, cache_seconds, content_version
from .chrome import Chrome, chrome_key
from .models import SiteSettings

SITE_SETTINGS_KEY = "site-settings"


def cached_site_settings(request=None):
    """SiteSettings.load() kept in the cache with the content version (briefing/cache.py) it was
    read under, which every save of the site settings bumps: one cache round trip instead of a
    query on each page.

    The page-cache middleware has already read the version for a public page
    (`request.content_version`); other requests read it together with the entry.
    """
    return _site_settings_and_chrome(request)[0]


def _site_settings_and_chrome(request=None, chrome=False):
    """The site settings and, with `chrome`, the language's stored chrome fragments
    (briefing/chrome.py), from one cache round trip."""
    version = getattr(request, "content_version", None)
    keys = [SITE_SETTINGS_KEY]
    if chrome:
        keys.append(chrome_key())
    if version is None:
        keys.append(VERSION_KEY)
    found = cache.get_many(keys)
    if version is None:
        version = found.get(VERSION_KEY)
        if version is None:
            version = content_version()
    page_chrome = Chrome(version, found.get(keys[1])) if chrome else None
    entry = found.get(SITE_SETTINGS_KEY)
    if entry is not None and entry[0] == version:
        return entry[1], page_chrome
    site = SiteSettings.load()
    cache.set(SITE_SETTINGS_KEY, (version, site), cache_seconds())
    return site, page_chrome


def site_settings(request):
    """The footer's publisher block, for every template; the page chrome's stored fragments."""
    site, page_chrome = _site_settings_and_chrome(request, chrome=True)
    return {"site_settings": site, "page_chrome": page_chrome}
