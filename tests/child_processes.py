"""Imports run by manage.py in child processes, with a cap on memory and CPU.

A regression that makes the reader allocate the declared grid of a hostile
file, or makes the import quadratic, kills the child (the address-space cap
makes the allocation fail; the CPU cap sends SIGXCPU), never the test suite.
The children use a SQLite file migrated once per session, or the suite's own
PostgreSQL test database.
"""

import json
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Django, python-calamine and the import need ~70 MB of address space; the
# largest grid the limits let calamine build needs ~130 MB more.
ADDRESS_SPACE_MB = 512
CPU_SECONDS = 60


def child_env(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url, REDIS_URL="")
    return env


def _limits():
    cap = ADDRESS_SPACE_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def start(args, env):
    """A capped child running ``python args...`` in the project folder."""
    return subprocess.Popen(
        [PYTHON, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=_limits,
    )


def finish(child, timeout=120):
    """(exit status, output) of a started child."""
    output, _ = child.communicate(timeout=timeout)
    return child.returncode, output.decode("utf-8", "replace")


def run_import(env, path, *options):
    """``manage.py import_attendees path --symposium 1``, capped: (status, output)."""
    return finish(start(["manage.py", "import_attendees", str(path), "--symposium", "1", *options], env))


SETUP = """
from symposia.models import Symposium
Symposium.objects.get_or_create(ordinal=1, defaults=dict(slug="hostile", title_en="t", theme_en="t",
    city_en="c", narrative_en="n", date="2003-12-01"))
"""


@pytest.fixture(name="sqlite_file", scope="session")
def sqlite_file_fixture(tmp_path_factory):
    """A migrated SQLite file with symposium 1, for children to import into."""
    path = tmp_path_factory.mktemp("children") / "children.sqlite3"
    env = child_env(f"sqlite:///{path}")
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run([PYTHON, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=120)
    return path


class SqliteFile:
    """What the children wrote into the SQLite file, read with sqlite3."""

    def __init__(self, path):
        self.path = path
        self.env = child_env(f"sqlite:///{path}")

    def query(self, sql, *params):
        with sqlite3.connect(self.path) as db:
            return db.execute(sql, params).fetchall()

    def clear(self):
        with sqlite3.connect(self.path) as db:
            db.execute("DELETE FROM symposia_attendee")
            db.execute("DELETE FROM symposia_importrecord")

    def attendees(self):
        return self.query("SELECT COUNT(*) FROM symposia_attendee")[0][0]

    def records(self):
        rows = self.query(
            "SELECT status, file_name, file_size, sha256, problems FROM symposia_importrecord ORDER BY id"
        )
        return [
            {"status": s, "file_name": n, "file_size": z, "sha256": h, "problems": json.loads(p)}
            for s, n, z, h, p in rows
        ]


@pytest.fixture(name="children")
def children_fixture(sqlite_file):
    database = SqliteFile(sqlite_file)
    database.clear()
    return database
