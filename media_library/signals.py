from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from media_library.models import Photo
from media_library.services import discard_files


@receiver(post_delete, sender=Photo)
def remove_files_of_deleted_photo(sender, instance, **kwargs):
    # After commit: a rolled-back delete must find its files still there.
    transaction.on_commit(lambda: discard_files(instance))
