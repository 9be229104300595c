from django.apps import AppConfig


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = "Media library"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from media_library import signals  # noqa: F401

        # Every Image.open in the process (renditions, commands) refuses files past the
        # upload limit; Pillow raises DecompressionBombError at twice this value.
        Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
