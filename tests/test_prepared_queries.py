"""A prepared query (dbtools.prepared) answers what its queryset answers, compiling once."""

from datetime import timedelta

import pytest
from django.db import DataError, connection
from django.utils import timezone

from articles.models import Article, scheduled_condition
from dbtools.prepared import PreparedQuery
from sections.models import ChromeSnapshot
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def headlines_in(section, after):
    return (
        Article.objects.filter(section__slug=section, published_at__gt=after)
        .order_by("published_at")
        .values_list("headline", "published_at")
    )


def test_it_answers_as_its_queryset_for_each_set_of_values():
    politics = make_section(name="Politics", slug="politics")
    economy = make_section(name="Economy", slug="economy")
    now = timezone.now()
    make_article(
        section=politics, headline="Older", published_at=now - timedelta(days=2)
    )
    make_article(
        section=politics, headline="Newer", published_at=now - timedelta(hours=1)
    )
    make_article(
        section=economy, headline="Rates", published_at=now - timedelta(hours=3)
    )
    prepared = PreparedQuery(headlines_in, section=str, after=type(now))

    for section, after in [
        ("politics", now - timedelta(days=3)),
        ("politics", now - timedelta(days=1)),
        ("economy", now - timedelta(days=1)),
        ("culture", now - timedelta(days=1)),
    ]:
        assert prepared.rows(section=section, after=after) == list(
            headlines_in(section, after)
        )


def test_it_compiles_its_queryset_once():
    built = []

    def scheduled(now):
        built.append(now)
        return Article.objects.filter(scheduled_condition(now=now)).values_list("pk")

    prepared = PreparedQuery(scheduled, now=type(timezone.now()))
    for _ in range(3):
        prepared.rows(now=timezone.now())

    assert len(built) == 1


def test_rows_pass_through_the_fields_converters():
    ChromeSnapshot.objects.create(
        pk=ChromeSnapshot.SINGLETON_PK,
        data={"tagline": "From Tokyo", "navigation": []},
        built_at=timezone.now(),
    )
    prepared = PreparedQuery(
        lambda since: ChromeSnapshot.objects.filter(built_at__gt=since).values_list(
            "data", "built_at"
        ),
        since=type(timezone.now()),
    )

    data, built_at = prepared.first(since=timezone.now() - timedelta(minutes=1))

    assert data == {"tagline": "From Tokyo", "navigation": []}
    assert timezone.is_aware(built_at)


def test_a_value_the_query_never_uses_is_refused():
    prepared = PreparedQuery(
        lambda section, unused: Article.objects.filter(
            section__slug=section
        ).values_list("pk"),
        section=str,
        unused=str,
    )
    with pytest.raises(ValueError, match="unused"):
        prepared.rows(section="politics", unused="x")


def test_only_strings_and_datetimes_can_vary():
    prepared = PreparedQuery(
        lambda pk: Article.objects.filter(pk=pk).values_list("pk"), pk=int
    )
    with pytest.raises(TypeError):
        prepared.rows(pk=1)


def test_on_postgresql_the_statement_is_prepared_on_the_server():
    prepared = PreparedQuery(
        lambda slug: Article.objects.filter(slug=slug).values_list("headline"),
        slug=str,
    )
    make_article(headline="Prepared once", slug="prepared-once")

    assert prepared.rows(slug="prepared-once") == [("Prepared once",)]
    assert prepared.rows(slug="nothing-here") == []

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any('"articles_article"."slug" = $1' in text for text in statements), (
        statements
    )


def test_a_database_error_is_djangos(settings):
    prepared = PreparedQuery(
        lambda slug: Article.objects.filter(slug=slug).values_list("headline"),
        slug=str,
    )
    with pytest.raises(DataError):
        prepared.rows(slug="\x00")  # PostgreSQL refuses NUL in text
