from django.urls import path

from articles import trust_feeds, trust_views
from articles.caching import public_page

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
