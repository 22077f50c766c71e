"""A reader and an editor in a real browser (Debian's chromium via Playwright)."""

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model

from briefing.models import Briefing

pytestmark = pytest.mark.browser

BRIEFING = "/{lang}/briefings/china-asean-customs-cooperation/"
SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")


def _screenshot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    if SCREENSHOTS:  # `make screenshots` refreshes the README's pictures
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def _only_local_requests(page, live_server):
    """Collect every request that leaves our server (there must be none: no CDN)."""
    foreign = []
    host = urlparse(live_server.url).netloc
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in ("", host) else None)
    return foreign


def test_reader_reads_the_briefing_and_switches_language_on_the_same_page(page, live_server, seed, artifacts):
    foreign = _only_local_requests(page, live_server)
    page.goto(live_server.url + BRIEFING.format(lang="en"))
    assert page.locator("h1").inner_text() == "Briefing on China-ASEAN Customs Cooperation"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Current location" in page.locator("nav.breadcrumb, .breadcrumb").first.inner_text()
    assert page.get_by_text("Symposium on Kyoto Convention (Kunming, December 2003)").count() == 1
    _screenshot(page, artifacts, "briefing-en")

    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url(re.compile(r"/zh-hans/briefings/china-asean-customs-cooperation/$"))
    assert page.locator("h1").inner_text() == "中国—东盟海关合作简介"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "当前位置" in page.locator("nav.breadcrumb, .breadcrumb").first.inner_text()
    assert "2003年12月" in page.content()
    _screenshot(page, artifacts, "briefing-zh-hans")

    # The footer's publisher block comes from the site settings, in Chinese.
    assert "京ICP备05066252号" in page.locator("footer").inner_text()
    assert "北京市建国门内大街6号" in page.locator("footer").inner_text()
    assert foreign == []


def test_the_page_works_on_a_phone_without_horizontal_scrolling(page, live_server, seed):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + BRIEFING.format(lang="zh-hans"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_editor_edits_both_languages_side_by_side_and_the_public_page_follows(
    page, live_server, seed, artifacts
):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    foreign = _only_local_requests(page, live_server)
    briefing = Briefing.objects.get(slug="china-asean-customs-cooperation")

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.goto(live_server.url + f"/admin/briefing/briefing/{briefing.pk}/change/")

    # modeltranslation's tabs: the Chinese input is hidden until its tab is chosen.
    chinese_title = page.locator("#id_title_zh_hans")
    assert not chinese_title.is_visible()
    tab = page.locator(".ui-tabs-nav a", has_text="简体中文").first  # tabs name the languages (README)
    tab.click()
    assert chinese_title.is_visible()
    _screenshot(page, artifacts, "admin-briefing-zh-hans-tab")
    chinese_title.fill("中国—东盟海关合作简介（修订）")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/briefing/briefing/$"))

    page.goto(live_server.url + BRIEFING.format(lang="zh-hans"))
    assert page.locator("h1").inner_text() == "中国—东盟海关合作简介（修订）"
    page.goto(live_server.url + BRIEFING.format(lang="en"))
    assert page.locator("h1").inner_text() == "Briefing on China-ASEAN Customs Cooperation"
    assert foreign == []


def test_staff_switch_the_admin_to_chinese(page, live_server, db):
    get_user_model().objects.create_superuser("staff", "staff@example.org", "a-long-test-password")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    assert "Site administration" in page.content()
    page.select_option("#admin-language", "zh-hans")
    page.locator("form.admin-language-switch button").click()
    page.wait_for_load_state()
    assert "站点管理" in page.content()
    assert "新闻发布管理" in page.content()
