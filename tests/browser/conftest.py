"""Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.

Without Chromium they skip with a reason, except where REQUIRE_BROWSER_TESTS is set
(CI), where a missing browser fails the run instead.
"""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started

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


class LiveServerRequests:
    """The requests the live server (threads of this process) is answering right now.

    After a test the database is emptied with one TRUNCATE of every table. A request
    the closed page leaves behind (the presence beacon sent as the page goes away, an
    autosave) holds locks on the tables it read while it waits for the ones the
    TRUNCATE holds: PostgreSQL calls that a deadlock and the emptying fails, and the
    next test finds the last one's rows. So a test ends only once the server is quiet.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.answering = 0
        self.last_change = time.monotonic()

    def started(self, **kwargs) -> None:
        with self._lock:
            self.answering += 1
            self.last_change = time.monotonic()

    def finished(self, **kwargs) -> None:
        with self._lock:
            self.answering -= 1
            self.last_change = time.monotonic()

    def wait_until_quiet(self, *, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Until no request has run for `quiet` seconds: a beacon is sent as the page
        closes and reaches the server a moment later."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                idle = (
                    not self.answering and time.monotonic() - self.last_change > quiet
                )
            if idle:
                return
            time.sleep(0.02)


live_server_requests = LiveServerRequests()
request_started.connect(live_server_requests.started)
request_finished.connect(live_server_requests.finished)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    if "live_server" in request.fixturenames:
        live_server_requests.wait_until_quiet()


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
