import re

import pytest
from django.contrib.auth import get_user_model

from articles.api import access
from sections.models import Partner, PartnerKey, SiteSettings
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_window(monkeypatch):
    """Every request falls in the same rate-limit window, whatever the wall clock does."""
    monkeypatch.setattr(access, "wall_clock", lambda: 1_700_000_010.0)


@pytest.fixture
def partner(db):
    site = SiteSettings.objects.create()
    return Partner.objects.create(
        site=site, name="Nordic Wire", url="https://wire.example"
    )


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def issue_in_admin(client, partner) -> str:
    response = client.post(
        "/admin/sections/partnerkey/add/", {"partner": partner.pk, "label": "wire desk"}
    )
    assert response.status_code == 200
    return re.search(
        r'<code id="new-api-key">([^<]+)</code>', response.content.decode()
    )[1]


def test_partner_key_issue_use_limit_and_revoke(
    client, superuser_client, partner, settings, frozen_window
):
    """A key is shown once, stored hashed, lifts the limit, answers 429 past its own
    limit, records its last use, and stops working once revoked."""
    settings.API_ANONYMOUS_RATE = "1/m"
    settings.API_PARTNER_RATE = "3/m"
    make_article()
    raw_key = issue_in_admin(superuser_client, partner)
    key = PartnerKey.objects.get()
    assert key.key_hash != raw_key and raw_key not in str(key.__dict__)
    assert raw_key.startswith(key.prefix)
    superuser_client.logout()

    statuses = [
        client.get("/api/v1/articles", HTTP_X_API_KEY=raw_key).status_code
        for _ in range(4)
    ]
    key.refresh_from_db()
    limited = client.get("/api/v1/articles", HTTP_X_API_KEY=raw_key)

    assert statuses == [200, 200, 200, 429]
    assert int(limited["Retry-After"]) >= 1
    assert limited.json()["message"]
    assert key.last_used_at is not None

    PartnerKey.objects.filter(pk=key.pk).update(revoked_at=key.last_used_at)
    revoked = client.get("/api/v1/articles", HTTP_X_API_KEY=raw_key)
    assert revoked.status_code == 401
    assert revoked.json() == {
        "message": "This API key is not valid or has been revoked."
    }


def test_admin_action_revokes_keys(superuser_client, partner):
    """The "Revoke" action in the admin ends a key's life."""
    key, _ = PartnerKey.issue(partner=partner)

    superuser_client.post(
        "/admin/sections/partnerkey/",
        {"action": "revoke", "_selected_action": [key.pk]},
    )

    key.refresh_from_db()
    assert key.revoked_at is not None
    assert not PartnerKey.objects.active().exists()


def test_anonymous_requests_are_limited_per_address(client, settings, frozen_window):
    """Without a key an address gets the anonymous limit, then 429 with Retry-After;
    another address still has its own allowance."""
    settings.API_ANONYMOUS_RATE = "2/m"

    statuses = [client.get("/api/v1/sections").status_code for _ in range(3)]
    limited = client.get("/api/v1/sections")
    other = client.get("/api/v1/sections", REMOTE_ADDR="192.0.2.7")

    assert statuses == [200, 200, 429]
    assert int(limited["Retry-After"]) >= 1
    assert other.status_code == 200


def test_forwarded_for_is_not_trusted_without_proxies(client, settings, frozen_window):
    """A client cannot escape its limit by inventing an X-Forwarded-For address."""
    settings.API_ANONYMOUS_RATE = "1/m"

    client.get("/api/v1/sections", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = client.get("/api/v1/sections", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert second.status_code == 429


def test_a_key_in_the_address_is_ignored(client, partner, settings, frozen_window):
    """Keys count only in the header: one in the query string earns nothing."""
    settings.API_ANONYMOUS_RATE = "1/m"
    _, raw_key = PartnerKey.issue(partner=partner)

    client.get("/api/v1/sections", {"api_key": raw_key})
    second = client.get("/api/v1/sections", {"api_key": raw_key})

    assert second.status_code == 429


def test_an_unknown_key_is_refused(client):
    """A wrong key is a 401 with a message, not a silent anonymous request."""
    response = client.get("/api/v1/sections", HTTP_X_API_KEY="made-up")

    assert response.status_code == 401


def test_wrong_keys_spend_the_anonymous_allowance(client, settings, frozen_window):
    """Guessing keys is rate limited like anonymous reading: 401s, then 429."""
    settings.API_ANONYMOUS_RATE = "2/m"

    statuses = [
        client.get("/api/v1/sections", HTTP_X_API_KEY=f"guess-{n}").status_code
        for n in range(3)
    ]

    assert statuses == [401, 401, 429]


def test_requests_are_served_when_the_cache_cannot_count(client, settings, monkeypatch):
    """With Redis unreachable the API answers uncounted instead of failing (the rest of
    the cache degrades in the cache backend itself)."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    def unreachable(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(access, "_count", unreachable)
    settings.API_ANONYMOUS_RATE = "1/m"

    statuses = [client.get("/api/v1/sections").status_code for _ in range(2)]

    assert statuses == [200, 200]
