"""The article admin and its history views: they parse the request, call a service and render."""

from articles.admin import (  # noqa: F401  (register the notification and tag admins)
    notifications,
    tags,
)
from articles.admin.article import ArticleAdmin

__all__ = ["ArticleAdmin"]
