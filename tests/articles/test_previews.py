import os
from datetime import timedelta

import pytest
import redis
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import ArticleStatus, PreviewLink
from articles.trust.concurrency import save_article_edit
from articles.trust.revisions import article_versions
from tests.factories import add_text, make_article

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/6")


@pytest.fixture
def draft():
    article = make_article(
        headline="Draft headline for the lawyer", status=ArticleStatus.DRAFT
    )
    add_text(article, "<p>A paragraph the lawyer must read.</p>")
    return article


def create_link(client, article, **data):
    url = reverse("admin:articles_article_previews", args=[article.pk])
    return client.post(url, {"days": 7, "note": "", **data})


def test_an_editor_creates_a_link_that_expires_in_seven_days_by_default(
    editor_client, draft
):
    """The preview page creates a link, expiring a week later unless told otherwise."""
    response = create_link(editor_client, draft, note="legal review")

    assert response.status_code == 302
    link = PreviewLink.objects.get()
    assert link.article == draft and link.note == "legal review"
    assert link.created_by.username == "editor"
    expected = timezone.now() + timedelta(days=7)
    assert abs((link.expires_at - expected).total_seconds()) < 60
    assert len(link.token) >= 40


def test_the_chosen_expiry_is_used(editor_client, draft):
    """An editor may choose how many days the link lasts."""
    create_link(editor_client, draft, days=2)

    link = PreviewLink.objects.get()
    expected = timezone.now() + timedelta(days=2)
    assert abs((link.expires_at - expected).total_seconds()) < 60


def test_a_bad_expiry_is_refused_with_a_message(editor_client, draft):
    """Zero days is refused with a form error, and no link is made."""
    response = create_link(editor_client, draft, days=0)

    assertContains(response, "Ensure this value is greater than or equal to 1")
    assert not PreviewLink.objects.exists()


def test_no_latest_version_link_for_a_published_article(editor_client):
    """A published article is shared by its own address, not a preview link."""
    article = make_article()

    response = create_link(editor_client, article)

    assert not PreviewLink.objects.exists()
    assertContains(response, "This article is already public")


def test_a_correspondent_cannot_create_links(
    correspondent_client, correspondent, draft
):
    """Only roles allowed to share previews may create them, even for their own draft."""
    draft.created_by = correspondent
    draft.save()
    response = create_link(correspondent_client, draft)

    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_a_correspondent_gets_404_for_a_colleagues_preview_page(
    correspondent_client, draft
):
    """Someone else's draft has no preview page for a correspondent: 404, not 403."""
    response = create_link(correspondent_client, draft)

    assert response.status_code == 404
    assert not PreviewLink.objects.exists()


def test_the_link_works_without_signing_in_and_shows_the_banner(draft):
    """An anonymous visitor sees the draft with a 'Preview — not published' banner."""
    link = PreviewLink.objects.create(article=draft)

    response = Client().get(link.get_absolute_url())

    assertContains(response, "Preview — not published")
    assertContains(response, "Draft headline for the lawyer")
    assertContains(response, "A paragraph the lawyer must read.")


def test_the_preview_is_kept_out_of_caches_and_search_engines(draft):
    """The response says noindex in a header and a meta tag, and no-store, private."""
    link = PreviewLink.objects.create(article=draft)

    response = Client().get(link.get_absolute_url())

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assertContains(response, '<meta name="robots" content="noindex, nofollow">')
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private", "no-cache", "max-age=0"} <= cache_control


def test_the_preview_always_shows_the_latest_saved_version(draft):
    """A link made before an edit shows the edit."""
    link = PreviewLink.objects.create(article=draft)
    draft.headline = "Headline after the lawyer's call"
    save_article_edit(article=draft, expected_version=draft.version, user=None)

    response = Client().get(link.get_absolute_url())

    assertContains(response, "Headline after the lawyer&#x27;s call")


def test_a_revision_link_shows_that_revision_not_the_latest(editor_client, draft):
    """A link to a revision renders its content, whatever was saved later."""
    save_article_edit(article=draft, expected_version=1, user=None)
    revision = article_versions(draft).get().revision
    draft.headline = "A later headline"
    save_article_edit(article=draft, expected_version=draft.version, user=None)
    create_link(editor_client, draft, revision=revision.pk)
    link = PreviewLink.objects.get()

    response = Client().get(link.get_absolute_url())

    assert link.revision == revision
    assertContains(response, "Draft headline for the lawyer")
    assertNotContains(response, "A later headline")
    assertContains(response, "shows the revision of")


def test_an_expired_link_answers_404(draft):
    """After its expiry time the link is gone."""
    link = PreviewLink.objects.create(
        article=draft, expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert Client().get(link.get_absolute_url()).status_code == 404


def test_a_revoked_link_answers_404(editor_client, draft):
    """Revoking in the admin makes the link answer 404 straight away."""
    link = PreviewLink.objects.create(article=draft)
    assert Client().get(link.get_absolute_url()).status_code == 200

    response = editor_client.post(
        reverse("admin:articles_article_revoke_preview", args=[draft.pk, link.pk])
    )

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert Client().get(link.get_absolute_url()).status_code == 404


def test_an_unknown_token_answers_404():
    """A made-up token finds nothing."""
    response = Client().get(reverse("trust:preview", args=["not-a-real-token"]))

    assert response.status_code == 404


def test_the_previews_page_lists_links_with_their_state(editor_client, draft):
    """The admin page lists active, revoked and expired links."""
    PreviewLink.objects.create(article=draft, note="source A")
    PreviewLink.objects.create(
        article=draft, note="source B", revoked_at=timezone.now()
    )
    PreviewLink.objects.create(
        article=draft, note="source C", expires_at=timezone.now() - timedelta(days=1)
    )

    response = editor_client.get(
        reverse("admin:articles_article_previews", args=[draft.pk])
    )

    assertContains(response, "Active")
    assertContains(response, "Revoked")
    assertContains(response, "Expired")
    assertContains(response, "http://testserver/preview/")


@pytest.fixture
def page_cache(settings):
    """Django's page cache in front of every view, stored in the Redis test database."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "trust-test",
        }
    }
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis is a service the suite needs, like PostgreSQL
    caches["default"].clear()
    yield client
    caches["default"].clear()
    caches["default"].close()


def cached_page_keys(client) -> list[bytes]:
    return [key for key in client.scan_iter("*trust-test*") if b"cache_page" in key]


def test_a_preview_is_never_stored_in_the_page_cache(page_cache, draft):
    """The page cache keeps nothing of a preview, so revoking it takes effect at once."""
    link = PreviewLink.objects.create(article=draft)

    first = Client().get(link.get_absolute_url())
    assert first.status_code == 200
    assert cached_page_keys(page_cache) == []

    link.revoked_at = timezone.now()
    link.save()
    assert Client().get(link.get_absolute_url()).status_code == 404


def test_a_previewed_draft_does_not_leak_into_public_pages(page_cache, draft):
    """After a preview, anonymous readers still get 404 for the draft and no listing of it."""
    link = PreviewLink.objects.create(article=draft)
    Client().get(link.get_absolute_url())
    reader = Client()

    home = reader.get(reverse("articles:home"))
    section = reader.get(reverse("articles:section", args=[draft.section.slug]))

    assert home.status_code == 200
    assertNotContains(home, "Draft headline for the lawyer")
    assertNotContains(section, "Draft headline for the lawyer")
    assert cached_page_keys(page_cache), "public pages are cached as usual"
    assert all(b"preview" not in key for key in cached_page_keys(page_cache))
