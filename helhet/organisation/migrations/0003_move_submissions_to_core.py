"""Copy the organisation's own double-submit records into core's one table.

The organisation kept its own table of submission ids before `core.idempotency.once` was the
one mechanism. The rows are copied so that a form opened before the upgrade and sent after
it still creates once; the old table is deleted by the next migration.
"""

from django.db import migrations

# What the organisation's forms created (the ids they remembered).
OBJECT_TYPES = ("organisation.unit", "organisation.membership", "accounts.user")


def copy_to_core(apps, schema_editor):
    old_table = apps.get_model("organisation", "Submission")
    core_table = apps.get_model("core", "Submission")
    known = set(core_table.objects.values_list("key", flat=True))
    for old in old_table.objects.order_by("pk").iterator():
        if old.key in known:
            continue
        copy = core_table.objects.create(
            key=old.key,
            actor_id=old.actor_id,
            object_type=old.object_type,
            object_id=old.object_id,
        )
        # created_at is auto_now_add: keep the original time.
        core_table.objects.filter(pk=copy.pk).update(created_at=old.created_at)


def copy_back(apps, schema_editor):
    old_table = apps.get_model("organisation", "Submission")
    core_table = apps.get_model("core", "Submission")
    known = set(old_table.objects.values_list("key", flat=True))
    rows = core_table.objects.filter(
        actor__isnull=False, object_type__in=OBJECT_TYPES
    ).exclude(object_id="")
    for row in rows.order_by("pk").iterator():
        if row.key in known:
            continue
        copy = old_table.objects.create(
            key=row.key,
            actor_id=row.actor_id,
            object_type=row.object_type,
            object_id=row.object_id,
        )
        old_table.objects.filter(pk=copy.pk).update(created_at=row.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_submission"),
        ("organisation", "0002_submission_and_one_current_municipality"),
    ]

    operations = [migrations.RunPython(copy_to_core, copy_back)]
