"""A small newsroom for page tests: sections, chrome, authors, published and hidden articles."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, ArticleStatus, PullQuoteBlock
from sections.models import Partner, SiteSettings, SocialLink
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_photo,
    make_section,
)

HIDDEN_MARK = "Unreleased"


@dataclass
class Newsroom:
    politics: object
    diplomacy: object
    world: object
    lead_author: object
    reference: Article
    published: list[Article] = field(default_factory=list)
    hidden: list[Article] = field(default_factory=list)


def build_newsroom() -> Newsroom:
    """A desk that looks real on every page type, plus one article of each hidden kind."""
    site = SiteSettings.objects.create(
        tagline="Politics, security and the world, reported carefully",
        footer_note="Independent journalism since 1998",
    )
    SocialLink.objects.create(
        site=site,
        network="bluesky",
        label="Bluesky",
        url="https://bsky.app/profile/meridian.example",
        position=0,
    )
    SocialLink.objects.create(
        site=site,
        network="x",
        label="X",
        url="https://x.com/meridian_example",
        position=1,
    )
    Partner.objects.create(
        site=site,
        name="Center for Asian Security Studies",
        url="https://partner.example/",
        position=0,
    )
    politics = make_section(
        name="Politics & Security",
        slug="politics-security",
        position=0,
        description="Diplomacy, defence and the decisions behind them.",
    )
    diplomacy = make_section(
        name="Diplomacy", slug="diplomacy", parent=politics, position=0
    )
    world = make_section(name="World", slug="world", position=1)
    business = make_section(name="Business", slug="business", position=2)

    correspondent = make_author(
        name="Kenji Ono",
        slug="kenji-ono",
        job_title="Diplomatic Correspondent",
        short_bio="Kenji Ono covers Japan's foreign and security policy from Tokyo.",
        bio="<p>Kenji Ono covers Japan's foreign and security policy. He is a research "
        "fellow at a university institute for China studies.</p>",
        photo=make_photo(alt_text="Portrait of Kenji Ono"),
    )
    correspondent.links.create(kind="website", url="https://example.org/kenji")
    editor = make_author(
        name="Mara Lindqvist", slug="mara-lindqvist", job_title="Security Editor"
    )
    now = timezone.now()

    reference = make_article(
        section=politics,
        headline="Japan's foreign minister pledges air-defence help during Kyiv visit",
        slug="japan-foreign-minister-kyiv-visit",
        dek="The visit came as Russia's New Year bombardment of Ukrainian cities went on.",
        dateline="KYIV",
        authors=[correspondent, editor],
        tags=["Ukraine", "Japan", "Russia", "Patriot missiles"],
        hero=make_photo(
            alt_text="Two officials shake hands in front of flags",
            caption="The foreign minister is welcomed in Kyiv, January 7, 2024.",
            credit="Presidential Press Service/Handout via REUTERS",
        ),
        published_at=now - timedelta(hours=2),
    )
    add_text(
        reference,
        "<p>Japan will send generators to help Ukraine through the winter, the minister "
        "said after meeting the president.</p><h2>Seeking air-defence help</h2>"
        "<p>The talks were interrupted by an air-raid alert.</p>",
        ordering=0,
    )
    add_photo_block(reference, ordering=1)
    PullQuoteBlock.objects.create(
        parent=reference,
        region="body",
        ordering=2,
        text="We stand with Ukraine for as long as it takes.",
        attribution="The foreign minister",
    )
    add_text(
        reference,
        "<h2>A shift on arms exports</h2><p>December's rule change lets licence-built "
        "missiles be sold back to the licensor.</p><h2>The price of defence</h2>"
        "<p>The 2024 defence budget rose 16.5% to a record.</p>",
        ordering=3,
    )

    published = [reference]
    stories = [
        (politics, "Parliament debates the record defence budget", ["Japan"]),
        (diplomacy, "Envoys prepare for talks on winter energy aid", ["Ukraine"]),
        (
            politics,
            "Coalition partners split over export rules",
            ["Japan", "Patriot missiles"],
        ),
        (
            world,
            "Grain corridor reopens after weeks of shelling",
            ["Ukraine", "Russia"],
        ),
        (world, "Election officials count ballots by hand", []),
        (business, "Shipbuilders win orders for patrol vessels", ["Japan"]),
    ]
    for hours, (section, headline, tags) in enumerate(stories, start=3):
        article = make_article(
            section=section,
            headline=headline,
            dek=f"{headline}: what happened and why it matters.",
            authors=[editor] if hours % 2 else [correspondent],
            tags=tags,
            hero=make_photo(alt_text=f"Scene for the story: {headline}"),
            published_at=now - timedelta(hours=hours),
        )
        add_text(article, f"<p>{headline}. Reporting continues.</p>")
        published.append(article)

    hidden = [
        make_article(
            section=politics,
            headline=f"{HIDDEN_MARK} draft on Ukraine",
            status=ArticleStatus.DRAFT,
            authors=[correspondent],
            tags=["Ukraine"],
        ),
        make_article(
            section=politics,
            headline=f"{HIDDEN_MARK} article in review on Ukraine",
            status=ArticleStatus.IN_REVIEW,
            authors=[correspondent],
            tags=["Ukraine"],
            published_at=now - timedelta(hours=1),
        ),
        make_article(
            section=politics,
            headline=f"{HIDDEN_MARK} withdrawn story on Ukraine",
            status=ArticleStatus.UNPUBLISHED,
            authors=[correspondent],
            tags=["Ukraine"],
            published_at=now - timedelta(hours=1),
        ),
        make_article(
            section=politics,
            headline=f"{HIDDEN_MARK} scheduled story on Ukraine",
            authors=[correspondent],
            tags=["Ukraine"],
            published_at=now + timedelta(days=1),
        ),
    ]
    for article in hidden:
        add_text(article, f"<p>{HIDDEN_MARK} body text about Ukraine.</p>")
        reference.related_articles.add(article)
    return Newsroom(
        politics=politics,
        diplomacy=diplomacy,
        world=world,
        lead_author=correspondent,
        reference=reference,
        published=published,
        hidden=hidden,
    )


def public_urls(newsroom: Newsroom) -> dict[str, str]:
    """One address of every page type, by name."""
    return {
        "home": "/",
        "section": newsroom.politics.get_absolute_url(),
        "subsection": newsroom.diplomacy.get_absolute_url(),
        "article": newsroom.reference.get_absolute_url(),
        "author-index": "/authors/",
        "author": newsroom.lead_author.get_absolute_url(),
        "tag": "/tags/ukraine/",
        "search": "/search/?q=ukraine",
        "search-empty": "/search/",
        "search-no-results": "/search/?q=zzzyqx",
        "corrections": "/corrections/",
        "not-found": "/no-such-section/",
    }
