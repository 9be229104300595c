"""Fixtures that start the real stack. Without nginx, Varnish or xkey these tests skip
with a reason, except where REQUIRE_STACK_TESTS is set (CI): there a missing piece fails."""

import os

import pytest

from tests.stack.harness import (
    LiveStack,
    base_env,
    database_url,
    manage,
    missing_tools,
    recreate_database,
)

DEMO_PHOTO_WIDTH = "800"  # enough for every rendition size the pages ask for, and quick


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/stack/" in str(item.fspath):
            item.add_marker(pytest.mark.stack)


@pytest.fixture(scope="session")
def stack_tools():
    missing = missing_tools()
    if missing:
        message = f"the production stack needs {', '.join(missing)} (apt-get install)"
        if os.environ.get("REQUIRE_STACK_TESTS"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def collected_static(stack_tools, tmp_path_factory):
    """collectstatic with production settings, once per run."""
    static = tmp_path_factory.mktemp("staticfiles")
    env = base_env(
        database="sqlite:///:memory:",
        cache="locmemcache://",
        media=static.parent / "unused-media",
        static=static,
    )
    manage(env, "collectstatic", "--no-input", "-v", "0")
    return static


def server_url() -> str:
    return os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom")


def stack_database(suffix: str) -> str:
    """A database name of this run (and of this pytest-xdist worker, if any)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"{server_url().rsplit('/', 1)[-1]}_{suffix}{worker}"


@pytest.fixture(scope="session")
def demo_desk(collected_static, tmp_path_factory):
    """The demo desk loaded once (photos and renditions made once): a template database."""
    name = stack_database("stack_demo")
    recreate_database(server_url(), name)
    media = tmp_path_factory.mktemp("demo-media")
    env = base_env(
        database=database_url(server_url(), name),
        cache="locmemcache://",
        media=media,
        static=collected_static,
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo", "--photo-width", DEMO_PHOTO_WIDTH, "-v", "0")
    yield {"database": database_url(server_url(), name), "media": media}
    recreate_database(server_url(), name, drop_only=True)


@pytest.fixture(scope="module")
def live_stack(demo_desk, collected_static, tmp_path_factory):
    """The stack on free ports, over a copy of the demo desk and the test Redis database."""
    name = stack_database("stack")
    recreate_database(server_url(), name, template=stack_database("stack_demo"))
    env = base_env(
        database=database_url(server_url(), name),
        cache=os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15"),
        media=demo_desk["media"],
        static=collected_static,
    )
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    stack = LiveStack(env, tmp_path_factory.mktemp("stack-run")).start()
    yield stack
    stack.stop()
    recreate_database(server_url(), name, drop_only=True)
