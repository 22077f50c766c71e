"""factory_boy factories for the newsroom's models, both languages filled in.

Translated fields are set per language (`title_en`, `title_zh_hans`), as the
admin and the fixtures do. Publishable factories default to published an hour
ago; pass `status="draft"` or a future `published_at` for hidden content.
"""

import datetime

import factory
from django.utils import timezone

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
from publishing.dates import DatePrecision
from publishing.models import PublishStatus
from symposia.models import Attendee, Organization, Participation, Symposium


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


class PublishableFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    status = PublishStatus.PUBLISHED
    published_at = factory.LazyFunction(an_hour_ago)
    # New items start unpublished in both languages; the factories' items are ready in both.
    publish_en = True
    publish_zh_hans = True


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    title_en = factory.Sequence(lambda n: f"Section {n}")
    title_zh_hans = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    parent = None
    order = factory.Sequence(int)


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    name_en = factory.Sequence(lambda n: f"International Convention no. {n}")
    name_zh_hans = factory.Sequence(lambda n: f"第{n}号国际公约")
    short_name_en = factory.Sequence(lambda n: f"Convention {n}")
    short_name_zh_hans = factory.Sequence(lambda n: f"公约{n}")
    slug = factory.Sequence(lambda n: f"instrument-{n}")
    issuer_en = "World Customs Organization"
    issuer_zh_hans = "世界海关组织"
    order = factory.Sequence(int)


class AgreementFactory(PublishableFactory):
    class Meta:
        model = Agreement

    title_en = factory.Sequence(lambda n: f"Framework Agreement no. {n}")
    title_zh_hans = factory.Sequence(lambda n: f"第{n}号框架协议")
    short_title_en = factory.Sequence(lambda n: f"Agreement {n}")
    short_title_zh_hans = factory.Sequence(lambda n: f"协议{n}")
    slug = factory.Sequence(lambda n: f"agreement-{n}")
    date_signed = datetime.date(2002, 11, 4)
    date_precision = DatePrecision.YEAR
    occasion_en = "Sixth China-ASEAN Summit"
    occasion_zh_hans = "第六次中国—东盟领导人会议"
    place_en = "Phnom Penh"
    place_zh_hans = "金边"


class BriefingFactory(PublishableFactory):
    class Meta:
        model = Briefing
        skip_postgeneration_save = True

    section = factory.SubFactory(SectionFactory)
    title_en = factory.Sequence(lambda n: f"Briefing {n}")
    title_zh_hans = factory.Sequence(lambda n: f"简介{n}")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    lead_en = "China officially started the customs cooperation with ASEAN countries in 2003."
    lead_zh_hans = "中国于2003年正式启动与东盟国家的海关合作。"

    @factory.post_generation
    def agreements(self, create, extracted, **kwargs):
        if create and extracted:
            self.agreements.set(extracted)


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    briefing = factory.SubFactory(BriefingFactory)
    order = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"Result text {n}.")
    text_zh_hans = factory.Sequence(lambda n: f"成果{n}。")
    lists_priorities = False


class BriefingSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BriefingSection

    briefing = factory.SubFactory(BriefingFactory)
    order = factory.Sequence(lambda n: n + 1)
    heading_en = factory.Sequence(lambda n: f"Heading {n}")
    heading_zh_hans = factory.Sequence(lambda n: f"标题{n}")
    body_en = "Capacity building is one of the major aspects of China-ASEAN customs cooperation."
    body_zh_hans = "能力建设是中国—东盟海关合作的重要内容之一。"
    lists_symposia = False


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority
        skip_postgeneration_save = True

    order = factory.Sequence(lambda n: n % 99 + 1)
    slug = factory.Sequence(lambda n: f"priority-{n}")
    short_title_en = factory.Sequence(lambda n: f"Priority {n}")
    short_title_zh_hans = factory.Sequence(lambda n: f"优先领域{n}")
    description_en = "Speeding up the clearance process."
    description_zh_hans = "加快通关速度。"

    @factory.post_generation
    def instruments(self, create, extracted, **kwargs):
        if create and extracted:
            self.instruments.set(extracted)

    @factory.post_generation
    def symposia(self, create, extracted, **kwargs):
        if create and extracted:
            self.symposia.set(extracted)


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ("id",)

    id = 1
    site_name_en = "China Customs Newsroom"
    site_name_zh_hans = "中国海关新闻发布"
    sponsor_en = "Sponsored by the General Administration of Customs of the People's Republic of China."
    sponsor_zh_hans = "中华人民共和国海关总署主办"
    copyright_en = "All rights reserved."
    copyright_zh_hans = "版权所有 未经协议授权禁止转载"
    address_en = "No. 6 Jianguomennei Avenue, Beijing"
    address_zh_hans = "北京市建国门内大街6号"
    post_code = "100730"
    telephone = "010-65194114"
    icp_number = "京ICP备05066252号"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Customs Administration {n}")
    name_zh_hans = factory.Sequence(lambda n: f"海关当局{n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = Organization.Kind.CUSTOMS
    country = "KH"


class SymposiumFactory(PublishableFactory):
    class Meta:
        model = Symposium

    ordinal = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"symposium-{n}")
    title_en = factory.Sequence(lambda n: f"Symposium on Topic {n}")
    title_zh_hans = factory.Sequence(lambda n: f"专题{n}研讨会")
    theme_en = factory.Sequence(lambda n: f"Topic {n}")
    theme_zh_hans = factory.Sequence(lambda n: f"专题{n}")
    city_en = "Kunming"
    city_zh_hans = "昆明"
    date = datetime.date(2003, 12, 1)
    date_precision = DatePrecision.MONTH
    delegates_reported = 20
    narrative_en = "The meeting provided an opportunity for the members to exchange experiences."
    narrative_zh_hans = "会议为各成员交流经验提供了机会。"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    symposium = factory.SubFactory(SymposiumFactory)
    organization = factory.SubFactory(OrganizationFactory)
    kind = Participation.Kind.ADMINISTRATION
    order = factory.Sequence(int)


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    symposium = factory.SubFactory(SymposiumFactory)
    name = factory.Sequence(lambda n: f"Attendee Person{n}")
    position = "Deputy Director"
    organization = factory.SubFactory(OrganizationFactory)
    country = "KH"
    email = factory.Sequence(lambda n: f"person{n}@customs.example")
    role = Attendee.Role.DELEGATE
