"""The article admin and its history views: they parse the request, call a service and render."""

from articles.admin.article import ArticleAdmin

__all__ = ["ArticleAdmin"]
