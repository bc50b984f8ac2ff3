"""No bed is given to two people for the same night, enforced by the database.

PostgreSQL: an exclusion constraint over the bed and the half-open date range
[starts_on, ends_on) (btree_gist gives GiST the = operator on the bed id). SQLite has no
exclusion constraints: triggers refuse an overlapping insert or update. Written as SQL
guarded by the vendor because django.contrib.postgres is not installed.
"""

from django.db import migrations

_PG_RANGE = "daterange(starts_on, COALESCE(ends_on, 'infinity'::date), '[)')"

_PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE shelter_bedallocation ADD CONSTRAINT shelter_bedallocation_no_overlap "
    f"EXCLUDE USING gist (bed_id WITH =, {_PG_RANGE} WITH &&)",
]
_PG_REVERSE = [
    "ALTER TABLE shelter_bedallocation DROP CONSTRAINT IF EXISTS shelter_bedallocation_no_overlap",
]

# Dates are ISO text in SQLite, so string comparison orders them; '9999-12-31' stands in
# for an open end. An empty range (ends_on = starts_on) overlaps nothing.
_SQLITE_OVERLAP = """
    SELECT 1 FROM shelter_bedallocation AS other
    WHERE other.bed_id = NEW.bed_id
      AND other.id IS NOT NEW.id
      AND other.starts_on < COALESCE(other.ends_on, '9999-12-31')
      AND NEW.starts_on < COALESCE(NEW.ends_on, '9999-12-31')
      AND other.starts_on < COALESCE(NEW.ends_on, '9999-12-31')
      AND NEW.starts_on < COALESCE(other.ends_on, '9999-12-31')
"""
_SQLITE_FORWARD = [
    f"""CREATE TRIGGER shelter_bedallocation_no_overlap_insert
        BEFORE INSERT ON shelter_bedallocation
        WHEN EXISTS ({_SQLITE_OVERLAP})
        BEGIN SELECT RAISE(ABORT, 'shelter_bedallocation_no_overlap'); END""",
    f"""CREATE TRIGGER shelter_bedallocation_no_overlap_update
        BEFORE UPDATE ON shelter_bedallocation
        WHEN EXISTS ({_SQLITE_OVERLAP})
        BEGIN SELECT RAISE(ABORT, 'shelter_bedallocation_no_overlap'); END""",
]
_SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS shelter_bedallocation_no_overlap_insert",
    "DROP TRIGGER IF EXISTS shelter_bedallocation_no_overlap_update",
]


def _run(schema_editor, statements_by_vendor):
    statements = statements_by_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(
            f"Helhet supports PostgreSQL and SQLite, not {schema_editor.connection.vendor}."
        )
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, {"postgresql": _PG_FORWARD, "sqlite": _SQLITE_FORWARD})


def reverse(apps, schema_editor):
    _run(schema_editor, {"postgresql": _PG_REVERSE, "sqlite": _SQLITE_REVERSE})


class Migration(migrations.Migration):
    dependencies = [("shelter", "0002_default_answer_options")]

    operations = [migrations.RunPython(forward, reverse)]
