"""Bylines carry their story's listing time (Byline.listed_at), so an author's page
and feed read their rows from one index in order. Existing bylines are filled from
their stories in one UPDATE; the index is built CONCURRENTLY afterwards, so writers
are not held while it builds (non-atomic for that)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from articles.indexes import AddIndexConcurrently, ListingIndex


def fill_listed_at(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    listed = Article.objects.filter(
        pk=OuterRef("article_id"), status="published", trashed_at__isnull=True
    )
    Byline.objects.update(listed_at=Subquery(listed.values("published_at")[:1]))


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0021_storedpage_nav_section"),
    ]

    operations = [
        migrations.AddField(
            model_name="byline",
            name="listed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_listed_at, migrations.RunPython.noop, elidable=True),
        AddIndexConcurrently(
            model_name="byline",
            index=ListingIndex(
                models.F("author"),
                models.OrderBy(models.F("listed_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("article"), descending=True),
                name="byline_author_list",
            ),
        ),
    ]
