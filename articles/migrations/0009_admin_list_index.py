"""The admin's list order (every status, newest first) as an index, built concurrently."""

from django.db import migrations, models

from articles.indexes import AddIndexConcurrently, ListingIndex


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("articles", "0008_article_trash")]

    operations = [
        AddIndexConcurrently(
            model_name="article",
            index=ListingIndex(
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="article_newest_first",
            ),
        ),
    ]
