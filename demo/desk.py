"""The demo desk: sections, staff, accounts and a few weeks of articles to try the site with.

The words live in data files (see `demo.stories`); this module turns them into rows.
`load_demo()` creates whatever is missing and leaves everything else alone, so it can run
any number of times: sections, authors and accounts are found by slug or username,
articles by section and slug, photos by the checksum of their (deterministic) file.
Every change of status goes through the workflow, as it would in the admin.
"""

import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles import workflow
from articles.models import (
    Article,
    ArticleStatus,
    Byline,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from authors.models import Author, AuthorLink
from demo.photos import DEFAULT_WIDTH, PhotoSpec, render_photo
from demo.site_settings import load_site_settings
from demo.stories import Story, read_data, read_stories
from media_library.models import Photo
from sections.models import Section

PHOTO_DIRECTORY = "photos/demo"
REFERENCE_SECTION = "politics-security"
REFERENCE_SLUG = "kamikawa-kyiv-visit-japan-support-ukraine"
# Drafts and pieces in review have no day of their own: their pictures are file photos.
FILE_PICTURE_DAY = date(2024, 1, 19)

Progress = Callable[[str], None]


class DemoError(Exception):
    """The database is not ready for the demo (usually: migrations have not run)."""


def reference_article() -> Article:
    """The Politics & Security article every part of the product is measured against."""
    return Article.objects.select_related("section").get(
        section__slug=REFERENCE_SECTION, slug=REFERENCE_SLUG
    )


def long_date(day: date) -> str:
    """Caption style: "January 7, 2024"."""
    return f"{day:%B} {day.day}, {day.year}"


@dataclass
class DemoReport:
    """What a load did (or, in a dry run, would do)."""

    created: Counter = field(default_factory=Counter)
    new_passwords: dict[str, str] = field(default_factory=dict)
    existing_users: list[str] = field(default_factory=list)


COUNT_NAMES = {
    RichTextBlock: "rich-text blocks",
    PhotoBlock: "photo blocks",
    PullQuoteBlock: "pull-quote blocks",
    Photo: "library photos",
}


class DemoLoader:
    def __init__(self, *, photo_width: int, write_files: bool, progress: Progress):
        self.photo_width = photo_width
        self.write_files = write_files
        self.progress = progress
        self.report = DemoReport()
        self.storage = Photo._meta.get_field("image").storage
        staff = read_data("staff.toml")
        self.staff, self.accounts = staff["author"], staff["account"]
        self.photographer = staff["staff_photographer"]
        self.section_data = read_data("sections.toml")["section"]
        self.colors = {s["slug"]: s["colors"] for s in self.section_data}

    def count(self, model) -> None:
        """Tally a created row under a name that tells photos from photo blocks."""
        self.report.created[
            COUNT_NAMES.get(model, model._meta.verbose_name_plural)
        ] += 1

    def run(self) -> DemoReport:
        started = time.monotonic()
        load_site_settings(self.count, write_files=self.write_files)
        sections = self.load_sections()
        authors = self.load_authors()
        users = self.load_accounts(authors)
        stories = read_stories()
        for number, story in enumerate(stories, start=1):
            self.progress(
                f"[{number}/{len(stories)}, {time.monotonic() - started:.0f}s] "
                f"{story.section}/{story.slug}"
            )
            self.load_story(story, sections, authors, users)
        return self.report

    def load_sections(self) -> dict[str, Section]:
        sections = {}
        for data in self.section_data:
            section = Section.objects.filter(slug=data["slug"]).first()
            if section is None:
                section = Section.objects.create(
                    slug=data["slug"],
                    name=data["name"],
                    description=data["description"],
                    parent=sections.get(data.get("parent")),
                    position=data["position"],
                )
                self.count(Section)
            sections[data["slug"]] = section
        return sections

    def load_authors(self) -> dict[str, Author]:
        authors = {}
        self.progress(f"Staff: {len(self.staff)} authors")
        for member in self.staff:
            author = Author.objects.filter(slug=member["slug"]).first()
            if author is None:
                author = Author.objects.create(
                    slug=member["slug"],
                    name=member["name"],
                    job_title=member["job_title"],
                    short_bio=member["short_bio"],
                    bio=member["bio"].strip().replace("\n", ""),
                    photo=self.portrait(member),
                )
                for position, link in enumerate(member.get("link", [])):
                    AuthorLink.objects.create(
                        author=author,
                        kind=link["kind"],
                        url=link["url"],
                        position=position,
                    )
                    self.count(AuthorLink)
                self.count(Author)
            authors[member["slug"]] = author
        return authors

    def load_accounts(self, authors: dict[str, Author]) -> dict:
        User = get_user_model()
        users = {}
        for account in self.accounts:
            username = account["username"]
            user = User.objects.filter(username=username).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                email = f"{username}@example.org"
                if account.get("superuser"):
                    user = User.objects.create_superuser(username, email, password)
                else:
                    user = User.objects.create_user(
                        username, email, password, is_staff=True
                    )
                if account.get("group"):
                    user.groups.add(self.group(account["group"]))
                self.report.new_passwords[username] = password
                self.count(User)
            else:
                self.report.existing_users.append(username)
            if account.get("author"):
                author = authors[account["author"]]
                if (
                    author.user_id is None
                    and not Author.objects.filter(user=user).exists()
                ):
                    author.user = user
                    author.save(update_fields=["user"])
            users[username] = user
        return users

    def group(self, name: str) -> Group:
        try:
            return Group.objects.get(name=name)
        except Group.DoesNotExist as error:
            raise DemoError(
                f"The “{name}” group is missing; run `manage.py migrate` first."
            ) from error

    def load_story(self, story: Story, sections, authors, users) -> None:
        section = sections[story.section]
        if Article.objects.filter(section=section, slug=story.slug).exists():
            return
        editor = users["editor"]
        writer = users[story.written_by] if story.written_by else editor
        article = Article.objects.create(
            section=section,
            slug=story.slug,
            headline=story.headline,
            dek=story.dek,
            dateline=story.dateline,
            status=ArticleStatus.DRAFT,
            published_at=self.first_publication(story),
            hero=self.photo(story, story.hero) if story.hero else None,
            created_by=writer,
        )
        self.count(Article)
        for position, slug in enumerate(story.authors):
            Byline.objects.create(
                article=article, author=authors[slug], position=position
            )
            self.count(Byline)
        article.tags.add(*story.tags)
        for ordering, block in enumerate(story.blocks, start=1):
            self.add_block(article, story, block, ordering * 10, authors)
        self.move_along_workflow(article, story, writer, editor)

    def first_publication(self, story: Story) -> datetime | None:
        """The story's own time; publishing keeps a first publication time already set."""
        if story.published_at is not None:
            return story.published_at
        if story.status != ArticleStatus.PUBLISHED:
            return None
        hour = 6 + (len(story.slug) * 7) % 14  # spread over the working day
        return datetime.combine(story.day, datetime.min.time(), UTC) + timedelta(
            hours=hour
        )

    def add_block(self, article, story: Story, block, ordering: int, authors) -> None:
        common = {"parent": article, "region": "body", "ordering": ordering}
        if block.kind == "text":
            RichTextBlock.objects.create(**common, text=block.value)
            self.count(RichTextBlock)
        elif block.kind == "photo":
            PhotoBlock.objects.create(**common, photo=self.photo(story, block.value))
            self.count(PhotoBlock)
        else:
            attribution = authors[story.authors[0]].name
            PullQuoteBlock.objects.create(
                **common, text=block.value, attribution=attribution
            )
            self.count(PullQuoteBlock)

    def move_along_workflow(self, article, story: Story, writer, editor) -> None:
        if story.status == "scheduled":
            # Tomorrow at 09:00, counted from the day the demo is first loaded.
            tomorrow = timezone.localdate() + timedelta(days=1)
            at = datetime.combine(tomorrow, datetime.min.time(), UTC) + timedelta(
                hours=9
            )
            workflow.schedule(article=article, user=editor, at=at, notify=False)
        elif story.status == ArticleStatus.PUBLISHED:
            if writer != editor:
                workflow.submit_for_review(article=article, user=writer, notify=False)
            workflow.publish(article=article, user=editor, notify=False)
            backdate(article)
        elif story.status == ArticleStatus.IN_REVIEW:
            workflow.submit_for_review(article=article, user=writer, notify=False)

    def portrait(self, member: dict) -> Photo | None:
        if "portrait_colors" not in member:
            return None
        publication = settings.NEWSROOM_NAME
        return self.save_photo(
            PhotoSpec(
                key=f"portrait-{member['slug']}",
                label="".join(part[0] for part in member["name"].split()),
                caption=f"{member['name']}, {member['job_title']}, {publication}.",
                alt_text=f"Portrait of {member['name']}.",
                **self.staff_credit(),
                colors=tuple(member["portrait_colors"]),
                portrait=True,
            )
        )

    def staff_credit(self) -> dict[str, str]:
        """Credit, photographer, source and rights of a picture by our own photographer."""
        publication = settings.NEWSROOM_NAME
        return {
            "credit": f"{self.photographer}/{publication}",
            "photographer": self.photographer,
            "source": publication,
            "copyright_notice": f"© {publication}",
        }

    def photo(self, story: Story, key: str) -> Photo:
        return self.save_photo(self.photo_spec(story, key))

    def photo_spec(self, story: Story, key: str) -> PhotoSpec:
        """An agency photo as described in full, or a staff picture captioned in house style."""
        data = story.photos[key]
        taken_on = story.photos_taken_on or story.day or FILE_PICTURE_DAY
        if "caption" in data:
            return PhotoSpec(
                key=key,
                keywords=tuple(story.tags),
                taken_on=taken_on,
                **{**data, "colors": tuple(data["colors"])},
            )
        colors = tuple(self.colors[story.section])
        if key != "hero":
            colors = colors[::-1]  # inline pictures mirror the hero's palette
        return PhotoSpec(
            key=f"{story.slug}-{key}",
            label=data["place"],
            caption=f"{data['shows']} in {data['place']}, {long_date(taken_on)}.",
            alt_text=f"{data['shows']}.",
            **self.staff_credit(),
            keywords=tuple(story.tags),
            taken_on=taken_on,
            colors=colors,
        )

    def save_photo(self, spec: PhotoSpec) -> Photo:
        """The library photo for a spec: found by checksum, else written and recorded."""
        rendered = render_photo(spec, width=self.photo_width)
        existing = Photo.objects.filter(checksum=rendered.checksum).first()
        if existing is not None:
            return existing
        # The checksum in the name makes a file left by an interrupted load reusable.
        name = f"{PHOTO_DIRECTORY}/{spec.key}-{rendered.checksum[:12]}.jpg"
        if self.write_files and not self.storage.exists(name):
            name = self.storage.save(name, ContentFile(rendered.data))
        photo = Photo.objects.create(
            image=name,
            width=rendered.width,
            height=rendered.height,
            checksum=rendered.checksum,
            caption=spec.caption,
            credit=spec.credit,
            photographer=spec.photographer,
            source=spec.source,
            copyright_notice=spec.copyright_notice,
            alt_text=spec.alt_text,
            taken_at=(
                datetime.combine(spec.taken_on, datetime.min.time(), UTC)
                if spec.taken_on
                else None
            ),
        )
        self.count(Photo)
        return photo


def load_demo(
    *,
    photo_width: int = DEFAULT_WIDTH,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> DemoReport:
    """Create the demo desk's missing rows and photos; a dry run rolls everything back.

    A dry run goes through the same steps inside a transaction that is rolled back, and
    writes no files, so its report counts exactly what a real run would create.
    `progress` is told each step as it starts (the command prints it).
    """
    loader = DemoLoader(
        photo_width=photo_width,
        write_files=not dry_run,
        progress=progress or (lambda message: None),
    )
    with transaction.atomic():
        report = loader.run()
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        report.new_passwords = dict.fromkeys(report.new_passwords, "")
    return report


def backdate(article: Article) -> None:
    """Date the row to its publication: the page must not call an old story "Updated" today."""
    Article.objects.filter(pk=article.pk).update(
        created_at=article.published_at, updated_at=article.published_at
    )
