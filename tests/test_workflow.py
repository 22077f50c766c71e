"""The editorial workflow (issue 4): roles, publish states per language, staff
preview, history with revert and recover, translation status, slug redirects
and sign-in lockout. Every test drives the real admin or the real public pages.
"""

import datetime
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.widgets import SplitDateTimeWidget
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from briefing.models import Agreement, Briefing, Section
from publishing.models import PublishStatus, SlugRedirect
from symposia.models import Attendee, ImportRecord, Organization, Symposium

from .factories import AgreementFactory, BriefingFactory, SectionFactory, SymposiumFactory

PASSWORD = "correct-horse-battery-staple-42"


def url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def make_user(name, role=None, **extra):
    user = User.objects.create_user(name, password=PASSWORD, is_staff=True, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def users(db):
    return {
        "editor": make_user("editor", "Editors"),
        "translator": make_user("translator", "Translators"),
        "registrar": make_user("registrar", "Registrars"),
        "nobody": make_user("nobody"),
        "superuser": User.objects.create_superuser("root", "root@example.org", PASSWORD),
    }


def client_for(client, user):
    client.force_login(user)
    return client


def form_data(response):
    """What a browser would send back from an admin change form, unchanged."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            value = form[name].value()
            if isinstance(field.widget, SplitDateTimeWidget):
                if value:
                    value = field.to_python(value) if isinstance(value, list) else value
                    local = timezone.localtime(value) if timezone.is_aware(value) else value
                    data[f"{key}_0"] = local.strftime("%Y-%m-%d")
                    data[f"{key}_1"] = local.strftime("%H:%M:%S")
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(item) for item in value]
            elif value is not None:
                data[key] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


# --- roles --------------------------------------------------------------------------


def test_the_data_migration_creates_the_three_roles(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Translators", "Registrars"}


CONTENT_PAGES = [
    (Briefing, "changelist"),
    (Agreement, "changelist"),
    (Section, "changelist"),
    (Symposium, "changelist"),
    (Organization, "changelist"),
]
ATTENDEE_PAGES = [(Attendee, "changelist"), (Attendee, "add"), (ImportRecord, "changelist")]


@pytest.mark.parametrize(
    ("role", "content", "attendees"),
    [
        ("editor", 200, 403),
        ("translator", 200, 403),
        ("registrar", 403, 200),
        ("nobody", 403, 403),
        ("superuser", 200, 200),
    ],
)
def test_each_role_opens_its_admin_pages_and_no_others(client, users, role, content, attendees):
    client_for(client, users[role])
    for model, view in CONTENT_PAGES:
        expected = content
        if role == "registrar" and model is Organization:
            expected = 200  # view only, for the attendee form's organization look-up
        assert client.get(url(model, view)).status_code == expected, (role, model, view)
    for model, view in ATTENDEE_PAGES:
        expected = attendees
        if role == "registrar" and view == "changelist" and model is ImportRecord:
            expected = 200
        assert client.get(url(model, view)).status_code == expected, (role, model, view)
    # The registrar may look up organizations (attendee form autocomplete) but not change them.
    if role == "registrar":
        organization = Organization.objects.create(name_en="Org", name_zh_hans="机构", slug="org")
        assert client.get(url(Organization, "change", organization.pk)).status_code == 200
        assert client.post(url(Organization, "delete", organization.pk), {"post": "yes"}).status_code == 403


def test_a_staff_user_without_a_role_sees_nothing_to_change(client, users):
    response = client_for(client, users["nobody"]).get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []
    assert client.get(reverse("translation_status")).status_code == 403


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_add_and_delete_are_editor_actions(client, users, role):
    briefing = BriefingFactory()
    client_for(client, users[role])
    assert client.get(url(Briefing, "add")).status_code == 200
    response = client.post(url(Briefing, "delete", briefing.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Briefing.objects.filter(pk=briefing.pk).exists()


@pytest.mark.parametrize("role", ["translator", "registrar", "nobody"])
def test_others_may_neither_add_nor_delete_content(client, users, role):
    briefing = BriefingFactory()
    client_for(client, users[role])
    assert client.get(url(Briefing, "add")).status_code == 403
    assert client.post(url(Briefing, "delete", briefing.pk), {"post": "yes"}).status_code == 403
    assert Briefing.objects.filter(pk=briefing.pk).exists()


def test_translator_changes_the_chinese_text_only(client, users):
    briefing = BriefingFactory(status=PublishStatus.DRAFT, title_zh_hans="", slug="draft-one")
    client_for(client, users["translator"])
    response = client.get(url(Briefing, "change", briefing.pk))
    form = response.context["adminform"].form
    assert "title_zh_hans" in form.fields and "lead_zh_hans" in form.fields
    for readonly in ("status", "published_at", "publish_en", "publish_zh_hans", "slug", "section"):
        assert readonly not in form.fields, readonly
    data = form_data(response)
    data["title_zh_hans"] = "译好的标题"
    # Whatever a translator sends for the protected fields is ignored.
    data.update({"status": PublishStatus.PUBLISHED, "slug": "hijacked"})
    response = client.post(url(Briefing, "change", briefing.pk), data)
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.title_zh_hans == "译好的标题"
    assert briefing.status == PublishStatus.DRAFT
    assert briefing.slug == "draft-one"


def test_translator_cannot_edit_list_order_in_the_section_list(client, users):
    SectionFactory()
    response = client_for(client, users["translator"]).get(url(Section, "changelist"))
    assert response.context["cl"].list_editable == ()
    response = client_for(client, users["editor"]).get(url(Section, "changelist"))
    assert list(response.context["cl"].list_editable) == ["order"]


def test_editor_publishes_a_briefing_for_a_date(client, users):
    briefing = BriefingFactory(status=PublishStatus.DRAFT, slug="to-publish")
    client_for(client, users["editor"])
    response = client.get(url(Briefing, "change", briefing.pk))
    assert "status" in response.context["adminform"].form.fields
    data = form_data(response)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    data.update(
        {
            "status": PublishStatus.PUBLISHED,
            "published_at_0": tomorrow.strftime("%Y-%m-%d"),
            "published_at_1": tomorrow.strftime("%H:%M:%S"),
        }
    )
    assert client.post(url(Briefing, "change", briefing.pk), data).status_code == 302
    briefing.refresh_from_db()
    assert briefing.status == PublishStatus.PUBLISHED
    assert not Briefing.objects.published().filter(pk=briefing.pk).exists()  # not yet: tomorrow


# --- publish states and visibility ---------------------------------------------------


def detail(briefing, language):
    with translation.override(language):
        return briefing.get_absolute_url()


@pytest.mark.parametrize(
    ("fields", "en", "zh"),
    [
        ({"status": PublishStatus.DRAFT}, 404, 404),
        ({"published_at": timezone.now() + datetime.timedelta(days=1)}, 404, 404),
        ({}, 200, 200),
        ({"publish_zh_hans": False}, 200, 404),
        ({"publish_en": False}, 404, 200),
        ({"status": PublishStatus.DRAFT, "publish_zh_hans": False}, 404, 404),
    ],
)
def test_the_public_sees_published_due_items_in_their_published_languages(client, db, fields, en, zh):
    briefing = BriefingFactory(**fields)
    assert client.get(detail(briefing, "en")).status_code == en
    assert client.get(detail(briefing, "zh-hans")).status_code == zh


def test_a_future_date_shows_the_item_once_it_has_come(client, db):
    briefing = BriefingFactory(published_at=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get(detail(briefing, "en")).status_code == 404
    Briefing.objects.filter(pk=briefing.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(detail(briefing, "en")).status_code == 200


def test_reader_of_an_unpublished_language_gets_a_notice_with_a_link(client, db):
    briefing = BriefingFactory(publish_zh_hans=False, title_en="English only")
    response = client.get(detail(briefing, "zh-hans"))
    assert response.status_code == 404
    body = response.content.decode()
    assert "此页面尚未以本语言发布" in body
    assert f'href="{detail(briefing, "en")}"' in body
    assert "English only" in body
    assert 'hreflang="zh-Hans" href=' not in body and 'name="robots" content="noindex"' in body


def test_hreflang_and_language_switch_leave_out_unpublished_languages(client, db):
    briefing = BriefingFactory(publish_zh_hans=False)
    body = client.get(detail(briefing, "en")).content.decode()
    assert 'hreflang="en"' in body
    assert 'hreflang="zh-Hans"' not in body
    both = BriefingFactory()
    assert 'hreflang="zh-Hans"' in client.get(detail(both, "en")).content.decode()


@pytest.mark.parametrize("factory", [AgreementFactory, SymposiumFactory])
def test_agreements_and_symposia_are_published_per_language_too(client, db, factory):
    item = factory(publish_zh_hans=False)
    assert client.get(detail(item, "en")).status_code == 200
    response = client.get(detail(item, "zh-hans"))
    assert response.status_code == 404
    assert detail(item, "en") in response.content.decode()


def test_published_lists_follow_the_language(client, db):
    BriefingFactory(publish_zh_hans=False, title_en="Only English", title_zh_hans="只有英文")
    assert "Only English" in client.get(reverse("newsroom:home")).content.decode()
    with translation.override("zh-hans"):
        home = reverse("newsroom:home")
    assert "只有英文" not in client.get(home).content.decode()


# --- staff preview ------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"status": PublishStatus.DRAFT},
        {"published_at": timezone.now() + datetime.timedelta(days=3)},
        {"publish_zh_hans": False},
    ],
)
def test_staff_preview_unpublished_items_with_a_banner_the_public_never_sees(client, users, fields):
    briefing = BriefingFactory(title_zh_hans="预览标题", **fields)
    page = detail(briefing, "zh-hans")
    anonymous = client.get(page)
    assert anonymous.status_code == 404
    assert "预览标题" not in anonymous.content.decode()
    client_for(client, users["translator"])
    response = client.get(page)
    assert response.status_code == 200
    body = response.content.decode()
    assert "预览标题" in body and 'class="preview-banner"' in body
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    again = client.get(page)
    assert again.status_code == 404 and 'class="preview-banner"' not in again.content.decode()


def test_staff_see_published_pages_without_a_banner(client, users):
    briefing = BriefingFactory()
    response = client_for(client, users["editor"]).get(detail(briefing, "en"))
    assert response.status_code == 200
    assert 'class="preview-banner"' not in response.content.decode()


def test_inactive_or_non_staff_users_get_no_preview(client, db):
    briefing = BriefingFactory(status=PublishStatus.DRAFT)
    member = User.objects.create_user("member", password=PASSWORD)
    assert client_for(client, member).get(detail(briefing, "en")).status_code == 404


@pytest.mark.parametrize(
    ("role", "previews"),
    [("editor", True), ("translator", True), ("superuser", True), ("registrar", False), ("nobody", False)],
)
def test_only_staff_who_may_change_content_preview_it(client, users, role, previews):
    """Registrars (attendees only) and staff without a role see the site as readers do."""
    briefing = BriefingFactory(status=PublishStatus.DRAFT, title_en="Draft only editors see")
    symposium = SymposiumFactory(status=PublishStatus.DRAFT, title_en="Draft symposium")
    client_for(client, users[role])
    for path in (detail(briefing, "en"), symposium.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == (200 if previews else 404), (role, path)
        assert (
            "Draft" in response.content.decode() and 'class="preview-banner"' in response.content.decode()
        ) == previews
        if previews:
            assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


# --- history: compare, revert, recover ------------------------------------------------


def edit_title(client, briefing, title_en):
    response = client.get(url(Briefing, "change", briefing.pk))
    data = form_data(response)
    data["title_en"] = title_en
    response = client.post(url(Briefing, "change", briefing.pk), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


def test_history_names_user_and_fields_and_compares_both_languages(client, users):
    briefing = BriefingFactory(title_en="Right title", title_zh_hans="正确标题")
    client_for(client, users["editor"])
    edit_title(client, briefing, "Right title")
    edit_title(client, briefing, "Wrong title")
    versions = Version.objects.get_for_object(briefing)
    assert versions.count() == 2
    history = client.get(url(Briefing, "history", briefing.pk))
    body = history.content.decode()
    assert "editor" in body and "title [en]" in body
    latest = versions.first()
    compare = client.get(url(Briefing, "compare", briefing.pk, latest.pk))
    assert compare.status_code == 200
    rows = {row["name"]: row for row in compare.context["rows"]}
    assert set(rows) == {"title_en"}
    assert rows["title_en"]["old"] == "Right title" and rows["title_en"]["new"] == "Wrong title"
    assert "<del>Right</del>" in compare.content.decode()


def test_the_compare_page_styles_come_from_a_stylesheet_the_csp_allows(client, users):
    """Our Content-Security-Policy allows no inline style: the comparison's colours must come
    from a stylesheet of our own origin, or the browser shows every change unmarked."""
    from django.contrib.staticfiles import finders

    briefing = BriefingFactory(title_en="Right title")
    client_for(client, users["editor"])
    edit_title(client, briefing, "Wrong title")
    version = Version.objects.get_for_object(briefing).first()
    compare = client.get(url(Briefing, "compare", briefing.pk, version.pk))
    body = compare.content.decode()
    assert "<style" not in body and " style=" not in body
    assert "style-src 'self'" in compare["Content-Security-Policy"]
    assert "'unsafe-inline'" not in compare["Content-Security-Policy"]
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]*admin-extra/admin\.css)"', body).group(1)
    css = Path(finders.find(stylesheet.removeprefix("/static/"))).read_text()
    assert ".compare del" in css and ".compare ins" in css


def test_compare_finds_only_versions_of_the_object_it_names(client, users):
    import reversion

    briefing = BriefingFactory()
    with reversion.create_revision():
        agreement = AgreementFactory(pk=briefing.pk)
    other = Version.objects.get_for_object(agreement).get()
    assert other.object_id == str(briefing.pk)
    client_for(client, users["editor"])
    assert client.get(url(Briefing, "compare", briefing.pk, other.pk)).status_code == 404
    assert client.get(url(Agreement, "compare", agreement.pk, other.pk)).status_code == 200


def test_editor_reverts_a_wrong_edit_from_history(client, users):
    briefing = BriefingFactory(title_en="Right title", slug="revert-me")
    client_for(client, users["editor"])
    edit_title(client, briefing, "Right title")
    good = Version.objects.get_for_object(briefing).first()
    edit_title(client, briefing, "Wrong title")
    revision_url = url(Briefing, "revision", briefing.pk, good.pk)
    response = client.get(revision_url)
    assert response.status_code == 200
    response = client.post(revision_url, form_data(response))
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.title_en == "Right title"
    assert "Reverted" in Version.objects.get_for_object(briefing).first().revision.get_comment()


def test_translator_sees_history_but_may_not_revert_or_recover(client, users):
    briefing = BriefingFactory()
    client_for(client, users["editor"])
    edit_title(client, briefing, "Edited")
    version = Version.objects.get_for_object(briefing).first()
    client_for(client, users["translator"])
    assert client.get(url(Briefing, "history", briefing.pk)).status_code == 200
    assert client.get(url(Briefing, "compare", briefing.pk, version.pk)).status_code == 200
    assert client.get(url(Briefing, "revision", briefing.pk, version.pk)).status_code == 403
    assert client.get(url(Briefing, "recoverlist")).status_code == 403
    assert client.get(url(Briefing, "recover", version.pk)).status_code == 403


def test_editor_recovers_a_deleted_briefing_with_its_results(client, users):
    briefing = BriefingFactory(title_en="Deleted by mistake", slug="deleted")
    briefing.results.create(order=1, text_en="A result", text_zh_hans="一项成果")
    client_for(client, users["editor"])
    edit_title(client, briefing, "Deleted by mistake")
    assert client.post(url(Briefing, "delete", briefing.pk), {"post": "yes"}).status_code == 302
    assert not Briefing.objects.filter(slug="deleted").exists()
    recover_list = client.get(url(Briefing, "recoverlist"))
    assert "Deleted by mistake" in recover_list.content.decode()
    version = Version.objects.get_deleted(Briefing).get()
    response = client.get(url(Briefing, "recover", version.pk))
    assert response.status_code == 200
    assert client.post(url(Briefing, "recover", version.pk), form_data(response)).status_code == 302
    recovered = Briefing.objects.get(slug="deleted")
    assert recovered.title_en == "Deleted by mistake"
    assert list(recovered.results.values_list("text_zh_hans", flat=True)) == ["一项成果"]


def test_symposium_history_works_with_the_tabbed_admin(client, users):
    symposium = SymposiumFactory()
    client_for(client, users["editor"])
    response = client.get(url(Symposium, "change", symposium.pk))
    data = form_data(response)
    data["theme_zh_hans"] = "新的主题"
    assert client.post(url(Symposium, "change", symposium.pk), data).status_code == 302
    version = Version.objects.get_for_object(symposium).get()
    revision = client.get(url(Symposium, "revision", symposium.pk, version.pk))
    assert revision.status_code == 200
    assert "tabbed_translation_fields.js" in revision.content.decode()


# --- translation status ----------------------------------------------------------------


def test_seed_content_passes_the_translation_report(seed, capsys):
    call_command("translation_report")
    assert "0 text(s) missing or untranslated" in capsys.readouterr().out


def test_report_fails_when_published_content_lacks_chinese(db, capsys):
    BriefingFactory(title_en="Half done", lead_zh_hans="")
    with pytest.raises(CommandError) as failure:
        call_command("translation_report")
    assert failure.value.returncode == 1
    out = capsys.readouterr().out
    assert "briefing.Briefing" in out and "lead\tzh-hans\tmissing\tPUBLISHED" in out


def test_report_flags_english_copied_into_the_chinese_field(db, capsys):
    BriefingFactory(lead_en="Same text", lead_zh_hans="Same text")
    with pytest.raises(CommandError):
        call_command("translation_report")
    assert "lead\tzh-hans\tuntranslated\tPUBLISHED" in capsys.readouterr().out


@pytest.mark.parametrize("fields", [{"publish_zh_hans": False}, {"status": PublishStatus.DRAFT}])
def test_report_passes_when_the_incomplete_language_is_not_published(db, capsys, fields):
    BriefingFactory(lead_zh_hans="", **fields)
    call_command("translation_report")
    assert "lead\tzh-hans\tmissing\tnot published" in capsys.readouterr().out


def test_translation_column_and_status_page(client, users):
    BriefingFactory(title_en="Missing Chinese lead", lead_zh_hans="")
    client_for(client, users["translator"])
    changelist = client.get(url(Briefing, "changelist")).content.decode()
    assert 'class="translation-incomplete"' in changelist and "中文 ✗" in changelist
    page = client.get(reverse("translation_status"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Missing Chinese lead" in body and "lead paragraph" in body
    # Words for a translator, not an operator's command line (that is in the README).
    assert "manage.py" not in body and "translation_report" not in body
    assert "translate those first" in body
    client_for(client, users["registrar"])
    assert client.get(reverse("translation_status")).status_code == 403


def test_only_those_who_may_open_it_see_the_translation_status_link(client, users):
    link = 'class="translation-status-link"'
    client_for(client, users["translator"])
    assert link in client.get(reverse("admin:index")).content.decode()
    client_for(client, users["registrar"])
    assert link not in client.get(reverse("admin:index")).content.decode()


# --- slug redirects ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("factory", [BriefingFactory, AgreementFactory, SymposiumFactory])
def test_an_old_slug_answers_301_to_the_new_url(client, db, factory, language):
    item = factory(slug="old-slug")
    with translation.override(language):
        old_url = item.get_absolute_url()
        item.slug = "new-slug"
        item.save()
        new_url = item.get_absolute_url()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_a_slug_taken_back_stops_redirecting(client, db):
    briefing = BriefingFactory(slug="first")
    briefing.slug = "second"
    briefing.save()
    briefing.slug = "first"
    briefing.save()
    assert not SlugRedirect.objects.filter(old_slug="first").exists()
    assert client.get(detail(briefing, "en")).status_code == 200
    assert client.get(detail(briefing, "en").replace("first", "second")).status_code == 301


def test_an_old_slug_of_a_draft_is_not_revealed(client, db):
    briefing = BriefingFactory(slug="was-public")
    briefing.slug = "secret-draft"
    briefing.status = PublishStatus.DRAFT
    briefing.save()
    assert client.get(detail(briefing, "en").replace("secret-draft", "was-public")).status_code == 404


# --- sign-in lockout ------------------------------------------------------------------------


def sign_in(client, username, password):
    return client.post(
        reverse("admin:login") + "?next=" + reverse("admin:index"),
        {"username": username, "password": password},
        REMOTE_ADDR="192.0.2.10",
    )


def test_repeated_failed_sign_ins_lock_out_with_a_clear_message(client, users, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor", "wrong").status_code == 200
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    # Even the right password is refused while locked.
    assert sign_in(client, "editor", PASSWORD).status_code == 429


def test_failures_for_one_user_name_count_across_addresses(client, users, settings):
    """100 guesses from 20 addresses (5 each): only the first AXES_FAILURE_LIMIT are tried; the
    one that reaches the limit locks the user name (429), and every later one is refused unchecked."""
    answers = []
    for address in range(20):
        for _guess in range(5):
            response = client.post(
                reverse("admin:login"),
                {"username": "editor", "password": "wrong"},
                REMOTE_ADDR=f"198.51.100.{address + 1}",
            )
            answers.append(response.status_code)
    limit = settings.AXES_FAILURE_LIMIT
    assert answers == [200] * (limit - 1) + [429] * (100 - limit + 1)
    # Locked from a new address too, even with the right password, until a superuser unlocks it.
    fresh = client.post(
        reverse("admin:login"), {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert fresh.status_code == 429
    # Another user name is not locked.
    assert sign_in(client, "translator", PASSWORD).status_code == 302


def test_lockout_message_in_chinese(client, users, settings):
    client.cookies["django_language"] = "zh-hans"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="192.0.2.11",
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 429
    assert "登录已被锁定" in response.content.decode()


def test_superuser_unlocks_from_the_admin(client, users, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong")
    attempt = AccessAttempt.objects.get(username="editor")
    admin = client.__class__()
    admin.force_login(users["superuser"])
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "editor" in listing.content.decode()
    response = admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_editors_cannot_unlock(client, users):
    assert (
        client_for(client, users["editor"]).get(reverse("admin:axes_accessattempt_changelist")).status_code
        == 403
    )


def test_a_successful_sign_in_resets_the_count(client, users, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "editor", "wrong").status_code == 200


# --- the "done when" story ---------------------------------------------------------


def test_editor_drafts_translator_completes_editor_publishes(client, users):
    section = SectionFactory()
    editor, translator = client.__class__(), client.__class__()
    editor.force_login(users["editor"])
    translator.force_login(users["translator"])
    data = {
        "section": section.pk,
        "title_en": "New cooperation briefing",
        "slug": "new-cooperation",
        "lead_en": "Lead in English.",
        "status": PublishStatus.DRAFT,
        "published_at_0": "2030-01-01",
        "published_at_1": "09:00:00",
        "publish_en": "on",
        "results-TOTAL_FORMS": "0",
        "results-INITIAL_FORMS": "0",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
    }
    assert editor.post(url(Briefing, "add"), data).status_code == 302
    briefing = Briefing.objects.get(slug="new-cooperation")
    assert client.get(detail(briefing, "en")).status_code == 404  # a draft

    response = translator.get(url(Briefing, "change", briefing.pk))
    form = form_data(response)
    form.update({"title_zh_hans": "新的合作简介", "lead_zh_hans": "中文导语。"})
    assert translator.post(url(Briefing, "change", briefing.pk), form).status_code == 302

    response = editor.get(url(Briefing, "change", briefing.pk))
    form = form_data(response)
    form.update({"status": PublishStatus.PUBLISHED, "publish_zh_hans": "on"})
    past = timezone.localtime() - datetime.timedelta(minutes=1)
    form.update({"published_at_0": past.strftime("%Y-%m-%d"), "published_at_1": past.strftime("%H:%M:%S")})
    assert editor.post(url(Briefing, "change", briefing.pk), form).status_code == 302
    assert "新的合作简介" in client.get(detail(briefing, "zh-hans")).content.decode()
    call_command("translation_report")
