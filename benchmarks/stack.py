"""The production stack measured in one run, as ratios to a minimal Django view.

Run by hand (not in CI): `make bench-stack`. It loads the demo desk into its own database
(BENCH_STACK_DATABASE_URL) unless it is there, starts nginx → Varnish → gunicorn on free
loopback ports, and reports requests per second, each relative to the minimal view served
by the same gunicorn:

- a cached anonymous article through the whole stack (goal: at least 5×),
- the same article rendered by Django without any cache (goal: at least 0.25×),
- and the time from adding a correction to the stack serving the corrected page.

Ratios, because the machine is shared and absolute numbers mean little here.
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.stack import Stack, StackConfig  # noqa: E402
from tests.stack.harness import (  # noqa: E402
    base_env,
    fetch,
    free_port,
    manage,
    recreate_database,
)

DATABASE = os.environ.get(
    "BENCH_STACK_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/newsroom_bench_stack",
)
BUILD = ROOT / "build" / "bench-stack"


# wrk (Debian package `wrk`), when installed, drives the load: Python clients top out
# at a few thousand requests a second, below what Varnish serves.
WRK_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  local path = wrk.path
  if UNIQUE then path = path .. "?bench=" .. counter end
  return wrk.format("GET", path)
end
response = function(status, headers, body)
  if status ~= 200 then error("status " .. status) end
end
"""


def wrk_requests_per_second(url: str, *, unique: bool, seconds: float, clients: int):
    """Requests/s wrk completes on `url` (a fresh query string each time if `unique`)."""
    script = BUILD / "wrk.lua"
    script.write_text(f"UNIQUE = {'true' if unique else 'false'}\n{WRK_SCRIPT}")
    result = subprocess.run(
        [
            shutil.which("wrk"),
            "--threads",
            "1",
            "--connections",
            str(clients),
            "--duration",
            f"{seconds:g}s",
            "--script",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in result.stdout or "error" in result.stderr:
        raise RuntimeError(f"{url}: {result.stdout}{result.stderr}")
    match = re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout)
    return float(match.group(1))


def load(host, port, path, *, unique=False, seconds: float, clients: int) -> float:
    if shutil.which("wrk"):
        return wrk_requests_per_second(
            f"http://{host}:{port}{path}",
            unique=unique,
            seconds=seconds,
            clients=clients,
        )
    if unique:
        return requests_per_second(
            host, port, lambda n: f"{path}?bench={n}", seconds=seconds, clients=clients
        )
    return requests_per_second(
        host, port, lambda n: path, seconds=seconds, clients=clients
    )


def requests_per_second(host, port, paths, *, seconds: float, clients: int) -> float:
    """Keep-alive clients requesting `paths` in turn for `seconds`; completed requests/s."""
    counts = [0] * clients
    stop = time.monotonic() + seconds

    def client(number):
        connection = http.client.HTTPConnection(host, port, timeout=30)
        n = number
        while time.monotonic() < stop:
            connection.request("GET", paths(n))
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{paths(n)} answered {response.status}")
            counts[number] += 1
            n += clients
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def prepare(env: dict) -> None:
    from urllib.parse import urlsplit

    name = urlsplit(DATABASE).path.lstrip("/")
    loaded = BUILD / f"{name}.loaded"
    if not loaded.exists():
        recreate_database(DATABASE, name)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo", "--photo-width", "800", "-v", "0")
        loaded.touch()
    manage(env, "collectstatic", "--no-input", "-v", "0")


def purge_to_fresh(stack: Stack, env: dict, article: str, rounds: int) -> list[float]:
    """Seconds from asking for a correction to the stack serving the corrected page."""
    front = stack.config.front_url
    timings = []
    for round_number in range(rounds):
        for _ in range(2):
            fetch(f"{front}{article}")  # cached: the next read must not be stale
        text = f"Benchmark correction {time.time_ns()} ({round_number})."
        started = time.monotonic()
        manage(
            env,
            "shell",
            "-c",
            "from tests.stack.desk_actions import correct_reference; "
            f"correct_reference(text={text!r})",
        )
        while text not in fetch(f"{front}{article}").text:
            pass
        timings.append(time.monotonic() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    BUILD.mkdir(parents=True, exist_ok=True)
    env = base_env(
        database=DATABASE,
        cache=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14"),
        media=BUILD / "media",
        static=BUILD / "static",
    )
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.stack_settings"
    prepare(env)
    config = StackConfig(
        http_port=free_port(),
        cache_port=free_port(),
        app_port=free_port(),
        run_dir=BUILD / "run",
        app_workers=options.workers,
    )
    stack = Stack(config, {**env, "HTTP_CACHE_PURGE_URLS": config.purge_url})
    with stack:
        env["HTTP_CACHE_PURGE_URLS"] = config.purge_url
        facts = manage(
            env,
            "shell",
            "-c",
            "from demo.desk import reference_article; "
            "print(reference_article().get_absolute_url())",
        )
        article = facts.strip().splitlines()[-1]
        host = config.host
        measure = {"seconds": options.seconds, "clients": options.clients}
        minimal = load(host, config.app_port, "/bench/minimal/", **measure)
        cached = load(host, config.http_port, article, **measure)
        # A new query string each time: neither Varnish nor the page cache has it.
        uncached = load(host, config.app_port, article, unique=True, **measure)
        purge = purge_to_fresh(stack, env, article, options.rounds)
    report = [
        f"Production stack benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"load: {'wrk' if shutil.which('wrk') else 'Python threads'}; "
        f"gunicorn workers: {options.workers}; clients: {options.clients}; "
        f"{options.seconds:g} s per measurement; reference article {article}",
        f"minimal Django view (gunicorn):      {minimal:8.1f} req/s = 1.00×",
        f"cached article (nginx → Varnish):    {cached:8.1f} req/s = {cached / minimal:.2f}×  (goal ≥ 5×)",
        f"uncached article (gunicorn, Django): {uncached:8.1f} req/s = {uncached / minimal:.2f}×  (goal ≥ 0.25×)",
        f"purge to fresh page (correction added → corrected page served), {options.rounds} rounds: "
        f"median {statistics.median(purge):.2f} s, max {max(purge):.2f} s "
        "(includes starting a Django process for the desk action)",
    ]
    print("\n".join(report))


if __name__ == "__main__":
    main()
