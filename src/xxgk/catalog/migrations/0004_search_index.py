"""The search index: an FTS5 table on SQLite, a GIN expression index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalog_item_search_gin ON catalog_item "
            "USING gin (to_tsvector('simple', search_text))"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS catalog_item_fts USING fts5(search_text, tokenize='unicode61 remove_diacritics 0')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_item_search_gin")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS catalog_item_fts")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_items")]
    operations = [migrations.RunPython(create, drop)]
