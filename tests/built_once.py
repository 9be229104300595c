"""Expensive test data built once for many tests (the demo desk, the test newsroom)."""

from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def built_once(django_db_blocker, media_root):
    """Rows (and files under `media_root`) made once for many tests, then rolled back.

    Django's `setUpTestData` in pytest form: the rows live in a transaction that is
    rolled back after the last test using them, and every test still runs in its own
    transaction nested inside, so what a test changes is gone before the next one.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)
