"""New posts are written a batch at a time: the same articles as one at a time, fewer queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import (
    Article,
    ArticleRedirect,
    ArticleStatus,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from importers.directory import Directory
from importers.models import ImportedItem, ItemKind
from importers.post_batch import PostBatch
from importers.posts import PostImporter
from importers.report import Report
from importers.runner import import_user
from importers.wxr import Channel, WxrAuthor, WxrItem, read_wxr
from tests.factories import make_photo
from tests.importers import wxr_builder as wxr
from tests.importers.conftest import run_import

pytestmark = pytest.mark.django_db

WORLD = ("category", "world", "World")
BODY = (
    "<p>First paragraph.</p><h2>A subhead</h2>"
    '<p><img class="wp-image-70" src="https://old.example.org/x/p.jpg"></p>'
    "<blockquote>We will help.<cite>The envoy</cite></blockquote>"
)


def posts_of(tmp_path, *items: str) -> list[WxrItem]:
    path = tmp_path / "posts.xml"
    path.write_text(wxr.export(wxr.author("admin", "Ada Admin"), *items))
    return [entry for entry in read_wxr(path, Channel()) if isinstance(entry, WxrItem)]


def post_importer(site: str) -> PostImporter:
    report = Report(progress=None)
    directory = Directory(site=site, report=report)
    directory.add_author(WxrAuthor(login="admin", display_name="Ada Admin"))
    return PostImporter(
        site=site, report=report, directory=directory, user=import_user()
    )


def imported_article(site: str, post_id: str) -> Article:
    return ImportedItem.objects.get(
        site=site, kind=ItemKind.POST, source_id=post_id
    ).article


def state(article: Article) -> dict:
    """Everything the import leaves on an article, less what names the row itself."""
    article.refresh_from_db()
    blocks = [
        (type(block).__name__, block.ordering, getattr(block, "text", ""))
        for model in (RichTextBlock, PhotoBlock, PullQuoteBlock)
        for block in model.objects.filter(parent=article)
    ]
    vector = Article.objects.filter(pk=article.pk).values_list(
        "search_vector", flat=True
    )[0]
    record = ImportedItem.objects.get(kind=ItemKind.POST, article=article)
    return {
        "fields": (
            article.status, article.published_at, article.headline, article.dek,
            article.section.slug, article.hero_id, article.version, article.body_html,
            article.search_text, str(vector), article.created_by.username,
        ),
        "blocks": sorted(blocks, key=lambda block: block[1]),
        "bylines": [
            (b.author.name, b.role, b.position, b.listed_at)
            for b in article.bylines.all()
        ],
        "tags": sorted(article.tags.names()),
        "events": [
            (e.from_status, e.to_status, e.published_at, e.note, e.actor.username)
            for e in article.workflow_events.order_by("pk")
        ],
        "redirects": sorted(
            ArticleRedirect.objects.filter(article=article).values_list(
                "old_path", flat=True
            )
        ),
        "record": (record.guid, record.source_url, record.checksum, record.note),
    }  # fmt: skip


DAY = "2024-01-07 09:30:00"


@pytest.mark.parametrize(
    ("status", "date", "credit", "ends"),
    [
        ("publish", DAY, "©Kyodo", ArticleStatus.PUBLISHED),
        ("publish", DAY, "", ArticleStatus.IN_REVIEW),  # the photo has no credit
        ("publish", "2024-13-45 99:00:00", "©Kyodo", ArticleStatus.IN_REVIEW),
        ("future", "2099-05-01 08:00:00", "©Kyodo", ArticleStatus.PUBLISHED),
        ("pending", DAY, "©Kyodo", ArticleStatus.IN_REVIEW),
        ("draft", DAY, "©Kyodo", ArticleStatus.DRAFT),
        ("private", DAY, "©Kyodo", ArticleStatus.DRAFT),
    ],
)
def test_a_batch_leaves_the_article_one_at_a_time_would(
    tmp_path, status, date, credit, ends
):
    """Status, time, workflow event, body, index, byline, tags, old addresses and the
    import record are the same whichever way a new post is written."""
    photo = make_photo(credit=credit, alt_text="Two envoys")
    for site in ("one-by-one", "batch"):
        ImportedItem.objects.create(
            site=site, kind=ItemKind.ATTACHMENT, source_id="70", photo=photo
        )
    (item,) = posts_of(
        tmp_path,
        wxr.item(
            7, title="Envoys meet", slug="envoys-meet", status=status, date=date,
            content=BODY, terms=(WORLD, ("post_tag", "envoys", "Envoys")),
        ),
    )  # fmt: skip
    post_importer("one-by-one").import_post(item)
    one_by_one = state(imported_article("one-by-one", "7"))
    failures = []
    PostBatch(post_importer("batch")).import_posts(
        [item], isolated=None, failed=lambda item, error: failures.append(error)
    )
    assert failures == []
    assert one_by_one["fields"][0] == ends
    assert state(imported_article("batch", "7")) == one_by_one


def test_one_post_the_database_refuses_does_not_lose_its_batch(tmp_path, monkeypatch):
    """The batch is written again one post at a time: the bad post is named and left
    out, every other post of the batch goes in."""
    from importers import posts

    real = posts.old_paths

    def overlong_for_marker(item):
        paths = real(item)
        return {*paths, "/" + "x" * 500} if "REFUSED" in item.title else paths

    monkeypatch.setattr(posts, "old_paths", overlong_for_marker)
    path = tmp_path / "five.xml"
    items = [
        wxr.item(n, title=title, slug=f"s{n}", content="<p>Text.</p>", excerpt="Dek.")
        for n, title in enumerate(["One", "Two", "REFUSED three", "Four", "Five"], 1)
    ]
    path.write_text(wxr.export(wxr.author("admin", "Ada Admin"), *items))
    result = run_import(path)
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Five",
        "Four",
        "One",
        "Two",
    ]
    assert Article.objects.published().count() == 4
    assert "failed: post 3 “REFUSED three”: could not be imported" in result.out
    assert "DataError" in result.out
    assert "post: created 4, failed 1" in result.out
    assert not ImportedItem.objects.filter(source_id="3").exists()


def test_posts_of_one_batch_wanting_the_same_slug_are_numbered(tmp_path):
    """Against the articles already there and against each other, in file order."""
    path = tmp_path / "same.xml"
    same = {"slug": "budget", "content": "<p>Text.</p>", "excerpt": "Dek."}
    path.write_text(
        wxr.export(
            wxr.author("admin", "Ada Admin"),
            wxr.item(1, title="Budget", terms=(WORLD,), **same),
        )
    )
    run_import(path)
    path.write_text(
        wxr.export(
            wxr.author("admin", "Ada Admin"),
            *[wxr.item(n, title=f"Budget {n}", terms=(WORLD,), **same) for n in (2, 3)],
        )
    )
    run_import(path)
    slugs = [imported_article(wxr.SITE, str(n)).slug for n in (1, 2, 3)]
    assert slugs == ["budget", "budget-2", "budget-3"]


def test_a_post_listed_twice_is_imported_once(tmp_path):
    """The second listing finds the first, written just before it."""
    path = tmp_path / "twice.xml"
    post = wxr.item(1, title="Twice", slug="twice", content="<p>T.</p>", excerpt="D.")
    path.write_text(wxr.export(wxr.author("admin", "Ada Admin"), post, post))
    result = run_import(path)
    assert Article.objects.count() == 1
    assert "post: created 1, skipped 1" in result.out


def export_of(numbers) -> str:
    return wxr.export(
        wxr.author("admin", "Ada Admin"),
        wxr.category(3, "world", "World"),
        wxr.tag(4, "japan", "Japan"),
        *[
            wxr.item(
                n, title=f"Story {n}", slug=f"story-{n}", excerpt="Dek.",
                content="<p>One.</p><h2>Two</h2><blockquote>Three</blockquote>",
                terms=(WORLD, ("post_tag", "japan", "Japan")),
            )
            for n in numbers
        ],
    )  # fmt: skip


def test_a_batch_costs_the_same_queries_for_5_posts_as_for_50(tmp_path):
    """Once authors, sections and tags exist, a batch's queries do not grow with its posts."""
    path = tmp_path / "posts.xml"
    path.write_text(export_of([1]))
    run_import(path)
    counts = []
    for numbers in (range(10, 15), range(100, 150)):
        path.write_text(export_of(numbers))
        with CaptureQueriesContext(connection) as queries:
            result = run_import(path)
        assert f"post: created {len(numbers)}" in result.out
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Article.objects.published().count() == 56
