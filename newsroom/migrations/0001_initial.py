"""SiteSettings and Feedback move here from the briefing app, with their rows: the tables are
renamed (briefing_* -> newsroom_*) and their content types relabelled (publishing/moves.py), so
group permissions, admin log entries and reversion history stay attached."""

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
                    name="SiteSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("site_name", models.CharField(max_length=200, verbose_name="site name")),
                        ("site_name_en", models.CharField(max_length=200, null=True, verbose_name="site name")),
                        ("site_name_zh_hans", models.CharField(max_length=200, null=True, verbose_name="site name")),
                        ("sponsor", models.CharField(max_length=300, verbose_name="sponsor")),
                        ("sponsor_en", models.CharField(max_length=300, null=True, verbose_name="sponsor")),
                        ("sponsor_zh_hans", models.CharField(max_length=300, null=True, verbose_name="sponsor")),
                        ("copyright", models.CharField(max_length=300, verbose_name="copyright line")),
                        ("copyright_en", models.CharField(max_length=300, null=True, verbose_name="copyright line")),
                        ("copyright_zh_hans", models.CharField(max_length=300, null=True, verbose_name="copyright line")),
                        ("address", models.CharField(max_length=300, verbose_name="address")),
                        ("address_en", models.CharField(max_length=300, null=True, verbose_name="address")),
                        ("address_zh_hans", models.CharField(max_length=300, null=True, verbose_name="address")),
                        ("post_code", models.CharField(blank=True, max_length=20, verbose_name="post code")),
                        ("telephone", models.CharField(blank=True, max_length=50, verbose_name="telephone")),
                        ("icp_number", models.CharField(blank=True, help_text="The website's record number with the Ministry of Industry and Information Technology.", max_length=100, verbose_name="ICP record number")),
                    ],
                    options={
                        "verbose_name": "site settings",
                        "verbose_name_plural": "site settings",
                        "db_table": "briefing_sitesettings",
                    },
                ),
                migrations.CreateModel(
                    name="Feedback",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        ("subject", models.CharField(max_length=200, verbose_name="subject")),
                        ("message", models.TextField(max_length=5000, verbose_name="message")),
                        ("language", models.CharField(max_length=10, verbose_name="language")),
                        ("status", models.CharField(choices=[("new", "new"), ("answered", "answered"), ("spam", "spam")], default="new", max_length=10, verbose_name="status")),
                        ("client_address", models.GenericIPAddressField(blank=True, null=True, unpack_ipv4=True, verbose_name="sent from")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="received")),
                        ("staff_note", models.TextField(blank=True, verbose_name="staff note")),
                    ],
                    options={
                        "verbose_name": "reader's message",
                        "verbose_name_plural": "readers' messages",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [models.Index(fields=["status", "-created_at"], name="feedback_status_created")],
                        "db_table": "briefing_feedback",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="sitesettings", table=None),
        migrations.AlterModelTable(name="feedback", table=None),
        move_content_types("briefing", "newsroom", ["sitesettings", "feedback"]),
    ]
