"""The home page stays the same size however many sections the newsroom has."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.site.listings import HOME_DESKS, STORIES_PER_SECTION_ON_HOME
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_desks_past_the_first_few_are_links_and_the_lead_comes_from_any_desk(client):
    """Only the first HOME_DESKS sections show stories; the newest story leads wherever it is."""
    sections = [
        make_section(name=f"Desk {n}", slug=f"desk-{n}", position=n)
        for n in range(HOME_DESKS + 3)
    ]
    hour_ago = timezone.now() - timedelta(hours=1)
    for n, section in enumerate(sections):
        for k in range(STORIES_PER_SECTION_ON_HOME + 2):
            make_article(
                section=section,
                headline=f"Desk {n} story {k}",
                published_at=hour_ago - timedelta(minutes=n * 10 + k),
            )
    newest = make_article(section=sections[-1], headline="The newest story")

    response = client.get("/")

    assert response.context["lead"] == newest
    groups = response.context["groups"]
    assert [section for section, _ in groups] == sections[:HOME_DESKS]
    assert all(len(stories) == STORIES_PER_SECTION_ON_HOME for _, stories in groups)
    assert list(response.context["more_desks"]) == sections[HOME_DESKS:]
    html = response.content.decode()
    assert (
        html.count('<article class="card') == HOME_DESKS * STORIES_PER_SECTION_ON_HOME
    )
    assert "Desk 11 story 0" not in html
    assert 'href="/desk-11/"' in html
