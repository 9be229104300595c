"""Stories the admin permission tests act on."""

import pytest

from tests.factories import make_draft


@pytest.fixture
def own_draft(correspondent, correspondent_author):
    return make_draft(created_by=correspondent, headline="Own draft")


@pytest.fixture
def others_draft(other_correspondent):
    return make_draft(created_by=other_correspondent, headline="Someone else's draft")
