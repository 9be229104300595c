"""The site's URLs plus a minimal view: the yardstick every page is measured against."""

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench-minimal/", minimal),
    path("", include("newsroom.urls")),
]
