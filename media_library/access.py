"""Who may change which photo: the one rule the photo admin and its tests start from."""

from media_library.models import Photo


def may_change_photo(user, photo: Photo) -> bool:
    """Editors change any photo; others who may change photos, only those they uploaded.

    Everyone else who may see the library gets the photo's page read-only.
    """
    if user.has_perm("media_library.change_any_photo"):
        return True
    if not user.has_perm("media_library.change_photo"):
        return False
    return photo.uploaded_by_id is not None and photo.uploaded_by_id == user.pk
