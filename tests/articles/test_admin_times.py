"""Times in the admin: typed in the newsroom's style, shown with its zone, printed in one
style on the changelist, the change form, the dashboard, workflow history and messages."""

from datetime import UTC, datetime

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from articles.models import ArticleStatus
from tests.articles.admin_change_form import change_url, form_data, transition_url
from tests.factories import make_article, make_draft, make_user
from text.times import DeskTimeField

pytestmark = pytest.mark.django_db

# Typed as the desk writes it; 23:05 UTC on 9 March is 08:05 the next morning in Tokyo.
TYPED = "10 Mar 2030, 08:05"
MOMENT = datetime(2030, 3, 9, 23, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def tokyo(settings):
    settings.TIME_ZONE = "Asia/Tokyo"


def editable_time_fields(model_admin, request):
    """(form name, field name, form field) for every time a superuser may type in this admin."""
    if not (
        model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
    ):
        return  # a list only (the trash): no form to type into
    forms = [("form", model_admin.get_form(request))]
    for inline in model_admin.get_inline_instances(request):
        forms.append((type(inline).__name__, inline.get_formset(request).form))
    for form_name, form in forms:
        model = form._meta.model
        for name, field in form.base_fields.items():
            db_field = next((f for f in model._meta.fields if f.name == name), None)
            if isinstance(db_field, models.DateTimeField):
                yield form_name, name, field


def test_every_time_typed_in_the_admin_takes_the_newsrooms_style():
    """No admin form or inline offers Django's split date and time boxes any more."""
    request = RequestFactory().get("/admin/")
    request.user = make_user(is_staff=True, is_superuser=True)
    found, others = [], []
    for model, model_admin in admin.site._registry.items():
        for form_name, name, field in editable_time_fields(model_admin, request):
            entry = f"{model._meta.label}.{form_name}.{name}"
            (found if isinstance(field, DeskTimeField) else others).append(entry)

    assert others == []
    assert "articles.Article.CorrectionInline.published_at" in found
    assert "media_library.Photo.form.taken_at" in found


def test_an_editor_schedules_by_typing_the_desk_style(editor_client):
    """ "10 Mar 2030, 08:05" schedules the story for that minute in Tokyo."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    response = editor_client.post(
        transition_url(article, "schedule"), {"publish_at": TYPED}, follow=True
    )

    article.refresh_from_db()
    assert (article.status, article.published_at) == (ArticleStatus.PUBLISHED, MOMENT)
    assert f"is now scheduled for {TYPED}." in response.content.decode()


def test_an_unreadable_schedule_time_is_refused_and_the_story_stays(editor_client):
    """The editor reads why and an example; the story is still in review."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    response = editor_client.post(
        transition_url(article, "schedule"), {"publish_at": "next Tuesday"}, follow=True
    )

    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    content = response.content.decode()
    assert "was not moved" in content
    assert "“next Tuesday” is not a time we can read" in content
    assert "Asia/Tokyo (JST)" in content


def test_one_style_for_one_time_across_the_admin(editor_client):
    """Changelist, change form, dashboard and workflow history all print "10 Mar 2030, 08:05"."""
    article = make_draft(status=ArticleStatus.IN_REVIEW, headline="Budget vote")
    editor_client.post(transition_url(article, "schedule"), {"publish_at": TYPED})

    changelist = editor_client.get(reverse("admin:articles_article_changelist"))
    change_form = editor_client.get(change_url(article))
    dashboard = editor_client.get(reverse("admin:index"))

    assert TYPED in changelist.content.decode()
    assert f"Scheduled for {TYPED}" in change_form.content.decode()
    assert f'<div class="readonly">{TYPED}</div>' in change_form.content.decode()
    assert f">{TYPED}</time>" in dashboard.content.decode()


def test_every_admin_page_names_the_newsrooms_zone(editor_client):
    """The header beside the user's links reads "Times in Asia/Tokyo (JST)"."""
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
    ]:
        assert "Times in Asia/Tokyo (JST)" in editor_client.get(url).content.decode()


def test_a_correction_time_typed_in_the_desk_style_is_saved(editor_client):
    """The corrections row takes "10 Mar 2030, 08:05" and keeps that minute."""
    article = make_article()
    data = form_data(editor_client.get(change_url(article)))
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "The vote was on Tuesday.",
            "corrections-0-published_at": TYPED,
            "_continue": "Save",
        }
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.context["errors"]
    assert article.corrections.get().published_at == MOMENT


def test_the_correction_row_shows_the_zone_and_the_format(editor_client):
    """The empty row for a new note carries the zone and an example beside its time box."""
    article = make_article()

    content = editor_client.get(change_url(article)).content.decode()

    assert 'id="id_corrections-__prefix__-published_at_zone"' in content
    assert "Day month year, 24-hour clock" in content
