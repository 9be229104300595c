"""The permission matrix's world and its table: who gets what status from which URL.

`tests/test_permission_matrix.py` walks every URL pattern the resolver knows. A pattern
with a parameter must have a row in `ROUTES` (how to fill it, which method, what each
person gets) or in `NOT_ABOUT_STORIES` (with the reason); otherwise the test fails, so
a new view cannot escape the matrix. Adding a view means adding one row. A view that
finds stories from its query string (a search) joins with a row whose `query` names
each story.

The world: five people (anonymous, correspondents A and B, an editor, a superuser) and
five stories, each with its own section, tag, hero photo, byline author, revision and
preview link:

    a_draft    A's draft                 scheduled  A's, publishes tomorrow
    b_draft    B's draft                 withdrawn  B's, live and then unpublished
    published  live, by a staff writer who is neither A nor B

Each story also has one notification, addressed to its writer (the editor for the staff
writer's story): only its recipient may open it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import Article, ArticleStatus, Notification, PreviewLink
from articles.roles import CORRESPONDENT, EDITOR
from articles.trust.revisions import article_versions, record_story
from tests.factories import (
    add_text,
    make_article,
    make_author,
    make_member,
    make_photo,
    make_section,
    make_user,
)

PEOPLE = ["anonymous", "corr_a", "corr_b", "editor", "superuser"]
STORIES = ["a_draft", "b_draft", "scheduled", "withdrawn", "published"]

# Whose newsroom side each person may open (articles.roles.works_on)...
WORKS_ON = {
    "anonymous": set(),
    "corr_a": {"a_draft", "scheduled"},
    "corr_b": {"b_draft", "withdrawn"},
    "editor": set(STORIES),
    "superuser": set(STORIES),
}
# ...and what each may read anywhere: that, plus what readers see.
VISIBLE = {person: stories | {"published"} for person, stories in WORKS_ON.items()}
# Who each story's notification is addressed to.
RECIPIENT = {
    "a_draft": "corr_a",
    "scheduled": "corr_a",
    "b_draft": "corr_b",
    "withdrawn": "corr_b",
    "published": "editor",
}
CORRESPONDENTS = {"corr_a", "corr_b"}
EDITORS = {"editor", "superuser"}


@dataclass
class World:
    people: dict = field(default_factory=dict)  # person -> user (None: anonymous)
    stories: dict = field(default_factory=dict)  # story -> Article
    revisions: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    authors: dict = field(default_factory=dict)
    notifications: dict = field(default_factory=dict)


def _story(key, *, owner, author, status, published_at, created_by):
    tag = f"tag-{key.replace('_', '-')}"
    article = make_article(
        headline=f"Secret headline {key}",
        slug=f"story-{key.replace('_', '-')}",
        dek=f"Secret dek {key}.",
        section=make_section(name=f"Desk {key}", slug=f"desk-{key.replace('_', '-')}"),
        authors=[author],
        tags=[tag],
        status=status,
        published_at=published_at,
        created_by=created_by,
        hero=make_photo(caption=f"Photo of {key}, Kyiv, January 7, 2024."),
    )
    add_text(article, f"<p>Secret body {key}.</p>")
    with reversion.create_revision():
        reversion.set_user(created_by)
        record_story(article)
    return article


def build_world() -> World:
    world = World()
    corr_a = make_member(CORRESPONDENT, username="corr-a")
    corr_b = make_member(CORRESPONDENT, username="corr-b")
    editor = make_member(EDITOR, username="desk-editor")
    superuser = make_user(username="root", is_staff=True, is_superuser=True)
    world.people = {
        "anonymous": None,
        "corr_a": corr_a,
        "corr_b": corr_b,
        "editor": editor,
        "superuser": superuser,
    }
    author_a = make_author(name="Author A", slug="author-a", user=corr_a)
    author_b = make_author(name="Author B", slug="author-b", user=corr_b)
    staff = make_author(name="Staff Writer", slug="staff-writer")
    now = timezone.now()
    specs = {
        "a_draft": (corr_a, author_a, ArticleStatus.DRAFT, None, corr_a),
        "b_draft": (corr_b, author_b, ArticleStatus.DRAFT, None, corr_b),
        "scheduled": (
            corr_a,
            author_a,
            ArticleStatus.PUBLISHED,
            now + timedelta(days=1),
            editor,
        ),
        "withdrawn": (
            corr_b,
            author_b,
            ArticleStatus.UNPUBLISHED,
            now - timedelta(days=2),
            editor,
        ),
        "published": (
            None,
            staff,
            ArticleStatus.PUBLISHED,
            now - timedelta(hours=3),
            editor,
        ),
    }
    for key, (owner, author, status, published_at, created_by) in specs.items():
        article = _story(
            key,
            owner=owner,
            author=author,
            status=status,
            published_at=published_at,
            created_by=created_by,
        )
        world.stories[key] = article
        world.authors[key] = author
        world.revisions[key] = article_versions(article).first().revision
        world.links[key] = PreviewLink.objects.create(
            article=article,
            created_by=editor,
            expires_at=now + timedelta(days=3),
        )
        world.notifications[key] = Notification.objects.create(
            recipient=world.people[RECIPIENT[key]],
            article=article,
            kind="published",
            actor=editor,
        )
    return world


# Expected statuses ---------------------------------------------------------------------

Expect = Callable[[str, str], int]


def newsroom_side(ok: int = 200, *, correspondent: int | None = None) -> Expect:
    """An admin page about one article: login first, then 404 unless the person works on it.

    `correspondent` is what a correspondent gets on their own story when the page needs
    more than seeing it (403: seen, but not theirs to change).
    """

    def expect(person, story):
        if person == "anonymous":
            return 302
        if story not in WORKS_ON[person]:
            return 404
        if person in CORRESPONDENTS and correspondent is not None:
            return correspondent
        return ok

    return expect


def own_draft_else_403(ok: int) -> Expect:
    """Changing pages: a correspondent changes only their own draft; editors any story."""

    def expect(person, story):
        if person == "anonymous":
            return 302
        if story not in WORKS_ON[person]:
            return 404
        if person in CORRESPONDENTS and not story.endswith("_draft"):
            return 403
        return ok

    return expect


def staff_page(ok: int = 200, *, correspondent: int | None = None) -> Expect:
    """An admin page about a photo or author: the same for every story it touches."""

    def expect(person, story):
        if person == "anonymous":
            return 302
        if person in CORRESPONDENTS and correspondent is not None:
            return correspondent
        return ok

    return expect


def recipient_only(ok: int = 200) -> Expect:
    """A notification's pages: its recipient only, superusers included; 404 for the rest."""

    def expect(person, story):
        if person == "anonymous":
            return 302
        return ok if RECIPIENT[story] == person else 404

    return expect


def everyone(status: int) -> Expect:
    return lambda person, story: status


def public_article(person, story) -> int:
    """The article page: 200 to whoever may see it, 410 if it went out and came down."""
    if story.endswith("_draft"):
        return 404  # no publication date, so no address yet, for anyone
    if story in VISIBLE[person]:
        return 200
    return 410 if story == "withdrawn" else 404


def only_live(person, story) -> int:
    """Lists built from live stories: 404 until the story is out (tag pages, sitemaps)."""
    return 200 if story == "published" else 404


# The table ----------------------------------------------------------------------------


def _date(article: Article) -> dict:
    moment = timezone.localtime(article.published_at or article.created_at)
    return {
        "year": moment.year,
        "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}",
    }


FILL: dict[str, Callable] = {
    "object_id": lambda w, s: w.stories[s].pk,
    "revision_id": lambda w, s: w.revisions[s].pk,
    "link_id": lambda w, s: w.links[s].pk,
    "token": lambda w, s: w.links[s].token,
    "section": lambda w, s: w.stories[s].section.slug,
    "action": lambda w, s: "submit",
    "content_type_id": lambda w, s: ContentType.objects.get_for_model(Article).pk,
    "headline": lambda w, s: quote(w.stories[s].headline),
}
PHOTO_FILL = {"object_id": lambda w, s: w.stories[s].hero_id}
AUTHOR_FILL = {"object_id": lambda w, s: w.authors[s].pk}
NOTIFICATION_FILL = {"object_id": lambda w, s: w.notifications[s].pk}
AUTHOR_SLUG = {"slug": lambda w, s: w.authors[s].slug}
API_ID = {"article_id": lambda w, s: w.stories[s].pk}
TAG_SLUG = {"slug": lambda w, s: f"tag-{s.replace('_', '-')}"}


@dataclass(frozen=True)
class Route:
    expect: Expect
    method: str = "get"
    fill: dict = field(default_factory=dict)  # parameter -> (world, story) -> value
    query: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    # Whether the story's secret headline must stay out of the page when the person
    # may not see the story. Off where holding the URL is the permission (previews).
    leak_check: bool = True


def view_on_site(person, story) -> int:
    """The admin's "view on site" redirect: only to an address the person may see."""
    if story.endswith("_draft"):
        return 404  # no address yet
    return 302 if story in VISIBLE[person] else 404


ARTICLE_ADMIN = "admin/articles/article/<path:object_id>/"
PHOTO_ADMIN = "admin/media_library/photo/<path:object_id>/"
AUTHOR_ADMIN = "admin/authors/author/<path:object_id>/"
NOTIFICATION_ADMIN = "admin/articles/notification/<path:object_id>/"
ROUTES: dict[str, Route] = {
    # Django's old-style address: a redirect to .../change/, which then decides.
    ARTICLE_ADMIN: Route(staff_page(302)),
    ARTICLE_ADMIN + "change/": Route(newsroom_side()),
    ARTICLE_ADMIN + "history/": Route(newsroom_side()),
    ARTICLE_ADMIN + "history/<int:revision_id>/": Route(newsroom_side()),
    ARTICLE_ADMIN + "history/compare/": Route(
        newsroom_side(), query={"a": "revision_id", "b": "current"}
    ),
    ARTICLE_ADMIN + "history/<int:revision_id>/revert/": Route(own_draft_else_403(200)),
    ARTICLE_ADMIN + "previews/": Route(newsroom_side()),
    ARTICLE_ADMIN + "previews/<int:link_id>/revoke/": Route(
        newsroom_side(302, correspondent=403), method="post"
    ),
    ARTICLE_ADMIN + "presence/": Route(newsroom_side(), method="post"),
    # The "Preview" button: posts the form, so only whoever may change the story.
    # An empty form is answered with the page listing what is missing.
    ARTICLE_ADMIN + "preview/": Route(own_draft_else_403(200), method="post"),
    # Autosave keeps typing beside the story (never in it): only for whoever may change it.
    ARTICLE_ADMIN + "autosave/": Route(
        own_draft_else_403(200), method="post", data={"expected_version": "1"}
    ),
    ARTICLE_ADMIN + "workflow/<slug:action>/": Route(newsroom_side(302), method="post"),
    ARTICLE_ADMIN + "delete/": Route(newsroom_side(correspondent=403)),
    "admin/r/<int:content_type_id>/<path:object_id>/": Route(view_on_site),
    # The rich-text editor's story search: every member of staff may search, and finds
    # only the stories they may see (the leak check holds the others to that).
    "admin/articles/article/link-search/": Route(staff_page(), query={"q": "headline"}),
    "admin/r/<path:content_type_id>/<path:object_id>/": Route(view_on_site),
    # Photos: every correspondent may view the library; "where used" names only
    # stories the viewer may see. Deleting a photo in use is refused (redirect).
    PHOTO_ADMIN: Route(staff_page(302), fill=PHOTO_FILL),
    PHOTO_ADMIN + "change/": Route(staff_page(), fill=PHOTO_FILL),
    PHOTO_ADMIN + "history/": Route(staff_page(), fill=PHOTO_FILL),
    PHOTO_ADMIN + "delete/": Route(staff_page(302, correspondent=403), fill=PHOTO_FILL),
    # "Use the photo already in the library" from the photo pop-up: whoever may view it.
    PHOTO_ADMIN + "use/": Route(staff_page(), fill=PHOTO_FILL, query={"_popup": "1"}),
    # Authors are public people; their admin pages name no story.
    AUTHOR_ADMIN: Route(staff_page(302), fill=AUTHOR_FILL),
    AUTHOR_ADMIN + "change/": Route(staff_page(), fill=AUTHOR_FILL),
    AUTHOR_ADMIN + "history/": Route(staff_page(), fill=AUTHOR_FILL),
    AUTHOR_ADMIN + "delete/": Route(staff_page(correspondent=403), fill=AUTHOR_FILL),
    # Notifications: read-only, and only to the person they are addressed to.
    NOTIFICATION_ADMIN: Route(everyone(302), fill=NOTIFICATION_FILL),
    NOTIFICATION_ADMIN + "change/": Route(recipient_only(), fill=NOTIFICATION_FILL),
    NOTIFICATION_ADMIN + "history/": Route(recipient_only(), fill=NOTIFICATION_FILL),
    NOTIFICATION_ADMIN + "delete/": Route(recipient_only(403), fill=NOTIFICATION_FILL),
    # The public site.
    "<slug:section>/<yyyy:year>/<nn:month>/<nn:day>/<slug:slug>/": Route(
        public_article,
        fill={
            "slug": lambda w, s: w.stories[s].slug,
            **{
                part: (lambda w, s, part=part: _date(w.stories[s])[part])
                for part in ("year", "month", "day")
            },
        },
    ),
    "preview/<str:token>/": Route(everyone(200), leak_check=False),
    # A stored link to a story: like "view on site", only to an address one may see.
    "_/article/<int:object_id>/": Route(view_on_site),
    "<slug:section>/": Route(everyone(200)),
    "<slug:section>/feed/": Route(everyone(200)),
    "<slug:section>/feed/atom/": Route(everyone(200)),
    # The "section" here is the sitemap's kind; the articles one lists stories.
    "sitemap-<slug:section>.xml": Route(
        everyone(200), fill={"section": lambda w, s: "articles"}
    ),
    "authors/<slug:slug>/": Route(everyone(200), fill=AUTHOR_SLUG),
    "authors/<slug:slug>/feed/": Route(everyone(200), fill=AUTHOR_SLUG),
    "authors/<slug:slug>/feed/atom/": Route(everyone(200), fill=AUTHOR_SLUG),
    # The content API: live stories only, whoever asks.
    "api/v1/articles/<article_id>": Route(only_live, fill=API_ID),
    "api/v1/ninjs/articles/<article_id>": Route(only_live, fill=API_ID),
    "tags/<slug:slug>/": Route(only_live, fill=TAG_SLUG),
    "tags/<slug:slug>/feed/": Route(only_live, fill=TAG_SLUG),
    "tags/<slug:slug>/feed/atom/": Route(only_live, fill=TAG_SLUG),
}

# Patterns with parameters that name no story, photo, author or revision, and why.
# A key ending in "*" covers every route starting with the rest.
NOT_ABOUT_STORIES: dict[str, str] = {
    "admin/auth/user/<id>/password/": "user accounts: superusers only",
    "admin/^(?P<app_label>*": "an app's index, no object",
    "admin/(?P<url>.*)$": "the admin's catch-all redirect to login or 404",
}
for model in (
    "auth/group",
    "auth/user",
    "taggit/tag",
    "sections/section",
    "sections/sitesettings",
    "sections/partnerkey",
    "authors/authorprofilechange",
    "importers/importeditem",
    "axes/accessattempt",
    "axes/accesslog",
    "axes/accessfailurelog",
):
    for suffix in ("", "change/", "history/", "delete/"):
        NOT_ABOUT_STORIES[f"admin/{model}/<path:object_id>/{suffix}"] = (
            "an account, tag, section, site setting, partner key, profile-change "
            "request, importer record or login attempt: none shows a story's text"
        )
