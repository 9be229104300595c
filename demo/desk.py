"""The demo desk: sections, staff, accounts and a few weeks of articles to try the site with.

`load_demo()` creates whatever is missing and leaves everything else alone, so it can run
any number of times: sections, authors and accounts are found by slug or username, articles
by section and slug, photos by the checksum of their (deterministic) file. The staff and
their words are invented; the reference article reports public facts in our own words.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import workflow
from articles.models import (
    Article,
    ArticleStatus,
    Byline,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from articles.roles import CORRESPONDENT, EDITOR
from authors.models import Author, AuthorLink, LinkKind
from demo.photos import DEFAULT_WIDTH, PhotoSpec, render_photo
from media_library.models import Photo
from sections.models import Section

PUBLICATION = settings.NEWSROOM_NAME
PHOTO_DIRECTORY = "photos/demo"
REFERENCE_SECTION = "politics-security"
REFERENCE_SLUG = "kamikawa-kyiv-visit-japan-support-ukraine"
STAFF_PHOTOGRAPHER = "Hana Moriyama"


class DemoError(Exception):
    """The database is not ready for the demo (usually: migrations have not run)."""


def reference_article() -> Article:
    """The Politics & Security article every part of the product is measured against."""
    return Article.objects.select_related("section").get(
        section__slug=REFERENCE_SECTION, slug=REFERENCE_SLUG
    )


def long_date(day: date) -> str:
    """Caption style: "January 7, 2024"."""
    return f"{day:%B} {day.day}, {day.year}"


# ---------------------------------------------------------------------------------------
# Sections and staff
# ---------------------------------------------------------------------------------------

# slug: (name, description, parent slug, position, colours for its photos)
SECTIONS: dict[str, tuple[str, str, str | None, int, tuple[str, str]]] = {
    "politics-security": (
        "Politics & Security",
        "Diplomacy, defence and the decisions that shape them, from Tokyo and beyond.",
        None,
        0,
        ("#1d3557", "#a8dadc"),
    ),
    "economy": (
        "Economy",
        "Budgets, trade, wages and the money behind the headlines.",
        None,
        1,
        ("#2a4d3a", "#e9c46a"),
    ),
    "markets": (
        "Markets",
        "Currencies, shares and the investors who move them.",
        "economy",
        2,
        ("#264653", "#2a9d8f"),
    ),
    "asia-pacific": (
        "Asia-Pacific",
        "Reporting from the capitals, coasts and islands of the region.",
        None,
        3,
        ("#6d2e46", "#f4a261"),
    ),
    "technology": (
        "Technology",
        "Chips, networks, drones and satellites, and the policy around them.",
        None,
        4,
        ("#3d405b", "#81b29a"),
    ),
    "opinion": (
        "Opinion",
        "Arguments from our columnists and guest writers.",
        None,
        5,
        ("#5f0f40", "#f2cc8f"),
    ),
}


@dataclass(frozen=True)
class StaffMember:
    slug: str
    name: str
    job_title: str
    short_bio: str
    bio: str
    links: tuple[tuple[str, str], ...] = ()
    portrait_colors: tuple[str, str] | None = None  # a photo only for some


DIPLOMATIC_CORRESPONDENT = "ren-kashiwagi"

STAFF = [
    StaffMember(
        slug=DIPLOMATIC_CORRESPONDENT,
        name="Ren Kashiwagi",
        job_title="Diplomatic Correspondent",
        short_bio=(
            f"Ren Kashiwagi is {PUBLICATION}’s Diplomatic Correspondent in Tokyo, "
            "covering Japan’s foreign and security policy and its ties with China, "
            "Russia and Europe."
        ),
        bio=(
            f"<p>Ren Kashiwagi is the Diplomatic Correspondent of {PUBLICATION}, based "
            "in Tokyo, where he follows the foreign ministry, Japan’s alliances and its "
            "relations with its neighbours. He reported from Beijing and Moscow before "
            "taking up the post.</p>"
            "<p>He is also a visiting research fellow at the Institute of Contemporary "
            "China Studies at Minato Metropolitan University, where he studies Chinese "
            "diplomacy in East Asia.</p>"
            "<p>His other articles are listed on this page.</p>"
        ),
        links=(
            (LinkKind.WEBSITE, "https://kashiwagi.example.org/"),
            (LinkKind.MASTODON, "https://mastodon.example/@kashiwagi"),
        ),
        portrait_colors=("#1d3557", "#e63946"),
    ),
    StaffMember(
        slug="miriam-okafor",
        name="Miriam Okafor",
        job_title="Security Editor",
        short_bio=(
            "Miriam Okafor edits our defence and security coverage and writes about "
            "military budgets, alliances and arms control."
        ),
        bio=(
            f"<p>Miriam Okafor has been Security Editor of {PUBLICATION} since 2021. "
            "Before that she covered NATO from Brussels.</p>"
        ),
        links=((LinkKind.BLUESKY, "https://bsky.app/profile/okafor.example.org"),),
        portrait_colors=("#283618", "#dda15e"),
    ),
    StaffMember(
        slug="tomasz-wierzbicki",
        name="Tomasz Wierzbicki",
        job_title="Europe Correspondent",
        short_bio=(
            "Tomasz Wierzbicki reports on Central and Eastern Europe from Warsaw and "
            "travels often to Ukraine."
        ),
        bio=(
            "<p>Tomasz Wierzbicki is our Europe Correspondent, based in Warsaw. He has "
            "reported from Ukraine regularly since 2014.</p>"
        ),
    ),
    StaffMember(
        slug="laura-brennan",
        name="Laura Brennan",
        job_title="Economics Correspondent",
        short_bio=(
            "Laura Brennan writes about public finances, trade and the cost of "
            "security for Japan’s economy."
        ),
        bio=(
            "<p>Laura Brennan is our Economics Correspondent in Tokyo. She previously "
            "covered central banks from London.</p>"
        ),
        portrait_colors=("#2a4d3a", "#f4a261"),
    ),
    StaffMember(
        slug="yuki-matsuda",
        name="Yuki Matsuda",
        job_title="Markets Reporter",
        short_bio="Yuki Matsuda covers currencies, bonds and Tokyo’s stock market.",
        bio="<p>Yuki Matsuda joined the markets desk in 2022.</p>",
    ),
    StaffMember(
        slug="priya-raman",
        name="Priya Raman",
        job_title="Asia-Pacific Correspondent",
        short_bio=(
            "Priya Raman reports on Southeast Asia and the Pacific from Singapore."
        ),
        bio=(
            "<p>Priya Raman is our Asia-Pacific Correspondent, based in Singapore. She "
            "writes about maritime security, trade and climate across the region.</p>"
        ),
        portrait_colors=("#6d2e46", "#a2d2ff"),
    ),
    StaffMember(
        slug="elena-varga",
        name="Elena Varga",
        job_title="Technology Reporter",
        short_bio=(
            "Elena Varga writes about chips, networks and the technology of modern "
            "conflict."
        ),
        bio=(
            "<p>Elena Varga covers technology and its politics, from semiconductor "
            "supply chains to drones and cyber defence.</p>"
        ),
        links=((LinkKind.WEBSITE, "https://varga.example.net/"),),
    ),
    StaffMember(
        slug="jun-takeda",
        name="Jun Takeda",
        job_title="Opinion Editor",
        short_bio="Jun Takeda edits the Opinion pages and writes a weekly column.",
        bio="<p>Jun Takeda has edited the Opinion pages since 2020.</p>",
        links=((LinkKind.LINKEDIN, "https://www.linkedin.com/in/jun-takeda-example"),),
    ),
    StaffMember(
        slug="sofia-lindqvist",
        name="Sofia Lindqvist",
        job_title="Contributing Columnist",
        short_bio=(
            "Sofia Lindqvist is a contributing columnist who writes about export "
            "controls and trade law."
        ),
        bio="<p>Sofia Lindqvist writes a monthly column on trade and security.</p>",
    ),
    StaffMember(
        slug="hana-moriyama",
        name=STAFF_PHOTOGRAPHER,
        job_title="Staff Photographer",
        short_bio="Hana Moriyama is a staff photographer based in Tokyo.",
        bio="<p>Hana Moriyama photographs politics and people for the paper.</p>",
    ),
]

# username: (group, is_superuser, staff slug linked to the account)
ACCOUNTS: dict[str, tuple[str | None, bool, str | None]] = {
    "admin": (None, True, None),
    "editor": (EDITOR, False, None),
    "correspondent": (CORRESPONDENT, False, DIPLOMATIC_CORRESPONDENT),
}


# ---------------------------------------------------------------------------------------
# The reference article
# ---------------------------------------------------------------------------------------

KYIV_DAY = date(2024, 1, 7)
REFERENCE_TAGS = ["Ukraine", "Japan", "Russia", "Yoko Kamikawa", "Patriot missiles"]


def agency_photo(
    key: str, label: str, caption: str, credit: str, alt_text: str, **fields
) -> PhotoSpec:
    return PhotoSpec(
        key=key,
        label=label,
        caption=caption,
        credit=credit,
        alt_text=alt_text,
        keywords=tuple(REFERENCE_TAGS),
        taken_on=KYIV_DAY,
        **fields,
    )


REFERENCE_HERO = agency_photo(
    "kamikawa-zelenskyy",
    "Kyiv · Kamikawa and Zelenskyy",
    "Ukrainian President Volodymyr Zelenskyy welcomes Japanese Foreign Minister Yoko "
    f"Kamikawa before their talks in Kyiv, {long_date(KYIV_DAY)}.",
    "Ukrainian Presidential Press Service/Handout via REUTERS",
    "President Zelenskyy shakes hands with Foreign Minister Kamikawa in a hall of the "
    "presidential office.",
    photographer="Ukrainian Presidential Press Service",
    source="Reuters",
    copyright_notice="Handout photo, Ukrainian Presidential Press Service",
    colors=("#1d3557", "#a8dadc"),
)

REFERENCE_INLINE = [
    agency_photo(
        "kamikawa-kuleba",
        "Kyiv · Kamikawa and Kuleba",
        "Japanese Foreign Minister Yoko Kamikawa and Ukrainian Foreign Minister Dmytro "
        f"Kuleba shake hands before their meeting in Kyiv, {long_date(KYIV_DAY)}.",
        "©Kyodo",
        "The two foreign ministers shake hands in front of Japanese and Ukrainian flags.",
        photographer="Kyodo",
        source="Kyodo News",
        copyright_notice="©Kyodo News",
        colors=("#14213d", "#fca311"),
    ),
    agency_photo(
        "kamikawa-shelter",
        "Kyiv · air-raid alert",
        "Japanese Foreign Minister Yoko Kamikawa and members of her delegation wait in "
        f"a shelter during an air-raid alert in Kyiv, {long_date(KYIV_DAY)}.",
        "©Kyodo",
        "The minister and officials sit along the wall of an underground shelter.",
        photographer="Kyodo",
        source="Kyodo News",
        copyright_notice="©Kyodo News",
        colors=("#22223b", "#9a8c98"),
    ),
    agency_photo(
        "kamikawa-kuleba-press",
        "Kyiv · news conference",
        "Yoko Kamikawa and Dmytro Kuleba answer questions at a joint news conference "
        f"after their talks in Kyiv, {long_date(KYIV_DAY)}.",
        "Ukrainian Foreign Ministry/Handout via REUTERS",
        "The two ministers stand at lecterns in front of a blue backdrop.",
        photographer="Ukrainian Foreign Ministry",
        source="Reuters",
        copyright_notice="Handout photo, Ukrainian Foreign Ministry",
        colors=("#003049", "#fdf0d5"),
    ),
]

# Body of the reference article: HTML strings are rich-text blocks, integers are indexes
# into REFERENCE_INLINE.
REFERENCE_BODY: list[str | int] = [
    "<p>Japan’s foreign minister, Yoko Kamikawa, arrived in Kyiv on January 7, 2024, "
    "on a visit that had not been announced beforehand. She was among the first senior "
    "foreign officials to reach the Ukrainian capital after Russia intensified its "
    "missile and drone strikes over the New Year holiday.</p>"
    "<p>She held talks with President Volodymyr Zelenskyy and with her counterpart, "
    "Foreign Minister Dmytro Kuleba. While she was in the city an air-raid alert "
    "sounded, and the minister and her delegation spent the alert in a shelter before "
    "the programme went on.</p>"
    "<p>The trip was meant to show that Tokyo’s backing for Ukraine has not faded as "
    "the war nears its third year, and that Japan, thousands of kilometres from the "
    "front, regards the outcome in Europe as tied to the security of its own "
    "region.</p>",
    0,
    "<h2>Seeking help against the missiles</h2>"
    "<p>Air defence is the first request Ukrainian officials put to every visiting "
    "delegation this winter. Waves of missiles and drones have been aimed at power "
    "plants, substations and city centres, and each attack that gets through can leave "
    "neighbourhoods without electricity or heating for days.</p>"
    "<p>Japan’s rules have kept it from supplying weapons to Ukraine, so its help has "
    "come as money, reconstruction support and equipment. In Kyiv, Ms. Kamikawa "
    "announced that Japan would send more generators so that homes, hospitals and "
    "water works can keep running through the cold months when strikes knock out the "
    "grid.</p>",
    1,
    "<h2>A shift in the rules on arms exports</h2>"
    "<p>The visit came only weeks after a notable change at home. In December 2023 the "
    "government revised its rules on transferring defence equipment so that weapons "
    "made in Japan under licence from a foreign company can be exported to the country "
    "that granted the licence.</p>"
    "<p>The first use of the new rule is the sale of Patriot air-defence missiles, "
    "built in Japan under an American licence, to the United States. That helps "
    "Washington refill stocks that have been drawn down, in part by its own deliveries "
    "to Ukraine.</p>"
    "<p>Japan’s rules still do not allow the missiles to be passed on to a country "
    "at war, so none will go to Kyiv directly. The arrangement instead lets Tokyo ease "
    "the strain on its ally’s arsenal while staying inside its own limits.</p>",
    2,
    "<h2>The price of defence</h2>"
    "<p>The wish to do more abroad is matched by heavier spending at home. Japan’s "
    "defence budget for 2024 rose 16.5% to a record ¥7.95 trillion, the largest sum "
    "the country has ever set aside for its armed forces.</p>"
    "<p>How to pay for it will remain an argument in parliament for years. The "
    "minister’s hours in a Kyiv shelter were a reminder of the case the government "
    "makes for the money: a war in which air defence decides whether a city keeps its "
    "lights and heat.</p>",
]

REFERENCE = {
    "headline": (
        "In Kyiv, Japan’s foreign minister pledges steady support as Russia’s "
        "New Year barrage goes on"
    ),
    "dek": (
        "Yoko Kamikawa brought generators for the winter, sat out an air-raid alert in a "
        "shelter and carried a message about how fast Tokyo’s own security thinking is "
        "changing."
    ),
    "dateline": "KYIV",
    "published_at": datetime(2024, 1, 7, 13, 30, tzinfo=UTC),
}


# ---------------------------------------------------------------------------------------
# Further articles
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoArticle:
    """One article of the demo desk; `body` paragraphs starting with "## " are subheads."""

    section: str
    slug: str
    headline: str
    dek: str
    dateline: str
    day: date | None  # None for drafts and pieces still in review
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    body: tuple[str, ...]
    hero: tuple[str, str] | None = None  # (what the photo shows, place)
    inline: tuple[tuple[str, str], ...] = ()  # more photos, after the first subhead
    pull_quote: str = ""
    status: str = ArticleStatus.PUBLISHED
    scheduled: bool = False  # published tomorrow, counted from the first load


def d(month: int, day: int) -> date:
    """A date in the demo's winter: December 2023 or early 2024."""
    return date(2023 if month == 12 else 2024, month, day)


ARTICLES = [
    DemoArticle(
        "politics-security",
        "japan-export-rule-patriot-explained",
        "What Japan’s new export rule does, and does not, allow",
        "Licence-built weapons can now go back to the countries that designed them. "
        "Here is what that changes.",
        "TOKYO",
        d(12, 23),
        ("ren-kashiwagi",),
        ("Japan", "Patriot missiles", "Arms exports"),
        (
            "Japan changed its rules on defence exports in December 2023, and the first "
            "beneficiary is the United States, which will buy Patriot missiles built in "
            "Japan under an American licence.",
            "The change is narrower than the headlines suggest. It covers equipment made "
            "under licence and sends it back to the licensing country, not to anyone "
            "who asks.",
            "## Why licences matter",
            "Much of Japan’s defence industry builds foreign designs under licence. "
            "Until now those products could not leave the country, even to return to "
            "the company that designed them.",
            "The new rule removes that barrier for licensing countries, while the ban "
            "on exports to a country at war stays in place.",
        ),
        hero=("A Patriot missile launcher at an air base", "Tokyo"),
    ),
    DemoArticle(
        "politics-security",
        "ukraine-power-grid-second-winter",
        "Ukraine’s power grid braces for a second winter under fire",
        "Engineers have patched, buried and rerouted the network. The question is "
        "whether it is enough.",
        "KYIV",
        d(12, 14),
        ("tomasz-wierzbicki",),
        ("Ukraine", "Russia", "Energy"),
        (
            "Repair crews in Kyiv have spent the autumn preparing for attacks they "
            "expect to come as soon as the temperature drops.",
            "Transformers have been moved, spare parts stockpiled and some substations "
            "surrounded by concrete and earth.",
            "## A network built for peace",
            "The grid was designed to be efficient, not to survive missiles. Large "
            "central stations make tempting targets, which is why planners now talk "
            "about smaller, scattered sources of power.",
            "Households have adapted too: generators, power banks and battery lamps "
            "are now ordinary purchases.",
        ),
        hero=("Workers repair a transformer at a damaged substation", "Kyiv"),
    ),
    DemoArticle(
        "politics-security",
        "europe-air-defence-shortage-debate",
        "Air-defence shortages shape Europe’s winter debate",
        "Interceptors are expensive, slow to build and suddenly in demand everywhere.",
        "WARSAW",
        d(1, 10),
        ("tomasz-wierzbicki", "miriam-okafor"),
        ("Ukraine", "Air defence", "NATO"),
        (
            "European defence ministries agree that Ukraine needs more air defence. "
            "They disagree about where it should come from.",
            "Every interceptor sent abroad is one fewer at home, and production lines "
            "take years to grow.",
            "## Building faster",
            "Manufacturers want long contracts before they hire and expand. Governments "
            "want missiles now. Joint purchasing is one attempt to bridge the gap.",
            "Japan’s decision to sell licence-built missiles to the United States is "
            "being watched in European capitals as one more source of supply.",
        ),
        hero=("An air-defence radar on a training ground", "Warsaw"),
    ),
    DemoArticle(
        "politics-security",
        "record-defence-budget-priorities",
        "A record defence budget puts Tokyo’s priorities on the table",
        "Spending rises 16.5% to ¥7.95 trillion. The harder debate is about what it "
        "buys.",
        "TOKYO",
        d(12, 27),
        ("miriam-okafor", "laura-brennan"),
        ("Japan", "Defence budget"),
        (
            "Japan’s defence budget for 2024 rose 16.5% to a record ¥7.95 trillion, the "
            "steepest climb in decades.",
            "Supporters say the money closes gaps that have been left open for too long. "
            "Critics ask how it will be paid for and who decides what comes first.",
            "## Where the argument goes next",
            "Parliament will scrutinise the budget in the new year, and the question of "
            "funding, through taxes or borrowing, is far from settled.",
        ),
        hero=("The Defence Ministry building at dusk", "Tokyo"),
    ),
    DemoArticle(
        "politics-security",
        "japan-generators-not-guns-ukraine",
        "Why Japan keeps sending generators, not guns, to Ukraine",
        "Tokyo’s help is shaped by its own rules, and by what Ukrainians need to get "
        "through the winter.",
        "TOKYO",
        d(1, 9),
        ("ren-kashiwagi",),
        ("Japan", "Ukraine", "Yoko Kamikawa"),
        (
            "When Japan’s foreign minister visited Kyiv in January, the most concrete "
            "item she brought was not a weapon but a promise of generators.",
            "That reflects both the limits Japan sets on itself and a practical reading "
            "of the war: power cuts are one of the heaviest burdens on ordinary "
            "Ukrainians.",
            "## Aid that fits the rules",
            "Money for reconstruction, de-mining equipment and energy support all fall "
            "inside Japan’s rules. They also build relationships that will matter when "
            "rebuilding begins.",
            "Whether that is enough is a matter of debate in Tokyo, where some argue "
            "the country should be able to do more.",
        ),
        hero=("Generators wait to be loaded at a warehouse", "Kyiv"),
    ),
    DemoArticle(
        "politics-security",
        "baltic-states-cost-of-long-war",
        "Baltic states weigh the cost of a longer war",
        "Small countries with long memories are spending more on defence, and asking "
        "their allies to do the same.",
        "VILNIUS",
        d(1, 16),
        ("tomasz-wierzbicki",),
        ("Russia", "NATO", "Baltic states"),
        (
            "In the Baltic capitals the war in Ukraine is not a distant event. It is the "
            "reason budgets, conscription and civil-defence plans have all changed.",
            "## Preparing at home",
            "Shelters are being inspected, reservists trained and border areas "
            "reinforced. Officials describe the work as insurance they hope never to "
            "use.",
            "The bigger question is whether allies will keep up their support if the "
            "war drags on for years.",
        ),
        hero=("A border post in the snow", "Lithuania"),
    ),
    DemoArticle(
        "politics-security",
        "sea-lanes-coast-guards",
        "The quiet work of keeping sea lanes open",
        "Coast guards, not navies, handle most of the daily friction at sea.",
        "TOKYO",
        d(12, 18),
        ("miriam-okafor",),
        ("Maritime security", "Japan"),
        (
            "Most disputes at sea never involve a warship. They involve coast-guard "
            "cutters, fishing boats and patrol aircraft.",
            "## White hulls, grey areas",
            "Coast guards are meant to enforce laws, not fight wars, which gives "
            "governments room to push claims without escalating.",
            "Training together and sharing information has become a quiet priority "
            "for countries that want to keep it that way.",
        ),
        hero=("A coast-guard patrol vessel leaves port", "Yokohama"),
    ),
    DemoArticle(
        "politics-security",
        "parliament-returns-security-agenda",
        "Parliament returns with security spending at the top of the agenda",
        "Budget scrutiny, export rules and the cost of the build-up will dominate the "
        "new session.",
        "TOKYO",
        d(1, 24),
        ("ren-kashiwagi",),
        ("Japan", "Defence budget", "Parliament"),
        (
            "Lawmakers return to Tokyo this week for a session in which defence will "
            "compete with prices and wages for attention.",
            "## Questions for the government",
            "Opposition parties want clearer answers on how the record budget will be "
            "funded and on how far export rules may loosen.",
            "The government, for its part, wants the budget passed without delay so "
            "that contracts can be signed.",
        ),
        hero=("The National Diet building on a winter morning", "Tokyo"),
    ),
    DemoArticle(
        "politics-security",
        "sanctions-enforcement-logistics",
        "Sanctions enforcement moves from lists to logistics",
        "Naming companies is easy. Following the ships, parts and payments is not.",
        "BRUSSELS",
        d(1, 30),
        ("tomasz-wierzbicki",),
        ("Russia", "Sanctions"),
        (
            "Two years of sanctions have produced long lists of banned goods and "
            "companies. Enforcing them is now the harder task.",
            "Investigators follow shipping routes, shell companies and dual-use parts "
            "that pass through several countries before reaching their destination.",
            "## A job for customs officers",
            "Much of the work falls to customs services and export-control offices "
            "that were never staffed for it.",
        ),
        hero=("Containers stacked at a European port", "Antwerp"),
    ),
    DemoArticle(
        "politics-security",
        "photo-essay-winter-of-shelters-kyiv",
        "A winter of shelters: a week in Kyiv",
        "Our photographer spent a week with residents who have learned to live "
        "between alerts.",
        "KYIV",
        d(1, 21),
        ("hana-moriyama",),
        ("Ukraine", "Photography"),
        (
            "Air-raid alerts in Kyiv have become part of the daily rhythm: people know "
            "which station is closest, which cafe has a generator and which app warns "
            "first.",
            "## Life between alerts",
            "Children do homework on metro platforms. Shopkeepers keep torches by the "
            "till. Neighbours share power banks and news.",
            "Through it all the city keeps working, its people determined not to let "
            "the sirens decide their day.",
        ),
        hero=("Residents shelter on a metro platform during an alert", "Kyiv"),
        inline=(
            ("A cafe runs on generator power during a blackout", "Kyiv"),
            ("A child does homework by lamplight in a basement", "Kyiv"),
            ("Commuters leave a metro station after an alert ends", "Kyiv"),
        ),
    ),
    DemoArticle(
        "economy",
        "defence-spending-fiscal-arithmetic",
        "Defence spending tests Japan’s fiscal arithmetic",
        "A record budget meets one of the heaviest public debts in the developed "
        "world.",
        "TOKYO",
        d(1, 12),
        ("laura-brennan",),
        ("Japan", "Defence budget", "Public finances"),
        (
            "A 16.5% rise in defence spending to ¥7.95 trillion would be a challenge "
            "for any government. For one with Japan’s debt it is a balancing act.",
            "## Taxes, bonds or cuts",
            "Each option has opponents. Higher taxes are unpopular, more borrowing "
            "worries the finance ministry and cuts elsewhere hurt someone.",
            "Economists expect the argument to continue well beyond this budget year.",
        ),
        hero=("Office towers in the government district at dusk", "Tokyo"),
    ),
    DemoArticle(
        "economy",
        "small-manufacturers-defence-supply-chain",
        "Small manufacturers eye a place in the defence supply chain",
        "Bigger budgets could mean orders for workshops that have never made military "
        "parts.",
        "OSAKA",
        d(1, 18),
        ("laura-brennan",),
        ("Japan", "Manufacturing", "Defence industry"),
        (
            "In the industrial suburbs of Osaka, family-owned firms that machine parts "
            "for cars and trains are asking whether defence could be their next "
            "customer.",
            "## Hurdles before orders",
            "Security clearances, long approval processes and uncertain volumes keep "
            "many of them cautious.",
            "Trade associations are running workshops to explain the rules, and some "
            "firms are forming groups to bid together.",
        ),
        hero=("A machinist checks a part on a lathe", "Osaka"),
    ),
    DemoArticle(
        "economy",
        "europe-winter-energy-prices",
        "Why Europe is calmer about energy this winter",
        "Fuller storage and new suppliers have softened the fear of shortages, though "
        "prices remain a worry.",
        "FRANKFURT",
        d(12, 19),
        ("laura-brennan",),
        ("Energy", "Europe"),
        (
            "A year ago European governments were drawing up plans for rationing. This "
            "winter the mood is steadier.",
            "## What changed",
            "Storage was filled early, new import terminals opened and demand fell as "
            "households and industry adjusted.",
            "Analysts caution that a cold snap or an outage could still push prices "
            "up quickly.",
        ),
        hero=("A gas storage site under a grey sky", "Germany"),
    ),
    DemoArticle(
        "economy",
        "ukraine-reconstruction-finance",
        "Reconstruction finance for Ukraine: who pays, and how",
        "The bill for rebuilding grows with every winter of strikes.",
        "LONDON",
        d(1, 22),
        ("laura-brennan", "tomasz-wierzbicki"),
        ("Ukraine", "Reconstruction"),
        (
            "Estimates of the cost of rebuilding Ukraine keep climbing, and so does the "
            "debate over how to share it.",
            "Grants, loans, guarantees for private investors and frozen Russian assets "
            "are all on the table, each with its own legal and political problems.",
            "## Starting before the end",
            "Some repairs cannot wait for peace: power, water and housing are being "
            "rebuilt even as strikes continue.",
        ),
        hero=("Builders work on a damaged apartment block", "Kyiv"),
    ),
    DemoArticle(
        "economy",
        "wage-talks-set-tone-for-year",
        "Wage talks set the tone for Japan’s year",
        "Unions want raises that beat prices; employers weigh them against uncertain "
        "demand.",
        "TOKYO",
        d(1, 26),
        ("laura-brennan",),
        ("Japan", "Wages"),
        (
            "The spring wage round is a ritual in Japan, but this year it carries more "
            "weight than usual.",
            "## Beyond the big names",
            "Large companies tend to settle first. The real test is whether smaller "
            "firms, which employ most workers, can follow.",
            "Economists see the result as a signal for consumer spending and for the "
            "central bank’s next steps.",
        ),
        hero=("Commuters cross a busy intersection", "Tokyo"),
    ),
    DemoArticle(
        "markets",
        "yen-watchers-new-year",
        "Yen watchers look past the New Year lull",
        "Thin holiday trading gives way to a crowded calendar of data and decisions.",
        "TOKYO",
        d(1, 5),
        ("yuki-matsuda",),
        ("Yen", "Currencies"),
        (
            "Currency traders returned from the holidays to quiet screens, but few "
            "expect the calm to last.",
            "## What traders are watching",
            "Wage data, inflation figures and central-bank meetings on both sides of "
            "the Pacific will set the direction for the yen.",
            "Exporters and importers are hedging accordingly.",
        ),
        hero=("Screens show currency rates in a dealing room", "Tokyo"),
    ),
    DemoArticle(
        "markets",
        "defence-stocks-new-investors",
        "Defence stocks draw a new kind of investor",
        "Funds that once avoided the sector are taking a second look.",
        "TOKYO",
        d(1, 19),
        ("yuki-matsuda",),
        ("Defence industry", "Stocks"),
        (
            "Shares of companies with defence business have attracted buyers who used "
            "to stay away from the sector.",
            "## Ethics and returns",
            "Some funds have revised their exclusion rules; others say nothing has "
            "changed for them.",
            "Analysts warn that defence orders are lumpy and that budgets can shift "
            "with politics.",
        ),
        hero=("A share-price board outside a brokerage", "Tokyo"),
    ),
    DemoArticle(
        "markets",
        "shipping-detour-importer-costs",
        "What a shipping detour costs an importer",
        "Longer routes mean longer waits, higher freight and more stock tied up at "
        "sea.",
        "SINGAPORE",
        d(1, 25),
        ("yuki-matsuda", "priya-raman"),
        ("Shipping", "Trade"),
        (
            "When container lines reroute around Africa, the extra days at sea show up "
            "in every importer’s accounts.",
            "## The hidden costs",
            "Freight rates are only part of the bill. Insurance, fuel and the cost of "
            "holding more inventory add up.",
            "Some companies are moving orders forward or finding closer suppliers.",
        ),
        hero=("Cranes load a container ship at dawn", "Singapore"),
    ),
    DemoArticle(
        "asia-pacific",
        "island-nations-maritime-voice",
        "Island nations press for a bigger voice on maritime security",
        "Pacific governments want partners who listen as well as patrol.",
        "SUVA",
        d(12, 12),
        ("priya-raman",),
        ("Pacific islands", "Maritime security"),
        (
            "For Pacific island states, maritime security means illegal fishing, "
            "disaster response and rising seas as much as rivalry between powers.",
            "## Priorities of their own",
            "Leaders say they welcome help but want it to fit their needs, not the "
            "strategies of larger countries.",
            "Regional bodies are trying to coordinate the many offers of patrol boats "
            "and surveillance flights.",
        ),
        hero=("Fishing boats moored in a harbour", "Suva"),
    ),
    DemoArticle(
        "asia-pacific",
        "southeast-asia-balancing-act",
        "Southeast Asia’s balancing act, seen from Singapore",
        "Governments in the region try to keep good ties with every major power at "
        "once.",
        "SINGAPORE",
        d(1, 3),
        ("priya-raman",),
        ("Southeast Asia", "Diplomacy"),
        (
            "Few governments in Southeast Asia want to choose sides. Most want trade, "
            "investment and security help from everyone willing to offer it.",
            "## The limits of hedging",
            "That balance is harder to keep when disputes at sea flare or when trade "
            "rules tighten.",
            "Diplomats describe a region trying to keep its options open for as long "
            "as it can.",
        ),
        hero=("Ships wait at anchor in the strait", "Singapore"),
    ),
    DemoArticle(
        "asia-pacific",
        "seoul-tokyo-warmer-chapter",
        "Seoul and Tokyo test a warmer chapter",
        "Officials meet more often; the harder part is making the thaw last.",
        "SEOUL",
        d(1, 13),
        ("ren-kashiwagi", "priya-raman"),
        ("Japan", "South Korea", "Diplomacy"),
        (
            "Meetings between Japanese and South Korean officials have become routine "
            "again after years of strain.",
            "## Security brings them together",
            "Shared concerns about missiles and regional tension have pushed defence "
            "cooperation forward.",
            "History still divides public opinion, and diplomats on both sides know "
            "how quickly goodwill can fade.",
        ),
        hero=("Flags of Japan and South Korea at a meeting hall", "Seoul"),
    ),
    DemoArticle(
        "asia-pacific",
        "philippines-rebuilding-schools-after-storms",
        "Rebuilding schools after the storms",
        "Communities in the eastern Philippines patch classrooms between typhoon "
        "seasons.",
        "MANILA",
        d(12, 20),
        ("priya-raman",),
        ("Philippines", "Climate"),
        (
            "Each typhoon season leaves damaged classrooms behind, and each repair "
            "races the next storm.",
            "## Building back stronger",
            "Engineers are trying stronger roofs and raised floors. Parents and "
            "teachers often do the work themselves.",
            "Aid groups say the money rarely covers more than the most urgent fixes.",
        ),
        hero=("Volunteers repair the roof of a school", "Samar"),
    ),
    DemoArticle(
        "asia-pacific",
        "australia-submarine-shipyard-towns",
        "Australia’s submarine plans and the shipyard towns that wait",
        "A decades-long programme promises jobs that will take years to arrive.",
        "ADELAIDE",
        d(1, 17),
        ("priya-raman",),
        ("Australia", "Submarines", "Defence industry"),
        (
            "In Adelaide, the submarine programme is less a strategy debate than a "
            "question of jobs and training.",
            "## A long wait",
            "Welders, engineers and electricians are being trained for work that will "
            "peak years from now.",
            "Local businesses are planning around a timeline that could still change.",
        ),
        hero=("A shipyard crane against the evening sky", "Adelaide"),
    ),
    DemoArticle(
        "asia-pacific",
        "mekong-dams-fishermen-downstream",
        "Mekong dams and the fishermen downstream",
        "Changes upstream reach the nets of families hundreds of kilometres away.",
        "PHNOM PENH",
        d(1, 29),
        ("priya-raman",),
        ("Mekong", "Environment"),
        (
            "Fishing families along the Mekong say the river no longer rises and falls "
            "the way it used to.",
            "## Sharing a river",
            "Dams bring power and income to some countries and uncertainty to others.",
            "Regional commissions collect data, but they have little power to settle "
            "disputes.",
        ),
        hero=("A fisherman casts a net from a wooden boat", "Cambodia"),
    ),
    DemoArticle(
        "technology",
        "cheap-drones-air-defence-equation",
        "Cheap drones are rewriting the air-defence equation",
        "When a drone costs far less than the missile that stops it, defenders need "
        "new answers.",
        "LONDON",
        d(1, 8),
        ("elena-varga",),
        ("Drones", "Air defence", "Ukraine"),
        (
            "The war in Ukraine has made one problem impossible to ignore: interceptor "
            "missiles cost far more than many of the drones they shoot down.",
            "## Guns, jammers and lasers",
            "Armies are looking again at anti-aircraft guns, electronic jamming and "
            "experimental lasers to even the balance.",
            "None of them is a complete answer, which is why layered defences remain "
            "the goal.",
        ),
        hero=("A small drone on a workbench", "London"),
    ),
    DemoArticle(
        "technology",
        "grid-operators-patch-power-under-attack",
        "Keeping the lights on: how grid operators work under attack",
        "Software, spare parts and improvisation keep electricity flowing.",
        "KYIV",
        d(1, 11),
        ("elena-varga", "tomasz-wierzbicki"),
        ("Ukraine", "Energy", "Infrastructure"),
        (
            "In a control room in Kyiv, dispatchers reroute power within minutes of a "
            "strike.",
            "## Redundancy as a strategy",
            "Operators have added backup links, mobile substations and more automation "
            "so the network can isolate damage quickly.",
            "Engineers abroad are studying the experience for their own grids.",
        ),
        hero=("Dispatchers monitor the grid in a control room", "Kyiv"),
    ),
    DemoArticle(
        "technology",
        "japan-chip-ambitions-labour-shortage",
        "Japan’s chip ambitions meet a labour shortage",
        "New plants need engineers and technicians the country does not yet have.",
        "FUKUOKA",
        d(1, 15),
        ("elena-varga",),
        ("Japan", "Semiconductors"),
        (
            "Semiconductor plants are rising in Kyushu, bringing investment and a "
            "scramble for skilled workers.",
            "## Training the next shift",
            "Technical colleges are adding courses and companies are recruiting from "
            "other industries.",
            "Local officials worry about housing, traffic and the strain on water "
            "supplies.",
        ),
        hero=("A technician in a clean-room suit", "Kyushu"),
    ),
    DemoArticle(
        "technology",
        "commercial-satellite-imagery-scrutiny",
        "Satellite imagery goes commercial, and so does the scrutiny",
        "Pictures once reserved for intelligence agencies are now a product.",
        "TOKYO",
        d(1, 23),
        ("elena-varga",),
        ("Satellites", "Intelligence"),
        (
            "Commercial satellite companies now sell images sharp enough to follow "
            "troop movements and shipping.",
            "## Who may see what",
            "Governments are weighing how far to regulate what is sold and to whom.",
            "Newsrooms and researchers use the images to check claims made by every "
            "side.",
        ),
        hero=("A satellite dish at a ground station", "Hokkaido"),
    ),
    DemoArticle(
        "technology",
        "cyber-defence-line-item",
        "Cyber defence becomes a line item",
        "Budgets now name cyber capabilities explicitly. Hiring the people is harder.",
        "TOKYO",
        d(1, 31),
        ("elena-varga", "miriam-okafor"),
        ("Cyber security", "Japan", "Defence budget"),
        (
            "Cyber defence used to hide in the corners of defence budgets. Now it "
            "appears in its own right.",
            "## The talent problem",
            "Ministries compete with private companies for the same specialists, and "
            "rarely win on pay.",
            "Some governments are creating new career paths and reserve units to "
            "attract them.",
        ),
        hero=("Rows of servers in a data centre", "Tokyo"),
    ),
    DemoArticle(
        "opinion",
        "ukraine-support-asia-security",
        "Support for Ukraine is also an investment in Asia’s security",
        "What happens in Europe will be studied closely in our own region.",
        "TOKYO",
        d(1, 8),
        ("jun-takeda",),
        ("Ukraine", "Japan", "Opinion"),
        (
            "It is tempting to see the war in Ukraine as a European matter. That would "
            "be a mistake.",
            "## Lessons are being drawn",
            "Governments across Asia are watching whether force pays and whether "
            "democracies keep their promises.",
            "Japan’s aid, from generators to reconstruction money, is a statement "
            "about which lessons it wants others to draw.",
        ),
        pull_quote=(
            "Governments across Asia are watching whether democracies keep their "
            "promises."
        ),
    ),
    DemoArticle(
        "opinion",
        "defence-budget-needs-public-debate",
        "A bigger defence budget needs a bigger public debate",
        "Record spending deserves more than a vote at the end of a long session.",
        "TOKYO",
        d(12, 28),
        ("jun-takeda",),
        ("Defence budget", "Opinion"),
        (
            "A 16.5% increase in defence spending is not a technical adjustment. It is "
            "a choice about the kind of country Japan wants to be.",
            "## Explain, then spend",
            "Voters should hear what the money buys, what it replaces and how it will "
            "be paid for.",
            "A budget that has been argued over in public is a budget that lasts.",
        ),
    ),
    DemoArticle(
        "opinion",
        "case-for-patience-export-policy",
        "The case for patience in export policy",
        "Loosening arms-export rules step by step is slower, and wiser.",
        "STOCKHOLM",
        d(1, 20),
        ("sofia-lindqvist",),
        ("Arms exports", "Opinion"),
        (
            "Japan’s December change to its export rules was cautious by design. That "
            "caution is a strength.",
            "## Rules that hold",
            "Export controls work when partners trust them. Sudden reversals weaken "
            "that trust, whichever direction they go.",
            "Small, explained steps let allies plan and let the public follow.",
        ),
    ),
    DemoArticle(
        "opinion",
        "winter-weapon-generators-answer",
        "Winter is a weapon; generators are an answer",
        "Keeping Ukrainians warm is not charity. It is resistance by other means.",
        "TOKYO",
        d(1, 14),
        ("jun-takeda",),
        ("Ukraine", "Energy", "Opinion"),
        (
            "Strikes on power stations are meant to make a winter unbearable. Every "
            "generator blunts that aim.",
            "## Small machines, large effects",
            "A hospital that keeps its lights on, a school that stays open, a family "
            "that stays warm: these are the quiet returns on modest aid.",
            "Donors should see energy support as part of their security policy.",
        ),
        hero=("A generator hums outside a hospital entrance", "Kyiv"),
    ),
    # Not public yet: these make the newsroom's admin look like a working desk.
    DemoArticle(
        "politics-security",
        "japan-next-security-strategy-notes",
        "Notes on Japan’s next security strategy review",
        "What officials are already arguing about, two years before the next review.",
        "TOKYO",
        None,
        ("ren-kashiwagi",),
        ("Japan", "Security strategy"),
        (
            "Draft: outline of the main questions for the next strategy review.",
            "## Open questions",
            "Export rules, cyber defence and spending targets all need a fresh look.",
        ),
        status=ArticleStatus.DRAFT,
    ),
    DemoArticle(
        "politics-security",
        "europe-ammunition-plants-race",
        "Europe’s ammunition plants race to catch up",
        "New lines are opening, but demand is rising faster than output.",
        "WARSAW",
        None,
        ("tomasz-wierzbicki",),
        ("Europe", "Defence industry"),
        (
            "Ammunition factories across Europe are adding shifts and lines.",
            "## Bottlenecks",
            "Explosives, skilled workers and long contracts are in short supply.",
            "Governments are trying joint orders to give producers confidence.",
        ),
        hero=("Shell casings on a production line", "Poland"),
        status=ArticleStatus.IN_REVIEW,
    ),
    DemoArticle(
        "asia-pacific",
        "tokyo-manila-maritime-patrols",
        "Tokyo and Manila draw closer on maritime patrols",
        "Joint training and shared information deepen a quiet partnership.",
        "MANILA",
        d(1, 28),  # the date of the file photo; publication is scheduled
        ("priya-raman",),
        ("Japan", "Philippines", "Maritime security"),
        (
            "Japan and the Philippines have stepped up cooperation between their coast "
            "guards.",
            "## Why it matters",
            "Both countries face pressure at sea and want partners who share "
            "information quickly.",
            "Officials describe the ties as practical rather than symbolic.",
        ),
        hero=("Coast-guard officers train on a patrol boat", "Manila"),
        scheduled=True,
    ),
]


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------


@dataclass
class DemoReport:
    """What a load did (or, in a dry run, would do)."""

    created: Counter = field(default_factory=Counter)
    new_passwords: dict[str, str] = field(default_factory=dict)
    existing_users: list[str] = field(default_factory=list)


COUNT_NAMES = {
    RichTextBlock: "rich-text blocks",
    PhotoBlock: "photo blocks",
    PullQuoteBlock: "pull-quote blocks",
    Photo: "library photos",
}


class DemoLoader:
    def __init__(self, *, photo_width: int, write_files: bool) -> None:
        self.photo_width = photo_width
        self.write_files = write_files
        self.report = DemoReport()
        self.storage = Photo._meta.get_field("image").storage

    def count(self, model) -> None:
        """Tally a created row under a name that tells photos from photo blocks."""
        self.report.created[
            COUNT_NAMES.get(model, model._meta.verbose_name_plural)
        ] += 1

    def run(self) -> DemoReport:
        sections = self.load_sections()
        authors = self.load_authors()
        users = self.load_accounts(authors)
        self.load_reference(sections, authors, users["correspondent"], users["editor"])
        for spec in ARTICLES:
            self.load_article(spec, sections, authors, users["editor"])
        return self.report

    def load_sections(self) -> dict[str, Section]:
        sections = {}
        for slug, (name, description, parent, position, _colors) in SECTIONS.items():
            section = Section.objects.filter(slug=slug).first()
            if section is None:
                section = Section.objects.create(
                    slug=slug,
                    name=name,
                    description=description,
                    parent=sections.get(parent),
                    position=position,
                )
                self.count(Section)
            sections[slug] = section
        return sections

    def load_authors(self) -> dict[str, Author]:
        authors = {}
        for member in STAFF:
            author = Author.objects.filter(slug=member.slug).first()
            if author is None:
                author = Author.objects.create(
                    slug=member.slug,
                    name=member.name,
                    job_title=member.job_title,
                    short_bio=member.short_bio,
                    bio=member.bio,
                    photo=self.portrait(member),
                )
                for position, (kind, url) in enumerate(member.links):
                    AuthorLink.objects.create(
                        author=author, kind=kind, url=url, position=position
                    )
                    self.count(AuthorLink)
                self.count(Author)
            authors[member.slug] = author
        return authors

    def load_accounts(self, authors: dict[str, Author]) -> dict:
        User = get_user_model()
        users = {}
        for username, (group_name, is_superuser, author_slug) in ACCOUNTS.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                email = f"{username}@example.org"
                if is_superuser:
                    user = User.objects.create_superuser(username, email, password)
                else:
                    user = User.objects.create_user(
                        username, email, password, is_staff=True
                    )
                if group_name:
                    user.groups.add(self.group(group_name))
                self.report.new_passwords[username] = password
                self.count(User)
            else:
                self.report.existing_users.append(username)
            if author_slug:
                author = authors[author_slug]
                if (
                    author.user_id is None
                    and not Author.objects.filter(user=user).exists()
                ):
                    author.user = user
                    author.save(update_fields=["user"])
            users[username] = user
        return users

    def group(self, name: str) -> Group:
        try:
            return Group.objects.get(name=name)
        except Group.DoesNotExist as error:
            raise DemoError(
                f"The “{name}” group is missing; run `manage.py migrate` first."
            ) from error

    def load_reference(self, sections, authors, correspondent, editor) -> None:
        section = sections[REFERENCE_SECTION]
        if Article.objects.filter(section=section, slug=REFERENCE_SLUG).exists():
            return
        article = Article.objects.create(
            section=section,
            slug=REFERENCE_SLUG,
            status=ArticleStatus.DRAFT,
            hero=self.photo(REFERENCE_HERO),
            created_by=correspondent,
            **REFERENCE,
        )
        self.count(Article)
        self.add_byline(article, authors[DIPLOMATIC_CORRESPONDENT], 0)
        article.tags.add(*REFERENCE_TAGS)
        for ordering, part in enumerate(REFERENCE_BODY, start=1):
            if isinstance(part, int):
                self.add_photo_block(article, REFERENCE_INLINE[part], ordering * 10)
            else:
                self.add_text(article, part, ordering * 10)
        workflow.submit_for_review(article=article, user=correspondent)
        workflow.publish(article=article, user=editor)
        backdate(article)

    def load_article(self, spec: DemoArticle, sections, authors, editor) -> None:
        section = sections[spec.section]
        if Article.objects.filter(section=section, slug=spec.slug).exists():
            return
        scheduled_for = None
        if spec.scheduled:
            # Tomorrow at a fixed hour, counted from the day the demo is first loaded.
            tomorrow = timezone.localdate() + timedelta(days=1)
            scheduled_for = datetime.combine(tomorrow, datetime.min.time(), UTC)
            scheduled_for += timedelta(hours=9)
        published_at = None
        if spec.status == ArticleStatus.PUBLISHED and not spec.scheduled:
            # The story's own day: publishing keeps a first publication time already set.
            hour = 6 + (len(spec.slug) * 7) % 14  # spread over the working day
            published_at = datetime.combine(spec.day, datetime.min.time(), UTC)
            published_at += timedelta(hours=hour)
        hero = self.photo(article_photo(spec, spec.hero, "hero")) if spec.hero else None
        article = Article.objects.create(
            section=section,
            slug=spec.slug,
            headline=spec.headline,
            dek=spec.dek,
            dateline=spec.dateline,
            status=ArticleStatus.DRAFT,
            published_at=published_at,
            hero=hero,
            created_by=editor,
        )
        self.count(Article)
        for position, slug in enumerate(spec.authors):
            self.add_byline(article, authors[slug], position)
        article.tags.add(*spec.tags)

        # Paragraphs before the first subhead, optional photos and quote, then the rest.
        split = next(
            (i for i, text in enumerate(spec.body) if text.startswith("## ")),
            len(spec.body),
        )
        ordering = 10
        self.add_text(article, paragraphs_html(spec.body[:split]), ordering)
        for number, scene in enumerate(spec.inline, start=1):
            ordering += 10
            spec_photo = article_photo(spec, scene, f"inline-{number}")
            self.add_photo_block(article, spec_photo, ordering)
        if spec.pull_quote:
            ordering += 10
            PullQuoteBlock.objects.create(
                parent=article,
                region="body",
                ordering=ordering,
                text=spec.pull_quote,
                attribution=authors[spec.authors[0]].name,
            )
            self.count(PullQuoteBlock)
        if split < len(spec.body):
            self.add_text(article, paragraphs_html(spec.body[split:]), ordering + 10)
        # Every change of status goes through the workflow, as it would in the admin.
        if spec.scheduled:
            workflow.schedule(article=article, user=editor, at=scheduled_for)
        elif spec.status == ArticleStatus.PUBLISHED:
            workflow.publish(article=article, user=editor)
            backdate(article)
        elif spec.status == ArticleStatus.IN_REVIEW:
            workflow.submit_for_review(article=article, user=editor)

    def add_byline(self, article: Article, author: Author, position: int) -> None:
        Byline.objects.create(article=article, author=author, position=position)
        self.count(Byline)

    def add_text(self, article: Article, html: str, ordering: int) -> None:
        RichTextBlock.objects.create(
            parent=article, region="body", ordering=ordering, text=html
        )
        self.count(RichTextBlock)

    def add_photo_block(self, article: Article, spec: PhotoSpec, ordering: int) -> None:
        PhotoBlock.objects.create(
            parent=article, region="body", ordering=ordering, photo=self.photo(spec)
        )
        self.count(PhotoBlock)

    def portrait(self, member: StaffMember) -> Photo | None:
        if member.portrait_colors is None:
            return None
        initials = "".join(part[0] for part in member.name.split())
        return self.photo(
            PhotoSpec(
                key=f"portrait-{member.slug}",
                label=initials,
                caption=f"{member.name}, {member.job_title}, {PUBLICATION}.",
                credit=f"{STAFF_PHOTOGRAPHER}/{PUBLICATION}",
                alt_text=f"Portrait of {member.name}.",
                photographer=STAFF_PHOTOGRAPHER,
                source=PUBLICATION,
                copyright_notice=f"© {PUBLICATION}",
                colors=member.portrait_colors,
                portrait=True,
            )
        )

    def photo(self, spec: PhotoSpec) -> Photo:
        """The library photo for a spec: found by checksum, else written and recorded."""
        rendered = render_photo(spec, width=self.photo_width)
        existing = Photo.objects.filter(checksum=rendered.checksum).first()
        if existing is not None:
            return existing
        # The checksum in the name makes a file left by an interrupted load reusable.
        name = f"{PHOTO_DIRECTORY}/{spec.key}-{rendered.checksum[:12]}.jpg"
        if self.write_files and not self.storage.exists(name):
            name = self.storage.save(name, ContentFile(rendered.data))
        photo = Photo.objects.create(
            image=name,
            width=rendered.width,
            height=rendered.height,
            checksum=rendered.checksum,
            caption=spec.caption,
            credit=spec.credit,
            photographer=spec.photographer,
            source=spec.source,
            copyright_notice=spec.copyright_notice,
            alt_text=spec.alt_text,
            taken_at=(
                datetime.combine(spec.taken_on, datetime.min.time(), UTC)
                if spec.taken_on
                else None
            ),
        )
        self.count(Photo)
        return photo


def article_photo(spec: DemoArticle, scene: tuple[str, str], role: str) -> PhotoSpec:
    """A staff picture for a further article, captioned in house style."""
    what, place = scene
    taken_on = spec.day or d(1, 19)  # drafts use file pictures from the archive
    colors = SECTIONS[spec.section][4]
    if role != "hero":
        colors = (colors[1], colors[0])  # inline pictures mirror the hero's palette
    return PhotoSpec(
        key=f"{spec.slug}-{role}",
        label=place,
        caption=f"{what} in {place}, {long_date(taken_on)}.",
        credit=f"{STAFF_PHOTOGRAPHER}/{PUBLICATION}",
        alt_text=f"{what}.",
        photographer=STAFF_PHOTOGRAPHER,
        source=PUBLICATION,
        copyright_notice=f"© {PUBLICATION}",
        keywords=spec.tags,
        taken_on=taken_on,
        colors=colors,
    )


def paragraphs_html(texts: tuple[str, ...]) -> str:
    """Rich-text HTML: "## " lines become h2 subheads, the rest paragraphs."""
    parts = []
    for text in texts:
        if text.startswith("## "):
            parts.append(f"<h2>{escape(text[3:])}</h2>")
        else:
            parts.append(f"<p>{escape(text)}</p>")
    return "".join(parts)


def load_demo(*, photo_width: int = DEFAULT_WIDTH, dry_run: bool = False) -> DemoReport:
    """Create the demo desk's missing rows and photos; a dry run rolls everything back.

    A dry run goes through the same steps inside a transaction that is rolled back, and
    writes no files, so its report counts exactly what a real run would create.
    """
    loader = DemoLoader(photo_width=photo_width, write_files=not dry_run)
    with transaction.atomic():
        report = loader.run()
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        report.new_passwords = dict.fromkeys(report.new_passwords, "")
    return report


def backdate(article: Article) -> None:
    """Date the row to its publication: the page must not call an old story "Updated" today."""
    Article.objects.filter(pk=article.pk).update(
        created_at=article.published_at, updated_at=article.published_at
    )
