"""Embeds (issue 14, point 9): only allowed providers, a placeholder with a link for
readers, and the provider's player only after the reader's click."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains, assertNotContains

from articles.embeds import PLAYER_ORIGINS, parse_embed
from articles.models import EmbedBlock
from tests.articles.admin_change_form import change_url, form_data
from tests.factories import make_article

ACCEPTED = {
    "https://www.youtube.com/watch?v=M7lc1UVf-VE": "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE",
    "https://youtu.be/M7lc1UVf-VE?t=30": "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE",
    "https://www.youtube.com/shorts/M7lc1UVf-VE": "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE",
    "https://vimeo.com/76979871": "https://player.vimeo.com/video/76979871?dnt=1",
    "https://x.com/newsroom/status/1743990000000000000": "https://platform.twitter.com/embed/Tweet.html?id=1743990000000000000&dnt=true",
    "https://twitter.com/newsroom/status/174399": "https://platform.twitter.com/embed/Tweet.html?id=174399&dnt=true",
    "https://bsky.app/profile/newsroom.bsky.social/post/3kiwb5dpp2k2y": "https://embed.bsky.app/embed/newsroom.bsky.social/app.bsky.feed.post/3kiwb5dpp2k2y",
    "https://mastodon.social/@newsroom/111722000000000000": "https://mastodon.social/@newsroom/111722000000000000/embed",
    "https://datawrapper.dwcdn.net/AbC12/3/": "https://datawrapper.dwcdn.net/AbC12/3/",
    "https://www.datawrapper.de/_/AbC12/": "https://datawrapper.dwcdn.net/AbC12/",
    "https://www.documentcloud.org/documents/24000000-defence-budget-2024": "https://embed.documentcloud.org/documents/24000000-defence-budget-2024/?embed=1",
}


@pytest.mark.parametrize("url, player", ACCEPTED.items())
def test_each_allowed_provider_gets_its_own_player(url, player):
    """The player address is built from the pieces of the address, on the provider's host."""
    assert parse_embed(url).player_url == player


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/video/1",
        "https://www.youtube.com.evil.example/watch?v=M7lc1UVf-VE",
        "https://mastodon.example/@someone/1234",
    ],
)
def test_other_sites_are_refused_with_the_list_of_providers(url):
    """The message names what is allowed, so the editor knows what to do instead."""
    with pytest.raises(
        ValidationError,
        match="Embeds come only from YouTube, Vimeo, X, Bluesky, Mastodon, "
        "Datawrapper, DocumentCloud",
    ):
        parse_embed(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "www.youtube.com", ""])
def test_something_that_is_no_web_address_is_refused(url):
    """Only http(s) addresses are looked at; anything else asks for the full address."""
    with pytest.raises(ValidationError, match="full address"):
        parse_embed(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/",
        "https://www.youtube.com/watch?v=short",
        "https://x.com/newsroom",
        "https://mastodon.social/@newsroom",
        "https://www.documentcloud.org/search",
    ],
)
def test_a_provider_address_that_is_not_one_item_is_refused(url):
    """A channel, profile or search page cannot be embedded: the message says so."""
    with pytest.raises(ValidationError, match="does not point at one"):
        parse_embed(url)


def test_the_policy_allows_frames_from_exactly_the_allowed_providers():
    """The Content-Security-Policy's frame-src names this site (the draft preview pane)
    and the allow-list's players, nothing else."""
    frame_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    assert sorted(frame_src) == sorted(["'self'", *PLAYER_ORIGINS])


@pytest.mark.django_db
def test_the_article_form_refuses_another_site_with_a_clear_error(editor_client):
    """An embed of another site is not saved; the form says which providers are allowed."""
    story = make_article(headline="The minister in Kyiv")
    data = form_data(editor_client.get(change_url(story)))
    data.update(
        {
            "articles_embedblock_set-TOTAL_FORMS": "1",
            "articles_embedblock_set-0-url": "https://example.org/video/1",
            "articles_embedblock_set-0-region": "body",
            "articles_embedblock_set-0-ordering": "10",
        }
    )

    response = editor_client.post(change_url(story), data)

    assert response.status_code == 200
    assertContains(response, "Embeds come only from YouTube, Vimeo, X, Bluesky")
    assert not EmbedBlock.objects.exists()


@pytest.mark.django_db
def test_the_article_form_saves_an_allowed_embed(editor_client):
    """A YouTube address with a title and caption is saved as an embed block."""
    story = make_article(headline="The minister in Kyiv")
    data = form_data(editor_client.get(change_url(story)))
    data.update(
        {
            "articles_embedblock_set-TOTAL_FORMS": "1",
            "articles_embedblock_set-0-url": "https://youtu.be/M7lc1UVf-VE",
            "articles_embedblock_set-0-title": "The minister arrives",
            "articles_embedblock_set-0-caption": "Footage of the arrival.",
            "articles_embedblock_set-0-region": "body",
            "articles_embedblock_set-0-ordering": "10",
        }
    )

    response = editor_client.post(change_url(story), data)

    assert response.status_code == 302
    embed = EmbedBlock.objects.get(parent=story)
    assert (embed.url, embed.title) == (
        "https://youtu.be/M7lc1UVf-VE",
        "The minister arrives",
    )


@pytest.fixture
def story_with_video():
    story = make_article(headline="The minister in Kyiv")
    EmbedBlock.objects.create(
        parent=story,
        region="body",
        ordering=10,
        url="https://www.youtube.com/watch?v=M7lc1UVf-VE",
        title="The minister arrives",
        caption="Footage of the arrival in Kyiv.",
    )
    return story


@pytest.mark.django_db
def test_readers_get_a_placeholder_with_a_link_and_no_player(client, story_with_video):
    """Provider, title, caption and a plain link: no frame, nothing from the provider."""
    response = client.get(story_with_video.get_absolute_url())

    assertContains(response, '<p class="embed-provider">YouTube video</p>')
    assertContains(response, '<p class="embed-title">The minister arrives</p>')
    assertContains(response, "<figcaption>Footage of the arrival in Kyiv.</figcaption>")
    assertContains(response, 'href="https://www.youtube.com/watch?v=M7lc1UVf-VE"')
    assertNotContains(response, "<iframe")
    assertNotContains(response, 'src="https://www.youtube')
    assertContains(response, "/static/js/embeds.js")


@pytest.mark.django_db
def test_pages_without_embeds_load_no_script(client):
    """The click-to-load script comes only with an embed."""
    story = make_article(headline="Plain story")

    assertNotContains(client.get(story.get_absolute_url()), "embeds.js")


@pytest.mark.django_db
def test_the_content_api_describes_the_embed(client, story_with_video):
    """Partners get the provider, the public address and the player to load on request."""
    body = client.get(f"/api/v1/articles/{story_with_video.pk}").json()["body"]

    assert body == [
        {
            "type": "embed",
            "url": "https://www.youtube.com/watch?v=M7lc1UVf-VE",
            "provider": "youtube",
            "provider_name": "YouTube",
            "kind": "video",
            "player_url": "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE",
            "title": "The minister arrives",
            "caption": "Footage of the arrival in Kyiv.",
        }
    ]


@pytest.mark.django_db
def test_ninjs_carries_the_embed_as_a_link(client, story_with_video):
    """The ninjs body names what was embedded and links to it, with no player."""
    html = client.get(f"/api/v1/ninjs/articles/{story_with_video.pk}").json()["bodies"][
        0
    ]["value"]

    assert (
        '<a href="https://www.youtube.com/watch?v=M7lc1UVf-VE">'
        "YouTube video: The minister arrives</a>" in html
    )
    assert "<iframe" not in html
