"""The article list in the admin stays quick on a big desk: estimated counts, indexed search."""

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains

from articles.admin import paginator as admin_paginator
from articles.admin.paginator import EstimatedCountPaginator, planner_estimate
from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the estimate comes from PostgreSQL"
)


def test_a_short_list_is_counted_exactly():
    """Below the threshold the admin shows the true number of articles."""
    for _ in range(3):
        make_article()

    assert EstimatedCountPaginator(Article.objects.all(), 20).count == 3


@postgres_only
def test_a_long_list_shows_the_planner_estimate(monkeypatch):
    """Above the threshold the count is the planner's estimate, not a full count."""
    for _ in range(3):
        make_article()
    monkeypatch.setattr(admin_paginator, "EXACT_BELOW", 0)

    count = EstimatedCountPaginator(Article.objects.all(), 20).count

    assert count == planner_estimate(Article.objects.all())


def test_the_article_list_searches_without_a_date_drilldown(editor_client):
    """The list answers a search, shows no date drill-down and no second full count."""
    make_article(headline="Kamikawa visits Kyiv")
    make_article(headline="Budget rises")

    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"q": "kamikawa"}
    )

    assertContains(response, "Kamikawa visits Kyiv")
    changelist = response.context["cl"]
    assert changelist.result_count == 1
    assert changelist.date_hierarchy is None
    assert changelist.show_full_result_count is False
