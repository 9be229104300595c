"""The settings module and `.env.example` agree, and security defaults are deliberate."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ENV_LINE = re.compile(r"^([A-Z][A-Z0-9_]*)=")


def variables_read_by_settings() -> set[str]:
    """Names passed to `env(...)` or `env.<cast>(...)` anywhere in newsroom/settings.py."""
    tree = ast.parse((ROOT / "newsroom" / "settings.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        reads_env = (isinstance(func, ast.Name) and func.id == "env") or (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "env"
        )
        first = node.args[0]
        if (
            reads_env
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            names.add(first.value)
    return names


def variables_read_by_stack() -> set[str]:
    """Names `deploy/stack.py` reads with `environ.get(...)` (the `make serve` stack)."""
    tree = ast.parse((ROOT / "deploy" / "stack.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "environ"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def variables_in_env_example() -> set[str]:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return {match[1] for line in lines if (match := ENV_LINE.match(line))}


def test_env_example_lists_every_variable_settings_read():
    """A variable read by the settings but missing from .env.example fails here."""
    assert variables_read_by_settings() - variables_in_env_example() == set()


def test_env_example_lists_every_variable_the_stack_reads():
    """`make serve` (deploy/stack.py) is configured the same way: every variable listed."""
    assert "STACK_HTTP_PORT" in variables_read_by_stack()
    assert variables_read_by_stack() - variables_in_env_example() == set()


def test_env_example_lists_nothing_settings_ignore():
    """A variable in .env.example that neither the settings nor the stack read fails here."""
    read = variables_read_by_settings() | variables_read_by_stack()
    assert variables_in_env_example() - read == set()


def test_the_parser_finds_the_reads_it_should():
    """The check above is not vacuous: it sees plain, cast and nested reads."""
    assert {"DATABASE_URL", "DJANGO_DEBUG", "DJANGO_LOG_LEVEL"} <= (
        variables_read_by_settings()
    )


def test_hsts_preload_is_off_unless_asked_for():
    """Joining a browser preload list is an opt-in, never a default."""
    assert settings.SECURE_HSTS_PRELOAD is False


def test_language_has_one_source():
    """The page language and the feeds' language are the same setting."""
    assert settings.LANGUAGE_CODE == settings.NEWSROOM_LANGUAGE


def test_email_is_configured_by_one_url():
    """EMAIL_URL becomes Django's SMTP settings; the sender comes from the environment."""
    import os
    import subprocess
    import sys

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "EMAIL_URL": "smtp+tls://desk:secret@mail.example.org:587",
        "DEFAULT_FROM_EMAIL": "Desk <desk@example.org>",
    }
    script = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
        "s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, sep='|')"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert output.split("|") == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "desk",
        "True",
        "Desk <desk@example.org>",
    ]
