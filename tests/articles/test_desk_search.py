"""Issue 14 point 7: the desk's search reads the full-text index (text, bylines, tags) and
finds a story by its slug, address or id; the author filter works by name without script."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from taggit.models import Tag

from articles.admin.tags import merge_tags
from tests.factories import add_text, make_article, make_author, make_draft

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def listed(client, **params) -> list[str]:
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return [article.headline for article in response.context["cl"].result_list]


def test_a_word_of_the_body_finds_the_story(editor_client):
    """A word only the body holds finds the story."""
    story = make_article(headline="Japan pledges support")
    add_text(story, "<p>The minister took shelter during an air-raid alert.</p>")
    make_article(headline="Budget rises")

    assert listed(editor_client, q="shelter") == ["Japan pledges support"]


def test_an_authors_name_finds_their_stories(editor_client):
    """Searching a writer's name lists the stories they carry a byline on."""
    kenji = make_author(name="Kenji Ono")
    make_article(headline="Generators for winter", authors=[kenji])
    make_article(headline="Budget rises", authors=[make_author(name="Mira Sato")])

    assert listed(editor_client, q="Kenji Ono") == ["Generators for winter"]


def test_a_tag_finds_its_stories(editor_client):
    """A tag's words find the stories carrying it."""
    make_article(headline="Kyiv visit", tags=["Yoko Kamikawa"])
    make_article(headline="Export rules change", tags=["Patriot missiles"])
    make_article(headline="Budget rises", tags=["Defence budget"])

    assert listed(editor_client, q="patriot") == ["Export rules change"]
    assert listed(editor_client, q="Kamikawa") == ["Kyiv visit"]


def test_a_byline_added_later_is_searchable(editor_client):
    """A byline added after the story was saved is in the index at once."""
    story = make_article(headline="Summit ends")
    story.bylines.create(author=make_author(name="Lena Fischer"), position=0)

    assert listed(editor_client, q="Fischer") == ["Summit ends"]


def test_a_renamed_author_is_found_by_the_new_name(editor_client):
    """Renaming an author indexes their stories again."""
    author = make_author(name="Anna Berg")
    make_article(headline="Harbour reopens", authors=[author])
    author.name = "Anna Lindqvist"
    author.save()

    assert listed(editor_client, q="Lindqvist") == ["Harbour reopens"]
    assert listed(editor_client, q="Berg") == []


def test_merged_tags_leave_the_kept_name_in_the_index(editor_client):
    """After a merge, the stories of the merged tag are found by the kept tag's name."""
    make_article(headline="Trade talks", tags=["United States"])
    make_article(headline="Visit to Washington", tags=["United States"])
    make_article(headline="Tariff news", tags=["USA"])

    merge_tags(Tag.objects.filter(name__in=["United States", "USA"]))

    assert sorted(listed(editor_client, q="united states")) == [
        "Tariff news",
        "Trade talks",
        "Visit to Washington",
    ]


def test_a_pasted_slug_finds_its_story(editor_client):
    """A slug typed or pasted finds exactly its story."""
    make_article(headline="Kyiv visit", slug="kamikawa-visits-kyiv")
    make_article(headline="Other story about Kyiv", slug="other-kyiv")

    assert listed(editor_client, q="kamikawa-visits-kyiv") == ["Kyiv visit"]


def test_a_pasted_public_address_finds_its_story(editor_client):
    """The story's public address, pasted whole, finds it."""
    story = make_article(headline="Kyiv visit", slug="kamikawa-visits-kyiv")
    make_article(headline="Other story")

    address = f"https://news.example{story.get_absolute_url()}"

    assert listed(editor_client, q=address) == ["Kyiv visit"]


def test_an_admin_address_or_an_id_finds_its_story(editor_client):
    """The story's admin address or its id finds it."""
    story = make_article(headline="Kyiv visit")
    make_article(headline="Other story")
    address = reverse("admin:articles_article_change", args=[story.pk])

    assert listed(editor_client, q=f"http://127.0.0.1:8000{address}") == ["Kyiv visit"]
    assert listed(editor_client, q=str(story.pk)) == ["Kyiv visit"]


@pytest.mark.parametrize(
    "query", ["()&|!:*", "'", "a & b", "x" * 500, "99999999999999999999999", "/ / /"]
)
def test_odd_input_answers_with_a_list_not_an_error(editor_client, query):
    """Operators, quotes, huge numbers and long text are searched as text, never a 500."""
    make_article(headline="Kyiv visit")

    assert listed(editor_client, q=query) == []


def test_the_author_filter_finds_an_author_by_name_without_script(editor_client):
    """Typing part of a name offers matching authors as links; one link filters the list."""
    kenji = make_author(name="Kenji Ono")
    mira = make_author(name="Mira Sato")
    make_article(headline="Generators for winter", authors=[kenji])
    make_article(headline="Budget rises", authors=[mira])

    found = editor_client.get(CHANGELIST, {"author_name": "kenj"})

    assertContains(found, 'name="author_name"')
    assertContains(found, f'<a href="?author={kenji.pk}">Kenji Ono</a>', html=True)
    assertNotContains(found, f"?author={mira.pk}")
    response = editor_client.get(CHANGELIST, {"author": kenji.pk})
    assert [a.headline for a in response.context["cl"].result_list] == [
        "Generators for winter"
    ]
    assertContains(response, '<a href="?" aria-current="true">Kenji Ono</a>', html=True)


def test_the_author_filter_keeps_the_search_and_other_filters(editor_client):
    """The name form carries the current search and filters along as hidden fields."""
    make_article(headline="Kyiv visit", authors=[make_author(name="Kenji Ono")])

    response = editor_client.get(CHANGELIST, {"q": "kyiv", "stage": "live"})

    assertContains(response, '<input type="hidden" name="q" value="kyiv">', html=True)
    assertContains(
        response, '<input type="hidden" name="stage" value="live">', html=True
    )


def test_an_unknown_author_id_says_so(editor_client):
    """An id that names no author lists nothing and says why, for numbers and nonsense."""
    make_article(headline="Kyiv visit", authors=[make_author()])

    for value in ["999999", "abc"]:
        response = editor_client.get(CHANGELIST, {"author": value})
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == []
        assertContains(response, "No such author")


def test_correspondents_are_offered_only_authors_of_their_stories(
    correspondent_client, own_draft, others_draft
):
    """A correspondent's name search offers no author found only on others' stories."""
    own_author = own_draft.bylines.get().author
    other_author = others_draft.bylines.get().author

    own = correspondent_client.get(CHANGELIST, {"author_name": own_author.name})
    other = correspondent_client.get(CHANGELIST, {"author_name": other_author.name})

    assertContains(own, f"?author={own_author.pk}")
    assertNotContains(other, f"?author={other_author.pk}")
    assertContains(other, "No author named")


def test_the_list_filters_by_date_and_stage(editor_client):
    """The date filter keeps the week's stories; the stage filter the drafts."""
    make_article(headline="This week")
    make_article(
        headline="Last year", published_at=timezone.now() - timedelta(days=400)
    )
    make_draft(headline="Draft")
    # The filter's own "Past 7 days" link, as DateFieldListFilter writes it.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)

    week = listed(
        editor_client,
        published_at__gte=str(today - timedelta(days=7)),
        published_at__lt=str(today + timedelta(days=1)),
    )

    assert week == ["This week"]
    assert listed(editor_client, stage="draft") == ["Draft"]
