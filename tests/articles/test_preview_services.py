"""Preview links are made and revoked by services that the admin calls too."""

import pytest

from articles.models import ArticleStatus
from articles.trust.previews import (
    PreviewRefused,
    create_preview_link,
    revoke_preview_link,
)
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_link_to_a_draft_is_made_with_its_expiry_and_maker(editor):
    """The service stores who shared the draft and for how many days."""
    draft = make_article(status=ArticleStatus.DRAFT, published_at=None)

    link = create_preview_link(article=draft, user=editor, note="legal", days=3)

    assert link.created_by == editor
    assert link.note == "legal"
    assert 2.9 < (link.expires_at - link.created_at).total_seconds() / 86400 <= 3


def test_no_latest_version_link_for_a_live_article(editor):
    """A live article is shared by its address, never by a preview link."""
    with pytest.raises(PreviewRefused):
        create_preview_link(article=make_article(), user=editor)


def test_revoking_twice_keeps_the_first_time(editor):
    """A second revoke changes nothing."""
    draft = make_article(status=ArticleStatus.DRAFT, published_at=None)
    link = create_preview_link(article=draft, user=editor)

    first = revoke_preview_link(link=link).revoked_at
    second = revoke_preview_link(link=link).revoked_at

    assert first is not None
    assert second == first
