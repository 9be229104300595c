"""Issue 14, points 4, 11 and 15: the writer's own byline on a new story, the body's
length beside the editor and on the article page, and small labels that read right."""

import pytest
from django.urls import reverse

from articles.models import Article, Byline
from articles.records import Correction
from tests.articles.admin_forms import _FormFields
from tests.factories import add_text, make_article, make_draft, make_section
from text.measure import length_label, reading_minutes, shorten, word_count

pytestmark = pytest.mark.django_db


def words(n: int) -> str:
    return " ".join(f"word{i}" for i in range(n))


# Measuring text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "minutes"), [(0, 0), (1, 1), (230, 1), (231, 2), (1000, 5)]
)
def test_reading_time_rounds_up_to_whole_minutes(count, minutes):
    assert reading_minutes(count) == minutes


def test_words_are_runs_between_whitespace():
    assert word_count("  Kyiv,\u00a0Ukraine —\nthe talks  ") == 4
    assert word_count("") == 0


def test_length_label_reads_as_a_sentence_fragment():
    assert length_label(words(1204)) == "1,204 words · 6 min read"
    assert length_label("One") == "1 word · 1 min read"
    assert length_label("") == "0 words · 0 min read"


def test_shorten_cuts_between_words_and_marks_the_cut():
    text = "The minister was misquoted about the fishing quotas in the northern waters"
    short = shorten(text, 40)
    assert short == "The minister was misquoted about the…"
    assert len(short) <= 40
    assert text.startswith(short.removesuffix("…"))
    assert shorten("Short enough", 40) == "Short enough"
    assert shorten("x" * 50, 10) == "x" * 9 + "…"


def test_correction_label_is_not_cut_mid_word():
    story = make_article()
    note = Correction(
        article=story,
        text="An earlier version misstated the number of ships in the convoy near Odesa.",
    )
    label = str(note)
    assert label.endswith("…")
    last_word = label.removesuffix("…").split()[-1]
    assert last_word in note.text.split()


# Admin labels -----------------------------------------------------------------------


def test_admin_index_heads_tags_as_tags(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert ">Tags<" in page
    assert "Taggit" not in page


def test_publication_time_help_says_the_buttons_set_it(editor_client):
    story = make_draft()
    url = reverse("admin:articles_article_change", args=[story.pk])
    page = editor_client.get(url).content.decode()
    assert "Set by the “Publish now” and “Schedule” buttons" in page
    assert "A time in the future schedules the article" not in page


# Length beside the editor and on the page -----------------------------------------


def test_change_form_shows_the_body_length(correspondent_client, own_draft):
    add_text(own_draft, f"<p>{words(300)}</p>")
    add_text(own_draft, f"<p>{words(200)}</p>", ordering=1)
    url = reverse("admin:articles_article_change", args=[own_draft.pk])
    page = correspondent_client.get(url).content.decode()
    assert 'id="body-length"' in page
    assert "500 words · 3 min read" in page


def test_article_page_shows_reading_time(client):
    story = make_article()
    add_text(story, f"<p>{words(700)}</p><p>{words(10)}</p>")
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<span class="reading-time">4 min read</span>' in page


# The writer's own byline ------------------------------------------------------------


def add_form(client) -> dict:
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    parser = _FormFields("article_form")
    parser.feed(response.content.decode())
    return {k: v for k, v in parser.fields if "__prefix__" not in k}


def test_new_story_starts_with_the_writers_byline(
    correspondent_client, correspondent_author
):
    correspondent_author.job_title = "Tokyo correspondent"
    correspondent_author.save()
    data = add_form(correspondent_client)
    assert data["bylines-TOTAL_FORMS"] == "1"
    assert data["bylines-0-author"] == str(correspondent_author.pk)
    assert data["bylines-0-role"] == "Tokyo correspondent"

    section = make_section()
    data.update(headline="Port talks", slug="port-talks", section=str(section.pk))
    response = correspondent_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    story = Article.objects.get(slug="port-talks")
    byline = Byline.objects.get(article=story)
    assert (byline.author, byline.role) == (correspondent_author, "Tokyo correspondent")


def test_writer_can_drop_the_offered_byline(correspondent_client, correspondent_author):
    data = add_form(correspondent_client)
    data = {k: v for k, v in data.items() if not k.startswith("bylines-0-")}
    data["bylines-TOTAL_FORMS"] = "0"
    data.update(headline="Unsigned", slug="unsigned", section=str(make_section().pk))
    response = correspondent_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    assert not Byline.objects.filter(article__slug="unsigned").exists()


def test_users_without_an_author_profile_start_with_no_byline(editor_client):
    data = add_form(editor_client)
    assert data["bylines-TOTAL_FORMS"] == "0"


def test_the_change_form_offers_no_extra_byline(correspondent_client, own_draft):
    url = reverse("admin:articles_article_change", args=[own_draft.pk])
    page = correspondent_client.get(url).content.decode()
    assert 'name="bylines-TOTAL_FORMS" value="1"' in page
