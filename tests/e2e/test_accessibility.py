"""Every public page, in both languages, passes axe-core with zero violations in a real browser.

axe-core is the npm package's axe.min.js, vendored in tests/e2e/vendor/axe-core/
(the copy pins the version). It is injected with `page.add_script_tag`; the
site's Content-Security-Policy forbids inline scripts, so these browser contexts
bypass CSP (for the injected script only: the pages themselves load no script).
"""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.0/2.1 A and AA, plus axe's best practices (landmarks, one h1, heading order, regions).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}

PAGES = {
    "home": "/{lang}/",
    "briefing": "/{lang}/briefings/china-asean-customs-cooperation/",
    "agreement": "/{lang}/agreements/framework-agreement-2002/",
    "priorities": "/{lang}/priorities/",
    "symposia": "/{lang}/symposia/",
    "symposium": "/{lang}/symposia/2003-kunming-kyoto-convention/",
    "symposium-unreported": "/{lang}/symposia/2008-ningbo-customs-automation/",
    "statistics": "/{lang}/symposia/statistics/",
    "search": "/{lang}/search/?q={query}",
    "search-empty": "/{lang}/search/?q=",
    "search-nothing": "/{lang}/search/?q=zzzzqqq",
    "sitemap": "/{lang}/sitemap/",
    "feedback": "/{lang}/feedback/",
    "feedback-thanks": "/{lang}/feedback/thanks/",
    "not-found": "/{lang}/no-such-page/",
}
QUERY = {"en": "customs", "zh-hans": "海关"}


@pytest.fixture
def a11y_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_has_no_axe_violations(a11y_page, live_server, seed, name, lang):
    path = PAGES[name].format(lang=lang, query=QUERY[lang])
    a11y_page.goto(live_server.url + path)
    violations = axe_violations(a11y_page)
    assert violations == [], f"{path}: " + json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_feedback_form_with_errors_has_no_axe_violations(a11y_page, live_server, db, lang):
    a11y_page.goto(live_server.url + f"/{lang}/feedback/")
    a11y_page.fill("#id_email", "not-an-address")
    a11y_page.get_by_role("button", name="Send message" if lang == "en" else "发送留言").click()
    a11y_page.wait_for_load_state()
    assert a11y_page.locator("[role=alert]").count() == 1
    assert axe_violations(a11y_page) == []


def test_skip_link_is_first_and_visible_on_focus(a11y_page, live_server, seed):
    a11y_page.goto(live_server.url + "/en/")
    a11y_page.keyboard.press("Tab")
    focused = a11y_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    box = a11y_page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0  # moved into view when focused
    outline = a11y_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    a11y_page.keyboard.press("Enter")
    assert a11y_page.evaluate("document.activeElement.id") == "main"


def test_print_stylesheet_hides_navigation(a11y_page, live_server, seed):
    a11y_page.goto(live_server.url + "/zh-hans/symposia/statistics/")
    a11y_page.emulate_media(media="print")
    assert not a11y_page.locator(".site-nav").is_visible()
    assert not a11y_page.locator(".site-search").is_visible()
    assert a11y_page.locator(".chart svg.chart__wide").is_visible()
    assert a11y_page.locator("footer .publisher").is_visible()


def test_axe_is_really_running(a11y_page, live_server, db):
    """The check above can fail: an image without a text alternative is reported."""
    a11y_page.goto(live_server.url + "/en/feedback/")
    a11y_page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in axe_violations(a11y_page)]
