"""The long texts became formatted text: a database of round one, with its plain texts,
migrates to paragraphs the pages show as before (escaped, a blank line between paragraphs,
a line break within one), and back; a new item's publish flags default to off, existing
rows keep theirs."""

import datetime

import pytest
from django.utils import timezone

from .test_app_moves import migrate

BEFORE = [("briefing", "0007_new_items_start_unpublished"), ("symposia", "0006_new_items_start_unpublished")]
TEXT = "China & ASEAN <customs>.\nA second line.\n\nA second paragraph."
HTML = "<p>China &amp; ASEAN &lt;customs&gt;.<br>A second line.</p>\n\n<p>A second paragraph.</p>"


@pytest.mark.django_db(transaction=True)
def test_plain_texts_become_the_paragraphs_the_pages_showed_and_back():
    old = migrate(BEFORE)
    section = old.get_model("briefing", "Section").objects.create(
        title="News", title_en="News", title_zh_hans="新闻", slug="news"
    )
    briefing = old.get_model("briefing", "Briefing").objects.create(
        section=section,
        slug="b",
        title="B",
        title_en="B",
        title_zh_hans="乙",
        lead=TEXT,
        lead_en=TEXT,
        lead_zh_hans="中国与东盟。\n\n第二段。",
        status="published",
        published_at=timezone.now(),
        publish_en=True,
        publish_zh_hans=True,
    )
    symposium = old.get_model("symposia", "Symposium").objects.create(
        ordinal=1,
        slug="s",
        title="S",
        title_en="S",
        theme="T",
        theme_en="T",
        city="Kunming",
        city_en="Kunming",
        date=datetime.date(2003, 12, 1),
        narrative=TEXT,
        narrative_en=TEXT,
        narrative_zh_hans="",
        published_at=timezone.now(),
    )
    new = migrate()
    migrated = new.get_model("briefing", "Briefing").objects.get(pk=briefing.pk)
    assert migrated.lead_en == HTML and migrated.lead == HTML
    assert migrated.lead_zh_hans == "<p>中国与东盟。</p>\n\n<p>第二段。</p>"
    assert (migrated.publish_en, migrated.publish_zh_hans) == (True, True)  # existing rows keep theirs
    narrative = new.get_model("symposia", "Symposium").objects.get(pk=symposium.pk)
    assert narrative.narrative_en == HTML and narrative.narrative_zh_hans == ""

    old = migrate(BEFORE)
    back = old.get_model("briefing", "Briefing").objects.get(pk=briefing.pk)
    assert back.lead_en == TEXT and back.lead_zh_hans == "中国与东盟。\n\n第二段。"
    migrate()
