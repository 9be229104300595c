"""How the importer runs: statuses, reruns, dry runs, old addresses and limits."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, ArticleRedirect, ArticleStatus, WorkflowEvent
from authors.models import Author
from importers.models import ImportedItem, ItemKind
from media_library.models import Photo
from sections.models import Section
from tests.importers import wxr_builder as wxr
from tests.importers.conftest import run_import

pytestmark = pytest.mark.django_db


def article(post_id: int) -> Article:
    return ImportedItem.objects.get(kind=ItemKind.POST, source_id=str(post_id)).article


def test_published_post_keeps_its_date_through_the_workflow(imported):
    """ "publish" is published at WordPress's date, with a workflow step recorded."""
    post = article(10)
    assert post.status == ArticleStatus.PUBLISHED and post.is_published
    assert post.published_at == datetime(2024, 1, 7, 9, 30, tzinfo=UTC)
    assert post.get_absolute_url() == "/asia/2024/01/07/kamikawa-visits-kyiv/"
    assert WorkflowEvent.objects.filter(article=post, to_status="published").exists()
    assert post.dek == "Japan's foreign minister backs Ukraine."


def test_future_post_is_scheduled(imported):
    """ "future" is published at its time, hidden until then."""
    post = article(12)
    assert post.is_scheduled
    assert post.published_at == datetime(2099, 5, 1, 8, 0, tzinfo=UTC)


def test_draft_pending_and_private_posts_stay_off_the_site(imported):
    """draft → draft, pending → in review, private → draft; none is public."""
    assert article(13).status == ArticleStatus.DRAFT
    assert article(14).status == ArticleStatus.IN_REVIEW
    assert article(15).status == ArticleStatus.DRAFT
    public = set(Article.objects.published().values_list("headline", flat=True))
    assert public.isdisjoint({"Draft story", "Pending story", "Private story"})


def test_invalid_date_is_reported_and_the_post_waits_in_review(imported):
    """A post with an impossible date is imported but not published."""
    post = article(16)
    assert post.status == ArticleStatus.IN_REVIEW and post.published_at is None
    assert "post 16 “Bad date”: invalid date ('2024-13-45 99:00:00')" in imported.out


def test_second_run_doubles_nothing(export_file, media_dir, imported):
    """Running the same export again creates no second row of anything."""
    counts = [Article, Section, Author, Photo, ArticleRedirect, ImportedItem]
    before = {model: model.objects.count() for model in counts}
    events = WorkflowEvent.objects.count()
    again = run_import(export_file, "--media-dir", str(media_dir))
    assert {model: model.objects.count() for model in counts} == before
    assert WorkflowEvent.objects.count() == events
    assert (
        "post: skipped" in again.out
        and "created" not in again.out.split("Reasons")[0].split("post:")[1]
    )


def test_changed_post_is_updated_in_place(tmp_path, db):
    """An edited post updates its article; its address and identity stay."""
    path = tmp_path / "one.xml"
    author = wxr.author("admin", "Ada Admin")
    post = {"slug": "one", "content": "<p>First text.</p>", "excerpt": "Dek."}
    path.write_text(wxr.export(author, wxr.item(1, title="One", **post)))
    run_import(path)
    first = article(1)
    post["content"] = "<p>Second text.</p>"
    path.write_text(wxr.export(author, wxr.item(1, title="One, updated", **post)))
    result = run_import(path)
    updated = article(1)
    assert updated.pk == first.pk and updated.headline == "One, updated"
    assert updated.get_absolute_url() == first.get_absolute_url()
    assert "Second text." in updated.search_text and "First" not in updated.search_text
    assert "post: updated 1" in result.out
    # Its bylines, written anew, keep it on its authors' pages.
    assert [b.listed_at for b in updated.bylines.all()] == [updated.published_at]


def test_missing_file_is_completed_by_a_later_run(export_file, media_dir, imported):
    """Once the file is in the media folder, the next run makes the photo."""
    from tests.factories import image_bytes

    (media_dir / "2024" / "01" / "gone.jpg").write_bytes(image_bytes(color=(1, 2, 3)))
    run_import(export_file, "--media-dir", str(media_dir))
    record = ImportedItem.objects.get(kind=ItemKind.ATTACHMENT, source_id="101")
    assert record.photo is not None and record.photo.caption == "A file nobody kept."


def test_dry_run_writes_nothing(export_file, media_dir, settings, db):
    """--dry-run reports what it would do and leaves database and storage untouched."""
    result = run_import(export_file, "--media-dir", str(media_dir), "--dry-run")
    assert "Dry run: nothing was written." in result.out
    assert "post: created 8" in result.out
    for model in (Article, Section, Author, Photo, ImportedItem, ArticleRedirect):
        assert model.objects.count() == 0
    media_root = settings.MEDIA_ROOT
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_old_permalink_answers_301(client, imported):
    """The post's WordPress permalink moves permanently to the new address."""
    response = client.get("/2024/01/07/kamikawa-visits-kyiv/")
    assert response.status_code == 301
    assert response["Location"] == "/asia/2024/01/07/kamikawa-visits-kyiv/"


def test_old_shortlink_answers_301(client, imported):
    """/?p=ID, WordPress's shortlink, moves permanently to the new address."""
    response = client.get("/", {"p": "11"})
    assert response.status_code == 301
    assert response["Location"] == "/world/2024/01/08/record-budget/"


def test_old_address_of_an_unpublished_post_stays_404(client, imported):
    """A draft's or a scheduled post's old address gives nothing away."""
    assert client.get("/", {"p": "12"}).status_code == 200  # the home page, no redirect
    assert client.get("/2099/05/01/future/").status_code == 404


def test_entities_in_the_export_are_refused(tmp_path, db):
    """An export declaring entities is not expanded; the report says it is unreadable."""
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaa">]>'
        "<rss><channel><title>&a;</title></channel></rss>"
    )
    result = run_import(path)
    assert "the file is not a readable export" in result.out
    assert Article.objects.count() == 0


def test_wxr_1_1_is_read_like_1_2(tmp_path, db):
    """The namespace of WXR 1.1 is understood as well."""
    path = tmp_path / "old.xml"
    path.write_text(
        wxr.export(
            wxr.author("admin", "Ada Admin"),
            wxr.item(
                5,
                title="Older export",
                slug="older",
                content="<p>Hi.</p>",
                excerpt="Dek.",
            ),
            version="1.1",
        )
    )
    run_import(path)
    assert article(5).is_published


def test_queries_per_post_stay_bounded(tmp_path, db, django_assert_max_num_queries):
    """Twenty posts with tags, categories and two authors each take a fixed budget each."""
    parts = [wxr.author("admin", "Ada Admin"), wxr.author("kenji", "Kenji Ono")]
    for number in range(20):
        parts.append(
            wxr.item(
                100 + number,
                title=f"Story {number}",
                slug=f"story-{number}",
                excerpt="Dek.",
                content="<p>One.</p><h2>Two</h2><blockquote>Three</blockquote>",
                terms=(
                    ("category", "world", "World"),
                    ("post_tag", "japan", "Japan"),
                    ("author", "cap-admin", "admin"),
                    ("author", "cap-kenji", "kenji"),
                ),
            )
        )
    path = tmp_path / "many.xml"
    path.write_text(wxr.export(*parts))
    with django_assert_max_num_queries(20 * 40):
        run_import(path)
    assert Article.objects.published().count() == 20


def test_imported_items_are_listed_read_only_in_the_admin(client, imported):
    """Editors can look up what was imported and what is missing, not edit it."""
    from tests.factories import make_user

    client.force_login(make_user(is_staff=True, is_superuser=True))
    listing = client.get("/admin/importers/importeditem/", {"q": "gone.jpg"})
    assert listing.status_code == 200
    record = ImportedItem.objects.get(kind=ItemKind.ATTACHMENT, source_id="101")
    page = client.get(f"/admin/importers/importeditem/{record.pk}/change/")
    assert page.status_code == 200
    assert b"File missing: 2024/01/gone.jpg" in page.content
    assert b'name="_save"' not in page.content


def test_publish_checks_of_the_workflow_hold_a_post_back(tmp_path, db):
    """A post whose photo has no credit waits in review, and the report says why."""
    from tests.factories import image_bytes

    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "plain.jpg").write_bytes(image_bytes(color=(9, 9, 9)))
    content = '<p>Text.</p><p><img class="wp-image-50" src="x/2024/plain.jpg"></p>'
    path = tmp_path / "credit.xml"
    path.write_text(
        wxr.export(
            wxr.author("admin", "Ada Admin"),
            wxr.item(1, title="No credit", slug="no-credit", content=content),
            wxr.attachment(50, "2024/plain.jpg", caption="A plain photo.", alt="Grey"),
        )
    )
    result = run_import(path, "--media-dir", str(tmp_path))
    post = article(1)
    assert post.status == ArticleStatus.IN_REVIEW
    assert "not published" in result.out and "has no credit" in result.out
