"""Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.

Without Chromium they skip with a reason, except where REQUIRE_BROWSER_TESTS is set
(CI), where a missing browser fails the run instead.
"""

import os
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "build" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make to arrange data are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    if "live_server" in request.fixturenames:
        wait_for_the_server_to_finish_its_requests()


def wait_for_the_server_to_finish_its_requests(timeout: float = 10.0) -> None:
    """After the test, the database is emptied with one TRUNCATE of every table. A
    request the closed page left running in the live server (an autosave, a presence
    beat) could hold a row lock the TRUNCATE waits for while waiting for a table the
    TRUNCATE holds: PostgreSQL calls that a deadlock and the emptying fails. So wait
    until no other connection to the test database is working."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND backend_type = 'client backend' AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under build/screenshots (kept by CI as an artifact)."""

    def take(name: str, target=None):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe():
    """The path of axe-core's script, pinned in package.json (`npm ci`)."""
    if not AXE.exists():
        reason = "axe-core is not installed (run `npm ci` at the project root)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason)
        pytest.skip(reason)
    return str(AXE)


@pytest.fixture
def role_groups(db):
    """The role groups, as the data migration makes them.

    Live-server tests empty every table after they run, groups included, so the
    groups are made again here the way a migration does it.
    """
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from articles.roles import sync_roles

    sync_roles(MigrationLoader(connection).project_state().apps)


def log_in(page, live_server, *, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
