"""The page cache's dependency map (newsroom/versions.py) is sound: an edit of a kind of content a
page does not claim to show leaves that page's bytes as they were, in both languages.

Each page is rendered fresh (a session cookie keeps the cache out of the way) before and after
a visible edit of every scope; the pages whose view does not list the scope must not change, so
keeping their cached copies fresh after such an edit never shows a reader something outdated.
"""

import pytest
from django.test import Client

from briefing.models import Agreement, Briefing, Instrument, Priority, Result, Section
from newsroom.versions import SCOPES, VIEW_SCOPES, scopes_of
from symposia.models import Attendee, Organization, Symposium

PAGES = {
    "newsroom:home": "/{lang}/",
    "briefing:briefing_detail": "/{lang}/briefings/china-asean-customs-cooperation/",
    "briefing:agreement_detail": "/{lang}/agreements/framework-agreement-2002/",
    "briefing:briefing_archive": "/{lang}/briefings/",
    "briefing:section_detail": "/{lang}/sections/newsroom/",
    "briefing:agreement_list": "/{lang}/agreements/",
    "briefing:priorities": "/{lang}/priorities/",
    "symposia:symposium_list": "/{lang}/symposia/",
    "symposia:symposium_detail": "/{lang}/symposia/2008-ningbo-customs-automation/",
    "symposia:statistics": "/{lang}/symposia/statistics/",
    "newsroom:search": "/{lang}/search/?q=customs",
    "newsroom:site_map": "/{lang}/sitemap/",
    "newsroom:feed_briefings_rss": "/{lang}/feeds/briefings/rss/",
    "newsroom:feed_briefings_atom": "/{lang}/feeds/briefings/atom/",
    "newsroom:feed_section_rss": "/{lang}/feeds/sections/newsroom/rss/",
    "newsroom:feed_section_atom": "/{lang}/feeds/sections/newsroom/atom/",
    "newsroom:feed_symposia_rss": "/{lang}/feeds/symposia/rss/",
    "newsroom:feed_symposia_atom": "/{lang}/feeds/symposia/atom/",
    "sitemap_xml": "/sitemap.xml",
    "robots_txt": "/robots.txt",
    "newsroom:feedback_thanks": "/{lang}/feedback/thanks/",
}


def renamed(obj, *fields):
    for field in fields:
        for code in ("en", "zh_hans"):
            name = f"{field}_{code}"
            setattr(obj, name, f"{getattr(obj, name)} customs (edited)")
    obj.save()


def edit(scope):
    """A change of `scope` that readers can see wherever it is shown."""
    if scope == "briefings":
        renamed(Section.objects.first(), "title")
        renamed(Briefing.objects.get(), "title", "lead")
        renamed(Result.objects.first(), "text")
    elif scope == "agreements":
        renamed(Agreement.objects.get(), "title", "short_title")
    elif scope == "priorities":
        renamed(Priority.objects.first(), "short_title", "description")
        renamed(Instrument.objects.first(), "short_name", "name")
    elif scope == "symposia":
        renamed(Symposium.objects.get(slug="2008-ningbo-customs-automation"), "title", "city", "narrative")
        renamed(Organization.objects.first(), "name")
    elif scope == "attendees":
        symposium = Symposium.objects.get(slug="2008-ningbo-customs-automation")
        Attendee.objects.create(symposium=symposium, name="Edited Attendee", country="KH")


def test_every_public_page_has_its_scopes_named():
    assert set(PAGES) == set(VIEW_SCOPES)


@pytest.mark.parametrize("scope", [scope for scope in SCOPES if scope != "site"])
def test_an_edit_leaves_the_pages_that_do_not_show_it_unchanged(seed, scope):
    reader = Client()
    reader.cookies["sessionid"] = "no-such-session"  # never from the page cache

    def render_all():
        pages = {}
        for view, path in PAGES.items():
            for lang in ("en", "zh-hans"):
                response = reader.get(path.format(lang=lang), HTTP_ACCEPT_LANGUAGE=lang)
                assert response.status_code == 200, path
                pages[view, lang] = response.content
        return pages

    before = render_all()
    edit(scope)
    after = render_all()
    changed = {view for (view, _lang), body in after.items() if body != before[view, _lang]}
    unclaimed = {view for view in PAGES if scope not in scopes_of(view)}
    assert not changed & unclaimed, f"pages that show {scope} but do not say so: {changed & unclaimed}"
    assert changed, f"the edit of {scope} showed nowhere: not a test of anything"
