"""The article admin and its history views: they parse the request, call a service and render."""

from articles.admin import tags  # noqa: F401  (registers the tag admin)
from articles.admin.article import ArticleAdmin

__all__ = ["ArticleAdmin"]
