"""The issue's story in a real browser: a reader finds the Ningbo symposium by typing 宁波,
finds the feed, reads the chart, and leaves a message that staff then see in the admin."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")


def _screenshot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_reader_finds_ningbo_by_typing_its_chinese_name(page, live_server, seed):
    page.goto(live_server.url + "/zh-hans/")
    page.fill("#site-search-q", "宁波")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zh-hans/search/\?q="))
    first = page.locator(".result-list h3 a").first
    assert first.inner_text() == "海关信息化建设研讨会"
    assert page.locator(".result-list mark").first.inner_text() == "宁波"
    first.click()
    page.wait_for_url(re.compile(r"/zh-hans/symposia/2008-ningbo-customs-automation/$"))


def test_reader_finds_the_feeds(page, live_server, seed):
    page.goto(live_server.url + "/en/symposia/")
    rss = page.locator('head link[rel=alternate][type="application/rss+xml"]')
    assert rss.count() == 2
    page.goto(live_server.url + "/en/sitemap/")
    page.get_by_role("link", name="Symposia (RSS)").click()
    assert "Symposium on Customs Automation" in page.content()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_statistics_chart_renders(page, live_server, seed, artifacts, lang):
    page.goto(live_server.url + f"/{lang}/symposia/statistics/")
    chart = page.get_by_role("img", name=re.compile("Delegates per symposium|各届研讨会代表人数"))
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    assert page.locator(".chart__wide rect").count() == 5  # five reported counts; Ningbo's was not reported
    _screenshot(page, artifacts, f"statistics-{lang}")


def test_reader_leaves_a_message_and_staff_see_it(page, live_server, db):
    get_user_model().objects.create_superuser("staff", "staff@customs.example", "a-long-test-password")
    page.goto(live_server.url + "/zh-hans/")
    page.get_by_role("link", name="网站留言").click()
    page.fill("#id_name", "陈达")
    page.fill("#id_email", "chen@example.org")
    page.fill("#id_subject", "关于宁波研讨会")
    page.fill("#id_message", "请问2008年的报告能否公开？")
    page.get_by_role("button", name="发送留言").click()
    page.wait_for_url(re.compile(r"/zh-hans/feedback/thanks/$"))
    assert "感谢您的留言" in page.content()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["staff@customs.example"]

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/newsroom/feedback/")
    assert "关于宁波研讨会" in page.content()
