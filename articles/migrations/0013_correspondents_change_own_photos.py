"""Correspondents change the photos they uploaded; editors any photo.

Syncing the roles again gives the Correspondent group `media_library.change_photo`
and the Editor group `media_library.change_any_photo` (see `articles.roles`).
"""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from articles.roles import sync_roles as sync

    sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_publication_time_help_text"),
        ("media_library", "0003_photo_alt_text_flagged_and_own_photos"),
    ]

    operations = [
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
