"""What an editor does, run in a separate Django process against the stack's database.

Each function returns JSON-friendly facts the test then checks through the stack.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, load_backend
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleStatus, Byline
from articles.trust.corrections import add_correction
from demo.desk import reference_article


def _editor():
    return get_user_model().objects.filter(is_superuser=True).first()


def facts() -> dict:
    article = reference_article()
    author = article.bylines.first().author
    tag = article.tags.first()
    return {
        "pk": article.pk,
        "article": article.get_absolute_url(),
        "section": f"/{article.section.slug}/",
        "author": f"/authors/{author.slug}/",
        "tag": f"/tags/{tag.slug}/",
    }


def _draft(headline: str) -> Article:
    model = reference_article()
    draft = Article.objects.create(
        headline=headline,
        slug=headline.lower().replace(" ", "-"),
        dek=f"{headline}: what happened.",
        section=model.section,
        status=ArticleStatus.DRAFT,
    )
    Byline.objects.create(article=draft, author=model.bylines.first().author)
    draft.tags.add(model.tags.first())
    return draft


def publish_story(headline: str) -> dict:
    article = _draft(headline)
    workflow.publish(article=article, user=_editor())
    article.refresh_from_db()
    return {"url": article.get_absolute_url()}


def schedule_story(headline: str, seconds: int) -> dict:
    article = _draft(headline)
    at = timezone.now() + timedelta(seconds=seconds)
    workflow.schedule(article=article, user=_editor(), at=at)
    article.refresh_from_db()
    return {"url": article.get_absolute_url(), "at": at.timestamp()}


def correct_reference(text: str) -> dict:
    add_correction(article=reference_article(), kind="correction", text=text)
    return {}


def editor_session() -> dict:
    """A signed-in editor's session cookie value, as the admin login would set it."""
    user = _editor()
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    # The backend that loads users back from a session (axes' own backend only guards logins).
    session["_auth_user_backend"] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(load_backend(path), "get_user")
    )
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return {"sessionid": session.session_key}
