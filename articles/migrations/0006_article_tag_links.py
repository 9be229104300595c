"""Tags move from taggit's generic TaggedItem to ArticleTag, a bigint foreign key to the article.

The copy runs inside this migration's transaction; on a large archive it is a single
INSERT … SELECT per chunk of ids, and the old generic rows of articles are removed.
"""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models

CHUNK = 20000


def copy_tag_links(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ArticleTag = apps.get_model("articles", "ArticleTag")
    Article = apps.get_model("articles", "Article")
    content_type = ContentType.objects.filter(
        app_label="articles", model="article"
    ).first()
    if content_type is None:
        return
    generic = TaggedItem.objects.filter(content_type=content_type)
    existing = set(Article.objects.values_list("pk", flat=True).iterator())
    links = generic.values_list("object_id", "tag_id").order_by("pk")
    batch = []
    for article_id, tag_id in links.iterator(chunk_size=CHUNK):
        if article_id in existing:
            batch.append(ArticleTag(content_object_id=article_id, tag_id=tag_id))
        if len(batch) >= CHUNK:
            ArticleTag.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    ArticleTag.objects.bulk_create(batch, ignore_conflicts=True)
    generic.delete()


def copy_tag_links_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ArticleTag = apps.get_model("articles", "ArticleTag")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="articles", model="article"
    )
    TaggedItem.objects.bulk_create(
        (
            TaggedItem(
                content_type=content_type,
                object_id=link.content_object_id,
                tag_id=link.tag_id,
            )
            for link in ArticleTag.objects.iterator(chunk_size=CHUNK)
        ),
        batch_size=CHUNK,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_history_corrections_previews"),
        ("contenttypes", "0002_remove_content_type_name"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleTag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_items",
                        to="articles.article",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="%(app_label)s_%(class)s_items",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "tag link",
                "verbose_name_plural": "tag links",
                "indexes": [
                    models.Index(
                        fields=["tag", "-content_object"], name="articletag_by_tag"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_object", "tag"),
                        name="articletag_once_per_article",
                    )
                ],
            },
        ),
        migrations.AlterField(
            model_name="article",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="People, places and topics, comma-separated.",
                through="articles.ArticleTag",
                to="taggit.Tag",
                verbose_name="tags",
            ),
        ),
        migrations.RunPython(copy_tag_links, copy_tag_links_back),
    ]
