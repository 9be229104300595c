"""The article body: ordered blocks of sanitised rich text, photos, pull quotes and
embeds, edited with django-content-editor in the article admin."""

from content_editor.contents import Contents
from content_editor.models import create_plugin_base
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse_lazy
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles import embeds
from articles.links import to_article_references
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
    # Search our own stories and link to one by reference (articles.links).
    "ArticleLink": {"searchUrl": reverse_lazy("admin:articles_article_link_search")},
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
        """Keep only what the body may contain; also run on unsaved blocks before showing them.

        A pasted address of one of our stories becomes a reference to the story.
        """
        self.text = to_article_references(
            with_safe_link_targets(self._meta.get_field("text").sanitize(self.text))
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


class EmbedBlock(ArticleBlock):
    """A video, post, chart or document from an allowed provider (`articles.embeds`).

    Readers get a placeholder with a link; the provider's player is loaded only when
    they click it, so nothing is requested from the provider before they choose to.
    """

    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_(
            "The public address of a video, post, chart or document on %(providers)s."
        )
        % {"providers": embeds.PROVIDER_NAMES},
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("What it is, shown before it loads, e.g. “The minister in Kyiv”."),
    )
    caption = models.TextField(_("caption"), blank=True)

    template_name = "articles/blocks/embed.html"

    class Meta(ArticleBlock.Meta):
        verbose_name = _("embed")
        verbose_name_plural = _("embeds")

    def __str__(self):
        return self.title or self.url

    def clean(self):
        super().clean()
        try:
            embeds.parse_embed(self.url)
        except ValidationError as error:
            raise ValidationError({"url": error}) from error

    @property
    def embed(self) -> embeds.Embed | None:
        return embeds.embed_or_none(self.url)


BLOCK_MODELS = [RichTextBlock, PhotoBlock, PullQuoteBlock, EmbedBlock]


# Rich text, pull quotes and embeds hold only text, so one UNION ALL query reads all three
# (columns: kind, id, parent, region, ordering and up to three text fields); photos are
# read apart, with their photo. A body costs two queries however many block types hold
# only text, where django-content-editor's loader costs one query per type.
TEXT_BLOCK_FIELDS = [
    (RichTextBlock, ["text"]),
    (PullQuoteBlock, ["text", "attribution"]),
    (EmbedBlock, ["url", "title", "caption"]),
]
_TEXT_COLUMNS = 3


def _text_block_rows(parent_ids: list[int]):
    queries = []
    for kind, (model, fields) in enumerate(TEXT_BLOCK_FIELDS):
        texts = [models.F(name) for name in fields]
        texts += [models.Value("")] * (_TEXT_COLUMNS - len(fields))
        queries.append(
            model.objects.filter(parent_id__in=parent_ids)
            .annotate(
                k=models.Value(kind),
                i=models.F("pk"),
                p=models.F("parent_id"),
                r=models.F("region"),
                o=models.F("ordering"),
                **{
                    f"t{n}": Cast(text, models.TextField())
                    for n, text in enumerate(texts)
                },
            )
            .values_list("k", "i", "p", "r", "o", "t0", "t1", "t2")
            .order_by()
        )
    return queries[0].union(*queries[1:], all=True)


def body_contents(articles) -> dict:
    """Every block of each of `articles`, by region and in order, in two queries.

    Returns what django-content-editor's `contents_for_items` does (a `Contents` per
    article, e.g. `body_contents([a])[a].body`).
    """
    contents = {article: Contents(article.regions) for article in articles}
    by_pk = {article.pk: article for article in contents}
    if not by_pk:
        return contents
    for block in PhotoBlock.get_queryset().filter(parent_id__in=list(by_pk)):
        block.parent = by_pk[block.parent_id]
        contents[block.parent].add(block)
    for kind, pk, parent_id, region, ordering, *texts in _text_block_rows(list(by_pk)):
        model, fields = TEXT_BLOCK_FIELDS[kind]
        block = model.from_db(
            "default",
            ["id", "parent_id", "region", "ordering", *fields],
            [pk, parent_id, region, ordering, *texts[: len(fields)]],
        )
        block.parent = by_pk[parent_id]
        contents[block.parent].add(block)
    return contents
