"""Two imports at once never duplicate a person.

Imports of one symposium take the symposium's row lock, and the unique
constraints on Attendee catch anything else. The threaded tests need a
database with real row locks and concurrent writers: PostgreSQL.
"""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from symposia.importing import services
from symposia.importing.services import import_attendees
from symposia.models import Attendee, ImportRecord
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    csv_bytes,
    organizations_fixture,
    symposium_fixture,
)

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite serialises all writers, "
    "so it cannot show two imports racing",
)


def in_threads(*targets):
    errors = []

    def wrap(target):
        def run():
            try:
                target()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                connections.close_all()

        return run

    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_file_at_once_write_each_person_once(symposium, organizations):
    data = csv_bytes(EN_HEADERS, ROWS)
    barrier = threading.Barrier(2)
    records = []

    def one_import():
        barrier.wait()
        records.append(import_attendees(symposium=symposium, data=data, filename="same.csv"))

    assert in_threads(one_import, one_import) == []
    assert Attendee.objects.filter(symposium=symposium).count() == 3
    assert sorted((r.new_count, r.unchanged_count) for r in records) == [(0, 3), (3, 0)]
    assert all(r.status == ImportRecord.Status.IMPORTED for r in records)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_database_constraint_refuses_a_racing_duplicate(symposium, organizations):
    """Two writers that bypass the import's lock: the unique index makes the
    second wait for the first, then refuses it."""
    barrier = threading.Barrier(2)
    outcomes = []

    def insert(email):
        def run():
            try:
                with transaction.atomic():
                    barrier.wait()
                    Attendee.objects.create(
                        symposium=symposium, name="Nguyen Van An", email=email, country="VN"
                    )
                outcomes.append("written")
            except IntegrityError:
                outcomes.append("refused")

        return run

    assert in_threads(insert("an@customs.gov.vn"), insert("AN@customs.gov.vn")) == []
    assert sorted(outcomes) == ["refused", "written"]
    assert Attendee.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_conflict_at_write_time_writes_nothing_and_says_so(symposium, organizations, monkeypatch):
    real_write = services._write

    def write_after_someone_else(plan):
        # Someone adds one of the file's people between the plan and the write.
        Attendee.objects.create(symposium=symposium, name="x", email="an.nguyen@customs.gov.vn", country="VN")
        real_write(plan)

    monkeypatch.setattr(services, "_write", write_after_someone_else)
    record = import_attendees(symposium=symposium, data=csv_bytes(EN_HEADERS, ROWS), filename="a.csv")
    assert record.status == ImportRecord.Status.FAILED
    assert record.problems[0]["code"] == "concurrent"
    assert Attendee.objects.count() == 0  # the whole transaction, the intruder included, rolled back
