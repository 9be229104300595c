"""Every admin list, add and change page opens for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from authors import services
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_photo,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def one_of_everything():
    author = make_author()
    article = make_article(authors=[author], tags=["Japan"])
    add_text(article, "<p>Body</p>")
    add_photo_block(article, ordering=1)
    author.links.create(url="https://example.org/")


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_admin_pages_open(superuser_client, one_of_everything, model):
    """The changelist, the add form and the change form of the first row answer 200."""
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert superuser_client.get(changelist).status_code == 200

    model_admin = admin.site._registry[model]
    request = superuser_client.get(changelist).wsgi_request
    if model_admin.has_add_permission(request):
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert superuser_client.get(add).status_code == 200

    # The first row of the admin's own list (the Trash lists trashed articles only).
    first = model_admin.get_queryset(request).first()
    if first is not None:
        change = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]
        )
        assert superuser_client.get(change).status_code == 200


def test_admin_search_and_filters_answer(superuser_client, one_of_everything):
    """The article list searches and filters without errors."""
    url = reverse("admin:articles_article_changelist")

    assert superuser_client.get(url, {"q": "Headline"}).status_code == 200
    assert superuser_client.get(url, {"status__exact": "published"}).status_code == 200


def test_published_article_offers_view_on_site(superuser_client):
    """The change form links to the public page of a published article."""
    article = make_article()
    response = superuser_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    link = response.context["adminform"].model_admin.get_view_on_site_url(article)

    assert 'class="viewsitelink"' in response.content.decode()
    assert link == article.get_absolute_url()


def test_a_photo_names_its_uploader_without_a_link_to_the_user_admin(
    correspondent_client, editor
):
    """Correspondents may not open user accounts, so the uploader is shown as text."""
    photo = make_photo(uploaded_by=editor)

    response = correspondent_client.get(
        reverse("admin:media_library_photo_change", args=[photo.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "/admin/auth/user/" not in page
    assert '<div class="readonly">editor</div>' in page


def test_a_profile_change_names_its_proposer_without_a_link_to_the_user_admin(
    editor_client, correspondent, correspondent_author
):
    """Editors may not open user accounts, so who proposed the change is shown as text."""
    data = {**services.profile_data(correspondent_author), "short_bio": "New."}
    change = services.submit_profile(
        author=correspondent_author, user=correspondent, data=data
    )

    response = editor_client.get(
        reverse("admin:authors_authorprofilechange_change", args=[change.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "/admin/auth/user/" not in page
    assert '<div class="readonly">correspondent</div>' in page


def test_view_on_site_of_a_draft_is_a_404_not_an_error(superuser_client):
    """A draft has no public address; the admin's redirect answers 404 for it."""
    from django.contrib.contenttypes.models import ContentType

    from articles.models import ArticleStatus

    draft = make_article(status=ArticleStatus.DRAFT)
    content_type = ContentType.objects.get_for_model(draft)

    response = superuser_client.get(f"/admin/r/{content_type.pk}/{draft.pk}/")

    assert response.status_code == 404
