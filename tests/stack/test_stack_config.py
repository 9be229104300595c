"""The stack's gunicorn runs threaded workers, sized from the environment."""

from pathlib import Path

from deploy.stack import Stack, StackConfig

ROOT = Path(__file__).resolve().parents[2]


def gunicorn_command(environ: dict) -> list[str]:
    config = StackConfig.from_env(environ)
    paths = {"vcl": Path("default.vcl"), "nginx": Path("nginx.conf")}
    command, _port = Stack(config, env={}).commands(paths)[0]
    return command


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_gunicorn_gets_threads_per_worker_from_web_threads():
    command = gunicorn_command({"WEB_CONCURRENCY": "2", "WEB_THREADS": "6"})

    assert (option(command, "--workers"), option(command, "--threads")) == ("2", "6")


def test_threads_default_to_four_and_travel_to_child_processes():
    config = StackConfig.from_env({})

    assert option(gunicorn_command({}), "--threads") == "4"
    assert StackConfig.from_env(config.to_env()) == config


def test_the_systemd_unit_runs_threaded_workers_too():
    unit = (ROOT / "deploy/systemd/newsroom-gunicorn.service").read_text()

    assert "--threads ${WEB_THREADS}" in unit
