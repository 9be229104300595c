"""The W3C checker on the admin markup the time work changed: the whole dashboard, and
the time boxes, the workflow panel and the zone in the header of the other admin pages.

Django's own markup on those pages (the navigation sidebar's table, select2 and the
inline tables) has findings of its own, so there only the parts drawn here are checked.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleStatus
from tests.articles.admin_change_form import change_url
from tests.factories import make_article, make_draft, make_photo
from tests.html_checker import nu_checker_errors

pytestmark = pytest.mark.django_db

PARTS = [
    re.compile(r'<section class="workflow-panel".*?</section>', re.S),
    re.compile(r'<span class="desk-time">.*?</small></span>', re.S),
    re.compile(r'<span class="desk-zone">.*?</span>', re.S),
]


def parts_as_document(content: str) -> bytes:
    found = []
    # Each part once: a time box inside the workflow panel is checked with the panel.
    for part in PARTS:
        found += part.findall(content)
        content = part.sub("", content)
    assert found, "none of the changed parts is on this page"
    body = "\n".join(f"<div>{part}</div>" for part in found)
    # The panel's controls belong to the article's form by their `form` attribute.
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>parts</title>'
        f'</head><body><h1>Parts</h1><form id="article_form"></form>{body}</body></html>'
    ).encode()


def test_the_changed_admin_markup_is_valid_html(editor_client, tmp_path):
    """No error or warning on the dashboard, nor in the time parts of the other pages."""
    in_review = make_draft(status=ArticleStatus.IN_REVIEW)
    make_article(published_at=timezone.now() + timedelta(days=1))  # scheduled
    make_article()  # recently published, its time with microseconds
    photo = make_photo()

    pages = {"dashboard": editor_client.get(reverse("admin:index")).content}
    for name, url in {
        "schedule": change_url(in_review),
        "corrections": change_url(make_article()),
        "photo": reverse("admin:media_library_photo_change", args=[photo.pk]),
        "previews": reverse("admin:articles_article_previews", args=[in_review.pk]),
    }.items():
        pages[name] = parts_as_document(editor_client.get(url).content.decode())

    findings = nu_checker_errors(pages, tmp_path)

    assert {name: found for name, found in findings.items() if found} == {}
