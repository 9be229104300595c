from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_listing_indexes_cover_trash"),
    ]

    operations = [
        migrations.AddField(
            model_name="storedpage",
            name="nav_section",
            field=models.SlugField(db_index=False, default="", max_length=100),
        ),
    ]
