"""`reverse()` remembered per language: public pages reverse the same few URLs on every request.

Django's `reverse()` walks the URL resolver each time (tens of microseconds);
a page with its header, footer, feed links and a list of symposia calls it
25 to 110 times. The answer depends only on the view name, its arguments, the
active language (the /en/ or /zh-hans/ prefix), the script prefix and the URL
configuration, so those make the key; Django's own `clear_url_caches()` (run
when ROOT_URLCONF changes, e.g. in tests) empties this cache too.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import get_language


@lru_cache(maxsize=8192)
def _reverse(viewname, args, kwargs, language, script_prefix, urlconf, root_urlconf):
    with translation.override(language):
        return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs) if kwargs else None)


def cached_reverse(viewname, args=(), kwargs=None, language=None):
    """`reverse(viewname, args=…, kwargs=…)` for `language` (the active one by default),
    remembered: asking for another language's URL needs no `translation.override()`."""
    return _reverse(
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())) if kwargs else (),
        language or get_language(),
        get_script_prefix(),
        get_urlconf(),
        settings.ROOT_URLCONF,
    )


def clear():
    _reverse.cache_clear()


def _settings_changed(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "NEWSROOM_BENCH"):
        clear()


setting_changed.connect(_settings_changed, dispatch_uid="briefing-urlcache")
