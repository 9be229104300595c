"""The listing indexes carry `trashed_at` (INCLUDE), so that counting a list reads the
index alone. The new indexes are built before the old ones go, both CONCURRENTLY:
lists keep an index and the table stays writable throughout (non-atomic for that)."""

from django.db import migrations, models

from articles.indexes import (
    AddIndexConcurrently,
    ListingIndex,
    RemoveIndexConcurrently,
)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0019_embed_block"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="article",
            index=ListingIndex(
                models.F("status"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                include=("trashed_at",),
                name="article_listing_public",
            ),
        ),
        AddIndexConcurrently(
            model_name="article",
            index=ListingIndex(
                models.F("section"),
                models.F("status"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                include=("trashed_at",),
                name="article_listing_section",
            ),
        ),
        RemoveIndexConcurrently(model_name="article", name="article_public_listing"),
        RemoveIndexConcurrently(model_name="article", name="article_section_listing"),
    ]
