from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.NEWSROOM_NAME} newsroom"
admin.site.site_title = settings.NEWSROOM_NAME
admin.site.index_title = "Desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Fixed paths first (/corrections/feed/, /preview/…), then feeds, then the pages
    # whose first segment is a section slug.
    path("", include("articles.trust_urls")),
    path("", include("articles.distribution_urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
