"""The admin's layout at a desktop and a phone width, and its names in both languages (issue 12).

Measured in the real browser: boxes that must not overlap do not, boxes stay inside the box
that holds them, and no page scrolls sideways (a wide table scrolls inside its own box).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from symposia.models import Organization, Symposium
from tests import factories as f

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password-12"
DESKTOP, PHONE = 1280, 360
LANGUAGES = ["en", "zh-hans"]

INSIDE = """([inner, outer]) => {
  const a = document.querySelector(inner).getBoundingClientRect();
  const b = document.querySelector(outer).getBoundingClientRect();
  return a.left >= b.left - 0.5 && a.right <= b.right + 0.5
    && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
}"""
OVERLAP = """([one, others]) => {
  const a = document.querySelector(one).getBoundingClientRect();
  return [...document.querySelectorAll(others)].map(e => e.getBoundingClientRect())
    .some(b => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom);
}"""


@pytest.fixture
def admin_page(browser, live_server, seed):
    """Signs in a superuser at a given width and language; returns the page."""
    get_user_model().objects.create_superuser("chief", "chief@customs.example", PASSWORD)
    ningbo = Symposium.objects.get(slug="2008-ningbo-customs-automation")
    for _ in range(3):
        f.AttendeeFactory(symposium=ningbo, organization=Organization.objects.get(slug="myanmar-customs"))
    contexts = []

    def open_as(width, lang, path="/admin/", sign_in=True):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        if sign_in:
            page.goto(live_server.url + "/admin/login/")
            page.fill("#id_username", "chief")
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url(re.compile(r"/admin/$"))
        page.goto(live_server.url + path)
        return page

    open_as.ningbo = ningbo
    yield open_as
    for context in contexts:
        context.close()


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_sign_in_box_shows_its_whole_title_and_language_switch(admin_page, width, lang):
    page = admin_page(width, lang, "/admin/login/", sign_in=False)
    for part in ("#site-name", ".theme-toggle", "#admin-language", ".admin-language-switch button"):
        assert page.evaluate(INSIDE, [part, "#header"]), f"{part} runs out of the sign-in box"
    assert fits(page, width)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_symposium_page_buttons_clear_the_heading_and_participations_stay_in_the_page(
    admin_page, width, lang
):
    page = admin_page(width, lang, f"/admin/symposia/symposium/{admin_page.ningbo.pk}/change/")
    page.wait_for_selector("#participations-group .ui-tabs-nav")  # modeltranslation has built its tabs
    tools = "#content .object-tools li"
    assert page.locator(tools).count() >= 4  # Import, Export CSV, Export XLSX, History
    for heading in ("#content h1", "#content h2"):
        assert not page.evaluate(OVERLAP, [heading, tools]), f"the object tools cover {heading}"
    # The participations: within the page (a narrow screen scrolls them inside their own box) ...
    assert page.evaluate(INSIDE, ["#participations-group fieldset.module", "#content"])
    if width == DESKTOP:
        assert page.evaluate(INSIDE, ["#participations-group table", "#participations-group fieldset.module"])
    # ... and no widget runs out of its cell over the next column.
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('#participations-group tbody tr.form-row > td')]
           .flatMap(td => {
             const cell = td.getBoundingClientRect();
             return [...td.querySelectorAll('input:not([type=hidden]), select, .ui-tabs-nav')]
               .filter(e => { const b = e.getBoundingClientRect();
                              return b.width && (b.left < cell.left - 0.5 || b.right > cell.right + 0.5); })
               .map(e => e.name || e.className);
           })"""
    )
    assert overflowing == []
    assert fits(page, width)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_attendee_list_shows_its_symposium_column(admin_page, lang):
    page = admin_page(DESKTOP, lang, "/admin/symposia/attendee/")
    assert page.evaluate(INSIDE, ["#result_list thead th:last-child", "#changelist .results"])
    assert page.locator("#result_list thead th:last-child").inner_text().strip().lower() in (
        "symposium",
        "研讨会",
    )
    assert fits(page, DESKTOP)
    phone = admin_page(PHONE, lang, "/admin/symposia/attendee/")
    assert fits(phone, PHONE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_tabs_name_the_languages(admin_page, lang):
    page = admin_page(DESKTOP, lang, f"/admin/symposia/symposium/{admin_page.ningbo.pk}/change/")
    tabs = page.locator("#symposium_form .ui-tabs-nav a").first.locator("xpath=../..").locator("a")
    expect(page.locator(".ui-tabs-nav a").first).to_have_text("English")  # once the tabs are built
    assert tabs.all_inner_texts() == ["English", "简体中文"]
    # The participations' tabs and the main switch beside the heading say the same.
    assert page.locator("#participations-group .ui-tabs-nav").first.locator("a").all_inner_texts() == [
        "English",
        "简体中文",
    ]
    assert page.locator(".modeltranslation-switch option").all_inner_texts() == ["English", "简体中文"]
    # The main switch shows the language the tabs open in: the admin's own.
    shown = "简体中文" if lang == "zh-hans" else "English"
    assert page.locator("#symposium_form .ui-tabs-nav .ui-tabs-active a").first.inner_text() == shown
    expect(page.locator(".modeltranslation-switch")).to_have_value("1" if lang == "zh-hans" else "0")


def test_chinese_admin_names_the_sign_in_lockouts_in_chinese(admin_page):
    page = admin_page(DESKTOP, "zh-hans", "/admin/")
    section = page.locator("#content-main .app-axes")
    assert section.locator("caption").inner_text().strip() == "登录保护"
    assert sorted(section.locator("th[scope=row]").all_inner_texts()) == sorted(
        ["登录尝试", "登录失败记录", "登录日志"]
    )
    english = admin_page(DESKTOP, "en", "/admin/")
    assert english.locator("#content-main .app-axes caption").inner_text().strip().lower() == "axes"
