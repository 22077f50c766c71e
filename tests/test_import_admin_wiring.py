"""The project's own admin carries the import: links from the attendee list
and the symposium page, and ImportRecord registered read-only."""

import io

import pytest
from django.contrib import admin

from symposia.models import Attendee, ImportRecord
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    ods_bytes,
    organizations_fixture,
    symposium_fixture,
)


@pytest.fixture
def superuser(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="root", password="x", email="r@example.org")
    client.force_login(user)
    return user


def test_links_from_the_attendee_list_and_the_symposium_page(client, superuser, symposium):
    assert admin.site.is_registered(ImportRecord)
    changelist = client.get("/admin/symposia/attendee/").content.decode()
    assert 'href="/admin/symposia/attendee/import/"' in changelist
    change = client.get(f"/admin/symposia/symposium/{symposium.pk}/change/").content.decode()
    assert f'href="/admin/symposia/attendee/import/?symposium={symposium.pk}"' in change
    assert f'href="/admin/symposia/attendee/export/csv/?symposium__id__exact={symposium.pk}"' in change


def test_ods_upload_preview_confirm_in_the_project_admin(client, superuser, symposium, organizations):
    data = io.BytesIO(ods_bytes(EN_HEADERS, ROWS))
    data.name = "attendees.ods"
    response = client.post(
        "/admin/symposia/attendee/import/",
        {"symposium": symposium.pk, "format": "auto", "encoding": "auto", "file": data},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ImportRecord.objects.get().format == "ods"
    client.post(response["Location"], {"confirm": "1"})
    assert Attendee.objects.count() == 3
