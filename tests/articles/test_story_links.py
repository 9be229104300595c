"""Links inside the newsroom (issue 14, point 8): a link stores the story, readers get
its address of the day, and a story readers may not see is never named by its address."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.admin.story_links import STORY_LINK_RESULTS
from articles.models import ArticleStatus, RichTextBlock
from articles.site.caching import cached_chrome
from tests.articles.admin_change_form import change_url, form_data
from tests.articles.test_views_queries import ARTICLE_FIRST_RENDER_BUDGET
from tests.factories import add_text, make_article, make_draft, make_section

pytestmark = pytest.mark.django_db

SEARCH = "/admin/articles/article/link-search/"


@pytest.fixture
def target():
    return make_article(
        headline="Japan changes its arms export rules",
        slug="arms-export-rules",
        section=make_section(name="Politics & Security", slug="politics-security"),
    )


def linking_to(address: str, **fields):
    story = make_article(headline="The minister in Kyiv", **fields)
    block = add_text(story, f'<p>See <a href="{address}">the rule change</a>.</p>')
    return story, block


def test_a_pasted_address_of_our_story_is_stored_as_the_story(target, settings):
    """The story's address, absolute on our site or as a path, is saved as a reference."""
    _, by_path = linking_to(target.get_absolute_url())
    _, absolute = linking_to(settings.SITE_URL + target.get_absolute_url())

    for block in (by_path, absolute):
        block.refresh_from_db()
        assert f'href="/_/article/{target.pk}/"' in block.text


def test_an_old_address_of_our_story_is_stored_as_the_story(target):
    """An address the story had before its slug changed still finds the story."""
    old_address = target.get_absolute_url()
    target.slug = "arms-exports-eased"
    target.save()

    _, block = linking_to(old_address)

    block.refresh_from_db()
    assert f'href="/_/article/{target.pk}/"' in block.text


def test_other_addresses_are_kept_as_typed(target):
    """Links elsewhere, and addresses on our site that are no story, stay as they were."""
    for address in (
        "https://example.org" + target.get_absolute_url(),
        "/politics-security/",
        target.get_absolute_url() + "#defence-budget",
    ):
        _, block = linking_to(address)
        block.refresh_from_db()
        assert f'href="{address}"' in block.text


def test_readers_follow_the_story_to_its_new_address(client, target):
    """After a slug change the link leads straight to the new address, not via a redirect."""
    story, _ = linking_to(target.get_absolute_url())
    client.get(story.get_absolute_url())  # the body is rendered and stored
    target.slug = "arms-exports-eased"
    target.save()

    response = client.get(story.get_absolute_url())

    assertContains(
        response, f'<a href="{target.get_absolute_url()}">the rule change</a>'
    )
    assertNotContains(response, "/_/article/")


@pytest.mark.parametrize(
    "status, when",
    [
        (ArticleStatus.DRAFT, None),
        (ArticleStatus.PUBLISHED, timezone.now() + timedelta(days=1)),
        (ArticleStatus.UNPUBLISHED, timezone.now() - timedelta(days=1)),
    ],
    ids=["draft", "scheduled", "withdrawn"],
)
def test_a_story_readers_may_not_see_is_plain_text(client, status, when):
    """The link's words stay; the hidden story's address and id are not in the page."""
    hidden = make_article(
        headline="Secret: the budget before it is announced",
        slug="budget-secret",
        status=status,
        published_at=when,
    )
    story = make_article(headline="The minister in Kyiv")
    add_text(story, f'<p>See <a href="/_/article/{hidden.pk}/">the budget</a>.</p>')

    response = client.get(story.get_absolute_url())

    assertContains(response, "See the budget.")
    assertNotContains(response, "budget-secret")
    assertNotContains(response, "/_/article/")
    assertNotContains(response, "Secret: the budget")


def test_a_scheduled_story_is_linked_once_its_time_has_come(client, clock):
    """No save is needed: the link appears when readers may see the story."""
    now = timezone.now()
    clock.set(now)
    later = make_article(slug="scheduled-story", published_at=now + timedelta(hours=1))
    story = make_article(headline="The minister in Kyiv", published_at=now)
    add_text(story, f'<p>See <a href="/_/article/{later.pk}/">tomorrow</a>.</p>')
    assertNotContains(client.get(story.get_absolute_url()), "scheduled-story")

    clock.set(now + timedelta(hours=2))
    cache.clear()

    assertContains(
        client.get(story.get_absolute_url()),
        f'<a href="{later.get_absolute_url()}">tomorrow</a>',
    )


def test_a_reference_address_leads_readers_to_the_live_story(client, target):
    """/_/article/<id>/ redirects to the story, and answers 404 for a draft."""
    draft = make_draft(headline="Secret draft")

    response = client.get(f"/_/article/{target.pk}/")
    assert (response.status_code, response["Location"]) == (
        302,
        target.get_absolute_url(),
    )
    assert client.get(f"/_/article/{draft.pk}/").status_code == 404


def test_the_content_api_gives_partners_the_full_address(client, target, settings):
    """Rich text in the API points at the live story's full address; hidden ones are text."""
    draft = make_draft(headline="Secret draft")
    story = make_article(headline="The minister in Kyiv")
    add_text(
        story,
        f'<p><a href="/_/article/{target.pk}/">Rules</a> and '
        f'<a href="/_/article/{draft.pk}/">plans</a>.</p>',
    )

    html = client.get(f"/api/v1/articles/{story.pk}").json()["body"][0]["html"]

    assert html == (
        f'<p><a href="{settings.SITE_URL}{target.get_absolute_url()}">Rules</a>'
        " and plans.</p>"
    )


def test_an_article_page_with_story_links_keeps_its_query_budget(
    client, target, django_assert_max_num_queries
):
    """Three links cost one query between them on the first render, within its budget."""
    others = [make_article(headline=f"Earlier story {n}") for n in range(3)]
    story = make_article(headline="The minister in Kyiv")
    add_text(
        story,
        "".join(
            f'<p><a href="/_/article/{other.pk}/">{n}</a></p>'
            for n, other in enumerate(others)
        ),
    )
    cache.clear()
    cached_chrome()

    with django_assert_max_num_queries(ARTICLE_FIRST_RENDER_BUDGET):
        response = client.get(story.get_absolute_url())

    for other in others:
        assertContains(response, f'href="{other.get_absolute_url()}"')


# The editor's search -------------------------------------------------------------------


def test_the_search_finds_stories_by_headline_with_their_reference(editor_client):
    """Each result names the story and gives the reference to store, not its address."""
    story = make_article(headline="Japan pledges generators for Kyiv")
    make_article(headline="Markets close higher")

    results = editor_client.get(SEARCH, {"q": "generators"}).json()["results"]

    assert [(r["headline"], r["href"]) for r in results] == [
        ("Japan pledges generators for Kyiv", f"/_/article/{story.pk}/")
    ]


def test_a_correspondent_finds_live_stories_and_their_own_but_not_colleagues_drafts(
    correspondent_client, own_draft, others_draft
):
    """What readers see plus what they work on (articles.roles), nothing else."""
    live = make_article(headline="Live draft-free story")

    found = correspondent_client.get(SEARCH, {"q": "draft"}).json()["results"]

    assert {r["id"] for r in found} == {live.pk, own_draft.pk}


def test_the_search_answers_a_bounded_number_of_stories(editor_client):
    """However many match, at most STORY_LINK_RESULTS come back, newest first."""
    stories = [
        make_article(
            headline=f"Ukraine update {n}",
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
        for n in range(STORY_LINK_RESULTS + 5)
    ]

    results = editor_client.get(SEARCH, {"q": "ukraine update"}).json()["results"]

    assert [r["id"] for r in results] == [s.pk for s in stories[:STORY_LINK_RESULTS]]


def test_a_one_letter_search_finds_nothing(editor_client):
    """One letter would match nearly every headline: the dialog asks for two."""
    make_article(headline="A story")

    assert editor_client.get(SEARCH, {"q": "a"}).json() == {"results": []}


def test_the_search_is_for_staff_only(client):
    """Readers are sent to the admin's sign-in page and learn nothing."""
    make_article(headline="Japan pledges generators")

    response = client.get(SEARCH, {"q": "generators"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_address_pasted_without_javascript_is_saved_as_the_story(
    editor_client, target
):
    """The editor's textarea (no JavaScript) takes a pasted address; the save stores the story."""
    story = make_article(headline="The minister in Kyiv")
    block = add_text(story, "<p>Before.</p>")
    data = form_data(editor_client.get(change_url(story)))
    data["articles_richtextblock_set-0-text"] = (
        f'<p>After <a href="{target.get_absolute_url()}">the rules</a>.</p>'
    )

    response = editor_client.post(change_url(story), data)

    assert response.status_code == 302
    assert RichTextBlock.objects.get(pk=block.pk).text == (
        f'<p>After <a href="/_/article/{target.pk}/">the rules</a>.</p>'
    )
