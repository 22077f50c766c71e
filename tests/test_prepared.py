"""Prepared queries (briefing/prepared.py): compiled once per language and database, run fresh each time.

Run on SQLite by default and on PostgreSQL with DATABASE_URL=postgres://...: a datetime
parameter is a string in SQLite's compiled parameters and a datetime in PostgreSQL's.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from briefing import selectors
from briefing.models import Briefing, Section
from briefing.prepared import PreparedQuery, PreparedQueryError
from newsroom import feeds, sitemaps
from newsroom import selectors as newsroom_selectors
from publishing.models import PublishStatus
from symposia import selectors as symposium_selectors
from symposia import statistics
from symposia.models import Participation
from tests import factories as f

LANGUAGES = ["en", "zh-hans"]


@pytest.fixture
def content(db):
    root = f.SectionFactory(title_en="Newsroom", title_zh_hans="新闻发布")
    trade = f.SectionFactory(title_en="Trade", title_zh_hans="贸易", parent=root)
    agreement = f.AgreementFactory(slug="framework", title_en="Framework", title_zh_hans="框架协议")
    first = f.BriefingFactory(
        section=trade,
        slug="first",
        title_en="First briefing",
        title_zh_hans="第一篇简介",
        agreements=[agreement],
    )
    second = f.BriefingFactory(
        section=root, slug="second", title_en="Second briefing", title_zh_hans="第二篇简介"
    )
    f.ResultFactory(briefing=first, lists_priorities=True)
    f.BriefingSectionFactory(briefing=first, lists_symposia=True)
    symposium = f.SymposiumFactory(slug="kunming")
    f.ParticipationFactory(symposium=symposium)
    f.ParticipationFactory(symposium=symposium, kind=Participation.Kind.OTHER)
    f.AttendeeFactory(symposium=symposium, country="VN")
    f.AttendeeFactory(symposium=symposium, organization=None, country="")
    f.PriorityFactory(instruments=[f.InstrumentFactory()], symposia=[symposium])
    return SimpleNamespace(first=first, second=second, agreement=agreement, symposium=symposium)


def fields(obj):
    """An instance's values as the templates read them, and its related objects already attached."""
    values = {k: v for k, v in obj.__dict__.items() if k not in ("_state", "_prefetched_objects_cache")}
    related = {name: fields(other) for name, other in obj._state.fields_cache.items() if other is not None}
    return values, related, obj._state.db, obj._state.adding


def cases(content):
    first, symposium = content.first, content.symposium
    return [
        (selectors.SECTIONS, {}),
        (newsroom_selectors.LATEST_BRIEFINGS, {}),
        (selectors.PUBLISHED_BRIEFING, {"slug": "first"}),
        (selectors.BRIEFING_RESULTS, {"pk": first.pk}),
        (selectors.BRIEFING_SECTIONS, {"pk": first.pk}),
        (selectors.BRIEFING_AGREEMENTS, {"pk": first.pk}),
        (selectors.PRIORITIES, {}),
        (selectors.PUBLISHED_AGREEMENT, {"slug": "framework"}),
        (selectors.AGREEMENT_BRIEFINGS, {"pk": content.agreement.pk}),
        (selectors.PRIORITY_INSTRUMENTS, {}),
        (selectors.PRIORITY_SYMPOSIA, {}),
        (symposium_selectors.PUBLISHED_SYMPOSIA, {}),
        (symposium_selectors.PUBLISHED_SYMPOSIUM, {"slug": "kunming"}),
        (symposium_selectors.PARTICIPATIONS, {"pk": symposium.pk}),
        (symposium_selectors.PRIORITIES_SERVED, {"pk": symposium.pk}),
        (symposium_selectors.REGISTERED_BY_ORGANIZATION, {"pk": symposium.pk}),
        (symposium_selectors.REGISTERED_BY_COUNTRY, {"pk": symposium.pk}),
        (sitemaps.SITEMAP_BRIEFINGS, {}),
        (sitemaps.SITEMAP_AGREEMENTS, {}),
        (sitemaps.SITEMAP_SYMPOSIA, {}),
        (sitemaps.SITE_MAP_BRIEFINGS, {}),
        (sitemaps.SITE_MAP_AGREEMENTS, {}),
        (feeds.FEED_BRIEFINGS, {}),
        (feeds.FEED_SYMPOSIA, {}),
        (statistics.SYMPOSIA_WITH_COUNTS, {}),
        (statistics.ADMINISTRATIONS, {}),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_prepared_query_gives_what_the_orm_gives(content, language):
    """Same rows, same order, same instances (values, attached related objects, state) as the
    queryset it is built from, run by the ORM with the same values."""
    translation.activate(language)
    now = timezone.now()
    for query, values in cases(content):
        values = dict(values)
        if "now" in query.parameters:
            values["now"] = now
        expected = list(query.build(SimpleNamespace(**values)))
        got = query.all(**values)
        assert got, query
        if isinstance(expected[0], tuple):
            assert got == expected, query
        else:
            assert [type(obj) for obj in got] == [type(obj) for obj in expected], query
            assert [fields(obj) for obj in got] == [fields(obj) for obj in expected], query


def where(sql):
    return sql.split(" WHERE ")[1]


def test_the_same_query_in_english_then_chinese_gives_each_languages_text(content):
    query = selectors.PUBLISHED_BRIEFING
    with translation.override("en"):
        english = query.first(slug="first")
        english_sql = query.compiled().sql
        assert english.title == "First briefing"
    with translation.override("zh-hans"):
        chinese = query.first(slug="first")
        assert chinese.title == "第一篇简介"
        assert query.compiled().sql != english_sql
        assert '"publish_zh_hans"' in where(query.compiled().sql)
    with translation.override("en"):
        assert query.first(slug="first").title == "First briefing"
        assert query.compiled().sql == english_sql
        assert '"publish_en"' in where(english_sql)
        assert '"publish_zh_hans"' not in where(english_sql)


def test_order_by_a_translated_field_follows_the_language(content):
    """registered_by_organization orders by name: name_en in English, name_zh_hans in Chinese."""
    query = symposium_selectors.REGISTERED_BY_ORGANIZATION
    with translation.override("en"):
        assert '"name_en"' in query.compiled().sql.split("ORDER BY")[1]
    with translation.override("zh-hans"):
        assert '"name_zh_hans"' in query.compiled().sql.split("ORDER BY")[1]


def test_slug_parameter_is_substituted(content):
    query = selectors.PUBLISHED_BRIEFING
    assert query.first(slug="first").pk == content.first.pk
    assert query.first(slug="second").pk == content.second.pk
    assert query.first(slug="no-such-briefing") is None


def test_a_future_publish_date_stays_hidden_until_it_comes(content):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    f.BriefingFactory(slug="scheduled", published_at=tomorrow)
    query = selectors.PUBLISHED_BRIEFING
    assert query.first(slug="scheduled") is None
    assert "scheduled" not in [b.slug for b in newsroom_selectors.LATEST_BRIEFINGS.all()]
    later = tomorrow + datetime.timedelta(minutes=1)
    assert query.first(slug="scheduled", now=later).slug == "scheduled"
    assert "scheduled" in [b.slug for b in newsroom_selectors.LATEST_BRIEFINGS.all(now=later)]


def test_a_draft_stays_hidden(content):
    f.BriefingFactory(slug="draft", status=PublishStatus.DRAFT)
    assert selectors.PUBLISHED_BRIEFING.first(slug="draft") is None
    assert (
        selectors.PUBLISHED_BRIEFING.first(slug="draft", now=timezone.now() + datetime.timedelta(days=9))
        is None
    )
    assert "draft" not in [b.slug for b in sitemaps.SITEMAP_BRIEFINGS.all()]


def test_each_languages_publish_flag(content):
    f.BriefingFactory(slug="english-only", publish_zh_hans=False)
    f.BriefingFactory(slug="chinese-only", publish_en=False)
    f.BriefingFactory(slug="neither", publish_en=False, publish_zh_hans=False)
    query = selectors.PUBLISHED_BRIEFING
    with translation.override("en"):
        assert query.first(slug="english-only") is not None
        assert query.first(slug="chinese-only") is None
    with translation.override("zh-hans"):
        assert query.first(slug="english-only") is None
        assert query.first(slug="chinese-only") is not None
    listed = [b.slug for b in sitemaps.SITEMAP_BRIEFINGS.all()]
    assert "english-only" in listed and "chinese-only" in listed and "neither" not in listed


def test_a_change_after_the_first_compile_shows_at_once(content):
    query = selectors.PUBLISHED_BRIEFING
    assert query.first(slug="first").title == "First briefing"
    Briefing.objects.filter(pk=content.first.pk).update(title_en="First briefing, revised")
    assert query.first(slug="first").title == "First briefing, revised"
    Briefing.objects.filter(pk=content.first.pk).update(status=PublishStatus.DRAFT)
    assert query.first(slug="first") is None
    f.BriefingFactory(slug="new")
    assert query.first(slug="new") is not None


def test_every_call_runs_its_sql(content):
    selectors.PUBLISHED_BRIEFING.first(slug="first")  # compiled
    with CaptureQueriesContext(connection) as queries:
        selectors.PUBLISHED_BRIEFING.first(slug="first")
        selectors.PUBLISHED_BRIEFING.first(slug="first")
    assert len(queries) == 2


def test_values_come_converted(content):
    briefing = selectors.PUBLISHED_BRIEFING.first(slug="first")
    assert isinstance(briefing.published_at, datetime.datetime) and timezone.is_aware(briefing.published_at)
    assert briefing.publish_en is True
    symposium = symposium_selectors.PUBLISHED_SYMPOSIUM.first(slug="kunming")
    assert symposium.date == datetime.date(2003, 12, 1)
    assert symposium.registered_unaffiliated == 1
    assert symposium.date_display and symposium.get_absolute_url() == "/en/symposia/kunming/"


def test_select_related_objects_are_attached(content, django_assert_num_queries):
    with django_assert_num_queries(1):
        items = feeds.FEED_BRIEFINGS.all()
        assert {b.slug: b.section.title for b in items} == {"first": "Trade", "second": "Newsroom"}
    with django_assert_num_queries(1):
        participations = symposium_selectors.PARTICIPATIONS.all(pk=content.symposium.pk)
        assert all(p.organization.name.startswith("Customs Administration") for p in participations)


def test_a_datetime_frozen_into_the_sql_is_refused(db):
    query = PreparedQuery("frozen-now", lambda p: Briefing.objects.published())
    with pytest.raises(PreparedQueryError, match="frozen"):
        query.all()


def test_a_declared_parameter_the_query_does_not_use_is_refused(db):
    query = PreparedQuery("unused-slug", lambda p: Briefing.objects.all(), slug=str)
    with pytest.raises(PreparedQueryError, match="slug"):
        query.all(slug="first")


def test_a_model_with_post_init_receivers_is_built_by_from_db(content):
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.slug)

    query = PreparedQuery("sections-with-receiver", lambda p: Section.objects.all())
    post_init.connect(receiver, sender=Section)
    try:
        sections = query.all()
    finally:
        post_init.disconnect(receiver, sender=Section)
    assert sorted(seen) == sorted(s.slug for s in sections) and len(seen) == 2


def test_the_pages_selectors_match_their_orm_versions(content):
    """briefing_page's lists are what the ORM's related managers give."""
    page = selectors.briefing_page("first")
    briefing = page["briefing"]
    assert briefing.section.title == "Trade"
    assert [s.title for s in page["ancestry"]] == ["Newsroom", "Trade"]
    assert [fields(r)[0] for r in page["results"]] == [fields(r)[0] for r in content.first.results.all()]
    assert page["results"][0].briefing is briefing
    assert [a.slug for a in page["agreements"]] == ["framework"]
    assert len(page["priorities"]) == 1 and [s.slug for s in page["symposia"]] == ["kunming"]
    priorities = selectors.priorities()
    assert [i.pk for i in priorities[0].instrument_list] == [i.pk for i in priorities[0].instruments.all()]
    assert [s.slug for s in priorities[0].symposium_list] == ["kunming"]
