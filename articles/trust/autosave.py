"""Autosaves: a writer's unsaved typing, kept beside the article and never in it.

The change form posts itself every `AUTOSAVE_SECONDS` and whenever a field loses focus.
`store_autosave` keeps what it posted as a revision marked autosave (an `Autosave` row
beside a django-reversion revision), replacing the writer's previous one. The article
row is not written: not its fields, not its version counter, so a live story stays as
readers see it and nobody else's open form becomes stale. Reopening the story offers
the autosave when it is newer than the story's last save (`restore_offer`); restoring
puts it back into the form, and only the writer's Save makes it the story.
"""

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from articles.models import Article, Autosave
from articles.trust.revisions import article_versions, revision_version_number

# Form fields that are never kept: the token belongs to the session that posted it.
NOT_KEPT = {"csrfmiddlewaretoken"}
# The Revision comment that names an autosave wherever reversion's own tools list it.
AUTOSAVE_COMMENT = "Autosave"


def form_pairs(data: QueryDict) -> list[list[str]]:
    """The posted form as [name, value] pairs, in order, repeated names kept."""
    return [
        [name, value]
        for name, values in data.lists()
        if name not in NOT_KEPT
        for value in values
    ]


def as_form_data(autosave: Autosave) -> QueryDict:
    """The autosaved form, ready to bind the admin's form and formsets to."""
    data = QueryDict(mutable=True)
    for name, value in autosave.form_data:
        data.appendlist(name, value)
    data._mutable = False
    return data


def store_autosave(
    *,
    article: Article,
    typed: Article,
    user: AbstractBaseUser,
    base_version: int,
    form_data: list[list[str]],
) -> Autosave | None:
    """Keep `typed` (the article as the form has it, unsaved) as the user's autosave.

    The writer's previous autosave of this article goes; the article row is only read.
    Its row is locked for the moment it takes, so that two tabs autosaving at once
    replace each other in turn rather than collide on the one-per-writer constraint,
    and so that an autosave that was on its way while the writer pressed Save finds
    that save and is dropped (None) rather than offered back later.
    """
    typed.version = base_version
    with transaction.atomic():
        Article.objects.select_for_update(no_key=True).filter(pk=article.pk).exists()
        if _saved_since_by(article, user, base_version):
            return None
        Revision.objects.filter(autosave__article=article, autosave__user=user).delete()
        revision = Revision.objects.create(
            user=user, comment=AUTOSAVE_COMMENT, date_created=timezone.now()
        )
        Version.objects.create(
            revision=revision,
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
            db="default",
            format="json",
            serialized_data=serializers.serialize("json", [typed]),
            object_repr=str(typed),
        )
        return Autosave.objects.create(
            revision=revision,
            article=article,
            user=user,
            base_version=base_version,
            form_data=form_data,
        )


def _saved_since_by(article: Article, user, base_version: int) -> bool:
    """Whether the user's own save already moved the story past `base_version`."""
    latest = article_versions(article).first()
    if latest is None or latest.revision.user_id != user.pk:
        return False
    number = revision_version_number(latest)
    return number is not None and number > base_version


def autosave_of(article: Article, user: AbstractBaseUser) -> Autosave | None:
    return (
        Autosave.objects.filter(article=article, user=user)
        .select_related("revision")
        .first()
    )


def restore_offer(article: Article, user: AbstractBaseUser) -> Autosave | None:
    """The user's autosave of the article if it is newer than the article's last save."""
    autosave = autosave_of(article, user)
    if autosave is None or autosave.revision.date_created <= article.updated_at:
        return None
    return autosave


def drop_autosaves(article: Article, user: AbstractBaseUser) -> None:
    """The writer saved the form: what they had autosaved is in the story now."""
    Revision.objects.filter(autosave__article=article, autosave__user=user).delete()


def autosaves_of_article(article: Article):
    """Every writer's autosave of the article, newest first (the history's folded list)."""
    return (
        Autosave.objects.filter(article=article)
        .select_related("revision__user")
        .prefetch_related("revision__version_set")
        .order_by("-revision__date_created")
    )


def typed_headline(autosave: Autosave) -> str:
    """The headline as it was typed, read from the autosave's revision."""
    versions = list(autosave.revision.version_set.all())
    if not versions:
        return ""
    version = versions[0]
    try:
        return version._object_version.object.headline
    except (serializers.base.DeserializationError, AttributeError):
        return ""


def stale_message(
    base_version: int, current_version: int, saved_by: str, saved_at: datetime | str
) -> str:
    """What the writer is told when someone saved the story after they opened it."""
    if base_version == current_version:
        return ""
    return _(
        "%(name)s saved this article at %(time)s, after you opened it: your Save "
        "will be refused with what changed, so that nothing is overwritten."
    ) % {"name": saved_by, "time": saved_at}
