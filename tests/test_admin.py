"""The admin as staff use it: every page opens, both languages are edited side by
side with our own jQuery UI, search works in Chinese, attendees stay with staff
who may see them, and the symposium list does not grow queries with the data."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from briefing.models import (
    Agreement,
    Briefing,
    BriefingSection,
    Instrument,
    Priority,
    Result,
    Section,
)
from newsroom.models import SiteSettings
from publishing.models import PublishStatus
from symposia.models import Attendee, Organization, Participation, Symposium

JQUERY_UI = "vendor/jquery-ui/jquery-ui.min.js"

REGISTERED = {
    Section,
    Instrument,
    Agreement,
    Briefing,
    Priority,
    SiteSettings,
    Organization,
    Symposium,
    Attendee,
}


def make_symposium(ordinal, year=2003, **fields):
    values = {
        "slug": f"{year}-symposium-{ordinal}",
        "title_en": f"Symposium number {ordinal}",
        "title_zh_hans": f"第{ordinal}次研讨会",
        "theme_en": "Kyoto Convention",
        "theme_zh_hans": "京都公约",
        "city_en": "Kunming",
        "city_zh_hans": "昆明",
        "date": datetime.date(year, 12, 1),
        "delegates_reported": 20,
        "narrative_en": "Delegates met.",
        "narrative_zh_hans": "代表们会面。",
        "status": PublishStatus.PUBLISHED,
    }
    values.update(fields)
    return Symposium.objects.create(ordinal=ordinal, **values)


def make_attendee(symposium, number, organization=None):
    return Attendee.objects.create(
        symposium=symposium,
        name=f"Attendee {symposium.ordinal}-{number}",
        native_name=f"与会者{number}",
        email=f"a{symposium.ordinal}-{number}@example.org",
        organization=organization,
        country="KH",
    )


@pytest.fixture
def content(db):
    """One of everything, with Chinese texts that only Chinese search finds."""
    newsroom = Section.objects.create(title_en="Newsroom", title_zh_hans="新闻发布", slug="newsroom")
    features = Section.objects.create(
        title_en="Special Features", title_zh_hans="专题专栏", slug="special-features", parent=newsroom
    )
    kyoto = Instrument.objects.create(
        name_en="International Convention on the Simplification and Harmonization of Customs Procedures",
        name_zh_hans="关于简化和协调海关制度的国际公约",
        short_name_en="revised Kyoto Convention",
        short_name_zh_hans="经修订的《京都公约》",
        slug="revised-kyoto-convention",
    )
    agreement = Agreement.objects.create(
        title_en="Framework Agreement on Comprehensive Economic Co-operation",
        title_zh_hans="中华人民共和国与东南亚国家联盟全面经济合作框架协议",
        short_title_en="Framework Agreement",
        short_title_zh_hans="框架协议",
        slug="framework-agreement",
        date_signed=datetime.date(2002, 11, 4),
        status=PublishStatus.PUBLISHED,
    )
    briefing = Briefing.objects.create(
        section=features,
        title_en="Briefing on China-ASEAN Customs Cooperation",
        title_zh_hans="中国—东盟海关合作简介",
        slug="china-asean-customs-cooperation",
        lead_en="China and ASEAN signed the Framework Agreement.",
        lead_zh_hans="中国与东盟签署了框架协议。",
        status=PublishStatus.PUBLISHED,
    )
    briefing.agreements.add(agreement)
    Result.objects.create(
        briefing=briefing, order=1, text_en="Consultation mechanisms", text_zh_hans="磋商机制"
    )
    BriefingSection.objects.create(
        briefing=briefing, order=1, heading_en="Capacity building", heading_zh_hans="能力建设"
    )
    gacc = Organization.objects.create(
        name_en="General Administration of Customs of China",
        name_zh_hans="中华人民共和国海关总署",
        short_name_en="China Customs",
        short_name_zh_hans="中国海关",
        slug="china-customs",
        country="CN",
    )
    cambodia = Organization.objects.create(
        name_en="General Department of Customs and Excise of Cambodia",
        name_zh_hans="柬埔寨海关与税务总局",
        slug="cambodia-customs",
        country="KH",
    )
    first = make_symposium(1, 2003)
    Participation.objects.create(symposium=first, organization=cambodia, note_en="delegates")
    priority = Priority.objects.create(
        order=1,
        slug="origin",
        short_title_en="Origin of goods determination",
        short_title_zh_hans="货物原产地判定",
        description_en="Determining origin.",
    )
    priority.instruments.add(kyoto)
    priority.symposia.add(first)
    make_attendee(first, 1, cambodia)
    SiteSettings.objects.create(
        site_name_en="Newsroom",
        site_name_zh_hans="新闻发布",
        sponsor_en="General Administration of Customs",
        sponsor_zh_hans="海关总署",
        copyright_en="All rights reserved",
        copyright_zh_hans="版权所有",
        address_en="No. 6 Jianguomennei Avenue, Beijing",
        address_zh_hans="北京市建国门内大街6号",
    )
    return {"briefing": briefing, "symposium": first, "gacc": gacc, "cambodia": cambodia}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def changelist_results(response):
    return list(response.context["cl"].result_list)


# --- every page opens -------------------------------------------------------------


def test_the_project_models_are_registered():
    assert REGISTERED.issubset(admin.site._registry)


@pytest.mark.parametrize("model", sorted(REGISTERED, key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_superuser_opens_changelist_add_and_change(admin_client, content, model):
    obj = model.objects.first()
    response = admin_client.get(admin_url(model, "changelist"), follow=True)
    assert response.status_code == 200
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj
    if model is SiteSettings:
        obj.delete()  # the add page exists only while there is no record
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert "adminform" in response.context


def test_superuser_adds_a_briefing_in_both_languages(admin_client, content):
    section = Section.objects.get(slug="special-features")
    data = {
        "section": section.pk,
        "title_en": "Second briefing",
        "title_zh_hans": "第二篇简介",
        "slug": "second-briefing",
        "lead_en": "Lead.",
        "lead_zh_hans": "导语。",
        "status": PublishStatus.DRAFT,
        "published_at_0": "2024-01-02",
        "published_at_1": "10:00:00",
        "results-TOTAL_FORMS": "1",
        "results-INITIAL_FORMS": "0",
        "results-0-order": "1",
        "results-0-text_en": "First result",
        "results-0-text_zh_hans": "第一项成果",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
    }
    response = admin_client.post(admin_url(Briefing, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Briefing.objects.get(slug="second-briefing")
    assert created.title_zh_hans == "第二篇简介"
    assert created.results.get().text_zh_hans == "第一项成果"


# --- tabbed translation with our own jQuery UI -------------------------------------


def test_briefing_change_form_has_both_languages_and_local_jquery_ui(admin_client, content):
    briefing = content["briefing"]
    response = admin_client.get(admin_url(Briefing, "change", briefing.pk))
    html = response.content.decode()
    assert 'name="title_en"' in html
    assert 'name="title_zh_hans"' in html
    assert 'name="results-0-text_zh_hans"' in html
    # modeltranslation's marker classes, which its tab script groups by.
    assert "mt-field-title-en" in html
    assert static("modeltranslation/js/tabbed_translation_fields.js") in html
    assert f'src="{static(JQUERY_UI)}"' in html


@pytest.mark.parametrize("model", [Briefing, Symposium, Organization, SiteSettings])
def test_admin_pages_load_nothing_from_another_host(admin_client, content, model):
    html = admin_client.get(admin_url(model, "change", model.objects.first().pk)).content.decode()
    assert "googleapis" not in html
    assert "//ajax" not in html
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    stylesheets = re.findall(r'<link[^>]*\shref="([^"]+)"', html)
    assert static(JQUERY_UI) in sources
    for url in sources + stylesheets:
        # Our own host only: a path such as /static/... or /admin/jsi18n/, never a scheme or //host.
        assert url.startswith("/") and not url.startswith("//"), url


def test_our_jquery_ui_is_served_from_static_files_with_its_licence():
    path = finders.find(JQUERY_UI)
    assert path, "static/vendor/jquery-ui/jquery-ui.min.js is missing"
    with open(path, encoding="utf-8") as script:
        head = script.read(4096)
    assert "jQuery UI - v1.13" in head
    assert "tabs.js" in head  # the widget the tabbed admin calls
    assert finders.find("vendor/jquery-ui/LICENSE.txt")


# --- search in either language, filters -------------------------------------------


def test_briefing_search_finds_chinese_title_and_lead(admin_client, content):
    Briefing.objects.create(
        section=content["briefing"].section,
        title_en="Another briefing",
        title_zh_hans="另一篇",
        lead_en="Other.",
        slug="another",
    )
    url = admin_url(Briefing, "changelist")
    assert changelist_results(admin_client.get(url, {"q": "东盟海关"})) == [content["briefing"]]
    assert changelist_results(admin_client.get(url, {"q": "签署了框架"})) == [content["briefing"]]
    assert changelist_results(admin_client.get(url, {"q": "不存在的文字"})) == []


def test_symposium_search_finds_chinese_title(admin_client, content):
    make_symposium(2, 2004, title_zh_hans="第二次海关研讨会（厦门）", city_zh_hans="厦门", city_en="Xiamen")
    response = admin_client.get(admin_url(Symposium, "changelist"), {"q": "厦门"})
    assert [s.ordinal for s in changelist_results(response)] == [2]


def test_organization_search_finds_chinese_name(admin_client, content):
    response = admin_client.get(admin_url(Organization, "changelist"), {"q": "海关总署"})
    assert changelist_results(response) == [content["gacc"]]


def test_attendee_search_finds_organization_chinese_name(admin_client, content):
    response = admin_client.get(admin_url(Attendee, "changelist"), {"q": "柬埔寨海关"})
    assert [a.name for a in changelist_results(response)] == ["Attendee 1-1"]


def test_participation_organization_autocomplete_searches_chinese(admin_client, content):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "symposia",
            "model_name": "participation",
            "field_name": "organization",
            "term": "海关总署",
        },
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(content["gacc"].pk)]


def test_symposium_year_filter(admin_client, content):
    make_symposium(2, 2005)
    url = admin_url(Symposium, "changelist")
    response = admin_client.get(url)
    assert 'href="?year=2005"' in response.content.decode()
    assert [s.ordinal for s in changelist_results(admin_client.get(url, {"year": "2005"}))] == [2]
    assert [s.ordinal for s in changelist_results(admin_client.get(url, {"year": "2003"}))] == [1]


def test_symposium_changelist_shows_registered_attendee_count(admin_client, content):
    symposium = content["symposium"]
    make_attendee(symposium, 2)
    response = admin_client.get(admin_url(Symposium, "changelist"))
    assert [s.registered_attendees for s in changelist_results(response)] == [2]
    assert '<td class="field-attendee_count">2</td>' in response.content.decode()


# --- attendees: read-only inline, personal data only for permitted staff ------------


def test_symposium_change_page_lists_attendees_read_only(admin_client, content):
    symposium = content["symposium"]
    second = make_attendee(symposium, 2)
    html = admin_client.get(admin_url(Symposium, "change", symposium.pk)).content.decode()
    assert "Registered attendees (2)" in html
    assert "Attendee 1-1" in html
    assert f'href="{admin_url(Attendee, "change", second.pk)}"' in html
    # Nothing to edit, add or delete in that inline.
    assert 'name="attendees-0-name"' not in html
    assert 'name="attendees-0-role"' not in html
    assert 'name="attendees-0-DELETE"' not in html
    assert 'name="attendees-TOTAL_FORMS"' in html  # the formset is there, read-only


def test_saving_a_symposium_leaves_its_attendees_alone(admin_client, content):
    symposium = content["symposium"]
    participation = symposium.participations.get()
    data = {
        "ordinal": "1",
        "title_en": "First symposium, renamed",
        "title_zh_hans": "第一次研讨会",
        "slug": symposium.slug,
        "theme_en": "Kyoto",
        "theme_zh_hans": "京都",
        "city_en": "Kunming",
        "city_zh_hans": "昆明",
        "date": "2003-12-01",
        "date_precision": "month",
        "delegates_reported": "20",
        "narrative_en": "Met.",
        "status": PublishStatus.PUBLISHED,
        "published_at_0": "2003-12-01",
        "published_at_1": "10:00:00",
        "gallery-TOTAL_FORMS": "0",
        "gallery-INITIAL_FORMS": "0",
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "1",
        "participations-0-id": participation.pk,
        "participations-0-symposium": symposium.pk,
        "participations-0-organization": participation.organization_id,
        "participations-0-kind": participation.kind,
        "participations-0-order": "0",
        "attendees-TOTAL_FORMS": "1",
        "attendees-INITIAL_FORMS": "1",
        "attendees-0-id": symposium.attendees.get().pk,
        "attendees-0-symposium": symposium.pk,
        "attendees-0-name": "Tampered",
    }
    response = admin_client.post(admin_url(Symposium, "change", symposium.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    symposium.refresh_from_db()
    assert symposium.title_en == "First symposium, renamed"
    assert list(symposium.attendees.values_list("name", flat=True)) == ["Attendee 1-1"]


def staff_with(*codenames):
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_attendee_names_hidden_from_staff_without_attendee_permission(client, content):
    client.force_login(staff_with("view_symposium", "change_symposium"))
    response = client.get(admin_url(Symposium, "change", content["symposium"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Symposium number 1" in html
    assert "Attendee 1-1" not in html
    assert "Registered attendees" not in html
    assert client.get(admin_url(Attendee, "changelist")).status_code == 403


def test_attendee_names_shown_to_staff_who_may_view_attendees(client, content):
    client.force_login(staff_with("view_symposium", "change_symposium", "view_attendee"))
    html = client.get(admin_url(Symposium, "change", content["symposium"].pk)).content.decode()
    assert "Registered attendees (1)" in html
    assert "Attendee 1-1" in html


def test_non_staff_is_sent_to_login(client, content):
    user = User.objects.create_user("reader", password="pw")
    client.force_login(user)
    for url in (reverse("admin:index"), admin_url(Attendee, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_is_sent_to_login(client, content):
    response = client.get(admin_url(Symposium, "change", content["symposium"].pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- the admin in Chinese --------------------------------------------------------


def test_admin_in_english_by_default(admin_client, db):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert '<html lang="en"' in html
    assert "Site administration" in html
    assert "站点管理" not in html


@pytest.mark.parametrize("accept", ["zh-hans", "zh-CN,zh;q=0.9,en;q=0.5"])
def test_admin_follows_accept_language_chinese(admin_client, db, accept):
    html = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert '<html lang="zh-hans"' in html
    assert "站点管理" in html
    assert "注销" in html
    assert "新闻发布管理" in html  # our header, from locale/zh_Hans


def test_symposium_change_page_in_chinese(admin_client, content):
    url = admin_url(Symposium, "change", content["symposium"].pk)
    html = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "已登记参会人员（1）" in html
    assert "Attendee 1-1" in html
    assert 'name="title_zh_hans"' in html


def test_language_switch_in_header_sets_the_cookie_and_returns(admin_client, db):
    changelist = admin_url(Briefing, "changelist")
    html = admin_client.get(changelist).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert f'name="next" value="{changelist}"' in html
    assert 'value="zh-hans"' in html
    response = admin_client.post(reverse("set_language"), {"language": "zh-hans", "next": changelist})
    assert response.status_code == 302
    assert response["Location"] == changelist
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert '<html lang="zh-hans"' in html
    assert "站点管理" in html


def test_language_switch_on_the_login_page(client, db):
    html = client.get(reverse("admin:login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html


def test_site_header_is_ours(admin_client, db):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Newsroom administration" in html
    assert "Django administration" not in html


# --- the singleton -----------------------------------------------------------------


def test_site_settings_cannot_get_a_second_record(admin_client, content):
    record = SiteSettings.objects.get()
    response = admin_client.get(admin_url(SiteSettings, "changelist"))
    assert response.status_code == 302
    assert response["Location"] == admin_url(SiteSettings, "change", record.pk)
    assert admin_client.get(admin_url(SiteSettings, "add")).status_code == 403
    response = admin_client.post(
        admin_url(SiteSettings, "add"),
        {
            "site_name_en": "Second",
            "site_name_zh_hans": "第二",
            "sponsor_en": "x",
            "sponsor_zh_hans": "x",
            "copyright_en": "x",
            "copyright_zh_hans": "x",
            "address_en": "x",
            "address_zh_hans": "x",
        },
    )
    assert response.status_code == 403
    assert admin_client.get(admin_url(SiteSettings, "delete", record.pk)).status_code == 403
    assert list(SiteSettings.objects.values_list("site_name_en", flat=True)) == ["Newsroom"]


def test_site_settings_changelist_offers_the_add_page_when_empty(admin_client, db):
    response = admin_client.get(admin_url(SiteSettings, "changelist"))
    assert response.status_code == 302
    assert response["Location"] == admin_url(SiteSettings, "add")


# --- view on site ------------------------------------------------------------------


@pytest.mark.parametrize("model", [Briefing, Agreement, Symposium, Priority, Instrument])
def test_view_on_site_goes_to_the_public_page(admin_client, content, model):
    obj = model.objects.first()
    change = admin_client.get(admin_url(model, "change", obj.pk)).content.decode()
    assert 'class="viewsitelink"' in change
    response = admin_client.get(reverse("admin:view_on_site", args=[_content_type_id(model), obj.pk]))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc in ("", "testserver")
    assert location.path == obj.get_absolute_url().split("#")[0]
    assert location.path.startswith("/en/")


def _content_type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


# --- no N+1 ------------------------------------------------------------------------

# Pinned so that a change shows up: session, user, the count (filtered and total),
# "may add site settings?" for the sidebar, the page of rows, and one query per filter listing values
# (symposia: year, city; attendees: symposium, country). Never one per row. (The site settings
# the public pages' context processor offers are read only by a template that uses them.)
# With REDIS_URL the session comes from the cache (cached_db sessions): no session query.
SESSION_QUERIES = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
# +2 (SAVEPOINT and RELEASE): django-reversion runs the changelist in a revision block.
SYMPOSIUM_CHANGELIST_QUERIES = 9 + SESSION_QUERIES
ATTENDEE_CHANGELIST_QUERIES = 7 + SESSION_QUERIES


def populate(symposia, attendees_each, organization):
    for ordinal in range(1, symposia + 1):
        symposium = make_symposium(ordinal, 2002 + ordinal)
        for number in range(attendees_each):
            make_attendee(symposium, number, organization)


@pytest.mark.parametrize(("symposia", "attendees_each"), [(1, 1), (1, 20), (20, 1), (20, 20)])
def test_symposium_changelist_query_count_does_not_grow(
    admin_client, db, django_assert_num_queries, symposia, attendees_each
):
    organization = Organization.objects.create(name_en="Customs", name_zh_hans="海关", slug="customs")
    populate(symposia, attendees_each, organization)
    url = admin_url(Symposium, "changelist")
    with django_assert_num_queries(SYMPOSIUM_CHANGELIST_QUERIES):
        response = admin_client.get(url)
    assert len(changelist_results(response)) == symposia
    assert f'<td class="field-attendee_count">{attendees_each}</td>' in response.content.decode()


@pytest.mark.parametrize(("symposia", "attendees_each"), [(1, 1), (5, 20)])
def test_attendee_changelist_query_count_does_not_grow(
    admin_client, db, django_assert_num_queries, symposia, attendees_each
):
    organization = Organization.objects.create(name_en="Customs", name_zh_hans="海关", slug="customs")
    populate(symposia, attendees_each, organization)
    with django_assert_num_queries(ATTENDEE_CHANGELIST_QUERIES):
        response = admin_client.get(admin_url(Attendee, "changelist"))
    assert len(changelist_results(response)) == symposia * attendees_each
