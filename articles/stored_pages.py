"""Article pages' story part, rendered once and stored: the rows behind
`articles.site.stored_pages`.

An uncached article page used to run a dozen queries and render every photo's srcset,
byline and related card on each request. The part of the page that depends only on the
story (head tags and the main column) is kept here as readers' HTML, with the keys of
everything it shows, so that a change to any of them deletes it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.indexes import GinWhereAvailableIndex
from articles.models import Article


class StoredPage(models.Model):
    article = models.OneToOneField(
        Article,
        models.CASCADE,
        primary_key=True,
        related_name="stored_page",
        verbose_name=_("article"),
    )
    # Which templates, static files and settings made it (see stored_pages.fingerprint).
    fingerprint = models.CharField(max_length=32)
    # The top-level section the page's navigation marks as current.
    nav_section = models.SlugField(max_length=100, default="", db_index=False)
    title = models.CharField(max_length=300)
    head_html = models.TextField()
    main_html = models.TextField()
    # The page's Surrogate-Key header value (articles.site.surrogate_keys).
    surrogate_keys = models.TextField()
    # What the page shows, as the keys of a JSON object ({"article-12": 1, "photo-7": 1}):
    # a change to any of them deletes the page (a GIN index finds them on PostgreSQL).
    dependencies = models.JSONField()
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("stored article page")
        verbose_name_plural = _("stored article pages")
        indexes = [
            GinWhereAvailableIndex(
                fields=["dependencies"], name="storedpage_dependencies"
            )
        ]

    def __str__(self):
        return f"Stored page of article {self.article_id}"


class StoredPageKeyChange(models.Model):
    """When each key last changed: a page rendered from rows read before that moment is
    not stored (a concurrent edit must not be frozen into it)."""

    key = models.CharField(max_length=40, primary_key=True)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.key} changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"


class StoredCard(models.Model):
    """A story's card in lists (home, section fronts, author and tag pages) as readers'
    HTML, one per way lists draw it (`variant`), deleted like stored pages."""

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="stored_cards", verbose_name=_("article")
    )
    variant = models.CharField(max_length=20)
    fingerprint = models.CharField(max_length=32)
    html = models.TextField()
    dependencies = models.JSONField()
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("stored card")
        verbose_name_plural = _("stored cards")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "variant"], name="storedcard_once_per_variant"
            )
        ]
        indexes = [
            GinWhereAvailableIndex(
                fields=["dependencies"], name="storedcard_dependencies"
            )
        ]

    def __str__(self):
        return f"Stored {self.variant} card of article {self.article_id}"
