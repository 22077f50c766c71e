from django.core.cache import cache

from .cache import VERSION_KEY, cache_seconds, content_version
from .models import SiteSettings

SITE_SETTINGS_KEY = "site-settings"


def cached_site_settings(request=None):
    """SiteSettings.load() kept in the cache with the content version (briefing/cache.py) it was
    read under, which every save of the site settings bumps: one cache round trip instead of a
    query on each page.

    The page-cache middleware has already read the version for a public page
    (`request.content_version`); other requests read it together with the entry.
    """
    version = getattr(request, "content_version", None)
    if version is None:
        found = cache.get_many([VERSION_KEY, SITE_SETTINGS_KEY])
        version = found.get(VERSION_KEY)
        if version is None:
            version = content_version()
        entry = found.get(SITE_SETTINGS_KEY)
    else:
        entry = cache.get(SITE_SETTINGS_KEY)
    if entry is not None and entry[0] == version:
        return entry[1]
    site = SiteSettings.load()
    cache.set(SITE_SETTINGS_KEY, (version, site), cache_seconds())
    return site


def site_settings(request):
    """The footer's publisher block, for every template."""
    return {"site_settings": cached_site_settings(request)}
