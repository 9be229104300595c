"""The production path as it runs: photos, compression, the HTTP cache and purge on publish."""

import gzip
import re
import time

import pytest

from tests.stack.harness import wait_until

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def facts(live_stack):
    return live_stack.desk("facts")


def cached_twice(stack, path):
    """Request a page twice as an anonymous reader; the second answer."""
    first = stack.get(path)
    assert first.status == 200, (path, first.status)
    return stack.get(path)


def test_photos_on_the_reference_article_are_served_with_a_long_cache(
    live_stack, facts
):
    page = live_stack.get(facts["article"])
    renditions = set(re.findall(r'/media/renditions/[^" ,]+', page.text))
    assert renditions
    for path in sorted(renditions)[:6]:
        photo = live_stack.get(path)
        assert photo.status == 200, path
        assert photo.header("Cache-Control") == IMMUTABLE
        assert photo.header("Content-Type").startswith("image/")


def test_html_css_and_xml_are_compressed(live_stack, facts):
    page = live_stack.get(facts["article"], **{"Accept-Encoding": "gzip"})
    assert page.header("Content-Encoding") == "gzip"
    assert facts["article"].encode() in gzip.decompress(page.body)
    plain = live_stack.get(facts["article"])
    assert not plain.header("Content-Encoding")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', plain.text)
    css = live_stack.get(stylesheet.group(1), **{"Accept-Encoding": "gzip"})
    assert css.header("Content-Encoding") == "gzip"
    assert css.header("Cache-Control") == IMMUTABLE
    feed = live_stack.get("/feed/", **{"Accept-Encoding": "gzip"})
    assert feed.header("Content-Encoding") == "gzip"
    brotli = live_stack.get(facts["article"], **{"Accept-Encoding": "br"})
    assert brotli.header("Content-Encoding") == "br"


def test_second_anonymous_request_is_a_cache_hit(live_stack, facts):
    second = cached_twice(live_stack, facts["article"])
    assert second.header("X-Cache") == "HIT"
    assert second.header("Age").isdigit()
    # The keys are for the cache, not for readers.
    assert not second.header("Surrogate-Key") and not second.header("xkey")


def test_signed_in_readers_and_the_admin_are_never_cached(live_stack, facts):
    cookie = {"Cookie": f"sessionid={live_stack.desk('editor_session')['sessionid']}"}
    for path in (facts["article"], "/", "/admin/"):
        replies = [live_stack.get(path, **cookie) for _ in range(2)]
        assert [reply.status for reply in replies] == [200, 200], path
        assert [reply.header("X-Cache") for reply in replies] == ["MISS", "MISS"]
        assert "private" in replies[1].header("Cache-Control")


def test_publishing_shows_the_story_everywhere_on_the_next_request(live_stack, facts):
    surfaces = [
        "/",
        facts["section"],
        facts["author"],
        facts["tag"],
        "/feed/",
        "/news-sitemap.xml",
    ]
    for path in [*surfaces, "/sitemap-articles.xml"]:
        assert cached_twice(live_stack, path).header("X-Cache") == "HIT", path
    story = live_stack.desk("publish_story", headline="Ceasefire talks resume")
    for path in surfaces:
        reply = live_stack.get(path)
        assert "Ceasefire talks resume" in reply.text, path
    assert story["url"] in live_stack.get("/sitemap-articles.xml").text
    assert "Ceasefire talks resume" in live_stack.get(story["url"]).text


def test_a_correction_shows_on_the_next_request(live_stack, facts):
    surfaces = [facts["article"], "/corrections/", "/corrections/feed/"]
    for path in surfaces:
        assert cached_twice(live_stack, path).header("X-Cache") == "HIT", path
    live_stack.desk("correct_reference", text="The visit lasted two days, not three.")
    for path in surfaces:
        assert "two days, not three" in live_stack.get(path).text, path


def test_a_scheduled_story_appears_at_its_time_through_the_cache(live_stack, facts):
    story = live_stack.desk("schedule_story", headline="Summit opens", seconds=20)
    home = live_stack.get("/")
    assert "Summit opens" not in home.text
    # The copy Varnish keeps may not outlive the publication time.
    s_maxage = int(re.search(r"s-maxage=(\d+)", home.header("Cache-Control"))[1])
    assert s_maxage <= story["at"] - time.time() + 1
    wait_until(lambda: time.time() > story["at"] + 1, "the publication time")
    assert "Summit opens" in live_stack.get("/").text
    assert live_stack.get(story["url"]).status == 200
