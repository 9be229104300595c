"""Every response carries the security headers; rich-text links cannot reach back through window.opener."""

import pytest
from django.core.management import call_command

from articles.models import RichTextBlock
from tests.factories import add_text, make_article, make_author
from text.safe_links import with_safe_link_targets

pytestmark = pytest.mark.django_db


def test_public_pages_carry_the_security_headers(client):
    """CSP without inline script, no framing, no sniffing, a referrer policy."""
    make_article()

    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_cached_page_keeps_its_policy(client):
    """The page cache's copy is answered with the same headers."""
    make_article()
    client.get("/")

    assert "default-src 'self'" in client.get("/")["Content-Security-Policy"]


def test_hsts_preload_is_off_unless_configured(settings):
    """Preloading HSTS is a promise to browsers: it needs DJANGO_SECURE_HSTS_PRELOAD."""
    assert settings.SECURE_HSTS_PRELOAD is False


def test_deploy_check_is_clean_with_production_values(settings, monkeypatch):
    """`check --deploy` raises no warning for the preload default (silenced on purpose)."""
    assert "security.W021" in settings.SILENCED_SYSTEM_CHECKS
    call_command("check", "--deploy", "--tag", "security", fail_level="ERROR")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<p><a href="https://example.org/" target="_blank">x</a></p>',
            'rel="noopener noreferrer"',
        ),
        (
            '<p><a href="https://example.org/" target="_blank" rel="opener nofollow">x</a></p>',
            'rel="nofollow noopener noreferrer"',
        ),
    ],
)
def test_new_tab_links_in_article_text_get_noopener(html, expected):
    """A target="_blank" link saved in the body gets rel="noopener noreferrer"."""
    block = add_text(make_article(), html)

    text = RichTextBlock.objects.get(pk=block.pk).text
    assert expected in text
    assert "opener " not in text.replace("noopener", "")


def test_links_without_a_new_tab_are_left_alone():
    """Ordinary links keep their markup exactly."""
    html = '<p><a href="/politics/">in</a></p>'
    assert with_safe_link_targets(html) == html


def test_new_tab_links_in_author_bios_get_noopener():
    """Author bios are sanitised the same way."""
    author = make_author(
        bio='<p><a href="https://example.org/" target="_blank">me</a></p>'
    )

    assert 'rel="noopener noreferrer"' in author.bio
