from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from authors import services
from authors.forms import (
    EDITABLE_IN_REVIEW,
    LinkFormSet,
    ProfileForm,
    ReviewForm,
    proposal_from,
)
from authors.models import Author, AuthorLink, AuthorProfileChange, ProfileChangeStatus

User = get_user_model()


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    # Editors paste addresses without a scheme; assume the secure one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    fields = ["kind", "url", "position"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "job_title", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    # The account is a plain list of staff accounts: an autocomplete would need the
    # permission to view users, which the Editor role does not have.
    autocomplete_fields = ["photo"]
    inlines = [AuthorLinkInline]
    readonly_fields = [
        "waiting_change",
        "waiting_change_status",
        "bio_as_shown",
        "account",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "job_title",
                    "short_bio",
                    "bio",
                    "photo",
                    "waiting_change",
                ]
            },
        ),
        ("Account and address", {"fields": ["slug", "user", "is_active"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        # Who only views an author (a correspondent) gets the bio as formatted text
        # rather than its HTML, and no link to a review page they may not open.
        swaps = {}
        if obj is not None and not self.has_change_permission(request, obj):
            swaps["bio"] = "bio_as_shown"
            if not request.user.has_perm("auth.view_user"):
                swaps["user"] = "account"
        if not request.user.has_perm(services.APPROVE_PERMISSION):
            swaps["waiting_change"] = "waiting_change_status"
        return [
            (name, {**options, "fields": [swaps.get(f, f) for f in options["fields"]]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("user account"))
    def account(self, obj):
        return obj.user.get_username() if obj.user_id else None

    @admin.display(description=_("full bio"))
    def bio_as_shown(self, obj):
        # Sanitised with nh3 on every save (Author.save), as on the public page.
        return mark_safe(obj.bio)

    @admin.display(description=_("change waiting for approval"))
    def waiting_change_status(self, obj):
        if not obj.pk or services.pending_change(obj) is None:
            return _("None: the page shows this profile.")
        return _("Proposed changes wait for an editor's approval.")

    @admin.display(description=_("change waiting for approval"))
    def waiting_change(self, obj):
        waiting = services.pending_change(obj) if obj.pk else None
        if waiting is None:
            return _("None: the page shows this profile.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:authors_authorprofilechange_change", args=[waiting.pk]),
            _("The correspondent proposed changes; review them."),
        )

    def get_urls(self):
        return [
            path(
                "mine/",
                self.admin_site.admin_view(self.my_profile_view),
                name="authors_author_mine",
            ),
            *super().get_urls(),
        ]

    def my_profile_view(self, request):
        """The signed-in user's own profile: edits wait for an editor unless they are one."""
        author = (
            Author.objects.filter(user=request.user).prefetch_related("links").first()
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("My author profile"),
            "opts": self.opts,
            "author": author,
        }
        if author is None:
            return TemplateResponse(
                request, "admin/authors/author/my_profile.html", context, status=404
            )
        waiting = services.pending_change(author)
        current = waiting.data if waiting else services.profile_data(author)
        if request.method == "POST":
            form = ProfileForm(request.POST)
            links = LinkFormSet(request.POST, prefix="links")
            if form.is_valid() and links.is_valid():
                proposal = services.submit_profile(
                    author=author, user=request.user, data=proposal_from(form, links)
                )
                if proposal is not None:
                    message = _(
                        "Your changes wait for an editor's approval. Until then your "
                        "public page shows the approved profile."
                    )
                elif request.user.has_perm(services.APPROVE_PERMISSION):
                    message = _("Your profile is updated and live.")
                else:
                    message = _("Your profile matches the approved one; nothing waits.")
                self.message_user(request, message, messages.SUCCESS)
                return redirect("admin:authors_author_mine")
        else:
            form = ProfileForm(
                initial={key: current[key] for key in ("short_bio", "bio", "photo")}
            )
            links = LinkFormSet(initial=current["links"], prefix="links")
        latest_review = (
            author.profile_changes.exclude(status=ProfileChangeStatus.PENDING)
            .select_related("reviewed_by")
            .first()
        )
        context.update(
            form=form,
            links=links,
            media=self.media + form.media + links.media,
            waiting=waiting,
            latest_review=latest_review,
        )
        return TemplateResponse(
            request, "admin/authors/author/my_profile.html", context
        )


@admin.register(AuthorProfileChange)
class AuthorProfileChangeAdmin(admin.ModelAdmin):
    form = ReviewForm
    list_display = ["author", "status", "proposed_by", "proposed_at", "reviewed_by"]
    list_filter = ["status"]
    list_select_related = ["author", "proposed_by", "reviewed_by"]
    search_fields = ["author__name"]
    fields = [
        "author",
        "proposer",
        "proposed_at",
        "status",
        "changes",
        "short_bio",
        "bio",
        "review_note",
        "reviewer",
        "reviewed_at",
    ]
    readonly_fields = [
        "author",
        "proposer",
        "proposed_at",
        "status",
        "changes",
        "reviewer",
        "reviewed_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        # The bios are boxes to correct before approving; read-only, the diff says it all.
        if self.has_change_permission(request, obj):
            return self.fields
        return [name for name in self.fields if name not in EDITABLE_IN_REVIEW]

    def has_change_permission(self, request, obj=None):
        if not request.user.has_perm(services.APPROVE_PERMISSION):
            return False
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.status == ProfileChangeStatus.PENDING

    # Accounts as text: a link would lead to the user admin, which editors may not open.
    @admin.display(description=_("proposed by"))
    def proposer(self, obj):
        return obj.proposed_by.get_username() if obj.proposed_by_id else None

    @admin.display(description=_("reviewed by"))
    def reviewer(self, obj):
        return obj.reviewed_by.get_username() if obj.reviewed_by_id else None

    @admin.display(description=_("what changes"))
    def changes(self, obj):
        diff = services.profile_diff(obj)
        if not diff:
            return _("Nothing differs from the live profile any more.")
        return format_html(
            '<dl class="profile-diff">{}</dl>',
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((change.label, change.diff) for change in diff),
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # "Review profile change", not the generated "Change author profile change".
        title = (
            _("Review profile change")
            if self.has_change_permission(request, self.get_object(request, object_id))
            else _("Profile change")
        )
        extra_context = {**(extra_context or {}), "title": title}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("review_note", "")
        if form.decision == "approve":
            services.approve_profile_change(
                change=obj, reviewer=request.user, note=note, edits=form.edits
            )
        elif form.decision == "reject":
            services.reject_profile_change(change=obj, reviewer=request.user, note=note)
        else:
            raise PermissionDenied

    def response_change(self, request, obj):
        obj.refresh_from_db()
        if obj.status == ProfileChangeStatus.APPROVED:
            message = _("Approved: %(author)s's public page shows the new profile.")
        else:
            message = _(
                "Rejected: %(author)s's profile stays as it was; they see your note."
            )
        self.message_user(request, message % {"author": obj.author}, messages.SUCCESS)
        return redirect("admin:authors_authorprofilechange_changelist")
