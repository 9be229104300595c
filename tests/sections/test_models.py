import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sections.models import Section
from tests.factories import make_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "slug", ["admin", "authors", "tags", "search", "feed", "static", "media", "preview"]
)
def test_slugs_the_site_uses_are_refused_with_a_message(slug):
    """A section cannot take an address the site itself answers."""
    section = Section(name="Clash", slug=slug)
    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert "already used by the site" in str(error.value)


def test_database_refuses_a_reserved_slug_too():
    """The rule holds for writes that skip validation."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(name="Admin", slug="admin")


def test_section_slugs_are_unique():
    """Two sections cannot share an address."""
    make_section(slug="economy")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_section(slug="economy")


def test_sections_are_ordered_by_position_then_name():
    """Navigation order is what editors set."""
    make_section(name="B", position=2)
    make_section(name="A", position=2)
    make_section(name="C", position=1)

    assert [s.name for s in Section.objects.all()] == ["C", "A", "B"]
