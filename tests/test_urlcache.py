"""The remembered reverse() (briefing/urlcache.py) and the cached site settings answer like the real thing."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from briefing.urlcache import cached_reverse
from newsroom.context_processors import cached_site_settings
from newsroom.models import SiteSettings


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_cached_reverse_follows_the_active_language(lang):
    with translation.override(lang):
        assert cached_reverse("newsroom:home") == reverse("newsroom:home") == f"/{lang}/"
        assert cached_reverse("briefing:briefing_detail", kwargs={"slug": "a-b"}) == f"/{lang}/briefings/a-b/"
        assert cached_reverse("symposia:symposium_detail", args=["x"]) == f"/{lang}/symposia/x/"


def test_cached_reverse_is_emptied_when_the_urlconf_changes():
    with translation.override("en"):
        before = cached_reverse("newsroom:home")
        with override_settings(NEWSROOM_BENCH=True, ROOT_URLCONF="config.urls"):
            assert cached_reverse("newsroom:home") == before
        assert cached_reverse("newsroom:home") == "/en/"


@pytest.mark.django_db
def test_cached_site_settings_see_a_save_at_once(django_assert_num_queries):
    SiteSettings.objects.update_or_create(pk=1, defaults={"site_name_en": "Before"})
    with translation.override("en"):
        assert cached_site_settings().site_name == "Before"
        with django_assert_num_queries(0):
            assert cached_site_settings().site_name == "Before"
        site = SiteSettings.load()
        site.site_name_en = "After"
        site.save()
        assert cached_site_settings().site_name == "After"


def test_another_languages_url_without_switching_language(db):
    from django.utils import translation

    from briefing.urlcache import cached_reverse

    with translation.override("en"):
        assert cached_reverse("newsroom:home", language="zh-hans") == "/zh-hans/"
        assert cached_reverse("newsroom:home") == "/en/"
        assert translation.get_language() == "en"
    with translation.override("zh-hans"):
        assert cached_reverse("newsroom:home", language="en") == "/en/"
        assert cached_reverse("newsroom:home") == "/zh-hans/"
