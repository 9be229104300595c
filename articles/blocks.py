"""The article body: ordered blocks of sanitised rich text, photos and pull quotes,
edited with django-content-editor in the article admin."""

from content_editor.models import create_plugin_base
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.models import Article
from articles.photo_use import PhotoUse, caption_override_field, credit_override_field
from text import html_to_text
from text.safe_links import with_safe_link_targets

# What the body's rich text may contain; nh3 strips everything else on save.
BODY_EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
}


ArticleBlock = create_plugin_base(Article)


class RichTextBlock(ArticleBlock):
    text = ProseEditorField(_("text"), extensions=BODY_EXTENSIONS, sanitize=True)

    template_name = "articles/blocks/rich_text.html"

    class Meta(ArticleBlock.Meta):
        verbose_name = _("rich text")
        verbose_name_plural = _("rich text")

    def __str__(self):
        # A space between paragraphs and subheads: "<p>One.</p><h2>Two</h2>" reads "One. Two".
        return Truncator(html_to_text(self.text)).words(10, truncate=" …")

    def save(self, *args, **kwargs):
        # Sanitise on every save, not only through forms: imports and scripts write here too.
        self.sanitise()
        super().save(*args, **kwargs)

    def sanitise(self) -> None:
        """Keep only what the body may contain; also run on unsaved blocks before showing them."""
        self.text = with_safe_link_targets(
            self._meta.get_field("text").sanitize(self.text)
        )


class PhotoLayout(models.TextChoices):
    INLINE = "inline", _("In the text column")
    WIDE = "wide", _("Wider than the text")


class PhotoBlock(PhotoUse, ArticleBlock):
    photo = models.ForeignKey(
        "media_library.Photo",
        models.PROTECT,
        related_name="article_blocks",
        verbose_name=_("photo"),
    )
    caption = caption_override_field()
    credit = credit_override_field()
    layout = models.CharField(
        _("layout"), max_length=20, choices=PhotoLayout, default=PhotoLayout.INLINE
    )

    template_name = "articles/blocks/photo.html"

    class Meta(ArticleBlock.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return str(self.photo)

    @classmethod
    def get_queryset(cls):
        return cls.objects.select_related("photo")

    @property
    def caption_display(self) -> str:
        return self.shown_caption

    @property
    def credit_display(self) -> str:
        return self.shown_credit_formatted


class PullQuoteBlock(ArticleBlock):
    text = models.TextField(_("quotation"))
    attribution = models.CharField(_("attribution"), max_length=200, blank=True)

    template_name = "articles/blocks/pull_quote.html"

    class Meta(ArticleBlock.Meta):
        verbose_name = _("pull quote")
        verbose_name_plural = _("pull quotes")

    def __str__(self):
        return self.text[:80]


BLOCK_MODELS = [RichTextBlock, PhotoBlock, PullQuoteBlock]
