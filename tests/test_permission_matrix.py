"""Every URL that takes a story, photo, author or revision, as five people on five stories.

The URL patterns come from the resolver, so a new view with a parameter fails
`test_every_parameterised_url_is_in_the_matrix` until it has a row in
`tests/permission_matrix.py`. Each row's test asks every cell (person × story), each
inside a rolled-back savepoint so that a POST cannot change what the next cell sees,
and reports every cell that differs at once.
"""

import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.permission_matrix import (
    FILL,
    NOT_ABOUT_STORIES,
    PEOPLE,
    ROUTES,
    STORIES,
    VISIBLE,
    Route,
    build_world,
)

pytestmark = pytest.mark.django_db

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def url_patterns(patterns=None, prefix=""):
    """Every pattern the project answers, as its full route text."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def parameterised_routes() -> list[str]:
    return [route for route in url_patterns() if "<" in route or "(?P" in route]


def exempted(route: str, key: str) -> bool:
    if key.endswith("*"):
        return route.startswith(key.removesuffix("*"))
    return route == key


def test_every_parameterised_url_is_in_the_matrix():
    """A URL with a parameter the matrix cannot fill fails here, naming it."""
    unknown = [
        route
        for route in parameterised_routes()
        if route not in ROUTES
        and not any(exempted(route, key) for key in NOT_ABOUT_STORIES)
    ]
    assert unknown == [], f"add a row to tests/permission_matrix.py for: {unknown}"


def test_every_row_of_the_matrix_is_a_real_url():
    """A row for a URL that no longer exists is removed rather than kept green."""
    known = list(url_patterns())
    stale = sorted(
        key
        for key in [*ROUTES, *NOT_ABOUT_STORIES]
        if not any(exempted(route, key) for route in known)
    )
    assert stale == []


def build_url(route_text: str, route: Route, world, story: str) -> str:
    fill = {**FILL, **route.fill}

    def value(match):
        return str(fill[match["name"]](world, story))

    path = "/" + PARAMETER.sub(value, route_text)
    if route.query:
        query = "&".join(
            f"{key}={fill[name](world, story) if name in fill else name}"
            for key, name in route.query.items()
        )
        path = f"{path}?{query}"
    return path


def ask(client: Client, method: str, url: str, data: dict):
    """The response to one cell's request, with nothing it changed kept."""
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    cache.clear()
    return response


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def clients(world):
    clients = {}
    for person in PEOPLE:
        client = Client()
        user = world.people[person]
        if user is not None:
            client.force_login(user)
        clients[person] = client
    return clients


@pytest.mark.parametrize("route_text", sorted(ROUTES))
def test_each_person_gets_the_allowed_status_on_each_story(route_text, world, clients):
    """Every cell answers its expected status, and no page names a story its reader may not see."""
    route = ROUTES[route_text]
    wrong = []
    for story in STORIES:
        url = build_url(route_text, route, world, story)
        article = world.stories[story]
        # The headline names the story; "/slug/" is its address in sitemaps and links.
        secrets = [article.headline.encode(), f"/{article.slug}/".encode()]
        for person in PEOPLE:
            response = ask(clients[person], route.method, url, route.data)
            expected = route.expect(person, story)
            if response.status_code != expected:
                wrong.append(
                    f"{person} on {story}: {response.status_code} != {expected}"
                )
            hidden = story not in VISIBLE[person]
            if route.leak_check and hidden:
                named = [secret for secret in secrets if secret in response.content]
                if named:
                    wrong.append(f"{person} on {story}: the page shows {named}")
    assert wrong == [], f"{route_text}:\n" + "\n".join(wrong)
