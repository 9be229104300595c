"""Indexes in the listings' exact order, built without blocking writes (CONCURRENTLY).

Non-atomic: PostgreSQL builds or drops an index concurrently only outside a transaction.
The trigram indexes serve the admin's `icontains` search (UPPER(col) LIKE '%x%'); they
need pg_trgm and exist on PostgreSQL only.
"""

from django.db import migrations, models

from articles.indexes import (
    AddIndexConcurrently,
    ListingIndex,
    RemoveIndexConcurrently,
)

# Expressions as Django writes an `icontains` lookup, so the planner can match them.
TRIGRAM_INDEXES = {
    "article_headline_trgm": 'UPPER("headline"::text)',
    "article_dek_trgm": 'UPPER("dek"::text)',
    "article_slug_trgm": 'UPPER("slug"::text)',
}


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON articles_article "
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0006_article_tag_links"),
        ("authors", "0002_author_profile_changes"),
    ]

    operations = [
        RemoveIndexConcurrently(model_name="article", name="article_public_listing"),
        AddIndexConcurrently(
            model_name="article",
            index=ListingIndex(
                models.F("status"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="article_public_listing",
            ),
        ),
        RemoveIndexConcurrently(model_name="article", name="article_section_listing"),
        AddIndexConcurrently(
            model_name="article",
            index=ListingIndex(
                models.F("section"),
                models.F("status"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="article_section_listing",
            ),
        ),
        AddIndexConcurrently(
            model_name="article",
            index=models.Index(fields=["-updated_at"], name="article_recently_updated"),
        ),
        AddIndexConcurrently(
            model_name="byline",
            index=models.Index(fields=["author", "-article"], name="byline_by_author"),
        ),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
