"""The staff roles as Django groups: Editors, Translators, Registrars.

README.md ("Roles and workflow") documents them; tests/test_roles.py checks each
role against each admin page and action. Permissions are created here first,
because Django only creates them after all migrations have run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "briefing": [
        "section",
        "instrument",
        "agreement",
        "briefing",
        "result",
        "briefingsection",
        "priority",
        "sitesettings",
    ],
    "symposia": ["organization", "symposium", "participation"],
}
PUBLISH = [
    ("briefing", "publish_agreement"),
    ("briefing", "publish_briefing"),
    ("symposia", "publish_symposium"),
]


def role_permissions():
    editors, translators = [], []
    for app_label, models in CONTENT.items():
        for model in models:
            editors += [(app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")]
            translators += [(app_label, f"{action}_{model}") for action in ("change", "view")]
    editors += [("briefing", f"{action}_slugredirect") for action in ("add", "change", "delete", "view")]
    editors += PUBLISH
    registrars = [("symposia", f"{action}_attendee") for action in ("add", "change", "delete", "view")]
    registrars += [("symposia", "view_importrecord"), ("symposia", "view_organization")]
    return {"Editors": editors, "Translators": translators, "Registrars": registrars}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for app_label, codename in codenames:
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=role_permissions()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("briefing", "0003_publish_permission"),
        ("symposia", "0004_publish_permission"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
