"""The admin pages that points 3 and 6 of issue 14 changed pass the W3C Nu HTML Checker."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import ArticleStatus, Notification
from tests.articles.admin_change_form import change_url
from tests.factories import make_draft
from tests.html_checker import nu_checker_errors

pytestmark = pytest.mark.django_db

# Findings on these pages that come from markup these points did not write, each with
# where it comes from; anything else fails the test.
ELSEWHERE = {
    "A table row was 2 columns wide": "Django's navigation sidebar (models without Add)",
    "__prefix__": "django-content-editor's hidden templates for new body blocks",
    "id_expected_version": "the stale-save check's hidden version field",
    "“option”": "Django's autocomplete selects, filled by select2",
    "must have a descendant “option”": "Django's autocomplete selects, filled by select2",
}


def ours(findings: list[str]) -> list[str]:
    return [f for f in findings if not any(known in f for known in ELSEWHERE)]


def test_changed_admin_pages_are_valid_html(
    client, correspondent, correspondent_author, editor, tmp_path
):
    """Add form, draft, story in review, dashboards with notifications, notification pages."""
    draft = make_draft(created_by=correspondent, authors=[correspondent_author])
    submitted = make_draft(created_by=correspondent, authors=[correspondent_author])
    workflow.submit_for_review(article=submitted, user=correspondent, note="Ready.")
    returned = make_draft(
        created_by=correspondent,
        authors=[correspondent_author],
        status=ArticleStatus.IN_REVIEW,
    )
    workflow.return_to_writer(
        article=returned, user=editor, note="Name the minister.\nAnd the date."
    )
    mine = Notification.objects.get(recipient=correspondent)

    client.force_login(correspondent)
    pages = {
        "add-form": client.get(reverse("admin:articles_article_add")).content,
        "draft": client.get(change_url(draft)).content,
        "in-review": client.get(change_url(submitted)).content,
        "writer-dashboard": client.get(reverse("admin:index")).content,
        "notification-list": client.get(
            reverse("admin:articles_notification_changelist")
        ).content,
        "notification": client.get(
            reverse("admin:articles_notification_change", args=[mine.pk])
        ).content,
    }
    client.force_login(editor)
    pages["editor-dashboard"] = client.get(reverse("admin:index")).content
    pages["editor-in-review"] = client.get(change_url(submitted)).content

    found = nu_checker_errors(pages, tmp_path)

    # The dashboards are ours whole; on the forms, whatever these points added.
    assert found["writer-dashboard"] == []
    assert found["editor-dashboard"] == []
    assert {name: ours(findings) for name, findings in found.items()} == {
        name: [] for name in pages
    }
