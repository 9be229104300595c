"""Correspondents' profile changes: proposed, reviewed by an editor, then applied to the live row.

The Author row is always the approved, public version; a proposal waits in an
AuthorProfileChange until an editor approves it. Editors' own edits skip the queue.
"""

import difflib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from authors.link_kinds import link_problem
from authors.models import (
    Author,
    AuthorLink,
    AuthorProfileChange,
    LinkKind,
    ProfileChangeStatus,
)
from media_library.models import Photo
from text import html_to_text, word_diff
from text.safe_links import with_safe_link_targets

APPROVE_PERMISSION = "authors.approve_author_changes"


def profile_data(author: Author) -> dict:
    """The live values of every field a correspondent may edit, in the proposal's shape."""
    return {
        "short_bio": author.short_bio,
        "bio": author.bio,
        "photo": author.photo_id,
        "links": [{"kind": link.kind, "url": link.url} for link in author.links.all()],
    }


def normalise(data: dict) -> dict:
    """The proposal as it would be stored: sanitised bio, trimmed text, links without blanks."""
    bio_field = Author._meta.get_field("bio")
    return {
        "short_bio": (data.get("short_bio") or "").strip(),
        "bio": with_safe_link_targets(bio_field.sanitize(data.get("bio") or "")),
        "photo": data.get("photo"),
        "links": [
            {"kind": link["kind"], "url": link["url"].strip()}
            for link in data.get("links", [])
            if link.get("url", "").strip()
        ],
    }


def pending_change(author: Author) -> AuthorProfileChange | None:
    return author.profile_changes.filter(status=ProfileChangeStatus.PENDING).first()


def can_edit_profile(user, author: Author) -> bool:
    """A correspondent proposes changes to their own profile; approvers may edit any."""
    return (author.user_id is not None and author.user_id == user.pk) or user.has_perm(
        APPROVE_PERMISSION
    )


def submit_profile(*, author: Author, user, data: dict) -> AuthorProfileChange | None:
    """Save a profile edit: live at once for an editor, otherwise a proposal awaiting approval.

    Returns the waiting proposal, or None when nothing waits (applied at once, or
    identical to the live profile, in which case an earlier proposal is withdrawn).
    """
    if not can_edit_profile(user, author):
        raise PermissionDenied(_("This is not your author profile."))
    data = normalise(data)
    with transaction.atomic():
        author = Author.objects.select_for_update().get(pk=author.pk)
        if user.has_perm(APPROVE_PERMISSION):
            apply_profile(author, data)
            return None
        waiting = pending_change(author)
        if data == profile_data(author):
            if waiting is not None:
                waiting.delete()
            return None
        if waiting is None:
            waiting = AuthorProfileChange(author=author)
        waiting.data = data
        waiting.proposed_by = user
        waiting.save()
        return waiting


def apply_profile(author: Author, data: dict) -> None:
    author.short_bio = data["short_bio"]
    author.bio = data["bio"]
    author.photo_id = data["photo"]
    author.save(update_fields=["short_bio", "bio", "photo"])
    author.links.all().delete()
    AuthorLink.objects.bulk_create(
        AuthorLink(author=author, kind=link["kind"], url=link["url"], position=n)
        for n, link in enumerate(data["links"])
    )


def approval_problems(change: AuthorProfileChange) -> list[str]:
    """Why a proposal cannot be applied as it stands; empty when it can."""
    problems = []
    if change.status != ProfileChangeStatus.PENDING:
        problems.append(_("This change has already been reviewed."))
    photo = change.data.get("photo")
    if photo is not None and not Photo.objects.filter(pk=photo).exists():
        problems.append(
            _("The proposed photo has since been deleted from the photo library.")
        )
    # Proposals made before the kind check existed are checked again here.
    for link in change.data.get("links", []):
        problem = link_problem(link.get("kind", ""), link.get("url", ""))
        if problem:
            problems.append(f"{link.get('url', '')}: {problem}")
    return problems


def approve_profile_change(
    *, change: AuthorProfileChange, reviewer, note: str = "", edits: dict | None = None
) -> None:
    """The proposal becomes the public profile, with the reviewer's `edits` (short
    and full bio) applied first; the change keeps the version that went live."""
    _review(change=change, reviewer=reviewer, note=note, approve=True, edits=edits)


def reject_profile_change(*, change: AuthorProfileChange, reviewer, note: str) -> None:
    """The public profile stays as it is; the note tells the correspondent why."""
    if not note.strip():
        raise ValidationError(_("Tell the correspondent why in a note."))
    _review(change=change, reviewer=reviewer, note=note, approve=False)


def _review(
    *,
    change: AuthorProfileChange,
    reviewer,
    note: str,
    approve: bool,
    edits: dict | None = None,
):
    if not reviewer.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied(_("You may not review author profile changes."))
    with transaction.atomic():
        change = AuthorProfileChange.objects.select_for_update().get(pk=change.pk)
        if change.status != ProfileChangeStatus.PENDING:
            raise ValidationError(_("This change has already been reviewed."))
        problems = approval_problems(change) if approve else []
        if problems:
            raise ValidationError(problems)
        if approve and edits:
            change.data = normalise({**change.data, **edits})
        if approve:
            apply_profile(Author.objects.get(pk=change.author_id), change.data)
        change.status = (
            ProfileChangeStatus.APPROVED if approve else ProfileChangeStatus.REJECTED
        )
        change.reviewed_by = reviewer
        change.reviewed_at = timezone.now()
        change.review_note = note.strip()
        change.save(
            update_fields=[
                "data",
                "status",
                "reviewed_by",
                "reviewed_at",
                "review_note",
            ]
        )


# A readable diff for the reviewing editor ------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    label: str
    diff: SafeString


def profile_diff(change: AuthorProfileChange) -> list[FieldChange]:
    """What the proposal changes against the live profile, field by field."""
    live = profile_data(change.author)
    proposed = change.data
    changes = []
    if live["short_bio"] != proposed["short_bio"]:
        changes.append(
            FieldChange(
                _("Short bio"), word_diff(live["short_bio"], proposed["short_bio"])
            )
        )
    if live["bio"] != proposed["bio"]:
        before, after = _paragraphs(live["bio"]), _paragraphs(proposed["bio"])
        diff = word_diff(before, after)
        if before.split() == after.split():
            diff = format_html("{} <em>{}</em>", diff, _("(formatting only)"))
        changes.append(FieldChange(_("Full bio"), diff))
    if live["photo"] != proposed["photo"]:
        photos = Photo.objects.in_bulk(
            [p for p in (live["photo"], proposed["photo"]) if p]
        )
        changes.append(
            FieldChange(
                _("Photo"),
                format_html(
                    "<del>{}</del> → <ins>{}</ins>",
                    _photo_label(photos.get(live["photo"])),
                    _photo_label(photos.get(proposed["photo"])),
                ),
            )
        )
    if live["links"] != proposed["links"]:
        changes.append(
            FieldChange(
                _("Links"),
                line_diff(
                    [_link_line(link) for link in live["links"]],
                    [_link_line(link) for link in proposed["links"]],
                ),
            )
        )
    return changes


def line_diff(before: list[str], after: list[str]) -> SafeString:
    rows = []
    for line in difflib.ndiff(before, after):
        marker, text = line[:2], line[2:]
        if marker == "- ":
            rows.append(format_html("<li><del>{}</del></li>", text))
        elif marker == "+ ":
            rows.append(format_html("<li><ins>{}</ins></li>", text))
        elif marker == "  ":
            rows.append(format_html("<li>{}</li>", text))
    return format_html("<ul>{}</ul>", format_html_join("", "{}", ((r,) for r in rows)))


def _paragraphs(bio: str) -> str:
    """The bio's text with a blank line between paragraphs, as the diff shows it."""
    return html_to_text(bio, lines=True).replace("\n", "\n\n")


def _photo_label(photo: Photo | None) -> str:
    return str(photo) if photo else _("(no photo)")


def _link_line(link: dict) -> str:
    kind = (
        LinkKind(link["kind"]).label
        if link["kind"] in LinkKind.values
        else link["kind"]
    )
    return f"{kind}: {link['url']}"
