"""The seed content (fixtures/seed.json): it loads, it is complete in both languages, and it
says what the source page says."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from briefing.models import (
    Agreement,
    Briefing,
    BriefingSection,
    Instrument,
    Priority,
    Result,
    Section,
)
from library.models import Document, Image
from newsroom.models import SiteSettings
from publishing.models import Publishable
from publishing.text import plain_text
from symposia.models import Organization, Participation, Symposium

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Half-width punctuation that formal Chinese text writes full-width (，；：？！（）).
HALF_WIDTH_PUNCTUATION = re.compile(r"[,;:?!()]")

# Translated fields the source page fills only for some objects (a symposium's field trips, how the
# report describes a participant): they may be empty, but then empty in both languages.
OPTIONAL_FIELDS = {
    (Symposium, "activities"),
    (Participation, "note"),
}
# Values that are rightly the same in both languages (codes, proper names written in Latin script in
# Chinese text too). The seed needs none; list an entry here, with its reason, only if it must.
SAME_IN_BOTH_LANGUAGES: set[tuple[type, str, str]] = set()


def public_objects(model):
    """What a reader can reach: published objects of publishable models, every object of the rest."""
    if issubclass(model, Publishable):
        return model.objects.published()
    return model.objects.all()


def translated_values():
    """(model, object, field, English, Chinese) for every translated field of every public object."""
    for model in translator.get_registered_models(abstract=False):
        fields = translator.get_options_for_model(model).fields
        for obj in public_objects(model).order_by("pk"):
            for field in sorted(fields):
                yield (
                    model,
                    obj,
                    field,
                    # Formatted texts by their words, not their tags.
                    plain_text(getattr(obj, build_localized_fieldname(field, "en"))),
                    plain_text(getattr(obj, build_localized_fieldname(field, "zh-hans"))),
                )


def test_seed_loads_with_the_expected_counts(seed):
    assert Section.objects.count() == 3
    assert Briefing.objects.count() == 1
    assert Agreement.objects.count() == 1
    assert Result.objects.count() == 3
    assert BriefingSection.objects.count() == 1
    assert Priority.objects.count() == 7
    assert Symposium.objects.count() == 6
    assert Instrument.objects.count() >= 5
    assert Organization.objects.count() == 16
    assert SiteSettings.objects.count() == 1


def test_everything_publishable_in_the_seed_is_published(seed):
    for model in (Briefing, Agreement, Symposium):
        assert model.objects.published().count() == model.objects.count() > 0, model


def test_every_public_translated_field_is_filled_in_both_languages(seed):
    reached, problems = set(), []
    for model, obj, field, en, zh in translated_values():
        reached.add(model)
        label = f"{model.__name__} {obj.pk} {field}"
        if not en and not zh and (model, field) in OPTIONAL_FIELDS:
            continue
        if not en or not en.strip():
            problems.append(f"{label}: English is empty")
        if not zh or not zh.strip():
            problems.append(f"{label}: Chinese is empty")
        elif en == zh and (model, field, en) not in SAME_IN_BOTH_LANGUAGES:
            problems.append(f"{label}: Chinese is a copy of the English {en!r}")
    # Every registered model had public objects to check: no empty loop passes by accident.
    # (The source page has no photograph or attachment: the library starts empty.)
    assert reached == set(translator.get_registered_models(abstract=False)) - {Image, Document}
    assert not problems, "\n".join(problems)


def test_chinese_values_are_chinese(seed):
    problems = []
    for model, obj, field, _en, zh in translated_values():
        if not zh:
            continue
        label = f"{model.__name__} {obj.pk} {field}: {zh!r}"
        if not CJK.search(zh):
            problems.append(f"{label} has no Chinese characters")
        if re.search(r"[A-Za-z]", zh):
            problems.append(f"{label} has Latin letters")
        if HALF_WIDTH_PUNCTUATION.search(zh) or zh.endswith("."):
            problems.append(f"{label} has half-width punctuation")
    assert not problems, "\n".join(problems)


def test_fixture_gives_the_original_field_the_english_value(settings):
    """The file itself: X equals X_en for every translated field, so raw readers of X see English."""
    path = Path(settings.FIXTURE_DIRS[0]) / "seed.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    registered = {model._meta.label_lower: model for model in translator.get_registered_models()}
    problems, checked = [], 0
    for record in records:
        model = registered.get(record["model"])
        if model is None:
            continue
        for field in translator.get_options_for_model(model).fields:
            checked += 1
            values = record["fields"]
            if values.get(field) != values.get(build_localized_fieldname(field, "en")):
                problems.append(f"{record['model']} {record['pk']} {field}")
    assert checked > 0
    assert not problems, "\n".join(problems)


def test_original_columns_hold_the_english_value(seed):
    """As loaded (the seed is loaded with English active, as `manage.py loaddata` does)."""
    problems = []
    for model in translator.get_registered_models(abstract=False):
        for field in translator.get_options_for_model(model).fields:
            en_field = build_localized_fieldname(field, "en")
            # rewrite(False) reads the original column instead of the active language's one.
            for pk, original, en in model.objects.rewrite(False).values_list("pk", field, en_field):
                if original != en:
                    problems.append(f"{model.__name__} {pk} {field}: {original!r} != {en!r}")
    assert not problems, "\n".join(problems)


def test_kunming_symposium(seed):
    kunming = Symposium.objects.get(ordinal=1)
    assert kunming.slug == "2003-kunming-kyoto-convention"
    assert (kunming.city_en, kunming.city_zh_hans) == ("Kunming", "昆明")
    assert kunming.date == datetime.date(2003, 12, 1)
    assert kunming.date_precision == "month"
    assert kunming.delegates_reported == 20
    assert kunming.date_display == "December 2003"
    with translation.override("zh-hans"):
        assert kunming.date_display == "2003年12月"
        assert kunming.title == "《京都公约》研讨会"


def test_ningbo_reports_no_delegate_count(seed):
    ningbo = Symposium.objects.get(slug="2008-ningbo-customs-automation")
    assert ningbo.ordinal == 6
    assert ningbo.delegates_reported is None
    assert ningbo.city_zh_hans == "宁波"
    assert ningbo.date == datetime.date(2008, 10, 1)


def test_symposia_dates_and_delegate_counts(seed):
    rows = list(Symposium.objects.values_list("ordinal", "date", "delegates_reported", "city_en"))
    assert rows == [
        (1, datetime.date(2003, 12, 1), 20, "Kunming"),
        (2, datetime.date(2004, 5, 1), 41, "Xiamen"),
        (3, datetime.date(2005, 5, 1), 41, "Chengdu"),
        (4, datetime.date(2006, 9, 1), 40, "Chongqing"),
        (5, datetime.date(2007, 8, 1), 40, "Dalian"),
        (6, datetime.date(2008, 10, 1), None, "Ningbo"),
    ]


def test_the_seven_priorities_are_ordered(seed):
    assert list(Priority.objects.values_list("order", "slug")) == [
        (1, "origin-determination"),
        (2, "procedures-harmonization"),
        (3, "enforcement-cooperation"),
        (4, "information-sharing"),
        (5, "trade-facilitation"),
        (6, "capacity-building"),
        (7, "transparency"),
    ]


def test_priorities_link_only_what_the_text_cites(seed):
    sharing = Priority.objects.get(slug="information-sharing")
    assert set(sharing.instruments.values_list("slug", flat=True)) == {
        "revised-kyoto-convention",
        "mutual-administrative-assistance-convention",
        "wco-risk-management-compendium",
    }
    assert set(Priority.objects.exclude(pk=sharing.pk).filter(instruments__isnull=False)) == set()
    symposia_of = {
        p.slug: sorted(p.symposia.values_list("ordinal", flat=True)) for p in Priority.objects.all()
    }
    assert symposia_of == {
        "origin-determination": [2],
        "procedures-harmonization": [1, 4],
        "enforcement-cooperation": [3],
        "information-sharing": [],
        "trade-facilitation": [4, 6],
        "capacity-building": [1, 2, 3, 4, 5, 6],
        "transparency": [],
    }


def test_briefing_structure(seed):
    briefing = Briefing.objects.get(slug="china-asean-customs-cooperation")
    assert briefing.title_zh_hans == "中国—东盟海关合作简介"
    assert list(briefing.agreements.values_list("slug", flat=True)) == ["framework-agreement-2002"]
    assert list(briefing.results.values_list("order", "lists_priorities")) == [
        (1, False),
        (2, False),
        (3, True),
    ]
    assert briefing.results.get(order=3).text_zh_hans == "确定了海关合作七个优先领域："
    # The results are outcomes: in Chinese each one is told as done (了), none as an instruction.
    assert all("了" in text for text in briefing.results.values_list("text_zh_hans", flat=True))
    section = briefing.sections.get()
    assert section.lists_symposia is True
    assert "200" in section.body_en and "200" in section.body_zh_hans
    # The source's typos are fixed in the lead.
    assert "signed" in briefing.lead_en and "singed" not in briefing.lead_en
    assert "Association of Southeast Asian Nations" in briefing.lead_en


def test_briefing_breadcrumb_ancestry(seed):
    section = Briefing.objects.get().section
    assert [s.title for s in section.ancestry()] == [
        "Newsroom",
        "Special Features",
        "Promote Trade Facilitation News",
    ]
    with translation.override("zh-hans"):
        assert [s.title for s in section.ancestry()] == ["新闻发布", "专题专栏", "促进贸易便利化"]


def test_agreement_facts(seed):
    agreement = Agreement.objects.get(slug="framework-agreement-2002")
    assert agreement.date_signed == datetime.date(2002, 11, 4)
    assert agreement.date_precision == "day"
    assert agreement.short_title_zh_hans == "《中国—东盟全面经济合作框架协议》"
    assert agreement.title_zh_hans == "《中华人民共和国与东南亚国家联盟全面经济合作框架协议》"
    assert (agreement.place_en, agreement.place_zh_hans) == ("Phnom Penh, Cambodia", "柬埔寨金边")
    assert agreement.occasion_zh_hans == "第六次中国—东盟领导人会议"


def test_participating_administrations_as_the_report_names_them(seed):
    def countries(ordinal, kind):
        return set(
            Participation.objects.filter(symposium__ordinal=ordinal, kind=kind).values_list(
                "organization__country", flat=True
            )
        )

    assert countries(1, "administration") == {"BN", "KH", "LA", "MM", "TH", "VN", "CN"}
    assert countries(2, "administration") == countries(3, "administration") == {"CN"}
    assert countries(6, "administration") == {"CN", "KH", "LA", "MY", "PH", "SG", "TH", "VN"}
    others = {
        ordinal: set(
            Participation.objects.filter(symposium__ordinal=ordinal, kind="other").values_list(
                "organization__slug", flat=True
            )
        )
        for ordinal in range(1, 7)
    }
    assert others == {
        1: {"asean-secretariat", "wco"},
        2: set(),
        3: set(),
        4: {"asean-secretariat", "wco"},
        5: {"asean-secretariat", "australia-customs-experts", "italy-customs-experts"},
        6: {"asean-secretariat", "wco", "australia-embassy-china"},
    }
    # Every participation of a customs administration is of an organization of that kind.
    assert not Participation.objects.filter(kind="administration").exclude(organization__kind="customs")


def test_organizations_have_countries(seed):
    customs = Organization.objects.filter(kind="customs")
    assert set(customs.values_list("country", flat=True)) == {
        "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "CN",
    }  # fmt: skip
    china = Organization.objects.get(country="CN")
    assert china.name_zh_hans == "中华人民共和国海关总署"
    assert china.short_name_zh_hans == "中国海关"
    assert not Organization.objects.filter(country="")


def test_site_settings_footer(seed):
    site = SiteSettings.load()
    assert site.pk == 1
    assert site.sponsor_zh_hans == "中华人民共和国海关总署主办"
    assert site.address_zh_hans == "北京市建国门内大街6号"
    assert (site.post_code, site.telephone, site.icp_number) == (
        "100730",
        "010-65194114",
        "京ICP备05066252号",
    )


def test_symposium_ordinal_is_unique(seed):
    assert sorted(Symposium.objects.values_list("ordinal", flat=True)) == [1, 2, 3, 4, 5, 6]
    with pytest.raises(IntegrityError), transaction.atomic():
        Symposium.objects.create(
            ordinal=1,
            slug="2003-kunming-duplicate",
            title="Duplicate",
            theme="Duplicate",
            city="Kunming",
            date=datetime.date(2003, 12, 1),
            narrative="Duplicate",
        )
