"""Every public page fits a 360 px phone screen in both languages (issue 12).

Measured in the real browser: the document never scrolls sideways
(document.documentElement.scrollWidth <= the viewport); a table that must be wide
scrolls inside its own labelled, focusable box with its caption in view; Chinese
table cells keep a place name on one line (昆明, not 昆 / 明).
"""

import os
import re
from pathlib import Path

import pytest

from .test_accessibility import PAGES as AXE_PAGES
from .test_accessibility import QUERY

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")
PHONE = {"width": 360, "height": 740}

# The pages axe checks, and the lists a reader reaches from them.
PAGES = {
    **AXE_PAGES,
    "archive": "/{lang}/briefings/",
    "section": "/{lang}/sections/promote-trade-facilitation/",
    "section-parent": "/{lang}/sections/newsroom/",
    "agreements": "/{lang}/agreements/",
}

# Each table wider than the screen: its wrapper, and what a reader must still see.
WIDE_TABLE_BOXES = """() => [...document.querySelectorAll('table')].map(table => {
  const box = table.closest('.table-wrap');
  const caption = table.querySelector('caption');
  return {
    wrapped: !!box,
    tabindex: box ? box.getAttribute('tabindex') : null,
    role: box ? box.getAttribute('role') : null,
    label: box ? (box.getAttribute('aria-labelledby') || box.getAttribute('aria-label')) : null,
    boxWidth: box ? box.clientWidth : null,
    boxScrollWidth: box ? box.scrollWidth : null,
    captionRight: caption ? caption.getBoundingClientRect().right : null,
    captionLeft: caption ? caption.getBoundingClientRect().left : null,
  };
})"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def phone_screenshot(page, artifacts, name, start):
    """One screen of the page from `start` down, as a reader's phone shows it."""
    page.locator(start).evaluate("element => element.scrollIntoView()")
    page.screenshot(path=str(artifacts / f"{name}.png"))
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_fits_a_360px_screen(phone, live_server, seed, name, lang):
    path = PAGES[name].format(lang=lang, query=QUERY[lang])
    response = phone.goto(live_server.url + path)
    assert response.status == (404 if name == "not-found" else 200), path
    assert scroll_width(phone) <= PHONE["width"], f"{path} scrolls sideways to {scroll_width(phone)} px"
    for table in phone.evaluate(WIDE_TABLE_BOXES):
        assert table["wrapped"], f"{path}: a table outside a .table-wrap box"
        assert table["boxWidth"] <= PHONE["width"]
        if table["boxScrollWidth"] > table["boxWidth"]:
            # It scrolls: a keyboard can reach it and a screen reader can name it.
            assert table["tabindex"] == "0" and table["role"] == "region" and table["label"], (path, table)
        if table["captionRight"] is not None:
            assert table["captionLeft"] >= 0 and table["captionRight"] <= PHONE["width"], (path, table)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_statistics_matrix_scrolls_inside_its_own_box(phone, live_server, seed, lang):
    phone.goto(live_server.url + f"/{lang}/symposia/statistics/")
    box = phone.locator(".table-wrap:has(table.matrix)")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    widths = box.evaluate("b => ({client: b.clientWidth, scroll: b.scrollWidth})")
    assert widths["scroll"] > widths["client"], widths  # six symposia do not fit 360 px: the box scrolls
    before = box.evaluate("b => b.scrollLeft")
    box.evaluate("b => b.scrollBy(200, 0)")
    assert box.evaluate("b => b.scrollLeft") > before
    assert scroll_width(phone) <= PHONE["width"]
    # The caption stays in view while the table scrolls under it.
    caption = phone.locator("table.matrix caption").bounding_box()
    assert caption["x"] >= 0 and caption["x"] + caption["width"] <= PHONE["width"]


def test_english_home_table_shows_the_delegates_column(phone, live_server, seed):
    phone.goto(live_server.url + "/en/")
    header = phone.get_by_role("columnheader", name="Delegates")
    assert header.count() == 1
    header_box = header.bounding_box()
    wrap = phone.locator(".table-wrap").filter(has=header).first
    if wrap.count():
        wrap_box = wrap.bounding_box()
        right_edge = min(wrap_box["x"] + wrap_box["width"], PHONE["width"])
    else:
        right_edge = PHONE["width"]
    assert header_box["x"] + header_box["width"] <= right_edge, (header_box, right_edge)


@pytest.mark.parametrize("path", ["/zh-hans/", "/zh-hans/symposia/statistics/", "/zh-hans/symposia/"])
def test_chinese_city_names_stay_on_one_line(phone, live_server, seed, path):
    phone.goto(live_server.url + path)
    broken = phone.evaluate(
        """() => [...document.querySelectorAll('td, th')]
             .filter(cell => /^(昆明|厦门|成都|重庆|大连|宁波)$/.test(cell.innerText.trim()))
             .map(cell => {
               const range = document.createRange();
               range.selectNodeContents(cell);
               const tops = [...range.getClientRects()].map(r => Math.round(r.top));
               return {text: cell.innerText.trim(), lines: new Set(tops).size};
             }).filter(c => c.lines > 1)"""
    )
    assert broken == []


def boxes_overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and (b["y"] < a["y"] + a["height"])
    )


@pytest.fixture
def ningbo_registered(seed):
    """An import registered attendees for 2008 (Ningbo), whose report gives no delegate count."""
    from symposia.models import Organization, Symposium
    from tests import factories as f

    ningbo = Symposium.objects.get(slug="2008-ningbo-customs-automation")
    myanmar = Organization.objects.get(slug="myanmar-customs")
    for _ in range(12):
        f.AttendeeFactory(symposium=ningbo, organization=myanmar)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [360, 700, 1280])
def test_statistics_chart_is_readable_and_not_reported_stays_visible(
    browser, live_server, ningbo_registered, artifacts, lang, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + f"/{lang}/symposia/statistics/")
    charts = page.get_by_role("img", name=re.compile("Delegates per symposium|各届研讨会代表人数"))
    assert charts.count() == 1  # one drawing for this width; the other is not displayed
    chart = charts.first
    # Text drawn at a readable size: no label under 11 px on screen (its size times the drawing's scale).
    sizes = chart.evaluate(
        """svg => {
             const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
             const texts = [...svg.querySelectorAll('text')];
             return texts.map(t => parseFloat(t.getAttribute('font-size')) * scale);
           }"""
    )
    assert min(sizes) >= 11, sizes
    assert chart.bounding_box()["x"] + chart.bounding_box()["width"] <= width
    # 2008: no reported count, 12 registered. Its "not reported" label is not under the registered bar.
    group = chart.locator("g.chart__group").last
    label = group.locator("text.chart__not-reported").bounding_box()
    registered = group.locator("rect").last.bounding_box()
    assert label and registered and not boxes_overlap(label, registered), (label, registered)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width == PHONE["width"]:  # the README's pictures of the page on a phone (`make screenshots`)
        phone_screenshot(page, artifacts, f"statistics-phone-{lang}", "#chart-heading")
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_statistics_matrix_says_registered_where_the_report_names_no_one(
    phone, live_server, ningbo_registered, lang
):
    phone.goto(live_server.url + f"/{lang}/symposia/statistics/")
    myanmar = phone.locator("table.matrix tbody tr", has_text="缅甸" if lang == "zh-hans" else "Myanmar")
    assert myanmar.locator("td").last.inner_text().startswith("已登记" if lang == "zh-hans" else "registered")
    assert scroll_width(phone) <= PHONE["width"]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_wide_table_an_editor_writes_scrolls_by_itself(phone, live_server, db, lang):
    """Formatted text may hold a table (the rich-text editor offers one): it has no wrapper, and
    must not widen the page either."""
    from tests import factories as f

    row = "".join(f"<td>Jianguomennei-Avenue-{n}</td>" for n in range(8))
    table = f"<table><tbody><tr>{row}</tr></tbody></table>"
    briefing = f.BriefingFactory(
        slug="wide", lead_en=f"<p>Lead</p>{table}", lead_zh_hans=f"<p>导语</p>{table}"
    )
    phone.goto(live_server.url + f"/{lang}/briefings/{briefing.slug}/")
    wide = phone.locator("main table").first
    assert wide.evaluate("t => t.scrollWidth > t.clientWidth")  # wider than the screen: it scrolls
    assert scroll_width(phone) <= PHONE["width"]
    # ... and a keyboard reaches it to scroll it: the sanitiser gives every table tabindex="0"
    # (Chromium also makes any scroller focusable; browsers without that need the attribute).
    assert wide.get_attribute("tabindex") == "0"
    wide.focus()
    assert phone.evaluate("() => document.activeElement.tagName") == "TABLE"
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("() => document.activeElement.scrollLeft > 0")


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_symposium_page_with_registered_attendees_fits(phone, live_server, ningbo_registered, lang):
    phone.goto(live_server.url + f"/{lang}/symposia/2008-ningbo-customs-automation/")
    assert phone.locator("table.registered-by-country").count() == 1
    assert scroll_width(phone) <= PHONE["width"]
    for table in phone.evaluate(WIDE_TABLE_BOXES):
        assert table["wrapped"] and table["boxWidth"] <= PHONE["width"]
