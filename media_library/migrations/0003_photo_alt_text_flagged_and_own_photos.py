"""Alt text may wait, and photos may be changed by whoever uploaded them.

Uploads used to copy the caption into an empty alt text so that this constraint held;
a caption is not a description for someone who cannot see the picture, so nothing is
copied any more. A photo without alt text is stored, flagged as needing it in the
library, and refused by the publishing checks until it is described or marked
decorative. `change_any_photo` tells editors (any photo) from correspondents (their own).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('media_library', '0002_keywords_and_renditions'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='photo',
            options={'ordering': ['-uploaded_at', '-pk'], 'permissions': [('change_any_photo', 'Can change any photo')], 'verbose_name': 'photo', 'verbose_name_plural': 'photos'},
        ),
        migrations.RemoveConstraint(
            model_name='photo',
            name='photo_alt_text_unless_decorative',
        ),
    ]
