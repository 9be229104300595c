from django.urls import path

from articles.site.caching import public_page
from articles.trust import feeds as trust_feeds
from articles.trust import views as trust_views

app_name = "trust"

urlpatterns = [
    path("preview/<str:token>/", trust_views.preview, name="preview"),
    path("corrections/", trust_views.correction_list, name="corrections"),
    path(
        "corrections/feed/",
        public_page(trust_feeds.CorrectionsFeed()),
        name="corrections_feed",
    ),
]
