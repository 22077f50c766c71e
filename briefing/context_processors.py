from django.core.cache import cache

from .cache import cache_seconds, content_version
from .models import SiteSettings

SITE_SETTINGS_KEY = "site-settings:{version}"


def cached_site_settings(request=None):
    """SiteSettings.load() kept in the cache under the content version (briefing/cache.py), which
    every save of the site settings bumps: one cache read instead of a query on each page.

    The page-cache middleware has already read the version for a public page
    (`request.content_version`); other requests read it here.
    """
    version = getattr(request, "content_version", None)
    if version is None:
        version = content_version()
    key = SITE_SETTINGS_KEY.format(version=version)
    site = cache.get(key)
    if site is None:
        site = SiteSettings.load()
        cache.set(key, site, cache_seconds())
    return site


def site_settings(request):
    """The footer's publisher block, for every template."""
    return {"site_settings": cached_site_settings(request)}
