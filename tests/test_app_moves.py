"""SiteSettings and Feedback moved to the newsroom app, SlugRedirect to publishing: a database of
round one, with its data, migrates to the new layout and loses nothing.

The test migrates the test database back to the state before the move, writes
what a running site has (the records, a role's permission on the moved model,
an admin log entry, a reversion version, a slug redirect), migrates forward,
and finds each of them, attached to the same content type row.
"""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from reversion.models import Version

from newsroom.models import Feedback, SiteSettings
from publishing.models import SlugRedirect

BEFORE_THE_MOVE = [("briefing", "0005_feedback"), ("publishing", None), ("newsroom", None)]


def migrate(targets=None):
    """Migrate the test database to `targets` (the latest state when None); the apps of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()  # reads which migrations are applied now
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


@pytest.mark.django_db(transaction=True)
def test_moving_models_between_apps_keeps_rows_permissions_log_and_history():
    old = migrate(BEFORE_THE_MOVE)
    old_content_type = old.get_model("contenttypes", "ContentType")
    site_type = old_content_type.objects.get(app_label="briefing", model="sitesettings")
    briefing_type = old_content_type.objects.get(app_label="briefing", model="briefing")
    old.get_model("briefing", "SiteSettings").objects.create(
        pk=1,
        site_name="Customs newsroom",
        site_name_en="Customs newsroom",
        site_name_zh_hans="海关新闻",
        sponsor_en="GACC",
        sponsor_zh_hans="海关总署",
        copyright_en="(c)",
        copyright_zh_hans="版权",
        address_en="Beijing",
        address_zh_hans="北京",
        icp_number="京ICP备0000号",
    )
    old.get_model("briefing", "Feedback").objects.create(
        name="Reader", email="reader@example.org", subject="A question", message="Hello", language="en"
    )
    old.get_model("briefing", "SlugRedirect").objects.create(
        content_type=briefing_type, object_id=7, old_slug="old-slug"
    )
    permission = old.get_model("auth", "Permission").objects.get(
        content_type=site_type, codename="change_sitesettings"
    )
    role = old.get_model("auth", "Group").objects.create(name="Site editors (test)")
    role.permissions.add(permission)
    editor = old.get_model("auth", "User").objects.create(username="editor", is_staff=True)
    editor.groups.add(role)
    old.get_model("admin", "LogEntry").objects.create(
        action_time=timezone.now(),
        user_id=editor.pk,
        content_type_id=site_type.pk,
        object_id="1",
        object_repr="Site settings",
        action_flag=2,
        change_message="[]",
    )
    revision = old.get_model("reversion", "Revision").objects.create(
        date_created=timezone.now(), user_id=editor.pk, comment="Changed site name."
    )
    fields = {
        "site_name": "Customs newsroom",
        "site_name_en": "Customs newsroom",
        "site_name_zh_hans": "海关新闻",
    }
    old.get_model("reversion", "Version").objects.create(
        revision=revision,
        object_id="1",
        content_type=site_type,
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "briefing.sitesettings", "pk": 1, "fields": fields}]),
        object_repr="Site settings",
    )

    migrate()

    site = SiteSettings.objects.get(pk=1)
    assert (site.site_name_zh_hans, site.icp_number) == ("海关新闻", "京ICP备0000号")
    assert Feedback.objects.get().subject == "A question"
    redirect = SlugRedirect.objects.get()
    assert (redirect.old_slug, redirect.content_type_id) == ("old-slug", briefing_type.pk)
    # The same content type row, relabelled: everything that points to it follows.
    assert ContentType.objects.get_for_model(SiteSettings).pk == site_type.pk
    assert not ContentType.objects.filter(
        app_label="briefing", model__in=["sitesettings", "feedback"]
    ).exists()
    assert User.objects.get(username="editor").has_perm("newsroom.change_sitesettings")
    assert LogEntry.objects.get().get_edited_object() == site
    version = Version.objects.get_for_object(site).get()
    assert version.field_dict["site_name_zh_hans"] == "海关新闻"
    # The renamed tables still number new rows (PostgreSQL's identity sequence went with the table).
    Feedback.objects.create(
        name="Another", email="b@example.org", subject="Two", message="Hi", language="zh-hans"
    )
    assert Feedback.objects.count() == 2
