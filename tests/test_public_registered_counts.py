"""A symposium page counts its registered attendees by country and by
administration, next to the reported number of delegates; it never shows
who they are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from symposia.models import Organization
from tests import factories as f


@pytest.fixture
def symposium(db):
    f.SiteSettingsFactory()
    symposium = f.SymposiumFactory(slug="2005-nanning", delegates_reported=30)
    vietnam = f.OrganizationFactory(
        name_en="General Department of Vietnam Customs", name_zh_hans="越南海关总局", country="VN"
    )
    laos = f.OrganizationFactory(name_en="Lao Customs Department", name_zh_hans="老挝海关厅", country="LA")
    for i in range(3):
        f.AttendeeFactory(
            symposium=symposium,
            organization=vietnam,
            country="VN",
            name=f"Nguyen Secret {i}",
            email=f"secret{i}@customs.gov.vn",
        )
    f.AttendeeFactory(symposium=symposium, organization=laos, country="LA", name="Somchai Secret")
    # An expert from a Vietnamese university, counted under Viet Nam but not Vietnam Customs.
    f.AttendeeFactory(
        symposium=symposium,
        organization=f.OrganizationFactory(
            name_en="Hanoi University", kind=Organization.Kind.OTHER, country="VN"
        ),
        country="VN",
        name="Expert Secret",
    )
    f.AttendeeFactory(symposium=symposium, organization=None, country="", name="Nobody Secret", email="")
    f.AttendeeFactory(symposium=f.SymposiumFactory(), country="TH", name="Elsewhere Secret")
    return symposium


def section(body):
    return re.search(r'id="registered-heading".*?</section>', body, re.S).group(0)


def by_country(body):
    table = re.search(r'class="data-table registered-by-country".*?</table>', body, re.S).group(0)
    return re.findall(r'<th scope="row">(.*?)</th><td class="num">(\d+)</td>', table)


def test_counts_by_country_in_english_next_to_the_reported_number(client, symposium):
    body = client.get("/en/symposia/2005-nanning/").content.decode()
    facts = re.search(r'<dl class="facts">.*?</dl>', body, re.S).group(0)
    assert "30 delegates" in facts
    assert "6 attendees in the registration lists" in facts
    assert 'href="#registered-heading"' in facts
    assert by_country(section(body)) == [("Vietnam", "4"), ("Laos", "1"), ("No country given", "1")]
    assert "6 attendees registered." in section(body)
    assert "Secret" not in body and "@" not in section(body)


def test_counts_by_country_in_chinese(client, symposium):
    body = client.get("/zh-hans/symposia/2005-nanning/").content.decode()
    rows = by_country(section(body))
    assert [n for _name, n in rows] == ["4", "1", "1"]
    assert rows[0][0] == "越南"
    assert rows[1][0].startswith("老挝")
    assert rows[2][0] == "未填写国家或地区"
    facts = re.search(r'<dl class="facts">.*?</dl>', body, re.S).group(0)
    assert "30名代表" in facts and "登记名单中有6名参会人员" in facts
    assert "Secret" not in body


def test_country_counts_cost_one_query(client, symposium):
    from symposia.selectors import registered_by_country

    with CaptureQueriesContext(connection) as context:
        rows = registered_by_country(symposium)
    assert len(context) == 1
    assert [(r["country"] and r["country"].code, r["registered"]) for r in rows] == [
        ("VN", 4),
        ("LA", 1),
        (None, 1),
    ]
    sql = context.captured_queries[0]["sql"]
    assert '"name"' not in sql and '"email"' not in sql


def test_no_table_when_nobody_registered(client, db):
    f.SiteSettingsFactory()
    f.SymposiumFactory(slug="2010-empty")
    body = client.get("/en/symposia/2010-empty/").content.decode()
    assert "registered-by-country" not in body
    assert "in the registration lists" not in body
