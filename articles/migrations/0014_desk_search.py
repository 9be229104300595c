"""The desk's search reads the full-text index, which now also holds bylines and tags.

Existing search vectors get the bylined authors' names and the tag names (weight D),
a batch of ids at a time, each batch its own transaction (the migration is not atomic),
so that a large archive stays writable while it runs. Running it again replaces the D
part rather than adding a second copy. The trigram indexes that served the old
`icontains` search (migration 0007) serve nothing now and are dropped concurrently.
SQLite has neither vectors nor trigram indexes: both steps do nothing there.
"""

from django.db import migrations

BATCH = 10_000
TRIGRAM_INDEXES = {
    "article_headline_trgm": 'UPPER("headline"::text)',
    "article_dek_trgm": 'UPPER("dek"::text)',
    "article_slug_trgm": 'UPPER("slug"::text)',
}
LABELS = """
    concat_ws(' ',
        (SELECT string_agg(author.name, ' ') FROM articles_byline byline
         JOIN authors_author author ON author.id = byline.author_id
         WHERE byline.article_id = articles_article.id),
        (SELECT string_agg(tag.name, ' ') FROM articles_articletag link
         JOIN taggit_tag tag ON tag.id = link.tag_id
         WHERE link.content_object_id = articles_article.id))
"""


def _in_batches(schema_editor, assignment: str) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM articles_article")
        low, high = cursor.fetchone()
        for start in range(low, high + 1, BATCH):
            cursor.execute(
                f"UPDATE articles_article SET search_vector = {assignment} "
                "WHERE id >= %s AND id < %s AND search_vector IS NOT NULL",
                [start, start + BATCH],
            )


def add_bylines_and_tags(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _in_batches(
        schema_editor,
        "ts_filter(search_vector, '{a,b,c}') "
        f"|| setweight(to_tsvector('english', {LABELS}), 'D')",
    )


def remove_bylines_and_tags(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _in_batches(schema_editor, "ts_filter(search_vector, '{a,b,c}')")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON articles_article "
            f"USING gin (({expression}) gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0013_correspondents_change_own_photos"),
        ("authors", "0002_author_profile_changes"),
    ]

    operations = [
        migrations.RunPython(add_bylines_and_tags, remove_bylines_and_tags),
        migrations.RunPython(drop_trigram_indexes, add_trigram_indexes),
    ]
