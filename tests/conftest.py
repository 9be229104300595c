import os

import pytest
from django.contrib.auth.models import Group

from articles.roles import CORRESPONDENT, EDITOR
from tests.built_once import FAST_HASHERS, built_once
from tests.factories import make_user


def redis_database_per_worker() -> None:
    """Give each xdist worker a Redis test database of its own.

    Cache tests clear their database; two workers sharing one would clear each other's
    pages mid-test. Worker gwN uses the configured database number minus N.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker:
        return
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/3")
    base, _, number = url.rpartition("/")
    index = int(worker.removeprefix("gw"))
    os.environ["REDIS_TEST_URL"] = f"{base}/{int(number) - index}"


redis_database_per_worker()


def announce_framed_pages() -> None:
    """Let the test client see the template and context of pages drawn in a frame
    (articles.site.frames.render_page), as it sees those of any rendered template."""
    from django.test.signals import template_rendered

    from articles.site import frames

    def announce(template, context):
        template_rendered.send(sender=template, template=template, context=context)

    frames.announce_render = announce


announce_framed_pages()


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test newsroom of tests/site_content.py, built once per module."""
    from tests.site_content import build_newsroom

    with built_once(django_db_blocker, tmp_path_factory.mktemp("newsroom-media")):
        yield build_newsroom()


@pytest.fixture(autouse=True)
def fast_hashing_and_private_media(settings, tmp_path):
    """Cheap password hashing, and uploads that vanish with the test."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"
    # The hashed-name manifest exists only after collectstatic; tests serve from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def editor(db):
    user = make_user(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def correspondent(db):
    user = make_user(username="correspondent", is_staff=True)
    user.groups.add(Group.objects.get(name=CORRESPONDENT))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def correspondent_client(client, correspondent):
    client.force_login(correspondent)
    return client


@pytest.fixture
def correspondent_author(correspondent):
    """The author profile linked to the `correspondent` account."""
    from tests.factories import make_author

    return make_author(name="Kenji Ono", user=correspondent)


@pytest.fixture
def other_correspondent(db):
    from tests.factories import make_member

    return make_member(CORRESPONDENT, username="other-correspondent")


class Clock:
    """Stands in for django.utils.timezone.now: whatever reads the time sees `now`."""

    def __init__(self, monkeypatch):
        from django.utils import timezone

        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, moment):
        self.now = moment


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no page rendered by another test is served."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
