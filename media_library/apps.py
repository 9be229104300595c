from django.apps import AppConfig


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = "Media library"

    def ready(self):
        from PIL import Image

        from media_library import signals  # noqa: F401

        # Pillow's decompression-bomb limit is one global for the whole process: a
        # per-request limit would have to change it while other gunicorn threads decode,
        # and past twice the limit it refuses before the real size is known. It is
        # switched off once, here; every place that opens a picture checks the header's
        # pixel count against PHOTO_MAX_PIXELS itself before decoding
        # (validation.check_pixel_count, renditions.opened_within_limit).
        Image.MAX_IMAGE_PIXELS = None
