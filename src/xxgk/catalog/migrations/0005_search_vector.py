"""PostgreSQL: the search tsvector stored in a generated column with its GIN index, in place
of the expression index of 0004. A plan that rechecks, filters or counts matching rows then
reads the stored vector instead of running to_tsvector on each row's search_text again
(about 0.5 ms a row: a common word over a million items took seconds). The vector is
stripped of positions (a third smaller to read; `&` queries do not use them). Both databases:
partial indexes of the public items newest first, overall, per column and per agency, which
the portal's lists, counts and searches read in order (benchmarks/catalog_*_speed.py)."""

from django.db import migrations, models
from django.db.models import Q

PUBLIC = Q(status="published", mode="proactive")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS catalog_item_search_gin")
    schema_editor.execute(
        "ALTER TABLE catalog_item ADD COLUMN IF NOT EXISTS search_vector tsvector "
        "GENERATED ALWAYS AS (strip(to_tsvector('simple', search_text))) STORED"
    )
    create_search_index(schema_editor)


def create_search_index(schema_editor):
    """The GIN index (synthetic_catalog drops it for a bulk load and builds it again)."""
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalog_item_search_vector ON catalog_item "
        "USING gin (search_vector)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE catalog_item DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalog_item_search_gin ON catalog_item "
        "USING gin (to_tsvector('simple', search_text))"
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_search_index")]
    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["-published_on", "-id"], condition=PUBLIC, name="item_public_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["column", "-published_on", "-id"],
                condition=PUBLIC,
                name="item_public_column",
            ),
        ),
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["agency", "-published_on", "-id"],
                condition=PUBLIC,
                name="item_public_agency",
            ),
        ),
    ]
