"""Password guessing is cut short: per account and per address, with a date to try again."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
PASSWORD = "the-right-password-1"


@pytest.fixture
def desk_user():
    return make_user(username="desk-editor", password=PASSWORD, is_staff=True)


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_after_too_many_wrong_ones_is_refused(
    client, desk_user, settings
):
    """After AXES_FAILURE_LIMIT wrong passwords even the right one is refused, with a time to retry."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "desk-editor", "wrong")

    response = attempt(client, "desk-editor", PASSWORD)

    assert response.status_code == 429
    assert not is_signed_in(client)
    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "try again after" in page and "<time datetime=" in page
    assert response["Retry-After"] == str(settings.AXES_COOLOFF_TIME.seconds)


def test_the_account_is_locked_from_any_address(client, desk_user, settings):
    """Changing address does not help the guesser: the account itself is locked."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "desk-editor", "wrong", address=f"198.51.100.{n}")

    response = attempt(Client(), "desk-editor", PASSWORD, address="192.0.2.99")

    assert response.status_code == 429


def test_one_address_guessing_many_accounts_is_locked(client, desk_user, settings):
    """Spraying passwords over many accounts locks the address, not only the accounts."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"someone-{n}", "wrong")

    assert attempt(client, "desk-editor", PASSWORD).status_code == 429
    other = Client()
    assert (
        attempt(other, "desk-editor", PASSWORD, address="192.0.2.1").status_code == 302
    )
    assert is_signed_in(other)


def test_a_successful_login_clears_the_count(client, desk_user, settings):
    """A typo or two followed by the right password leaves no debt for next time."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "desk-editor", "wrong")
    assert attempt(client, "desk-editor", PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "desk-editor", "wrong")

    assert attempt(client, "desk-editor", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_address(
    client, desk_user, settings
):
    """Without trusted proxies, X-Forwarded-For is the client's own word and is ignored."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"username": f"someone-{n}", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )

    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").count() == 5
    assert attempt(client, "desk-editor", PASSWORD).status_code == 429


def test_a_superuser_unlocks_an_account_in_the_admin(client, desk_user, settings):
    """Axes' own admin lists the attempts; deleting them lets the owner in at once."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "desk-editor", "wrong")
    admin = Client()
    admin.force_login(make_user(username="root", is_staff=True, is_superuser=True))

    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "desk-editor" in listing.content.decode()
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )

    assert not AccessAttempt.objects.exists()
    assert attempt(client, "desk-editor", PASSWORD).status_code == 302
