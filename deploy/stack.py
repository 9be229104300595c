"""The production stack on one machine: nginx → Varnish (xkey) → gunicorn.

    python deploy/stack.py serve            # `make serve`: foreground, Ctrl-C stops all three
    python deploy/stack.py configure DIR    # write nginx.conf and default.vcl for a real host

Configuration comes from the same environment variables as the Django settings (the
paths of static and media files, the upload limit) plus the STACK_* variables below,
all listed in .env.example. Tests and the benchmark start the same stack on free ports
through `Stack`.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
BASE_DIR = DEPLOY_DIR.parent
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
COMPRESSED_TYPES = (
    "text/css text/plain text/xml text/javascript application/javascript "
    "application/json application/ld+json application/xml application/rss+xml "
    "application/atom+xml image/svg+xml"
)
READY_TIMEOUT_SECONDS = 60


def _django_settings():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.conf import settings

    django.setup()
    return settings


@dataclass
class StackConfig:
    host: str = "127.0.0.1"
    http_port: int = 8000
    cache_port: int = 6081
    app_port: int = 8001
    run_dir: Path = BASE_DIR / "build" / "stack"
    app_workers: int = 3
    # Threads per worker (gunicorn's gthread): a thread busy with a large upload does
    # not take a whole process away from page requests.
    app_threads: int = 4
    cache_size: str = "256m"
    grace: str = "24h"
    purge_allow: list[str] = field(default_factory=list)
    access_log: bool = False

    @classmethod
    def from_env(cls, environ=os.environ) -> "StackConfig":
        return cls(
            host=environ.get("STACK_HOST", "127.0.0.1"),
            http_port=int(environ.get("STACK_HTTP_PORT", 8000)),
            cache_port=int(environ.get("STACK_CACHE_PORT", 6081)),
            app_port=int(environ.get("STACK_APP_PORT", 8001)),
            run_dir=Path(environ.get("STACK_RUN_DIR", BASE_DIR / "build" / "stack")),
            app_workers=int(environ.get("WEB_CONCURRENCY", 3)),
            app_threads=int(environ.get("WEB_THREADS", 4)),
            cache_size=environ.get("STACK_CACHE_SIZE", "256m"),
            grace=environ.get("STACK_CACHE_GRACE", "24h"),
            purge_allow=[
                address
                for address in environ.get("HTTP_CACHE_PURGE_ALLOW", "").split(",")
                if address.strip()
            ],
            access_log=environ.get("STACK_ACCESS_LOG", "") == "true",
        )

    def to_env(self) -> dict[str, str]:
        """The variables from_env reads, for a child process that writes the configs."""
        return {
            "STACK_HOST": self.host,
            "STACK_HTTP_PORT": str(self.http_port),
            "STACK_CACHE_PORT": str(self.cache_port),
            "STACK_APP_PORT": str(self.app_port),
            "STACK_RUN_DIR": str(self.run_dir),
            "WEB_CONCURRENCY": str(self.app_workers),
            "WEB_THREADS": str(self.app_threads),
            "STACK_CACHE_SIZE": self.cache_size,
            "STACK_CACHE_GRACE": self.grace,
            "HTTP_CACHE_PURGE_ALLOW": ",".join(self.purge_allow),
            "STACK_ACCESS_LOG": "true" if self.access_log else "false",
        }

    @property
    def purge_url(self) -> str:
        return f"http://{self.host}:{self.cache_port}/"

    @property
    def front_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"


def _fill(template: str, values: dict) -> str:
    for name, value in values.items():
        template = template.replace(f"@@{name}@@", str(value))
    return template


def _url_path(url: str) -> str:
    return url if url.startswith("/") else f"/{url}"


def nginx_conf(config: StackConfig, settings) -> str:
    media_locations = ""
    on_disk = settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    if on_disk:  # with S3 storage, photo URLs point at the bucket (or its CDN)
        media = _url_path(settings.MEDIA_URL)
        root = Path(settings.MEDIA_ROOT)
        # Renditions have content-addressed names: a changed photo gets new ones.
        media_locations = (
            f"        location {media}renditions/ {{\n"
            f"            alias {root}/renditions/;\n"
            '            add_header Cache-Control "public, max-age=31536000, immutable";\n'
            "        }\n"
            f"        location {media} {{\n"
            f"            alias {root}/;\n"
            '            add_header Cache-Control "public, max-age=86400";\n'
            "        }\n"
        )
    brotli = BROTLI_MODULE.exists()
    user = "" if os.geteuid() else f"user {os.environ.get('USER', 'root')};"
    values = {
        "USER": user,
        "WORKERS": 2,
        "BROTLI_MODULE": f"load_module {BROTLI_MODULE};" if brotli else "",
        "BROTLI": f"    brotli on;\n    brotli_types {COMPRESSED_TYPES};"
        if brotli
        else "",
        "RUN_DIR": config.run_dir,
        "ACCESS_LOG": f"{config.run_dir}/nginx-access.log"
        if config.access_log
        else "off",
        "UPLOAD_MAX": settings.PHOTO_MAX_UPLOAD_BYTES + 1024 * 1024,
        "CACHE_HOST": config.host,
        "CACHE_PORT": config.cache_port,
        "HTTP_HOST": config.host,
        "HTTP_PORT": config.http_port,
        "STATIC_URL": _url_path(settings.STATIC_URL),
        "STATIC_ROOT": settings.STATIC_ROOT,
        "MEDIA_LOCATIONS": media_locations,
    }
    return _fill((DEPLOY_DIR / "nginx.conf.in").read_text(), values)


def varnish_vcl(config: StackConfig, outage_page: Path) -> str:
    from newsroom.errors import RETRY_AFTER_SECONDS

    acl = "".join(f'    "{address.strip()}";\n' for address in config.purge_allow)
    values = {
        "APP_HOST": config.host,
        "APP_PORT": config.app_port,
        "PURGE_ACL": acl.rstrip("\n"),
        "GRACE": config.grace,
        "RETRY_AFTER": RETRY_AFTER_SECONDS,
        "OUTAGE_PAGE": outage_page,
    }
    return _fill((DEPLOY_DIR / "varnish.vcl.in").read_text(), values)


def write_configs(config: StackConfig) -> dict[str, Path]:
    """nginx.conf, default.vcl and the outage page in the run directory."""
    settings = _django_settings()
    from django.template import loader

    run_dir = config.run_dir
    for sub in ("nginx-tmp", "varnish"):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)
    paths = {
        "nginx": run_dir / "nginx.conf",
        "vcl": run_dir / "default.vcl",
        "outage": run_dir / "503.html",
    }
    paths["outage"].write_text(loader.render_to_string("503.html"))
    paths["nginx"].write_text(nginx_conf(config, settings))
    paths["vcl"].write_text(varnish_vcl(config, paths["outage"]))
    return paths


def _wait_for_port(host: str, port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on {host}:{port}")


class Stack:
    """The three processes, started in order and stopped in reverse."""

    def __init__(self, config: StackConfig, env: dict | None = None):
        self.config = config
        self.env = dict(os.environ if env is None else env)
        if not self.env.get("HTTP_CACHE_PURGE_URLS"):
            self.env["HTTP_CACHE_PURGE_URLS"] = config.purge_url
        self.processes: list[subprocess.Popen] = []

    def commands(self, paths: dict[str, Path]) -> list[tuple[list[str], int]]:
        c = self.config
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--bind",
            f"{c.host}:{c.app_port}",
            "--workers",
            str(c.app_workers),
            "--threads",
            str(c.app_threads),
            "--graceful-timeout",
            "5",
            "--no-control-socket",  # one per user by default: stacks side by side clash
        ]
        varnish = [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F",
            "-j",
            "none",  # run as the invoking user: no separate jail account needed
            "-n",
            str(c.run_dir / "varnish"),
            "-a",
            f"{c.host}:{c.cache_port}",
            "-f",
            str(paths["vcl"]),
            "-s",
            f"malloc,{c.cache_size}",
            "-p",
            "default_ttl=0",  # only responses that say how long may be cached
        ]
        nginx = [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-p",
            str(c.run_dir),
            "-c",
            str(paths["nginx"]),
            "-e",
            str(c.run_dir / "nginx-error.log"),
            "-g",
            "daemon off;",
        ]
        return [(gunicorn, c.app_port), (varnish, c.cache_port), (nginx, c.http_port)]

    def start(self) -> "Stack":
        # Written by a child with the stack's own environment: the paths in nginx.conf
        # are exactly those the gunicorn processes' settings will use.
        subprocess.run(
            [sys.executable, __file__, "configure", str(self.config.run_dir)],
            env={**self.env, **self.config.to_env()},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        run_dir = self.config.run_dir
        paths = {"nginx": run_dir / "nginx.conf", "vcl": run_dir / "default.vcl"}
        try:
            for command, port in self.commands(paths):
                process = subprocess.Popen(command, cwd=BASE_DIR, env=self.env)
                self.processes.append(process)
                _wait_for_port(self.config.host, port, process)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def serve() -> None:
    config = StackConfig.from_env()
    stack = Stack(config)
    # Ctrl-C reaches the whole process group; stop everything in order once.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.start()
        print(
            f"Serving on {config.front_url}/ (nginx → Varnish → gunicorn); Ctrl-C stops"
        )
        while all(process.poll() is None for process in stack.processes):
            time.sleep(0.5)
        print("A process of the stack exited; stopping the others", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


def main(argv: list[str]) -> None:
    if argv[:1] == ["configure"] and len(argv) == 2:
        config = StackConfig.from_env()
        config.run_dir = Path(argv[1])
        for name, path in write_configs(config).items():
            print(f"{name}: {path}")
    elif argv in ([], ["serve"]):
        serve()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
