from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.urls import include, path

from articles.api.api import api


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, with a 404 for objects without an address yet.

    Django's own view expects every get_absolute_url() to return a path; a draft
    article returns None until it has a publication date.
    """
    refuse_hidden_object(request, content_type_id, object_id)
    try:
        return shortcut(request, content_type_id, object_id)
    except AttributeError as error:
        raise Http404("This object has no public address yet.") from error


def refuse_hidden_object(request, content_type_id, object_id) -> None:
    """404 for an object its model's queryset keeps from this user (`visible_to`).

    The redirect would otherwise reveal a scheduled story's address to anyone; it
    answers exactly as for an object that does not exist.
    """
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except (ContentType.DoesNotExist, ValueError) as error:
        raise Http404("No such object.") from error
    queryset = model._default_manager.all() if model is not None else None
    if queryset is None or not hasattr(queryset, "visible_to"):
        return
    try:
        visible = queryset.visible_to(request.user).filter(pk=object_id).exists()
    except (ValueError, TypeError) as error:
        raise Http404("No such object.") from error
    if not visible:
        raise Http404("No such object.")


# A database outage answers a styled 503 with Retry-After instead of a 500.
handler500 = "newsroom.errors.server_error"

admin.site.site_header = f"{settings.NEWSROOM_NAME} newsroom"
admin.site.site_title = settings.NEWSROOM_NAME
admin.site.index_title = "Desk"

urlpatterns = [
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        view_on_site,
        name="view_on_site",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Fixed paths first (/corrections/feed/, /preview/…), then feeds, then the pages
    # whose first segment is a section slug.
    path("", include("articles.trust.urls")),
    path("", include("articles.distribution.urls")),
    path("", include("articles.site.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
