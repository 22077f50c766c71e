"""SlugRedirect moves here from the briefing app, with its rows: the table is renamed
(briefing_slugredirect -> publishing_slugredirect) and its content type relabelled
(publishing/moves.py), so permissions and history stay attached."""

import django.db.models.deletion
from django.db import migrations, models

from publishing.moves import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("briefing", "0005_feedback"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SlugRedirect",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                        ("old_slug", models.SlugField(max_length=100, verbose_name="old slug")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype", verbose_name="content type")),
                    ],
                    options={
                        "verbose_name": "slug redirect",
                        "verbose_name_plural": "slug redirects",
                        "ordering": ["-created_at", "-pk"],
                        "constraints": [models.UniqueConstraint(fields=("content_type", "old_slug"), name="slug_redirect_once_per_type")],
                        "db_table": "briefing_slugredirect",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="slugredirect", table=None),
        move_content_types("briefing", "publishing", ["slugredirect"]),
    ]
