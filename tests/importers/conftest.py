import io

import pytest
from django.core.management import call_command

from tests.factories import image_bytes
from tests.importers import wxr_builder as wxr

KYIV_CAPTION = "Yoko Kamikawa and Volodymyr Zelenskyy in Kyiv, January 7, 2024."
CLASSIC_BODY = f"""Japan's foreign minister arrived in Kyiv on Sunday.
She came by train.

[caption id="attachment_100" align="alignnone" width="640"]<a href="{wxr.SITE}/kyiv/"><img class="size-large wp-image-100" src="{wxr.SITE}/wp-content/uploads/2024/01/kyiv-640x480.jpg" alt="" /></a> {KYIV_CAPTION} (Photo: Presidential Press Service/Reuters)[/caption]

<h4>Seeking air-defence help</h4>
<script>alert("stolen")</script><p onclick="steal()">Generators for the winter were announced.</p>
<blockquote>Japan stands with Ukraine.<cite>Yoko Kamikawa</cite></blockquote>
"""
GUTENBERG_BODY = """<!-- wp:paragraph -->
<p>The budget rose <strong>16.5%</strong> to a record.</p>
<!-- /wp:paragraph -->
<!-- wp:heading -->
<h2 class="wp-block-heading">The price of defence</h2>
<!-- /wp:heading -->
<!-- wp:image {"id":100,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://old.example.org/wp-content/uploads/2024/01/kyiv.jpg" alt="" class="wp-image-100"/><figcaption class="wp-element-caption">The ministers met at the palace. ©Kyodo</figcaption></figure>
<!-- /wp:image -->
<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>We will help.</p><cite>The minister</cite></blockquote>
<!-- /wp:quote -->
<!-- wp:list -->
<ul><li>Generators</li><li>Patriot missiles</li></ul>
<!-- /wp:list -->
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=M7lc1UVf-VE","type":"video"} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=M7lc1UVf-VE
</div></figure>
<!-- /wp:embed -->
"""
MISSING_BODY = """<!-- wp:paragraph --><p>Text before the photo.</p><!-- /wp:paragraph -->
<!-- wp:image {"id":101} --><figure class="wp-block-image"><img src="https://old.example.org/wp-content/uploads/2024/01/gone.jpg" class="wp-image-101"/><figcaption>Lost.</figcaption></figure><!-- /wp:image -->"""


def site_export() -> str:
    """A small site with everything the importer has to handle, in WordPress's order."""
    asia = ("category", "asia", "Asia")
    return wxr.export(
        wxr.author("admin", "Ada Admin", 1),
        wxr.author("kenji", "Kenji Ono", 2),
        wxr.category(3, "world", "World"),
        wxr.category(4, "asia", "Asia", parent="world"),
        wxr.category(5, "search", "Search"),
        wxr.tag(6, "ukraine", "Ukraine"),
        wxr.coauthor_term(7, "mariko", "Mariko Sato"),
        wxr.item(
            10,
            title="Kamikawa visits Kyiv &amp; promises generators",
            slug="kamikawa-visits-kyiv",
            content=CLASSIC_BODY,
            excerpt="Japan's foreign minister backs Ukraine.",
            terms=(
                asia,
                ("post_tag", "ukraine", "Ukraine"),
                ("post_tag", "japan", "Japan"),
                ("author", "cap-kenji", "kenji"),
                ("author", "cap-mariko", "Mariko Sato"),
            ),
            meta={"_thumbnail_id": 100},
        ),
        wxr.item(
            11,
            title="Record defence budget",
            slug="record-budget",
            date="2024-01-08 10:00:00",
            content=GUTENBERG_BODY,
            terms=(("category", "world", "World"),),
        ),
        wxr.item(12, title="Future story", slug="future", date="2099-05-01 08:00:00", status="future", content="<p>Later.</p>", excerpt="Soon."),
        wxr.item(13, title="Draft story", status="draft", date_gmt="0000-00-00 00:00:00", content="<p>Not yet.</p>"),
        wxr.item(14, title="Pending story", slug="pending", status="pending", content="<p>Check me.</p>"),
        wxr.item(15, title="Private story", slug="private", status="private", content="<p>Secret.</p>"),
        wxr.item(16, title="Bad date", slug="bad-date", date="2024-13-45 99:00:00", content="<p>When?</p>"),
        wxr.item(17, title="Missing photo", slug="missing-photo", content=MISSING_BODY, terms=(asia,)),
        wxr.item(20, title="About us", post_type="page", slug="about", content="<p>Us.</p>"),
        wxr.attachment(100, "2024/01/kyiv.jpg", caption=f"{KYIV_CAPTION} (Photo: Presidential Press Service/Reuters)", alt="Two ministers shake hands", description="Taken at the Mariinskyi Palace."),
        wxr.attachment(101, "2024/01/gone.jpg", caption="A file nobody kept.", alt="Nothing"),
        wxr.attachment(102, "2024/01/notes.jpg", caption="Not a picture at all.", alt="Text"),
    )  # fmt: skip


@pytest.fixture
def media_dir(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "2024" / "01").mkdir(parents=True)
    (folder / "2024" / "01" / "kyiv.jpg").write_bytes(image_bytes(color=(200, 30, 30)))
    (folder / "2024" / "01" / "notes.jpg").write_bytes(b"just some notes, not a JPEG")
    return folder


@pytest.fixture
def export_file(tmp_path):
    path = tmp_path / "site.xml"
    path.write_text(site_export(), encoding="utf-8")
    return path


class Run:
    def __init__(self, out: str, err: str):
        self.out = out
        self.err = err


def run_import(path, *args) -> Run:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=err)
    return Run(out.getvalue(), err.getvalue())


@pytest.fixture
def imported(db, export_file, media_dir):
    """The site export imported once, with the uploads folder."""
    return run_import(export_file, "--media-dir", str(media_dir))
