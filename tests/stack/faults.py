"""A Redis server and a PostgreSQL cluster of the test's own, to stop and start at will.

Never the shared services: the cluster is made with pg_createcluster on its own port
(FAULT_PG_PORT, 5441 by default) and dropped afterwards; Redis runs as a child process
on FAULT_REDIS_PORT (6391 by default).
"""

import os
import subprocess
from pathlib import Path

from tests.stack.harness import free_port, wait_until

# Under pytest-xdist each worker gets its own cluster name and free ports.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
CLUSTER = f"stackfault{WORKER}"


def _port(variable: str, default: int) -> int:
    if variable in os.environ:
        return int(os.environ[variable])
    return free_port() if WORKER else default


def _pg_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


class OwnRedis:
    def __init__(self, port: int | None = None):
        self.port = port or _port("FAULT_REDIS_PORT", 6391)
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self._answers, "redis-server to answer")

    def _answers(self) -> bool:
        ping = ["redis-cli", "-p", str(self.port), "ping"]
        result = subprocess.run(ping, capture_output=True, text=True, check=False)
        return result.stdout.strip() == "PONG"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


class OwnPostgres:
    def __init__(self, port: int | None = None):
        self.port = port or _port("FAULT_PG_PORT", 5441)
        self.version = _pg_version()

    @property
    def server_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                self.version,
                CLUSTER,
                *args,
            ],
            check=True,
            capture_output=True,
        )

    def create(self) -> None:
        self.drop()
        subprocess.run(
            ["pg_createcluster", self.version, CLUSTER, "-p", str(self.port)]
            + ["--", "--auth=trust"],
            check=True,
            capture_output=True,
        )
        self.start()

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._ctl("stop", "-m", "fast")

    def drop(self) -> None:
        if Path(f"/etc/postgresql/{self.version}/{CLUSTER}").exists():
            subprocess.run(
                ["pg_dropcluster", "--stop", self.version, CLUSTER],
                check=True,
                capture_output=True,
            )

    def copy_database(self, source_url: str, name: str) -> str:
        """Create `name` here with the rows of `source_url` (pg_dump piped to psql)."""
        target = f"postgres://postgres@127.0.0.1:{self.port}/{name}"
        subprocess.run(
            ["psql", self.server_url, "-qc", f'CREATE DATABASE "{name}"'], check=True
        )
        dump = subprocess.Popen(
            ["pg_dump", "--no-owner", source_url], stdout=subprocess.PIPE
        )
        subprocess.run(
            ["psql", target, "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null"],
            stdin=dump.stdout,
            check=True,
        )
        dump.wait()
        return target
