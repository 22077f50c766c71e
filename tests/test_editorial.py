"""Issue 13, the admin side: publishing that cannot go wrong (new items unpublished, the
publish guard in the staff language, per-language state in the lists), translating
beside the source, and history that covers everything (starting versions, inline rows,
readable comparisons, reverting an inline change)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from briefing.models import Briefing, Result, Section
from publishing.models import PublishStatus

from .factories import BriefingFactory, ResultFactory, SectionFactory
from .test_workflow import client_for, form_data, make_user, url

NEW_BRIEFING = {
    "title_en": "Customs cooperation in 2026",
    "slug": "customs-cooperation-2026",
    "lead_en": "<p>A new year of cooperation.</p>",
    "status": PublishStatus.PUBLISHED,
    "published_at_0": "2026-01-01",
    "published_at_1": "09:00:00",
    "publish_en": "on",
    "results-TOTAL_FORMS": "0",
    "results-INITIAL_FORMS": "0",
    "sections-TOTAL_FORMS": "0",
    "sections-INITIAL_FORMS": "0",
}


@pytest.fixture
def users(db):
    return {"editor": make_user("editor", "Editors"), "translator": make_user("translator", "Translators")}


def errors_of(response):
    form = response.context["adminform"].form
    messages = list(form.non_field_errors())
    for inline in response.context["inline_admin_formsets"]:
        messages += list(inline.formset.non_form_errors())
    return messages


# --- publishing that cannot go wrong ----------------------------------------------------------


def test_a_new_item_starts_unpublished_in_both_languages(client, users):
    assert Briefing(title_en="x").publish_en is False
    assert Briefing(title_en="x").publish_zh_hans is False
    client_for(client, users["editor"])
    form = client.get(url(Briefing, "add")).context["adminform"].form
    assert form["publish_en"].value() is False
    assert form["publish_zh_hans"].value() is False


def test_publishing_in_chinese_with_an_empty_chinese_title_is_refused(client, users):
    section = SectionFactory()
    client_for(client, users["editor"])
    data = {**NEW_BRIEFING, "section": section.pk, "publish_zh_hans": "on"}
    response = client.post(url(Briefing, "add"), data)
    assert response.status_code == 200
    assert not Briefing.objects.exists()
    assert "Cannot publish in Chinese: The Chinese “title” is empty." in errors_of(response)
    assert "Cannot publish in Chinese: The Chinese “lead paragraph” is empty." in errors_of(response)
    # English only is fine, and readers of the Chinese site do not get English text.
    del data["publish_zh_hans"]
    assert client.post(url(Briefing, "add"), data).status_code == 302
    briefing = Briefing.objects.get()
    assert briefing.published_languages() == ["en"]
    assert "Customs cooperation in 2026" not in Client().get("/zh-hans/").content.decode()


def test_the_guard_speaks_the_staff_language(client, users):
    section = SectionFactory()
    client_for(client, users["editor"])
    data = {**NEW_BRIEFING, "section": section.pk, "publish_zh_hans": "on"}
    response = client.post(url(Briefing, "add"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "无法以中文发布：中文“标题”为空。" in errors_of(response)


def test_a_chinese_text_copied_from_english_is_refused(client, users):
    briefing = BriefingFactory(publish_zh_hans=False, title_zh_hans="新的简介")
    client_for(client, users["editor"])
    data = form_data(client.get(url(Briefing, "change", briefing.pk)))
    data.update({"title_zh_hans": briefing.title_en, "publish_zh_hans": "on"})
    response = client.post(url(Briefing, "change", briefing.pk), data)
    assert response.status_code == 200
    assert "Cannot publish in Chinese: The Chinese “title” is the English text, not a translation." in (
        errors_of(response)
    )
    briefing.refresh_from_db()
    assert briefing.publish_zh_hans is False


def test_formatted_text_counts_by_its_words_not_its_tags(client, users):
    briefing = BriefingFactory(publish_zh_hans=False, lead_en="<p>Lead.</p>", lead_zh_hans="<p></p>")
    client_for(client, users["editor"])
    data = form_data(client.get(url(Briefing, "change", briefing.pk)))
    data.update({"publish_zh_hans": "on", "lead_zh_hans": "<p> </p>"})
    response = client.post(url(Briefing, "change", briefing.pk), data)
    assert "Cannot publish in Chinese: The Chinese “lead paragraph” is empty." in errors_of(response)


def test_a_result_without_its_chinese_text_stops_publishing_in_chinese(client, users):
    briefing = BriefingFactory(publish_zh_hans=False)
    result = ResultFactory(briefing=briefing, order=1, text_en="A result", text_zh_hans="")
    client_for(client, users["editor"])
    data = form_data(client.get(url(Briefing, "change", briefing.pk)))
    data["publish_zh_hans"] = "on"
    response = client.post(url(Briefing, "change", briefing.pk), data)
    assert response.status_code == 200
    assert f"Cannot publish in Chinese: {result}: The Chinese “text” is empty." in errors_of(response)
    # Once the translator has filled it in, the editor publishes.
    data["results-0-text_zh_hans"] = "一项成果"
    assert client.post(url(Briefing, "change", briefing.pk), data).status_code == 302
    assert Briefing.objects.get().publish_zh_hans is True


def test_the_change_list_shows_each_language_state(client, users):
    BriefingFactory(title_en="Both languages")
    BriefingFactory(title_en="English only", publish_zh_hans=False)
    BriefingFactory(title_en="A draft", status=PublishStatus.DRAFT)
    client_for(client, users["editor"])
    body = client.get(url(Briefing, "changelist")).content.decode()
    assert body.count('<span class="publication-published" title="published">EN ✓</span>') == 2
    assert body.count('<span class="publication-published" title="published">中文 ✓</span>') == 1
    assert body.count('<span class="publication-hidden" title="not published">中文 —</span>') == 2


# --- translating beside the source ------------------------------------------------------------


def test_each_translated_field_shows_the_other_language_beside_it(client, users):
    briefing = BriefingFactory(
        title_en="Trade facilitation", title_zh_hans="", lead_en="<p>The <em>lead</em>.</p>"
    )
    ResultFactory(briefing=briefing, order=1, text_en="Consultation mechanisms", text_zh_hans="")
    client_for(client, users["translator"])
    response = client.get(url(Briefing, "change", briefing.pk) + "?translate=zh-hans")
    body = response.content.decode()
    # Beside the empty Chinese title: the English one, read-only; the lead's formatting kept.
    assert '<div class="translation-source" lang="en">' in body
    assert "Trade facilitation" in body.split('name="title_zh_hans"')[1].split("</fieldset>")[0]
    assert "<p>The <em>lead</em>.</p>" in body.split('name="lead_zh_hans"')[1]
    assert "Consultation mechanisms" in body.split('name="results-0-text_zh_hans"')[1]
    assert "admin-extra/translate.js" in body


def test_the_translation_status_links_to_the_form_in_the_missing_language(client, users):
    briefing = BriefingFactory(title_zh_hans="")
    result = ResultFactory(briefing=briefing, order=1, text_en="A result", text_zh_hans="")
    client_for(client, users["translator"])
    body = client.get(reverse("translation_status")).content.decode()
    change = url(Briefing, "change", briefing.pk)
    assert f'href="{change}?translate=zh-hans"' in body
    assert body.count(f'href="{change}?translate=zh-hans"') == 2  # the briefing's title and its result
    assert str(result) in body


# --- history that covers everything -----------------------------------------------------------


def edit(client, obj, **changes):
    change = url(type(obj), "change", obj.pk)
    data = form_data(client.get(change))
    data.update(changes)
    response = client.post(change, data)
    assert response.status_code == 302, errors_of(response)


@pytest.mark.django_db(transaction=False)
def test_bootstrap_gives_the_seed_a_starting_version_its_first_edit_is_compared_and_undone(client, users):
    call_command("bootstrap", verbosity=0)
    briefing = Briefing.objects.get(slug="china-asean-customs-cooperation")
    first = Version.objects.get_for_object(briefing).get()
    assert first.revision.get_comment() == "Initial version"
    # The results and sections are part of that starting version.
    assert first.revision.version_set.count() == 1 + briefing.results.count() + briefing.sections.count()
    original = briefing.title_en
    client_for(client, users["editor"])
    edit(client, briefing, title_en="An edited title")
    latest = Version.objects.get_for_object(briefing).first()
    compare = client.get(url(Briefing, "compare", briefing.pk, latest.pk))
    rows = {row["name"]: row for row in compare.context["rows"]}
    assert rows["title_en"]["old"] == original and rows["title_en"]["new"] == "An edited title"
    revert = url(Briefing, "revision", briefing.pk, first.pk)
    assert client.post(revert, form_data(client.get(revert))).status_code == 302
    briefing.refresh_from_db()
    assert briefing.title_en == original
    # Running bootstrap again adds no second starting version.
    call_command("bootstrap", verbosity=0)
    assert Version.objects.get_for_object(briefing).count() == 3


def test_migrate_gives_existing_content_a_starting_version(db):
    briefing = BriefingFactory()
    assert not Version.objects.get_for_object(briefing).exists()
    from publishing.apps import create_initial_versions

    create_initial_versions()
    assert Version.objects.get_for_object(briefing).get().revision.get_comment() == "Initial version"


def test_an_inline_change_is_listed_compared_and_reverted(client, users):
    briefing = BriefingFactory()
    result = ResultFactory(briefing=briefing, order=2, text_en="Rules of origin", text_zh_hans="原产地规则")
    call_command("createinitialrevisions", "briefing.Briefing", comment="Initial version", verbosity=0)
    client_for(client, users["editor"])
    edit(client, briefing, **{"results-0-text_zh_hans": "优惠原产地规则"})
    versions = Version.objects.get_for_object(briefing)
    latest, first = versions[0], versions[1]
    history = client.get(url(Briefing, "history", briefing.pk)).content.decode()
    assert "Result «(2) Rules of origin»: text [zh-hans]" in history
    compare = client.get(url(Briefing, "compare", briefing.pk, latest.pk))
    row = next(row for row in compare.context["rows"] if row["name"] == "text_zh_hans")
    assert (row["old"], row["new"]) == ("原产地规则", "优惠原产地规则")
    assert "<ins>优惠</ins>" in compare.content.decode()
    revert = url(Briefing, "revision", briefing.pk, first.pk)
    assert client.post(revert, form_data(client.get(revert))).status_code == 302
    result.refresh_from_db()
    assert result.text_zh_hans == "原产地规则"


def test_the_history_list_names_changed_fields_without_reading_their_values(client, users):
    """The list names what each version changed; the values (a section read by its id, the
    difference of long texts) are the comparison page's work, not the list's."""
    briefing = BriefingFactory()
    client_for(client, users["editor"])
    for _edit in range(3):
        edit(client, briefing, section=SectionFactory().pk)
    section_table = Section._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        history = client.get(url(Briefing, "history", briefing.pk))
    label = str(Briefing._meta.get_field("section").verbose_name)
    assert [label in row["changed"] for row in history.context["history_rows"]] == [True, True, False]
    assert not [q["sql"] for q in queries.captured_queries if f'FROM "{section_table}"' in q["sql"]]
    latest = Version.objects.get_for_object(briefing).first()
    compare = client.get(url(Briefing, "compare", briefing.pk, latest.pk))
    row = next(row for row in compare.context["rows"] if row["name"] == "section_id")
    assert row["new"] == str(Briefing.objects.get(pk=briefing.pk).section)


def test_the_history_list_reads_the_same_number_of_queries_however_many_versions(client, users):
    """Every version's rows (a briefing's results) are read in one query, not two per version."""
    briefing = BriefingFactory()
    ResultFactory(briefing=briefing, order=1, text_en="Rules of origin", text_zh_hans="原产地规则")
    client_for(client, users["editor"])
    history = url(Briefing, "history", briefing.pk)
    counts = []
    for edits in (2, 3):
        for number in range(edits):
            edit(client, briefing, **{"results-0-text_en": f"Rules of origin, edit {len(counts)}.{number}"})
        with CaptureQueriesContext(connection) as queries:
            rows = client.get(history).context["history_rows"]
        counts.append(len(queries))
        # Newest first; each version but the first changed the result's English text.
        assert [any(label.endswith(": text [en]") for label in row["changed"]) for row in rows] == [True] * (
            len(rows) - 1
        ) + [False]
    assert len(rows) == 5
    assert counts[0] == counts[1]


def test_an_added_row_is_named_in_the_history(client, users):
    briefing = BriefingFactory()
    call_command("createinitialrevisions", "briefing.Briefing", comment="Initial version", verbosity=0)
    client_for(client, users["editor"])
    change = url(Briefing, "change", briefing.pk)
    data = form_data(client.get(change))
    data.update(
        {
            "results-TOTAL_FORMS": "1",
            "results-0-order": "1",
            "results-0-text_en": "Consultation mechanisms",
            "results-0-text_zh_hans": "磋商机制",
        }
    )
    assert client.post(change, data).status_code == 302
    history = client.get(url(Briefing, "history", briefing.pk)).content.decode()
    assert "Result «(1) Consultation mechanisms» (added)" in history
    assert Result.objects.count() == 1


def test_the_comparison_is_titled_with_a_date_and_the_editor_and_shows_readable_values(client, users):
    users["editor"].first_name, users["editor"].last_name = "Wei", "Li"
    users["editor"].save()
    old_section, new_section = SectionFactory(title_en="Special Features"), SectionFactory(title_en="News")
    briefing = BriefingFactory(section=old_section)
    call_command("createinitialrevisions", "briefing.Briefing", comment="Initial version", verbosity=0)
    client_for(client, users["editor"])
    edit(client, briefing, section=str(new_section.pk), publish_zh_hans="")
    latest = Version.objects.get_for_object(briefing).first()
    response = client.get(url(Briefing, "compare", briefing.pk, latest.pk))
    title = response.context["title"]
    assert title.startswith("Version of ") and title.endswith(" by Wei Li")
    assert str(latest.revision.date_created.astimezone().year) in title
    rows = {row["name"]: row for row in response.context["rows"]}
    assert (rows["section_id"]["old"], rows["section_id"]["new"]) == ("Special Features", "News")
    assert (rows["publish_zh_hans"]["old"], rows["publish_zh_hans"]["new"]) == ("yes", "no")
    chinese = client.get(url(Briefing, "compare", briefing.pk, latest.pk), HTTP_ACCEPT_LANGUAGE="zh-hans")
    rows = {row["name"]: row for row in chinese.context["rows"]}
    assert (rows["publish_zh_hans"]["old"], rows["publish_zh_hans"]["new"]) == ("是", "否")
    assert chinese.context["title"].startswith("Wei Li于") and "年" in chinese.context["title"]
