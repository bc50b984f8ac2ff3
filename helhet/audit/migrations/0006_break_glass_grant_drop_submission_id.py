"""Break-glass grants keep no submission id: `core.idempotency.once` remembers it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_move_break_glass_submissions_to_core"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="breakglassgrant",
            name="audit_breakglassgrant_unique_submission",
        ),
        migrations.RemoveField(
            model_name="breakglassgrant",
            name="submission_id",
        ),
    ]
