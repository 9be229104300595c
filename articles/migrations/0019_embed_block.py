"""Embed blocks (issue 14, point 9), and the roles synced so that correspondents and
editors may add, change and delete them like the other body blocks."""

import django.db.models.deletion
from django.db import migrations, models


def sync_roles(apps, schema_editor):
    from articles.roles import sync_roles as sync

    sync(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0018_stored_cards'),
        ("authors", "0002_author_profile_changes"),
        ("media_library", "0003_photo_alt_text_flagged_and_own_photos"),
        ("sections", "0005_partner_logo"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.CreateModel(
            name='EmbedBlock',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('region', models.CharField(max_length=255)),
                ('ordering', models.IntegerField(default=0)),
                ('url', models.URLField(help_text='The public address of a video, post, chart or document on YouTube, Vimeo, X, Bluesky, Mastodon, Datawrapper, DocumentCloud.', max_length=500, verbose_name='address')),
                ('title', models.CharField(blank=True, help_text='What it is, shown before it loads, e.g. “The minister in Kyiv”.', max_length=200, verbose_name='title')),
                ('caption', models.TextField(blank=True, verbose_name='caption')),
                ('parent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_set', to='articles.article')),
            ],
            options={
                'verbose_name': 'embed',
                'verbose_name_plural': 'embeds',
                'ordering': ['ordering'],
                'abstract': False,
            },
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
