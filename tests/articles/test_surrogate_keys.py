"""Surrogate keys on public responses, and one purge per change of published content."""

import pytest

from articles import workflow
from articles.site import purge, surrogate_keys
from articles.site.purge_on_change import keys_for_change
from articles.trust.corrections import add_correction
from tests.factories import make_article, make_author, make_draft, make_section

pytestmark = pytest.mark.django_db


def keys(response) -> set[str]:
    return set(response[surrogate_keys.HEADER].split())


@pytest.fixture
def sent(settings, monkeypatch):
    """Purges that would go to the configured cache, one entry per request."""
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    calls = []
    monkeypatch.setattr(purge, "send_purge", lambda keys: calls.append(set(keys)))
    return calls


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (purges wait for the commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_every_public_page_names_what_it_shows(client):
    author = make_author()
    section = make_section()
    article = make_article(section=section, authors=[author], tags=["ukraine"])
    tag = article.tags.get()

    page = keys(client.get(article.get_absolute_url()))
    assert {f"article-{article.pk}", f"author-{author.pk}", "chrome", "all"} <= page
    assert f"section-{section.pk}" in keys(client.get(section.get_absolute_url()))
    assert f"author-{author.pk}" in keys(client.get(author.get_absolute_url()))
    assert f"tag-{tag.pk}" in keys(client.get(f"/tags/{tag.slug}/"))
    assert {"home", "chrome"} <= keys(client.get("/"))
    assert "feeds" in keys(client.get("/feed/"))
    assert "sitemaps" in keys(client.get("/sitemap.xml"))
    assert "sitemaps" in keys(client.get("/news-sitemap.xml"))
    # A cached copy (second request) carries the same keys.
    assert keys(client.get(article.get_absolute_url())) == page


def test_header_value_for_other_callers():
    value = surrogate_keys.header_value(articles=[3, 1], sections=[2], extra=["feeds"])
    assert value == "all article-1 article-3 feeds section-2"


def test_publishing_purges_the_story_and_every_list_once(sent, editor, committed):
    section = make_section()
    author = make_author()
    draft = make_draft(section=section, authors=[author], tags=["ukraine"])
    tag = draft.tags.get()

    with committed():
        workflow.publish(article=draft, user=editor)

    assert len(sent) == 1
    assert {
        f"article-{draft.pk}",
        f"section-{section.pk}",
        f"author-{author.pk}",
        f"tag-{tag.pk}",
        "home",
        "feeds",
        "sitemaps",
    } <= sent[0]


def test_editing_a_draft_purges_nothing(sent, committed):
    draft = make_draft()
    draft.headline = "Still a draft"
    with committed():
        draft.save()
    assert sent == []


def test_unpublishing_and_a_correction_purge(sent, editor, committed):
    article = make_article()
    sent.clear()
    with committed():
        add_correction(article=article, kind="correction", text="A name was misspelt.")
    assert len(sent) == 1 and f"article-{article.pk}" in sent[0]
    with committed():
        workflow.unpublish(article=article, user=editor)
    assert len(sent) == 2 and f"article-{article.pk}" in sent[1]


def test_moving_a_story_purges_the_section_it_left(sent, committed):
    old, new = make_section(), make_section()
    article = make_article(section=old)
    article.section = new
    with committed():
        article.save()
    assert {f"section-{old.pk}", f"section-{new.pk}"} <= sent[-1]


def test_chrome_changes_purge_every_page():
    section = make_section()
    assert "chrome" in keys_for_change(section)


def test_one_purge_per_transaction(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    calls = []
    monkeypatch.setattr(purge, "send_purge", lambda keys: calls.append(set(keys)))
    with django_capture_on_commit_callbacks(execute=True):
        purge.request_purge({"article-1"})
        purge.request_purge({"home"})
    assert calls == [{"article-1", "home"}]


def test_unreachable_cache_does_not_fail_the_save(settings):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # discard port: refused
    assert purge.send_purge({"home"}) == {"http://127.0.0.1:9/": None}


def test_without_http_cache_nothing_is_computed(settings, django_assert_num_queries):
    settings.HTTP_CACHE_PURGE_URLS = []
    article = make_article()
    with django_assert_num_queries(0):
        purge.request_purge(keys_for_change(article) if purge.purge_enabled() else ())
