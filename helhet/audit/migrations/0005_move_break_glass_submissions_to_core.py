"""Copy the submission ids of break-glass grants into core's one double-submit table.

Before `core.idempotency.once` was the one mechanism, each grant kept the id of the form
that opened it. The ids are copied so that a form sent before the upgrade and sent again
after it still opens one grant; the next migration drops the column.
"""

from django.db import migrations

OBJECT_TYPE = "audit.breakglassgrant"


def copy_to_core(apps, schema_editor):
    grants = apps.get_model("audit", "BreakGlassGrant")
    submissions = apps.get_model("core", "Submission")
    known = set(submissions.objects.values_list("key", flat=True))
    rows = grants.objects.filter(submission_id__isnull=False).order_by("pk")
    for grant in rows.iterator():
        if grant.submission_id in known:
            continue
        copy = submissions.objects.create(
            key=grant.submission_id,
            actor_id=grant.user_id,
            object_type=OBJECT_TYPE,
            object_id=str(grant.pk),
        )
        # created_at is auto_now_add: keep the time of the grant.
        submissions.objects.filter(pk=copy.pk).update(created_at=grant.granted_at)


def copy_back(apps, schema_editor):
    grants = apps.get_model("audit", "BreakGlassGrant")
    submissions = apps.get_model("core", "Submission")
    for row in submissions.objects.filter(object_type=OBJECT_TYPE).order_by("pk").iterator():
        grants.objects.filter(pk=row.object_id, submission_id__isnull=True).update(
            submission_id=row.key
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_submission"),
        ("audit", "0004_event_hash_version"),
    ]

    operations = [migrations.RunPython(copy_to_core, copy_back)]
