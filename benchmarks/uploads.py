"""Huge uploads against a live gunicorn: do public pages keep answering, and what does a worker cost?

Run by hand (not part of the test suite):

    .venv/bin/python benchmarks/uploads.py --port 8200 [--kind png|jpeg] [--uploads 3]

It prepares its own database (UPLOAD_BENCH_DATABASE_URL) with the demo desk and an
admin account, starts gunicorn (3 workers of 4 threads, as `make serve`) on --port, measures the
public pages (home, the reference article, a search) while idle, then again while
--uploads uploaders send a 10,000 x 10,000 single-colour picture through the admin in
parallel, once a second, for as long as the idle phase lasted. It reports the pages' p50/p99 in both phases, each upload's answer,
the peak resident memory (VmHWM) of the worker processes, and whether any file was left
in MEDIA_ROOT that no photo row names. Latencies are wall-clock on a shared machine:
compare the two phases of one run, not runs on different days.
"""

import argparse
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.databases import ensure_database  # noqa: E402
from tests.media_library.helpers import single_colour_png  # noqa: E402

PASSWORD = "upload-bench-password-1"
MEDIA_ROOT = ROOT / "build" / "upload-bench-media"


def bench_environment(port: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": os.environ.get(
            "UPLOAD_BENCH_DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/newsroom_upload_bench",
        ),
        "MEDIA_ROOT": str(MEDIA_ROOT),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "upload-benchmark-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "false",  # plain HTTP on the loopback
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        "CACHE_URL": "locmemcache://",
        "SITE_URL": f"http://127.0.0.1:{port}",
    }


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def prepare(env: dict) -> str:
    """Database, demo desk, static files and the uploader's account; returns the article's path."""
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo", "--photo-width", "640")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    script = (
        "from django.contrib.auth import get_user_model\n"
        "from demo.desk import reference_article\n"
        "User = get_user_model()\n"
        "user, _ = User.objects.get_or_create(username='upload-bench')\n"
        "user.is_staff = user.is_superuser = True\n"
        f"user.set_password('{PASSWORD}')\n"
        "user.save()\n"
        "print(reference_article().get_absolute_url())\n"
    )
    return manage(env, "shell", "-c", script).strip().splitlines()[-1]


def start_gunicorn(
    env: dict, port: int, workers: int, threads: int
) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def signed_in_session(base: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/admin/login/")
    response = session.post(
        f"{base}/admin/login/",
        data={
            "username": "upload-bench",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        headers={"Referer": f"{base}/admin/login/"},
    )
    response.raise_for_status()
    return session


def huge_picture(kind: str) -> tuple[str, bytes]:
    if kind == "png":
        return "flat.png", single_colour_png(10_000, 10_000)
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10_000, 10_000), (40, 90, 160)).save(buffer, "JPEG")
    return "flat.jpg", buffer.getvalue()


def keep_uploading(base, name, content, results, index, deadline) -> None:
    """One uploader: the same huge file once a second until the deadline.

    The uploaders start together, so every round is three uploads at once, as in the
    reported attack; the pause leaves room for page requests between rounds, as a real
    desk would.
    """
    session = signed_in_session(base)
    while time.monotonic() < deadline:
        round_started = time.monotonic()
        upload(session, base, name, content, results, index)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - round_started)))


def upload(
    session, base: str, name: str, content: bytes, results: list, index: int
) -> None:
    started = time.monotonic()
    try:
        response = session.post(
            f"{base}/admin/media_library/photo/upload/",
            files={"files": (f"{index}-{name}", content)},
            data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": f"{base}/admin/media_library/photo/upload/"},
            timeout=120,
        )
        messages = re.findall(
            r'<li(?: class="(?:error|success)")?>([^<]{10,})</li>', response.text
        )
        answer = f"{response.status_code} {messages[0].strip() if messages else ''}"
    except requests.RequestException as error:
        answer = f"no answer: {error.__class__.__name__}"
    results.append((time.monotonic() - started, answer))


def page_latencies(base: str, paths: list[str], until) -> list[float]:
    reader = requests.Session()
    times = []
    while not until(len(times)):
        for path in paths:
            started = time.monotonic()
            try:
                reader.get(base + path, timeout=60).raise_for_status()
                times.append(time.monotonic() - started)
            except requests.RequestException:
                times.append(60.0)  # a failed page counts as the worst case
    return times


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms ({len(ordered)} requests)"


def stored_files() -> set[str]:
    return {
        str(p.relative_to(MEDIA_ROOT)) for p in MEDIA_ROOT.rglob("*") if p.is_file()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="per worker; 1: sync")
    parser.add_argument("--uploads", type=int, default=3)
    parser.add_argument("--kind", choices=["png", "jpeg"], default="png")
    parser.add_argument("--idle-seconds", type=float, default=15)
    options = parser.parse_args()

    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    env = bench_environment(options.port)
    article = prepare(env)
    base = f"http://127.0.0.1:{options.port}"
    paths = ["/", article, "/search/?q=Kyiv"]
    name, content = huge_picture(options.kind)
    server = start_gunicorn(env, options.port, options.workers, options.threads)
    try:
        files_before = stored_files()
        deadline = time.monotonic() + options.idle_seconds
        idle = page_latencies(base, paths, lambda n: time.monotonic() > deadline)
        idle_rss = max(peak_rss_mb(pid) for pid in worker_pids(server.pid))

        results: list = []
        deadline = time.monotonic() + options.idle_seconds
        threads = [
            threading.Thread(
                target=keep_uploading,
                args=(base, name, content, results, n, deadline),
            )
            for n in range(options.uploads)
        ]
        for thread in threads:
            thread.start()
        during = page_latencies(
            base, paths, lambda n: not any(t.is_alive() for t in threads)
        )
        for thread in threads:
            thread.join()
        busy_rss = max(peak_rss_mb(pid) for pid in worker_pids(server.pid))
        photos = manage(
            env,
            "shell",
            "-c",
            "from media_library.models import Photo\n"
            "from media_library.renditions import stored_names\n"
            "for p in Photo.objects.all():\n"
            "    print(p.image.name)\n"
            "    [print(n) for n in stored_names(p.renditions)]\n",
        ).split()
        orphans = stored_files() - files_before - set(photos)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"{options.uploads} uploaders at once, each sending a 10,000 x 10,000 single-colour "
        f"{options.kind.upper()} ({len(content) / 1024:.0f} KB) once a second: "
        f"{len(results)} uploads in {options.idle_seconds:.0f} s, "
        f"{options.workers} gunicorn workers x {options.threads} threads"
    )
    print(f"public pages idle:          {percentiles(idle)}")
    print(f"public pages during upload: {percentiles(during)}")
    answers = sorted({answer for _seconds, answer in results})
    times = sorted(seconds for seconds, _answer in results)
    print(f"uploads answered in {times[0]:.1f}-{times[-1]:.1f} s; answers: {answers}")
    print(
        f"peak RSS of one worker: {idle_rss:.0f} MB idle, {busy_rss:.0f} MB after the uploads"
    )
    print(f"files left in MEDIA_ROOT that no photo names: {len(orphans)}")


if __name__ == "__main__":
    main()
