from django.db import migrations

# PostgreSQL refuses any UPDATE or DELETE of a log row, whoever asks and
# however (the admin, the ORM, psql). TRUNCATE is left to the table's owner:
# emptying a whole table is an administrator's act, and the test runner
# uses it to reset the database between tests.
CREATE_TRIGGER = """
CREATE OR REPLACE FUNCTION audit_auditentry_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: %% refused on audit_auditentry', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse_change();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_auditentry_refuse_change();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)


def sync_roles(apps, schema_editor):
    # Databases made before the log existed: give the chief editor its view permission.
    from articles.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
