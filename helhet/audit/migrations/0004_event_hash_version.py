"""Events carry the version of their hash: the rows already here keep their unkeyed hash
(version 1, the column's database default); every event written from now on is keyed
(version 2, HMAC with HELHET_AUDIT_KEY). No row is rewritten.

On SQLite, adding the column rebuilds the table, which drops its triggers; they are put
back in the same migration so that the table is never left open to UPDATE and DELETE.
"""

from django.db import migrations, models

from helhet.audit.db import install_append_only_triggers


def reinstall_triggers(apps, schema_editor):
    install_append_only_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_break_glass_submission_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="hash_version",
            field=models.PositiveSmallIntegerField(db_default=1, default=2),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop),
    ]
