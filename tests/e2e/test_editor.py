"""Issue 13 in a real browser, under the production Content-Security-Policy: an editor
uploads a photograph and a PDF to the library, writes a new briefing in the rich-text
editor (a heading, a list, a link, bold text), gives it the photograph and the PDF, and
cannot publish it in Chinese; a translator, seeing the English beside each Chinese
field, translates it; the editor publishes it in Chinese; readers see it, formatted,
with its image and attachment, in both languages, in the archive and its section.
The browser reports no CSP violation at any step.

With SCREENSHOTS_DIR set (`make screenshots`) it writes the README's pictures of the
editor, the image library and a briefing with an image.
"""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType

from briefing.models import Briefing
from library.models import Image

from .. import media_files
from ..factories import SectionFactory
from .test_newsroom import _screenshot

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password-13"


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def editor_for(page, field):
    """The rich-text editor of a field (its textarea is hidden inside it)."""
    return page.locator(f".prose-editor:has(#id_{field}) .tiptap")


def choose(page, field, text):
    """Pick an item in an admin autocomplete (select2) widget."""
    page.locator(f"#id_{field} + .select2").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def open_tab(page, field, language):
    """Clicks the `language` tab ("zh_hans", "en") of the tabs holding `field`: the tab's link ends
    in the language's suffix (its text is the language's name: English, 简体中文)."""
    tabs = page.locator(".ui-tabs").filter(has=page.locator(f"#id_{field}"))
    tabs.locator(f'.ui-tabs-nav a[href$="_{language}"]').first.click()


@pytest.fixture
def roles(transactional_db):
    """The roles as their migrations make them (a browser test's database was emptied by the
    ones before it): the same permissions, from the migrations' own lists."""
    ContentType.objects.clear_cache()
    for app_config in django_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    wanted = importlib.import_module("briefing.migrations.0004_roles").role_permissions()
    library = importlib.import_module("library.migrations.0002_roles")
    for name, actions in library.ROLES.items():
        wanted[name] += [(app, f"{action}_{model}") for app, model in library.MODELS for action in actions]
    for name, codenames in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        # By codename: some models have moved app since that migration (site settings, redirects).
        group.permissions.add(*Permission.objects.filter(codename__in=[code for _app, code in codenames]))


def test_write_illustrate_translate_and_publish_a_briefing(
    roles,
    page,
    live_server,
    db,
    production_like,
    violations,
    artifacts,
    tmp_path,
):
    section = SectionFactory(title_en="Special Features", title_zh_hans="专题专栏", slug="special-features")
    for name, role in (("editor", "Editors"), ("translator", "Translators")):
        user = User.objects.create_user(name, password=PASSWORD, is_staff=True, first_name=name.title())
        user.groups.add(Group.objects.get(name=role))
    photo = tmp_path / "kunming-2003.jpg"
    photo.write_bytes(media_files.photo_bytes(width=1800, height=1200))
    pdf = tmp_path / "framework-agreement.pdf"
    pdf.write_bytes(media_files.pdf_bytes())

    # The editor puts a photograph and a PDF in the library.
    sign_in(page, live_server, "editor")
    page.goto(live_server.url + "/admin/library/image/add/")
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_alt_text_en", "Delegates at the first symposium in Kunming")
    page.fill("#id_caption_en", "The first symposium, Kunming, December 2003")
    page.fill("#id_credit", "China Customs")
    open_tab(page, "alt_text_zh_hans", "zh_hans")
    page.fill("#id_alt_text_zh_hans", "昆明首次研讨会的代表")
    open_tab(page, "caption_zh_hans", "zh_hans")
    page.fill("#id_caption_zh_hans", "首次研讨会，昆明，2003年12月")
    page.locator("input[name=_save]").click()
    page.wait_for_selector(".messagelist .success")
    assert page.locator("img.library-preview").count() == 1
    _screenshot(page, artifacts, "admin-image-library")

    page.goto(live_server.url + "/admin/library/document/add/")
    page.set_input_files("#id_file", str(pdf))
    page.fill("#id_title_en", "Framework Agreement (full text)")
    open_tab(page, "title_zh_hans", "zh_hans")
    page.fill("#id_title_zh_hans", "框架协议（全文）")
    page.locator("input[name=_save]").click()
    page.wait_for_selector(".messagelist .success")

    # A new briefing, written in the rich-text editor.
    page.goto(live_server.url + "/admin/briefing/briefing/add/")
    page.wait_for_selector(".ui-tabs-nav")
    assert not page.locator("#id_publish_en").is_checked()
    assert not page.locator("#id_publish_zh_hans").is_checked()
    page.select_option("#id_section", str(section.pk))
    page.fill("#id_title_en", "Customs cooperation reaches Kunming")
    lead = editor_for(page, "lead_en")
    lead.click()
    page.keyboard.type("## Why it matters")
    page.keyboard.press("Enter")
    page.keyboard.type("Clearance is ")
    page.keyboard.press("Control+b")
    page.keyboard.type("faster")
    page.keyboard.press("Control+b")
    page.keyboard.type(" for everyone.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Kunming")
    page.keyboard.press("Enter")
    page.keyboard.type("Xiamen")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Read more at https://www.wcoomd.org ")
    page.keyboard.press("Enter")
    # A photograph inside the text, chosen from the library with the editor's image button.
    page.locator(".prose-editor:has(#id_lead_en) .material-icons", has_text="image").click()
    dialog = page.locator("dialog.prose-editor-dialog, .prose-editor-dialog").last
    dialog.locator("select").select_option(index=0)
    dialog.locator("button[type=submit]").click()
    choose(page, "lead_image", "Delegates at the first")
    choose(page, "documents", "Framework Agreement")
    page.select_option("#id_status", "published")
    page.check("#id_publish_en")
    page.check("#id_publish_zh_hans")  # too early: nothing is in Chinese yet
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".errorlist.nonfield")
    errors = page.locator(".errorlist.nonfield").all_inner_texts()
    assert any("Cannot publish in Chinese: The Chinese “title” is empty." in text for text in errors), errors
    page.uncheck("#id_publish_zh_hans")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    assert not violations(), violations()
    briefing = Briefing.objects.get(slug="customs-cooperation-reaches-kunming")
    assert briefing.lead_en.startswith("<h2>Why it matters</h2><p>Clearance is")
    assert re.search(r"<strong>\s?faster</strong>", briefing.lead_en)
    assert "<ul><li><p>Kunming</p></li><li><p>Xiamen</p></li></ul>" in briefing.lead_en
    assert 'href="https://www.wcoomd.org"' in briefing.lead_en
    image_pk = Image.objects.get().pk
    assert f'<img src="/library/images/{image_pk}/" alt="Delegates at the first symposium in Kunming">' in (
        briefing.lead_en
    )
    assert briefing.published_languages() == ["en"]

    # The translator sees the English beside each Chinese field and translates it.
    sign_in(page, live_server, "translator")
    page.goto(live_server.url + f"/admin/briefing/briefing/{briefing.pk}/change/?translate=zh-hans")
    title_zh = page.locator("#id_title_zh_hans")
    title_zh.wait_for(state="visible")  # the translate link opened the Chinese tab
    source = page.locator(".translation-pair:has(#id_lead_zh_hans) .translation-source")
    assert source.locator("h2").inner_text() == "Why it matters"
    assert (
        "Customs cooperation reaches Kunming"
        in page.locator(".translation-pair:has(#id_title_zh_hans) .translation-source").inner_text()
    )
    title_zh.fill("海关合作走进昆明")
    editor_for(page, "lead_zh_hans").click()
    page.keyboard.type("## 意义")
    page.keyboard.press("Enter")
    page.keyboard.type("通关更加便捷。")
    _screenshot(page, artifacts, "admin-editor")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    assert not violations(), violations()

    # Now the editor can publish it in Chinese.
    sign_in(page, live_server, "editor")
    page.goto(live_server.url + f"/admin/briefing/briefing/{briefing.pk}/change/")
    page.check("#id_publish_zh_hans")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    briefing.refresh_from_db()
    assert briefing.published_languages() == ["en", "zh-hans"]
    page.goto(live_server.url + "/admin/briefing/briefing/")
    row = page.locator("tr", has_text="Customs cooperation reaches Kunming")
    assert row.locator(".publication-published").count() == 2

    # Readers: the formatted text, the photograph, the attachment, in both languages.
    page.context.clear_cookies()
    page.goto(live_server.url + "/en/briefings/customs-cooperation-reaches-kunming/")
    assert page.locator(".lead h2").inner_text() == "Why it matters"
    assert page.locator(".lead strong").inner_text().strip() == "faster"
    assert page.locator(".lead ul li").count() == 2
    assert page.locator('.lead a[href="https://www.wcoomd.org"]').count() == 1
    assert page.locator(".lead figure.library-image picture source[type='image/webp']").count() == 1
    image = page.locator("figure.lead-image img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert page.evaluate("img => img.currentSrc", image.element_handle()).endswith(".webp")
    assert "Framework Agreement (full text)" in page.locator(".documents").inner_text()
    assert "PDF" in page.locator(".documents").inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, artifacts, "briefing-with-image")
    page.goto(live_server.url + "/zh-hans/briefings/customs-cooperation-reaches-kunming/")
    assert page.locator("h1").inner_text() == "海关合作走进昆明"
    assert page.locator(".lead h2").inner_text() == "意义"
    assert page.locator("figure.lead-image img").get_attribute("alt") == "昆明首次研讨会的代表"
    assert "框架协议（全文）" in page.locator(".documents").inner_text()

    # Found in the archive and its section, in both languages.
    for path in ("/en/briefings/", "/en/sections/special-features/", "/zh-hans/briefings/"):
        page.goto(live_server.url + path)
        assert page.locator('a[href$="/briefings/customs-cooperation-reaches-kunming/"]').count() == 1, path
    assert not violations(), violations()
