"""The library in the staff roles (briefing/migrations/0004_roles.py made them): Editors
upload, change and delete images and documents and choose a symposium's gallery;
Translators change their texts (alt text, captions, titles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = [("library", "image"), ("library", "document"), ("symposia", "galleryimage")]
ROLES = {"Editors": ("add", "change", "delete", "view"), "Translators": ("change", "view")}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, model in MODELS:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for app_label, model in MODELS:
        for permission in Permission.objects.filter(content_type__app_label=app_label, content_type__model=model):
            permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("briefing", "0004_roles"),
        ("symposia", "0007_gallery_and_formatted_text"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
