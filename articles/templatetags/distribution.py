"""Meta tags, JSON-LD and feed links for page templates.

Each page hooks in with a line or two in `{% block meta %}`, computed from the objects
already in its context, e.g. `{% article_meta article %}{% article_json_ld article %}`.
"""

import json
from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.distribution import seo
from articles.distribution import structured_data as sd

register = template.Library()

# Characters that could end the <script> element or open an HTML comment inside it; the
# JSON escapes keep the data identical for any parser.
_SCRIPT_SAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def json_ld_script(*objects: dict[str, Any]) -> SafeString:
    """One `<script type="application/ld+json">` per object, safe whatever the strings contain."""
    scripts = [
        '<script type="application/ld+json">'
        + json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
        + "</script>"
        for data in objects
    ]
    return mark_safe("\n".join(scripts))


@register.simple_tag
def json_ld(data):
    return json_ld_script(data)


@register.simple_tag
def article_json_ld(article):
    return json_ld_script(sd.news_article(article), sd.article_breadcrumbs(article))


@register.simple_tag
def author_json_ld(author):
    return json_ld_script(sd.profile_page(author), sd.author_breadcrumbs(author))


@register.simple_tag
def section_json_ld(section):
    return json_ld_script(sd.section_page(section), sd.section_breadcrumbs(section))


@register.simple_tag
def tag_json_ld(tag):
    return json_ld_script(sd.tag_page(tag), sd.tag_breadcrumbs(tag))


@register.simple_tag
def home_json_ld():
    return json_ld_script(sd.website(), sd.home_breadcrumbs())


@register.inclusion_tag("includes/meta_tags.html")
def article_meta(article):
    return {"meta": seo.article_meta(article)}


@register.inclusion_tag("includes/meta_tags.html")
def author_meta(author):
    return {"meta": seo.author_meta(author)}


@register.inclusion_tag("includes/meta_tags.html")
def section_meta(section):
    return {"meta": seo.section_meta(section)}


@register.inclusion_tag("includes/meta_tags.html")
def tag_meta(tag):
    return {"meta": seo.tag_meta(tag)}


@register.inclusion_tag("includes/meta_tags.html")
def home_meta():
    return {"meta": seo.home_meta()}


def _feed_links(title: str, rss_name: str, atom_name: str, *args) -> dict[str, str]:
    return {
        "title": title,
        "rss_url": reverse(rss_name, args=args),
        "atom_url": reverse(atom_name, args=args),
    }


@register.inclusion_tag("includes/feed_links.html")
def site_feed_links():
    return _feed_links(
        settings.NEWSROOM_NAME, "distribution:feed", "distribution:feed-atom"
    )


@register.inclusion_tag("includes/feed_links.html")
def section_feed_links(section):
    return _feed_links(
        f"{section.name} | {settings.NEWSROOM_NAME}",
        "distribution:section-feed",
        "distribution:section-feed-atom",
        section.slug,
    )


@register.inclusion_tag("includes/feed_links.html")
def author_feed_links(author):
    return _feed_links(
        f"{author.name} | {settings.NEWSROOM_NAME}",
        "distribution:author-feed",
        "distribution:author-feed-atom",
        author.slug,
    )


@register.inclusion_tag("includes/feed_links.html")
def tag_feed_links(tag):
    return _feed_links(
        f"{tag.name} | {settings.NEWSROOM_NAME}",
        "distribution:tag-feed",
        "distribution:tag-feed-atom",
        tag.slug,
    )
