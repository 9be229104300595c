"""Faults degrade, never break: Redis and PostgreSQL stopped and restarted under the stack."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.stack.faults import OwnPostgres, OwnRedis
from tests.stack.harness import LiveStack, base_env, wait_until

LOAD_REQUESTS = 240


@pytest.fixture(scope="module")
def services():
    redis, postgres = OwnRedis(), OwnPostgres()
    redis.start()
    postgres.create()
    yield redis, postgres
    redis.stop()
    postgres.drop()


@pytest.fixture(scope="module")
def fault_stack(services, demo_desk, collected_static, tmp_path_factory):
    redis, postgres = services
    env = base_env(
        database=postgres.copy_database(demo_desk["database"], "newsroom"),
        cache=redis.url,
        media=demo_desk["media"],
        static=collected_static,
    )
    stack = LiveStack(env, tmp_path_factory.mktemp("fault-run")).start()
    yield stack
    stack.stop()


def under_load(stack, paths, *, during) -> list[int]:
    """Statuses of LOAD_REQUESTS requests over `paths`; `during` runs a third of the way in."""
    done = threading.Semaphore(0)

    def one(number):
        path, headers = paths[number % len(paths)]
        reply = stack.get(path.format(n=number), **headers)
        done.release()
        return reply.status

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(one, number) for number in range(LOAD_REQUESTS)]
        for _ in range(LOAD_REQUESTS // 3):
            done.acquire()
        during()
        return [future.result() for future in futures]


def test_redis_down_under_load_costs_speed_not_pages(fault_stack, services):
    redis, _ = services
    facts = fault_stack.desk("facts")
    cookie = {"Cookie": f"sessionid={fault_stack.desk('editor_session')['sessionid']}"}
    paths = [
        (facts["article"], {}),
        ("/?reader={n}", {}),  # a new address each time: rendered by Django
        (facts["section"] + "?reader={n}", {}),
        (facts["article"] + "?reader={n}", {}),
        ("/search/?q=ukraine&reader={n}", {}),
        ("/admin/", cookie),
        (f"/admin/articles/article/{facts['pk']}/change/", cookie),
    ]
    statuses = under_load(fault_stack, paths, during=redis.stop)
    assert statuses.count(200) == len(statuses), sorted(set(statuses))
    health = fault_stack.get_from_django("/healthz")
    assert (health.status, health.text) == (200, "ok; cache degraded")

    pids = fault_stack.pids
    redis.start()
    wait_until(lambda: fault_stack.get_from_django("/healthz").text == "ok", "Redis")
    assert fault_stack.pids == pids


def test_postgres_down_serves_the_cache_and_a_styled_503(fault_stack, services):
    _, postgres = services
    facts = fault_stack.desk("facts")
    for _ in range(2):
        assert fault_stack.get(facts["article"]).status == 200
    pids = fault_stack.pids
    postgres.stop()
    try:
        cached = fault_stack.get(facts["article"])
        assert (cached.status, cached.header("X-Cache")) == (200, "HIT")
        for path in ("/search/?q=kyiv", facts["section"] + "?page=1"):
            reply = fault_stack.get(path)
            assert reply.status == 503, path
            assert reply.header("Retry-After").isdigit()
            assert "We are briefly unable to show this page" in reply.text
        health = fault_stack.get_from_django("/healthz")
        assert (health.status, health.text) == (503, "database unavailable")
        assert fault_stack.get("/healthz").status == 503
    finally:
        postgres.start()
    wait_until(lambda: fault_stack.get("/healthz").status == 200, "recovery")
    assert fault_stack.get("/search/?q=kyiv").status == 200
    assert fault_stack.pids == pids
