"""Moving a model to another app on a database that already holds it (used by migrations).

The table is kept (renamed by the new app's migration), and so must be
everything that names the model by its content type: group and user
permissions, admin log entries, reversion history and slug redirects point to
the `django_content_type` row by id, so that row is relabelled rather than
replaced; reversion's versions also name the model in their serialized data
("briefing.sitesettings"), which is rewritten so that old versions can still
be compared and reverted.
"""

import json

from django.db import migrations


def move_content_types(old_app, new_app, model_names):
    """A RunPython operation moving the content types of `model_names` from `old_app` to `new_app`
    (and back when the migration is unapplied)."""

    def forwards(apps, schema_editor):
        _move(apps, schema_editor.connection.alias, old_app, new_app, model_names)

    def backwards(apps, schema_editor):
        _move(apps, schema_editor.connection.alias, new_app, old_app, model_names)

    return migrations.RunPython(forwards, backwards)


def _move(apps, alias, source, target, model_names):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    for name in model_names:
        content_type = ContentType.objects.using(alias).filter(app_label=source, model=name).first()
        if content_type is None:  # a database that never had it: nothing to keep
            continue
        # A row for the new label can only come from an earlier post_migrate run with the new
        # code; it holds only the permissions Django created for it then, nothing of value.
        ContentType.objects.using(alias).filter(app_label=target, model=name).delete()
        content_type.app_label = target
        content_type.save(update_fields=["app_label"])
        old_label, new_label = f"{source}.{name}", f"{target}.{name}"
        for version in Version.objects.using(alias).filter(content_type=content_type, format="json"):
            objects = json.loads(version.serialized_data)
            for obj in objects:
                if obj.get("model") == old_label:
                    obj["model"] = new_label
            version.serialized_data = json.dumps(objects)
            version.save(update_fields=["serialized_data"])
    # This process may have cached the old rows (ContentType.objects keeps them per process).
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    CurrentContentType.objects.clear_cache()
