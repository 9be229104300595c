"""Sections, authors and tags made from an export's terms, found again without a query.

Every post names its categories, tags and authors; looking each up in the database would
cost several queries per post. The directory loads what earlier runs imported in one query
per kind and keeps what it creates, so a post's terms resolve from memory.
"""

from urllib.parse import unquote

from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from authors.models import Author
from importers.models import ImportedItem, ItemKind
from importers.report import Report
from importers.wxr import WxrAuthor, WxrTerm
from sections.models import RESERVED_SLUGS, Section

DEFAULT_SECTION = ("uncategorized", "Uncategorized")


def clean_slug(raw: str, fallback: str, max_length: int) -> str:
    """A slug from WordPress's (possibly percent-encoded) nicename, else from a name."""
    slug = slugify(unquote(raw)) or slugify(fallback)
    return slug[:max_length].strip("-")


def free_slug(model, base: str, max_length: int, taken=()) -> str:
    """`base`, or `base-2`, `base-3`… : the first slug no row of `model` has."""
    candidate, number = base, 1
    while candidate in taken or model.objects.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate


def author_name(author: WxrAuthor) -> str:
    full = f"{author.first_name} {author.last_name}".strip()
    return (author.display_name or full or author.login)[:150]


class Directory:
    def __init__(self, *, site: str, report: Report):
        self.site = site
        self.report = report
        rows = ImportedItem.objects.filter(site=site)
        self.sections: dict[str, Section] = {
            row.source_id: row.section
            for row in rows.filter(
                kind=ItemKind.CATEGORY, section__isnull=False
            ).select_related("section")
        }
        self.authors: dict[str, Author] = {
            row.source_id: row.author
            for row in rows.filter(
                kind=ItemKind.AUTHOR, author__isnull=False
            ).select_related("author")
        }
        self.tags: dict[str, Tag] = {}
        self.pending_parents: list[tuple[Section, str]] = []

    # Sections ----------------------------------------------------------------------

    def add_category(self, term: WxrTerm) -> Section | None:
        key = unquote(term.slug) or term.name
        if key in self.sections:
            self.report.count("section", "skipped", "already imported")
            return self.sections[key]
        name = (term.name or key)[:100]
        slug = clean_slug(term.slug, name, 100) or f"category-{term.term_id}"
        if slug in RESERVED_SLUGS:
            slug = f"{slug}-section"
        # A desk the newsroom already has under the same address is the same desk.
        section = Section.objects.filter(slug=slug).first()
        outcome = "updated"
        # In a savepoint of its own: a post that names a new category is written with
        # its batch, and a refused category must leave that batch's transaction usable.
        with transaction.atomic():
            if section is None:
                section = Section(name=name, slug=slug, description=term.description)
                section.full_clean()
                section.save()
                outcome = "created"
            ImportedItem.objects.update_or_create(
                site=self.site,
                kind=ItemKind.CATEGORY,
                source_id=key,
                defaults={"section": section},
            )
        self.sections[key] = section
        if term.parent_slug:
            self.pending_parents.append((section, unquote(term.parent_slug)))
        self.report.count("section", outcome)
        return section

    def link_parents(self) -> None:
        """Give each section its parent once every category is known, whatever their order."""
        for section, parent_key in self.pending_parents:
            parent = self.sections.get(parent_key)
            if parent is None:
                self.report.count(
                    "section", "warning", "parent category not in the export",
                    item=section.slug, detail=parent_key,
                )  # fmt: skip
            elif section.parent_id is None and parent.pk != section.pk:
                section.parent = parent
                section.save(update_fields=["parent"])
        self.pending_parents = []

    def section_for(self, categories: list[tuple[str, str]]) -> Section:
        for slug, name in categories:
            section = self.sections.get(unquote(slug))
            if section is None and (slug or name):
                section = self.add_category(WxrTerm("category", "", slug, name))
            if section is not None:
                return section
        slug, name = DEFAULT_SECTION
        if slug not in self.sections:
            self.add_category(WxrTerm("category", "", slug, name))
        return self.sections[slug]

    # Authors -----------------------------------------------------------------------

    def add_author(self, author: WxrAuthor) -> Author | None:
        if not author.login:
            return None
        if author.login in self.authors:
            self.report.count("author", "skipped", "already imported")
            return self.authors[author.login]
        name = author_name(author)
        base = clean_slug(author.login, name, 150) or "author"
        existing = Author.objects.filter(slug=base, name=name).first()
        outcome = "updated"
        with transaction.atomic():  # see add_category
            if existing is None:
                existing = Author(name=name, slug=free_slug(Author, base, 150))
                existing.full_clean()
                existing.save()
                outcome = "created"
            ImportedItem.objects.update_or_create(
                site=self.site,
                kind=ItemKind.AUTHOR,
                source_id=author.login,
                defaults={"author": existing},
            )
        self.authors[author.login] = existing
        self.report.count("author", outcome)
        return existing

    def add_coauthor_term(self, term: WxrTerm) -> Author | None:
        """A Co-Authors Plus term ("cap-<login>"): the user it stands for, or a guest author."""
        login = unquote(term.slug).removeprefix("cap-") or term.name
        if login in self.authors:
            return self.authors[login]
        name = term.name if " " in term.name else login.replace("-", " ").title()
        return self.add_author(WxrAuthor(login=login, display_name=name))

    def byline_authors(
        self, creator: str, coauthors: list[tuple[str, str]]
    ) -> list[Author]:
        """Co-authors in their order when the post has them, else the post's author."""
        found: list[Author] = []
        for slug, name in coauthors:
            author = self.add_coauthor_term(WxrTerm("author", "", slug, name))
            if author is not None and author not in found:
                found.append(author)
        if not found and creator:
            author = self.authors.get(creator) or self.add_author(
                WxrAuthor(login=creator)
            )
            if author is not None:
                found.append(author)
        return found

    # Tags --------------------------------------------------------------------------

    def tag(self, name: str) -> Tag | None:
        name = " ".join(name.split())[:100]
        if not name:
            return None
        key = name.lower()
        if key not in self.tags:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                with transaction.atomic():  # see add_category
                    tag = Tag.objects.create(name=name)
                self.report.count("tag", "created")
            self.tags[key] = tag
        return self.tags[key]
