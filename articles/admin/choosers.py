"""What the article form offers and accepts: only articles and bylines the user may choose.

A chooser that lists every article would show colleagues' unpublished headlines, and a
form that accepts any posted id would let them be saved and then shown. Both start from
`Article.objects.visible_to(user)` (see `articles.roles`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from articles import roles
from articles.models import Article
from authors.models import Author


def is_autocomplete(request) -> bool:
    """Whether the request is the admin's autocomplete view (which asks the article admin)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


class RelatedArticlesFormMixin:
    """Keeps picks the user cannot see: an editor's choice survives a correspondent's save."""

    def clean_related_articles(self):
        chosen = self.cleaned_data["related_articles"]
        if self.instance.pk is None:
            return chosen
        field = self.fields["related_articles"]
        hidden = self.instance.related_articles.exclude(
            pk__in=field.queryset.values("pk")
        )
        if not hidden.exists():
            return chosen
        return Article.objects.filter(
            pk__in=[
                *chosen.values_list("pk", flat=True),
                *hidden.values_list("pk", flat=True),
            ]
        )


def related_articles_field(request, formfield):
    """The related-articles field limited to what the user may see; other ids are refused."""
    formfield.queryset = Article.objects.visible_to(request.user)
    return formfield


def own_author_ids(user) -> set[int]:
    return set(Author.objects.filter(user=user).values_list("pk", flat=True))


class BylineFormSet(forms.BaseInlineFormSet):
    """Correspondents add or remove only their own byline; editors assign anyone.

    `user` is set by the inline's `get_formset`.
    """

    user = None
    own_byline = []  # initial rows for a new story (see `own_byline_initial`)

    def __init__(self, *args, **kwargs):
        if self.own_byline and kwargs.get("initial") is None:
            kwargs["initial"] = self.own_byline
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.user is None or roles.sees_every_article(self.user):
            return
        own = own_author_ids(self.user)
        before, after = set(), set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            initial = form.initial.get("author") if form.instance.pk else None
            if initial is not None:
                before.add(getattr(initial, "pk", initial))
            author = form.cleaned_data.get("author")
            if author is not None and not form.cleaned_data.get("DELETE", False):
                after.add(author.pk)
        changed = (before ^ after) - own
        if changed:
            names = ", ".join(
                sorted(str(a) for a in Author.objects.filter(pk__in=changed))
            )
            raise ValidationError(
                _(
                    "You can add or remove only your own byline; an editor assigns "
                    "other writers (%(names)s)."
                )
                % {"names": names},
                code="not_own_byline",
            )


def own_byline_initial(user) -> list[dict]:
    """The first byline row of a story this user starts: their own name and job title.

    Empty for users without an author profile (most editors): they pick the writers.
    """
    author = Author.objects.filter(user=user).only("pk", "job_title").first()
    if author is None:
        return []
    return [{"author": author.pk, "role": author.job_title, "position": 0}]


class BylineForm(forms.ModelForm):
    """A byline row; the writer's own row offered on a new story is saved as it stands.

    Django skips an extra row left as it was offered; this one is the writer's choice
    unless they remove the row.
    """

    def has_changed(self):
        offered = self.instance.pk is None and self.initial.get("author")
        return bool(offered) or super().has_changed()
