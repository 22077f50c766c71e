"""How an import writes: one executemany INSERT for new attendees and one
UPDATE for changed ones, on SQLite and PostgreSQL alike, with the
database's constraints still in force and the timestamps set."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.versions import content_version
from symposia.importing.services import _insert_new, import_attendees
from symposia.models import Attendee, ImportRecord, Organization
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    csv_bytes,
    organizations_fixture,
    symposium_fixture,
)


def run(symposium, data, **options):
    return import_attendees(symposium=symposium, data=data, filename="attendees.csv", **options)


def people(n, position="Officer", organization="Lao Customs Department"):
    return [
        [f"Person {i}", "", "F", position, organization, "", f"person.{i}@customs.gov.la", "expert"]
        for i in range(n)
    ]


def test_statements_do_not_grow_past_the_databases_batch_limit(symposium, organizations):
    """400 rows of 11 columns pass SQLite's 999 parameters per statement
    several times over: still the same number of queries as for 3 rows,
    for new rows and for changed ones."""

    def queries(rows):
        with CaptureQueriesContext(connection) as context:
            record = run(symposium, csv_bytes(EN_HEADERS, rows))
        assert record.status == ImportRecord.Status.IMPORTED, record.problems[:3]
        return len(context), record

    Attendee.objects.all().delete()
    small_new, _ = queries(people(3))
    Attendee.objects.all().delete()
    big_new, record = queries(people(400))
    assert record.new_count == 400 and Attendee.objects.filter(symposium=symposium).count() == 400
    assert small_new == big_new

    small_update, record = queries(people(3, position="Director"))
    assert (record.updated_count, record.unchanged_count) == (3, 0)
    big_update, record = queries(people(400, position="Director General"))
    assert record.updated_count == 400
    assert small_update == big_update
    assert set(Attendee.objects.values_list("position", flat=True)) == {"Director General"}


def test_new_attendees_get_timestamps_defaults_and_the_organizations_country(symposium, organizations):
    before = timezone.now() - timedelta(seconds=1)
    headers = ["Name", "Organization"]  # no role, country, gender or e-mail column
    run(symposium, csv_bytes(headers, [["Somchai", "Lao Customs Department"]]))
    somchai = Attendee.objects.get()
    assert somchai.symposium == symposium
    assert somchai.organization.slug == "lao-customs"
    assert (somchai.role, somchai.gender, somchai.email, somchai.native_name) == ("delegate", "", "", "")
    assert somchai.country.code == "LA"
    assert before <= somchai.created_at <= timezone.now()
    assert somchai.updated_at == somchai.created_at


def test_one_update_statement_for_rows_that_changed_different_fields(symposium, organizations):
    run(symposium, csv_bytes(EN_HEADERS, ROWS))
    first = {a.name: a for a in Attendee.objects.all()}
    changed = [row[:] for row in ROWS]
    changed[0][4] = "Mekong Customs Office"  # a new organization, created on request
    changed[1][3] = "Senior Officer"  # the position only
    record = run(symposium, csv_bytes(EN_HEADERS, changed), create_organizations=True)
    assert (record.new_count, record.updated_count, record.unchanged_count) == (0, 2, 1)
    after = {a.name: a for a in Attendee.objects.select_related("organization")}
    an, somchai, wang = after["Nguyen Van An"], after["Somchai Phommachanh"], after["王芳"]
    assert an.organization == Organization.objects.get(name_en="Mekong Customs Office")
    assert an.position == "Deputy Director"
    assert somchai.position == "Senior Officer"
    assert somchai.organization.slug == "lao-customs"  # untouched by the other row's change
    assert somchai.country.code == "LA"
    for name in (an.name, somchai.name):
        assert after[name].updated_at > first[name].updated_at
        assert after[name].created_at == first[name].created_at
    assert wang.updated_at == first[wang.name].updated_at


def test_the_database_still_refuses_what_the_plan_would_reject(symposium, organizations):
    """The INSERT bypasses the ORM, not the constraints."""
    run(symposium, csv_bytes(EN_HEADERS, ROWS[:1]))
    now = timezone.now()
    same_email = {"name": "Someone else", "email": "AN.NGUYEN@customs.gov.vn", "country": "VN"}
    with pytest.raises(IntegrityError), transaction.atomic():
        _insert_new(symposium.pk, [(2, same_email)], now)
    with pytest.raises(IntegrityError), transaction.atomic():
        _insert_new(symposium.pk, [(2, {"name": "", "country": "VN"})], now)
    twice = {"name": "王芳", "organization": organizations[2]}
    with pytest.raises(IntegrityError), transaction.atomic():
        _insert_new(symposium.pk, [(2, twice), (3, dict(twice))], now)
    assert Attendee.objects.count() == 1


def test_an_import_makes_the_public_pages_stale(symposium, organizations, django_capture_on_commit_callbacks):
    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        run(symposium, csv_bytes(EN_HEADERS, ROWS))
    assert content_version() > version
    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        run(symposium, csv_bytes(EN_HEADERS, ROWS), dry_run=True)
    assert content_version() == version
    with django_capture_on_commit_callbacks(execute=True):
        record = run(symposium, csv_bytes(EN_HEADERS, ROWS))
    assert record.unchanged_count == 3
    assert content_version() == version  # nothing changed
