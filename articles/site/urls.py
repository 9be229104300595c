from django.urls import path, register_converter

from articles.site import views
from articles.site.converters import FourDigitYear, TwoDigitNumber

register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigitNumber, "nn")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("authors/", views.author_index, name="author_index"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("_/article/<int:object_id>/", views.article_reference, name="reference"),
    path("<slug:section>/", views.section_front, name="section"),
    path(
        "<slug:section>/<yyyy:year>/<nn:month>/<nn:day>/<slug:slug>/",
        views.article_detail,
        name="detail",
    ),
]
