"""`manage.py backup` and `manage.py restore`: a round trip into an empty
database gives back every object, in both languages, identical."""

import gzip
import json
import os
import uuid
from collections import Counter

import pytest
import reversion
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import CommandError, call_command
from django.db import connection

from briefing.models import Briefing
from publishing.models import PublishStatus
from symposia.models import ImportRecord, Symposium
from tests import factories as f
from tests.production_env import run


@pytest.fixture
def site(seed, django_user_model):
    """The seed plus what a running site accumulates: staff, history, imports, drafts, personal data."""
    editor = django_user_model.objects.create_user(
        username="editor.li", email="li@customs.example", password="x-editor-pw", is_staff=True
    )
    editor.groups.add(Group.objects.order_by("name").first())
    briefing = Briefing.objects.get(slug="china-asean-customs-cooperation")
    with reversion.create_revision():
        briefing.title_en = briefing.title_en + " (revised)"
        briefing.save()
        reversion.set_user(editor)
        reversion.set_comment("Revised title")
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Briefing),
        object_id=str(briefing.pk),
        object_repr=str(briefing),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Title [en]"]}}]',
    )
    f.BriefingFactory(
        section=briefing.section,
        slug="draft-only",
        title_en="A draft nobody has read",
        title_zh_hans="无人读过的草稿",
        status=PublishStatus.DRAFT,
    )
    symposium = Symposium.objects.order_by("ordinal").first()
    f.AttendeeFactory(
        symposium=symposium, name="Sokha Phirunsavanh", native_name="索卡", email="s@customs.example"
    )
    ImportRecord.objects.create(
        symposium=symposium,
        user=editor,
        file_name="attendees.csv",
        pending_data="name,email\n王芳,wang@customs.example\n".encode(),
        options={"only_valid": False},
    )
    session = SessionStore()
    session["secret"] = "never in a backup"
    session.create()
    return {"editor": editor, "briefing": briefing}


def objects_in(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def canonical(objects):
    return sorted(json.dumps(o, sort_keys=True, ensure_ascii=False) for o in objects)


@pytest.fixture
def empty_database(tmp_path):
    """A database nobody has used: a new SQLite file, or with PostgreSQL a new database on the same server."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    try:
        yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def other_database(url):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings.test")
    return env


def test_round_trip_into_an_empty_database_is_identical(site, tmp_path, empty_database):
    first = tmp_path / "site.json.gz"
    call_command("backup", str(first))
    original = objects_in(first)

    # Everything the site holds is in the file: every row of every model backed up, drafts too.
    in_file = Counter(o["model"] for o in original)
    for label, count in in_file.items():
        model = apps.get_model(label)
        assert model._base_manager.count() == count, label
    for label in (
        "briefing.briefing",
        "symposia.attendee",
        "symposia.importrecord",
        "auth.user",
        "admin.logentry",
    ):
        assert in_file[label] >= 1, label
    assert in_file["reversion.version"] >= 1
    assert not {"sessions.session", "contenttypes.contenttype", "auth.permission"} & set(in_file)
    assert "never in a backup" not in first.read_bytes().decode("latin-1")

    env = other_database(empty_database)
    restored = run(["manage.py", "restore", str(first)], env, timeout=300)
    assert restored.returncode == 0, restored.stderr
    second = tmp_path / "again.json.gz"
    again = run(["manage.py", "backup", str(second)], env, timeout=300)
    assert again.returncode == 0, again.stderr

    assert canonical(objects_in(second)) == canonical(original)

    # Both languages, read back from the restored database itself.
    check = run(
        [
            "-c",
            "import django, json; django.setup()\n"
            "from briefing.models import Briefing\n"
            "from django.contrib.auth import get_user_model\n"
            "b = Briefing.objects.get(slug='china-asean-customs-cooperation')\n"
            "u = get_user_model().objects.get(username='editor.li')\n"
            "print(json.dumps([b.title_en, b.title_zh_hans, u.check_password('x-editor-pw'),"
            " list(u.groups.values_list('name', flat=True))], ensure_ascii=False))",
        ],
        env,
    )
    assert check.returncode == 0, check.stderr
    title_en, title_zh, password_ok, groups = json.loads(check.stdout.strip().splitlines()[-1])
    assert title_en == site["briefing"].title_en and title_en.endswith("(revised)")
    assert title_zh == "中国—东盟海关合作简介"
    assert password_ok is True
    assert groups == list(site["editor"].groups.values_list("name", flat=True))


def test_restore_refuses_a_database_that_holds_a_site(site, tmp_path):
    path = tmp_path / "site.json.gz"
    call_command("backup", str(path))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path))
    assert Briefing.objects.filter(slug="draft-only").count() == 1


def test_backup_needs_a_json_file_name(db, tmp_path):
    with pytest.raises(CommandError, match=r"\.json"):
        call_command("backup", str(tmp_path / "site.tar"))


MOVED = {("newsroom", "sitesettings"), ("newsroom", "feedback"), ("publishing", "slugredirect")}


def as_before_the_move(value, key=None):
    """A backup's objects as the code before the move wrote them: the moved models under "briefing"."""
    if isinstance(value, dict):
        return {name: as_before_the_move(item, name) for name, item in value.items()}
    if isinstance(value, list):
        if len(value) >= 2 and all(isinstance(item, str) for item in value) and tuple(value[-2:]) in MOVED:
            return [*value[:-2], "briefing", value[-1]]
        return [as_before_the_move(item) for item in value]
    for app, model in MOVED:
        if key == "model" and value == f"{app}.{model}":
            return f"briefing.{model}"
        if key == "serialized_data":
            value = value.replace(f'"model": "{app}.{model}"', f'"model": "briefing.{model}"')
    return value


def test_a_backup_from_before_the_site_models_moved_restores(site, tmp_path, empty_database):
    """Backups taken before the site settings, readers' messages and slug redirects moved out of the
    briefing app name them "briefing.*"; restore reads them under their new apps."""
    from newsroom.models import Feedback, SiteSettings
    from publishing.models import SlugRedirect

    Feedback.objects.create(name="R", email="r@example.org", subject="Old", message="Hi", language="en")
    briefing_type = ContentType.objects.get_for_model(Briefing)
    SlugRedirect.objects.create(content_type=briefing_type, object_id=site["briefing"].pk, old_slug="old")
    with reversion.create_revision():
        SiteSettings.load().save()
    current = tmp_path / "site.json.gz"
    call_command("backup", str(current))
    old_objects = as_before_the_move(objects_in(current))
    text = json.dumps(old_objects, ensure_ascii=False)
    assert '"briefing.sitesettings"' in text and '"newsroom.' not in text and '"publishing.' not in text
    old = tmp_path / "old.json.gz"
    with gzip.open(old, "wt", encoding="utf-8") as fh:
        fh.write(text)

    env = other_database(empty_database)
    restored = run(["manage.py", "restore", str(old)], env, timeout=300)
    assert restored.returncode == 0, restored.stderr
    again = tmp_path / "again.json.gz"
    assert run(["manage.py", "backup", str(again)], env, timeout=300).returncode == 0
    assert canonical(objects_in(again)) == canonical(objects_in(current))
