"""A public link's address must belong to the service its kind names."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from authors.forms import LinkForm
from authors.link_kinds import link_problem
from authors.models import AuthorLink
from tests.factories import make_author

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("x", "https://x.com/kenji"),
        ("x", "https://twitter.com/kenji"),
        ("x", "https://mobile.twitter.com/kenji"),
        ("bluesky", "https://bsky.app/profile/kenji.bsky.social"),
        ("linkedin", "https://www.linkedin.com/in/kenji"),
        ("mastodon", "https://mastodon.social/@kenji"),
        ("website", "https://example.org/"),
        ("other", "https://example.org/kenji"),
    ],
)
def test_addresses_on_the_named_service_are_accepted(kind, url):
    """Each kind accepts its own service's profile addresses."""
    assert link_problem(kind, url) is None


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("x", "https://evil.example/kenji"),
        ("x", "https://x.com.evil.example/kenji"),
        ("x", "https://notx.com/kenji"),
        ("bluesky", "https://example.org/profile/kenji"),
        ("linkedin", "https://linkedin.com.example.org/in/kenji"),
        ("mastodon", "https://example.org/kenji"),
        ("website", "javascript:alert(1)"),
    ],
)
def test_addresses_elsewhere_are_refused(kind, url):
    """An address off the named service (or not on the web at all) has a problem."""
    assert link_problem(kind, url)


def test_the_model_refuses_an_x_link_to_another_site():
    """Saving through full_clean (as the author admin does) names the address field."""
    link = AuthorLink(
        author=make_author(), kind="x", url="https://phishing.example/login"
    )

    with pytest.raises(ValidationError) as caught:
        link.full_clean()

    assert "x.com" in caught.value.message_dict["url"][0]


def test_the_self_service_link_form_shows_the_error_on_the_address():
    """A correspondent's “X (Twitter)” link to another site is a form error."""
    form = LinkForm(data={"kind": "x", "url": "https://example.org/me"})

    assert not form.is_valid()
    assert "x.com" in form.errors["url"][0]


def test_the_author_admin_refuses_a_mismatched_link(admin_client):
    """The inline in the author admin answers with an error, and nothing is saved."""
    author = make_author()
    url = reverse("admin:authors_author_change", args=[author.pk])
    response = admin_client.get(url)
    form = response.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not hasattr(value, "pk")
    }
    data.update(
        {
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
            "links-0-kind": "x",
            "links-0-url": "https://example.org/me",
            "links-0-position": "0",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert not author.links.exists()
    assert "x.com" in response.content.decode()
