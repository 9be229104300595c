"""Start the real stack (nginx → Varnish → gunicorn) for tests, and talk to it over HTTP.

The stack gets its own database (migrated and loaded with the demo desk by a
`manage.py` subprocess, like a real deploy) instead of pytest's transaction-wrapped
one: gunicorn must see committed rows. The desk's actions run in subprocesses too
(tests/stack/desk_actions.py), so their purges travel as they do from the admin.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from deploy.stack import BASE_DIR, Stack, StackConfig

XKEY_VMOD = Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so")
WAIT_SECONDS = 60


def missing_tools() -> list[str]:
    missing = [
        name
        for name in ("nginx", "varnishd")
        if not (shutil.which(name) or Path(f"/usr/sbin/{name}").exists())
    ]
    if not XKEY_VMOD.exists():
        missing.append("varnish-modules (xkey)")
    return missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def fetch(url: str, *, headers: dict | None = None, method: str = "GET") -> Reply:
    """One request; no decompression, no redirects followed, errors are replies too."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return Reply(
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return Reply(
            error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
        )


def wait_until(condition, what: str, seconds: float = WAIT_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.25)
    raise AssertionError(f"gave up waiting for {what}")


def database_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(
    server_url: str, name: str, *, template: str = "", drop_only: bool = False
) -> None:
    admin = urlsplit(server_url)._replace(path="/postgres")
    with psycopg.connect(urlunsplit(admin), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            copy = f' TEMPLATE "{template}"' if template else ""
            connection.execute(f'CREATE DATABASE "{name}"{copy}')


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def base_env(*, database: str, cache: str, media: Path, static: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "STACK_", "HTTP_CACHE_", "PYTEST"))
    }
    env.update(
        DATABASE_URL=database,
        CACHE_URL=cache,
        MEDIA_ROOT=str(media),
        STATIC_ROOT=str(static),
        DJANGO_DEBUG="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="ERROR",
    )
    return env


class LiveStack:
    """A running stack and the environment its Django processes share."""

    def __init__(self, env: dict, run_dir: Path, *, workers: int = 2):
        self.config = StackConfig(
            http_port=free_port(),
            cache_port=free_port(),
            app_port=free_port(),
            run_dir=run_dir,
            app_workers=workers,
        )
        self.env = {**env, "HTTP_CACHE_PURGE_URLS": self.config.purge_url}
        self.stack = Stack(self.config, self.env)

    def start(self) -> "LiveStack":
        self.stack.start()
        wait_until(lambda: self.get("/healthz").status == 200, "a healthy backend")
        return self

    def stop(self) -> None:
        self.stack.stop()

    @property
    def pids(self) -> list[int]:
        """The processes still running: a recovery must not have needed a restart."""
        return [p.pid for p in self.stack.processes if p.poll() is None]

    def get(self, path: str, **headers) -> Reply:
        return fetch(f"{self.config.front_url}{path}", headers=headers)

    def get_from_django(self, path: str) -> Reply:
        """Straight to gunicorn, past nginx and Varnish."""
        return fetch(f"http://{self.config.host}:{self.config.app_port}{path}")

    def desk(self, action: str, **arguments) -> dict:
        """Run a desk action (tests/stack/desk_actions.py) as its own Django process."""
        code = (
            "import json; from tests.stack import desk_actions; "
            f"print(json.dumps(desk_actions.{action}(**json.loads({json.dumps(json.dumps(arguments))}))))"
        )
        output = manage(self.env, "shell", "-c", code)
        return json.loads(output.strip().splitlines()[-1])
