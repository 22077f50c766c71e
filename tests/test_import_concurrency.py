"""Two imports at once never duplicate a person, and never crash.

An import that writes saves its record as RUNNING first; a unique index on
running imports lets one per symposium run, in any process on any server, and
the second is told "another import into this symposium is running; try
again" (exit status 2), on SQLite as on PostgreSQL. The unique constraints on
Attendee catch anything else. The threaded tests need a database with real
row locks and concurrent writers: PostgreSQL; the two-process test runs on a
SQLite file and, with PostgreSQL, on the suite's database too.
"""

import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from symposia.importing import services
from symposia.importing.errors import ImportFailed
from symposia.importing.services import confirm_import, import_attendees, preview_import
from symposia.models import Attendee, ImportRecord
from tests import hostile_files
from tests.child_processes import child_env, finish, sqlite_file_fixture, start  # noqa: F401
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
    # One wrote; the other either came second and found nothing to change, or
    # found the symposium busy and was told to try again.
    outcomes = sorted((r.status, r.new_count, r.unchanged_count) for r in records)
    assert outcomes in (
        [("failed", 0, 0), ("imported", 3, 0)],
        [("imported", 0, 3), ("imported", 3, 0)],
    )
    assert all(r.problems[0]["code"] == "import_running" for r in records if r.status == "failed")


def hold_the_symposium(symposium):
    """A running import, as another process would have it."""
    return ImportRecord.objects.create(
        symposium=symposium, status=ImportRecord.Status.RUNNING, running_since=timezone.now(), dry_run=False
    )


@pytest.mark.django_db(transaction=True)
def test_an_import_while_another_runs_is_told_to_try_again(symposium, organizations, tmp_path):
    running = hold_the_symposium(symposium)
    data = csv_bytes(EN_HEADERS, ROWS)
    record = import_attendees(symposium=symposium, data=data, filename="second.csv")
    assert record.status == ImportRecord.Status.FAILED
    assert services.summary_lines(record) == [
        "Another import into this symposium is running; nothing was written. Try again when it has finished."
    ]
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_attendees", str(path), "--symposium", "1", stdout=io.StringIO())
    assert excinfo.value.returncode == 2
    assert "Another import into this symposium is running" in str(excinfo.value)
    # A preview only reads: it goes ahead, and its confirmation waits its turn.
    preview = preview_import(symposium=symposium, data=data, filename="preview.csv", user=None)
    assert preview.status == ImportRecord.Status.PENDING
    with pytest.raises(ImportFailed) as failed:
        confirm_import(record=preview)
    assert failed.value.code == "import_running"
    preview.refresh_from_db()
    assert preview.status == ImportRecord.Status.PENDING and preview.pending_data is not None
    assert Attendee.objects.count() == 0
    running.status = ImportRecord.Status.IMPORTED
    running.save()
    confirm_import(record=preview)
    assert preview.status == ImportRecord.Status.IMPORTED and Attendee.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_import_that_died_frees_its_symposium(symposium, organizations):
    dead = hold_the_symposium(symposium)
    ImportRecord.objects.filter(pk=dead.pk).update(running_since=timezone.now() - timedelta(minutes=11))
    record = import_attendees(symposium=symposium, data=csv_bytes(EN_HEADERS, ROWS), filename="a.csv")
    assert record.status == ImportRecord.Status.IMPORTED
    dead.refresh_from_db()
    assert dead.status == ImportRecord.Status.FAILED
    assert services.summary_lines(dead) == [
        "This import was interrupted before it finished; nothing was written."
    ]


# A first import that holds the symposium (paused in its write) until the
# second has been refused: two real processes, one database.
HOLDER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
from symposia.importing import services

write = services._write

def held(plan):
    Path(os.environ["HELD"]).touch()
    deadline = time.monotonic() + 60
    while not Path(os.environ["RELEASE"]).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    write(plan)

services._write = held
call_command("import_attendees", sys.argv[1], "--symposium", "1")
"""


def two_processes(env, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_bytes(hostile_files.plain_csv())  # two people, by country: no organization needed
    second.write_bytes(hostile_files.plain_csv(hostile_files.PEOPLE[:1]))
    env = {**env, "HELD": str(tmp_path / "held"), "RELEASE": str(tmp_path / "release")}
    holder = start(["-c", HOLDER, str(first)], env)
    for _ in range(600):
        if (tmp_path / "held").exists() or holder.poll() is not None:
            break
        threading.Event().wait(0.05)
    assert (tmp_path / "held").exists(), finish(holder)
    refused = finish(start(["manage.py", "import_attendees", str(second), "--symposium", "1"], env))
    (tmp_path / "release").touch()
    return finish(holder), refused


def test_two_processes_on_a_sqlite_file_one_is_told_to_try_again(sqlite_file, tmp_path):
    import sqlite3

    with sqlite3.connect(sqlite_file) as db:
        db.execute("DELETE FROM symposia_attendee")
        db.execute("DELETE FROM symposia_importrecord")
    (first_status, first_out), (second_status, second_out) = two_processes(
        child_env(f"sqlite:///{sqlite_file}"), tmp_path
    )
    assert second_status == 2, second_out
    assert "Another import into this symposium is running; nothing was written." in second_out
    assert "Traceback" not in second_out and "database is locked" not in second_out
    assert first_status == 0, first_out
    with sqlite3.connect(sqlite_file) as db:
        assert db.execute("SELECT COUNT(*) FROM symposia_attendee").fetchone()[0] == 2
        statuses = [row[0] for row in db.execute("SELECT status FROM symposia_importrecord ORDER BY id")]
    assert statuses == ["imported", "failed"]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_processes_on_postgresql_one_is_told_to_try_again(symposium, organizations, tmp_path):
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    (first_status, first_out), (second_status, second_out) = two_processes(child_env(url), tmp_path)
    assert second_status == 2, second_out
    assert "Another import into this symposium is running; nothing was written." in second_out
    assert first_status == 0, first_out
    assert Attendee.objects.count() == 2
    assert list(ImportRecord.objects.order_by("pk").values_list("status", flat=True)) == [
        "imported",
        "failed",
    ]


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
