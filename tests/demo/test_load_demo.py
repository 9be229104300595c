import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from PIL import Image, IptcImagePlugin
from pytest_django.asserts import assertContains

import demo.desk
import demo.management.commands.load_demo
import demo.photos
from articles.models import Article, ArticleStatus, PhotoBlock, RichTextBlock
from articles.roles import CORRESPONDENT, EDITOR
from authors.models import Author
from demo.desk import reference_article
from demo.photos import PhotoSpec, render_photo
from tests.built_once import built_once

pytestmark = pytest.mark.django_db

# Small pictures keep the whole load around a second; the full size is only slower.
PHOTO_WIDTH = "160"
PASSWORD_LINE = re.compile(r"User “(\w+)” password: (\S+)")


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", "--photo-width", PHOTO_WIDTH, *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def media_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def demo_desk(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo desk, loaded once for the module: (its media folder, the command's output)."""
    media = tmp_path_factory.mktemp("demo-media")
    with built_once(django_db_blocker, media):
        yield media, load()


@pytest.fixture
def demo_output(demo_desk, settings):
    media, output = demo_desk
    settings.MEDIA_ROOT = media
    return output


def test_second_load_changes_nothing(demo_output):
    """A second run leaves every table's row count and every media file as they were."""
    counts, files = row_counts(), media_files()

    output = load()

    assert row_counts() == counts
    assert media_files() == files
    assert "Nothing to create" in output


def test_load_creates_a_full_desk(demo_output):
    """The desk has six sections, ten authors and thirty-odd further articles with photos."""
    published = Article.objects.published()

    assert apps.get_model("sections.Section").objects.count() >= 5
    assert Author.objects.count() >= 6
    assert published.count() >= 31
    assert published.filter(hero__isnull=False).count() >= 25
    originals = [
        path
        for path in media_files()
        if "renditions" not in path.parts and "partners" not in path.parts
    ]
    assert len(originals) == apps.get_model("media_library.Photo").objects.count()
    # Every demo partner has its drawn logo on disk.
    partners = apps.get_model("sections.Partner").objects.all()
    assert partners and all(Path(p.logo.path).is_file() for p in partners)


def test_unpublished_pieces_stay_off_the_site(demo_output):
    """A draft, one piece in review and one scheduled for tomorrow are not public."""
    hidden = Article.objects.exclude(pk__in=Article.objects.published())

    assert sorted(hidden.values_list("status", flat=True)) == [
        ArticleStatus.DRAFT,
        ArticleStatus.IN_REVIEW,
        ArticleStatus.PUBLISHED,
    ]
    assert hidden.get(status=ArticleStatus.PUBLISHED).is_scheduled


def test_reference_article_has_its_header_parts(demo_output):
    """Section, headline, dek, dateline, date and the five tags are all set."""
    article = reference_article()

    assert article.section.name == "Politics & Security"
    assert article.section.slug == "politics-security"
    assert article.headline and article.dek
    assert article.dateline == "KYIV"
    assert article.published_at.date().isoformat() == "2024-01-07"
    assert sorted(article.tags.names()) == sorted(
        ["Ukraine", "Japan", "Russia", "Yoko Kamikawa", "Patriot missiles"]
    )


def test_reference_article_body_has_three_subheads(demo_output):
    """The rich-text blocks carry the three h2 subheads in order."""
    html = "".join(
        block.text
        for block in RichTextBlock.objects.filter(parent=reference_article()).order_by(
            "ordering"
        )
    )

    assert re.findall(r"<h2>(.*?)</h2>", html) == [
        "Seeking help against the missiles",
        "A shift in the rules on arms exports",
        "The price of defence",
    ]


def test_reference_article_photos_have_captions_and_credits(demo_output):
    """The hero and at least three inline photos end with place and date and carry a credit."""
    article = reference_article()
    inline = PhotoBlock.objects.filter(parent=article).select_related("photo")

    assert article.hero_caption_display.endswith("in Kyiv, January 7, 2024.")
    assert "via REUTERS" in article.hero_credit_display
    assert len(inline) >= 3
    for block in inline:
        assert block.caption_display.endswith(", January 7, 2024.")
        assert block.credit_display
        assert block.photo.alt_text


def test_reference_article_byline_and_bio(demo_output):
    """The byline names the Diplomatic Correspondent, whose bio has post, institute and pointer."""
    byline = reference_article().bylines.select_related("author").get()

    assert byline.role == "Diplomatic Correspondent"
    assert byline.author.short_bio
    assert "Diplomatic Correspondent" in byline.author.bio
    assert "China Studies" in byline.author.bio
    assert "other articles" in byline.author.bio


def test_reference_article_page_renders(client, demo_output):
    """The reference article's public page answers 200 with its headline and credits."""
    article = reference_article()

    response = client.get(article.get_absolute_url())

    assertContains(response, article.headline)
    assertContains(response, "(©Kyodo)")
    assertContains(response, "Diplomatic Correspondent")


def test_reference_article_went_through_the_workflow(demo_output):
    """The correspondent submitted it, an editor published it, both steps recorded."""
    steps = [
        (event.actor.username, event.from_status, event.to_status)
        for event in reference_article().workflow_events.order_by("pk")
    ]

    assert steps == [
        ("correspondent", ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW),
        ("editor", ArticleStatus.IN_REVIEW, ArticleStatus.PUBLISHED),
    ]


def test_demo_stories_are_not_labelled_updated(client, demo_output):
    """An old story whose text never changed shows only its publication time."""
    response = client.get(reference_article().get_absolute_url())

    assertContains(response, "Published")
    assert "Updated <time" not in response.content.decode()


def test_photo_file_carries_caption_and_credit_in_iptc(demo_output):
    """The hero's JPEG holds its caption, credit and by-line as UTF-8 IPTC datasets."""
    hero = reference_article().hero
    with Image.open(hero.image.path) as image:
        iptc = IptcImagePlugin.getiptcinfo(image)

    assert iptc[(1, 90)] == b"\x1b%G"
    assert iptc[(2, 120)].decode() == hero.caption
    assert iptc[(2, 110)].decode() == hero.credit
    assert iptc[(2, 80)].decode() == hero.photographer
    assert iptc[(2, 116)].decode() == hero.copyright_notice
    assert b"Patriot missiles" in iptc[(2, 25)]


def test_photo_file_carries_caption_and_credit_in_xmp(demo_output):
    """The hero's XMP packet repeats caption, credit, creator, rights and alt text."""
    hero = reference_article().hero
    with Image.open(hero.image.path) as image:
        description = image.getxmp()["xmpmeta"]["RDF"]["Description"]

    assert description["description"]["Alt"]["li"]["text"] == hero.caption
    assert description["Credit"] == hero.credit
    assert description["Source"] == hero.source
    assert description["creator"]["Seq"]["li"] == hero.photographer
    assert description["rights"]["Alt"]["li"]["text"] == hero.copyright_notice
    assert description["AltTextAccessibility"]["Alt"]["li"]["text"] == hero.alt_text


def test_same_spec_gives_the_same_file():
    """Rendering is deterministic, so a rerun finds its photos by checksum."""
    spec = PhotoSpec(key="k", label="Kyiv", caption="c.", credit="©Kyodo", alt_text="a")

    assert (
        render_photo(spec, width=96).checksum == render_photo(spec, width=96).checksum
    )


def test_new_accounts_get_random_printed_passwords(demo_output):
    """Each account's password is printed once, works, and appears nowhere in the code."""
    passwords = dict(PASSWORD_LINE.findall(demo_output))
    sources = "".join(
        Path(module.__file__).read_text()
        for module in [
            demo.desk,
            demo.photos,
            demo.management.commands.load_demo,
        ]
    )

    assert sorted(passwords) == ["admin", "correspondent", "editor"]
    for username, password in passwords.items():
        assert signs_in(username, password)
        assert password not in sources


def signs_in(username: str, password: str) -> bool:
    """As the admin login does: with a request, which the lockout backend (axes) needs."""
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username=username, password=password) is not None


def test_existing_accounts_keep_their_passwords(demo_output):
    """A rerun prints no password and the first ones still work."""
    passwords = dict(PASSWORD_LINE.findall(demo_output))

    output = load()

    assert PASSWORD_LINE.findall(output) == []
    assert "“editor” already exists" in output
    assert signs_in("editor", passwords["editor"])


def test_accounts_have_their_roles(demo_output):
    """admin is a superuser; editor and correspondent are staff in their groups."""
    User = apps.get_model(settings.AUTH_USER_MODEL)
    editor = User.objects.get(username="editor")
    correspondent = User.objects.get(username="correspondent")

    assert User.objects.get(username="admin").is_superuser
    assert editor.is_staff and list(editor.groups.values_list("name", flat=True)) == [
        EDITOR
    ]
    assert correspondent.is_staff
    assert list(correspondent.groups.values_list("name", flat=True)) == [CORRESPONDENT]
    assert correspondent.author.job_title == "Diplomatic Correspondent"
