"""Editors may create the site settings row.

On a fresh site the row does not exist yet; editors could change it but not add it,
so the admin page listed nothing and "add" answered 403. Syncing the roles again
gives the Editor group `sections.add_sitesettings` (see `articles.roles`).
"""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from articles.roles import sync_roles as sync

    sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_article_body_html"),
        ("authors", "0002_author_profile_changes"),
        ("media_library", "0002_keywords_and_renditions"),
        ("sections", "0004_partner_api_keys"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
