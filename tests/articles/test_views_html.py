"""Every page type is valid HTML according to the W3C Nu HTML Checker."""

import pytest

from tests.html_checker import nu_checker_errors
from tests.site_content import build_newsroom, public_urls

pytestmark = pytest.mark.django_db


def test_every_page_type_is_valid_html(client, editor, tmp_path):
    """The checker finds no error and no warning on any page type, errors and previews included."""
    newsroom = build_newsroom()
    pages = {}
    for name, url in public_urls(newsroom).items():
        pages[name] = client.get(url).content
    pages["section-page-2"] = client.get(newsroom.world.get_absolute_url()).content
    client.force_login(editor)
    pages["staff-preview"] = client.get(newsroom.hidden[3].get_absolute_url()).content
    from django.template.loader import render_to_string

    pages["server-error"] = render_to_string("500.html").encode()

    # A known-bad page proves the checker really runs and reports.
    pages["deliberately-broken"] = b"<!DOCTYPE html><title>x</title><p><span><div></p>"

    findings = nu_checker_errors(pages, tmp_path)

    assert findings.pop("deliberately-broken")
    assert {name: found for name, found in findings.items() if found} == {}
