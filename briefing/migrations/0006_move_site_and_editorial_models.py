"""SiteSettings, Feedback and SlugRedirect now belong to the newsroom and publishing apps, whose
first migrations take over their tables, rows and content types: only the state leaves here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("briefing", "0005_feedback"),
        ("newsroom", "0001_initial"),
        ("publishing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SiteSettings"),
                migrations.DeleteModel(name="Feedback"),
                migrations.DeleteModel(name="SlugRedirect"),
            ],
            database_operations=[],
        ),
    ]
