"""The access log refuses UPDATE in the database itself, whoever connects.

The one update allowed is the one deleting a clinician's account makes: their
staff link (``actor_id``) becomes empty and nothing else changes. DELETE stays
possible for the cascade of a member deleting their own account (the model and
its queryset refuse deletes from application code)."""

from django.db import migrations

COLUMNS = (
    "member_id",
    "organisation_id",
    "actor_name",
    "categories",
    "consent_id",
    "view",
    "at",
)

SQLITE_CREATE = """
CREATE TRIGGER care_accesslog_append_only
BEFORE UPDATE ON care_accesslog
WHEN NOT (NEW.actor_id IS NULL AND NEW.id IS OLD.id AND {same})
BEGIN
    SELECT RAISE(ABORT, 'care_accesslog is append-only');
END
""".format(same=" AND ".join(f"NEW.{c} IS OLD.{c}" for c in COLUMNS))

POSTGRES_CREATE = """
CREATE FUNCTION care_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF NOT (NEW.actor_id IS NULL AND NEW.id = OLD.id AND {same}) THEN
        RAISE EXCEPTION 'care_accesslog is append-only';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""".format(same=" AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in COLUMNS))
POSTGRES_TRIGGER = """
CREATE TRIGGER care_accesslog_append_only
BEFORE UPDATE ON care_accesslog
FOR EACH ROW EXECUTE FUNCTION care_accesslog_append_only()
"""

# One statement per execute: a driver may refuse several at once.
CREATE = {
    "sqlite": [SQLITE_CREATE],
    "postgresql": [POSTGRES_CREATE, POSTGRES_TRIGGER],
}
DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS care_accesslog_append_only"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS care_accesslog_append_only ON care_accesslog",
        "DROP FUNCTION IF EXISTS care_accesslog_append_only()",
    ],
}


def create(apps, schema_editor):
    for sql in CREATE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    for sql in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("care", "0003_consent_access_log_assignments")]

    operations = [migrations.RunPython(create, drop)]
