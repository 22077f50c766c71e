"""Under the Content-Security-Policy (our own origin only, no inline script or
style), every public page and the admin, its language tabs included, work in a
real browser and the browser reports no violation."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib.auth import get_user_model

from briefing.models import Briefing
from symposia.models import Symposium

from .test_editor import PASSWORD, editor_for, open_tab, sign_in

pytestmark = pytest.mark.browser

SKIP = re.compile(r"^/(static|media)/|/feeds/|\.xml$|^/admin/|^/i18n/")


def test_every_public_page_works_under_the_policy(page, live_server, seed, production_like, violations):
    """Crawl the public site in both languages from the two home pages."""
    host = urlparse(live_server.url).netloc
    queue, seen = ["/en/", "/zh-hans/"], set()
    while queue and len(seen) < 120:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        assert not violations(), f"{path}: {violations()}"
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            url = urlparse(urljoin(live_server.url + path, href))
            if url.netloc == host and url.path not in seen and not SKIP.search(url.path):
                queue.append(url.path)
    assert {
        "/en/",
        "/zh-hans/",
        "/en/briefings/china-asean-customs-cooperation/",
        "/zh-hans/priorities/",
    } <= seen
    assert any(p.startswith("/zh-hans/symposia/") for p in seen)
    assert not violations()

    # The policy is enforced and the watch above sees it: an inline script is refused and reported.
    page.evaluate(
        "document.head.appendChild(Object.assign(document.createElement('script'),"
        " {textContent: 'window.inlineRan = true'}))"
    )
    assert page.evaluate("window.inlineRan === undefined")
    assert any("script-src" in v for v in violations())


def test_the_admin_and_its_language_tabs_work_under_the_policy(
    page, live_server, seed, production_like, violations
):
    get_user_model().objects.create_superuser("csp-editor", "csp@example.org", PASSWORD)
    sign_in(page, live_server, "csp-editor")

    briefing = Briefing.objects.get(slug="china-asean-customs-cooperation")
    symposium = Symposium.objects.order_by("ordinal").first()
    for path in (
        "/admin/",
        "/admin/briefing/briefing/",
        "/admin/briefing/briefing/add/",
        "/admin/symposia/symposium/",
        f"/admin/symposia/symposium/{symposium.pk}/change/",
        "/admin/symposia/attendee/",
        "/admin/briefing/priority/",
        f"/admin/briefing/briefing/{briefing.pk}/change/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        # jQuery UI's tabs are built by script: they exist only if the scripts ran.
        if path.endswith("/change/") or path.endswith("/add/"):
            page.wait_for_selector(".ui-tabs-nav")
        assert not violations(), f"{path}: {violations()}"

    # Still on the briefing: switch to the Chinese tab, then back to English.
    chinese, english = page.locator("#id_title_zh_hans"), page.locator("#id_title_en")
    assert english.is_visible() and not chinese.is_visible()
    page.locator('.ui-tabs-nav a[href$="_zh_hans"]').first.click()
    assert chinese.is_visible() and not english.is_visible()
    assert chinese.input_value() == "中国—东盟海关合作简介"
    page.locator('.ui-tabs-nav a[href$="_en"]').first.click()
    assert english.is_visible() and not chinese.is_visible()

    # The date widget's calendar and clock are scripts too.
    shortcuts = page.locator(".datetimeshortcuts a").first
    if shortcuts.count():
        shortcuts.click()

    # Save through the form: the page round-trips under the policy. The lead is formatted text:
    # typed into the rich-text editor (its textarea is hidden behind it).
    chinese_lead = editor_for(page, "lead_zh_hans")
    open_tab(page, "lead_zh_hans", "zh_hans")
    chinese_lead.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("（已审校）")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    assert not violations(), violations()
    briefing.refresh_from_db()
    assert briefing.lead_zh_hans.endswith("（已审校）</p>")
