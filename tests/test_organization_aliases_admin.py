"""An organization's other names (aliases, one per line, in any language) are
edited in its admin page and found by the admin's search and by the attendee
import."""

import re

import pytest
from django.urls import reverse

from symposia.importing.services import import_attendees
from symposia.models import Attendee, ImportRecord, Organization
from tests.test_import_support import symposium_fixture  # noqa: F401 (fixture)


@pytest.fixture
def gacc(db):
    return Organization.objects.create(
        name_en="General Administration of Customs of the People's Republic of China",
        name_zh_hans="中华人民共和国海关总署",
        short_name_en="China Customs",
        short_name_zh_hans="中国海关",
        slug="china-customs",
        country="CN",
    )


def test_aliases_are_edited_in_the_admin_and_used_by_the_import(admin_client, gacc, symposium):
    url = reverse("admin:symposia_organization_change", args=[gacc.pk])
    page = admin_client.get(url).content.decode()
    assert '<textarea name="aliases"' in page
    assert "e.g. 海关总署 or GACC" in page
    fields = dict(re.findall(r'<input type="text" name="(\w+)" value="([^"]*)"', page))
    kept = ("name_", "short_name_", "slug")
    data = {
        **{name: value for name, value in fields.items() if name.startswith(kept)},
        "kind": gacc.kind,
        "country": gacc.country,
        "order": gacc.order,
        "aliases": "GACC\r\nGeneral Administration of Customs\r\n海关总署\r\n中国海关总署",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    gacc.refresh_from_db()
    assert gacc.aliases.splitlines() == [
        "GACC",
        "General Administration of Customs",
        "海关总署",
        "中国海关总署",
    ]

    changelist = admin_client.get(reverse("admin:symposia_organization_changelist"), {"q": "GACC"})
    assert changelist.context["cl"].result_count == 1

    data = "Name,Organization\nZhang San,海关总署\nLi Si,ｇａｃｃ\n".encode()
    record = import_attendees(symposium=symposium, data=data, filename="list.csv")
    assert record.status == ImportRecord.Status.IMPORTED, record.problems
    assert set(Attendee.objects.values_list("organization", flat=True)) == {gacc.pk}
