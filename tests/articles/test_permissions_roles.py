import pytest
from django.contrib.auth.models import Group

from articles.roles import CORRESPONDENT, EDITOR, ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [CORRESPONDENT, EDITOR])
def test_migrations_give_each_role_exactly_its_listed_permissions(role):
    """After migrating, every listed permission exists and the group holds exactly those."""
    group = Group.objects.get(name=role)

    held = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert held == set(ROLE_PERMISSIONS[role])


def test_only_editors_publish_unpublish_and_approve_bios():
    """The desk's decisions belong to the Editor role alone."""
    decisions = {
        "articles.publish_article",
        "articles.unpublish_article",
        "articles.return_article",
        "articles.edit_any_article",
        "authors.approve_author_changes",
    }

    assert decisions <= set(ROLE_PERMISSIONS[EDITOR])
    assert not decisions & set(ROLE_PERMISSIONS[CORRESPONDENT])
