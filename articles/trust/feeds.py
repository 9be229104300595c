from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from articles.models import Correction

FEED_LENGTH = 50


class CorrectionsFeed(Feed):
    """The newest corrections, clarifications and updates on published articles."""

    title = _("Corrections and updates")
    description = _("Corrections, clarifications and updates to our articles.")

    def link(self):
        return reverse("trust:corrections")

    def items(self):
        return Correction.objects.public()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        # Plain text becoming RSS HTML content: escaped once more (see distribution.feeds).
        return escape(item.text)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # Stable however the article's address changes later.
        return f"correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
