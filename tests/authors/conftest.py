"""An author profile with a bio and a link, and the editor who reviews changes to it."""

import pytest
from django.test import Client


@pytest.fixture
def reviewer_client(editor):
    """The editor in a browser of their own, beside the correspondent's."""
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def reader_client():
    return Client()


@pytest.fixture
def author(correspondent_author):
    correspondent_author.short_bio = "Covers Japan's diplomacy."
    correspondent_author.bio = "<p>Kenji Ono covers diplomacy from Tokyo.</p>"
    correspondent_author.save()
    correspondent_author.links.create(kind="website", url="https://example.org/ono")
    return correspondent_author
