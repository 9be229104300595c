"""Schemathesis drives every operation of the OpenAPI document with generated input.

Each response must match the documented schema and status codes, nothing may answer 5xx,
and no unpublished story may appear anywhere.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from articles.models import ArticleStatus
from tests.factories import add_photo_block, add_text, make_article, make_author

SECRET = "Unpublished scoop"

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """The WSGI handler closes the database connection (and with it the test's
    transaction) around each request; Django's test client switches that off, and so
    must a test that calls the application directly."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def desk(db, settings, wsgi_keeps_the_test_connection):
    """Published stories with every kind of block, next to hidden ones whose headline
    must never be served."""
    settings.API_ANONYMOUS_RATE = "100000/m"
    author = make_author(slug="kenji-ono")
    for n in range(3):
        article = make_article(authors=[author], tags=["Japan", f"Tag {n}"])
        add_text(article, "<p>Text.</p>")
        add_photo_block(article, ordering=1)
    make_article(
        headline=SECRET,
        status=ArticleStatus.DRAFT,
        published_at=None,
        tags=["Zqx draft tag"],
    )
    make_article(
        headline=SECRET, published_at=timezone.now() + timezone.timedelta(days=1)
    )
    make_article(headline=SECRET, status=ArticleStatus.UNPUBLISHED)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_schema_and_hides_unpublished_stories(case, desk):
    """Generated requests get documented answers and never an unpublished story."""
    response = case.call()
    # A cursor is opaque: any string fits its schema, but only one the API issued is
    # valid, so a made-up cursor is rightly a 400. Every other request keeps the
    # "schema-valid input is accepted" check.
    excluded = [positive_data_acceptance] if "cursor" in (case.query or {}) else []
    case.validate_response(response, excluded_checks=excluded)
    assert SECRET not in response.text
    assert "zqx" not in response.text.lower()
