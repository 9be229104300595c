from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from media_library.access import may_change_photo
from media_library.admin_duplicates import DuplicateOfferMixin
from media_library.admin_filters import AltTextFilter, SourceFilter
from media_library.forms import PhotoAddForm, PhotoChangeForm, PhotoUploadForm
from media_library.models import Photo
from media_library.services import DuplicatePhoto, create_photo
from media_library.usage import photo_uses, viewing_as, visible_photo_uses
from text.times import ADMIN_TIME_FIELDS

# The picture on a photo's page: with the focal-point marker where it may be moved,
# plain where the page is read-only for this user.
PICKER, PICTURE = "focal_point_picker", "picture"


@admin.register(Photo)
class PhotoAdmin(DuplicateOfferMixin, admin.ModelAdmin):
    form = PhotoChangeForm
    add_form = PhotoAddForm
    formfield_overrides = ADMIN_TIME_FIELDS
    list_display = [
        "thumbnail",
        "caption_excerpt",
        "alt_text_status",
        "credit",
        "photographer",
        "source",
        "taken_at",
        "uploaded_at",
    ]
    # The caption is the link: a link holding only a picture would have no name.
    list_display_links = ["caption_excerpt"]
    list_filter = [AltTextFilter, ("source", SourceFilter), "taken_at", "uploaded_at"]
    search_fields = ["caption", "credit", "photographer", "source", "alt_text"]
    date_hierarchy = "uploaded_at"
    change_list_template = "admin/media_library/photo/change_list.html"
    add_fieldsets = [
        (
            None,
            {
                "fields": ["image"],
                "description": _(
                    "Caption, credit, photographer, rights and date embedded in the "
                    "file fill any field you leave empty."
                ),
            },
        ),
        (
            _("Description"),
            {"fields": ["caption", "credit", "alt_text", "is_decorative"]},
        ),
        (
            _("Source and rights"),
            {"fields": ["photographer", "source", "copyright_notice", "taken_at"]},
        ),
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "focal_point_picker",
                    "caption",
                    "credit",
                    "alt_text",
                    "is_decorative",
                ]
            },
        ),
        (
            _("Source and rights"),
            {
                "fields": [
                    "photographer",
                    "source",
                    "copyright_notice",
                    "taken_at",
                    "keyword_suggestions",
                ]
            },
        ),
        (
            _("Cropping"),
            {
                "fields": ["focal_x", "focal_y"],
                "description": _(
                    "Click the picture above to set the point every crop keeps in frame."
                ),
            },
        ),
        (_("Where used"), {"fields": ["where_used"]}),
        (
            _("File"),
            {
                "fields": [
                    "image",
                    "width",
                    "height",
                    "checksum",
                    "uploader",
                    "uploaded_at",
                ]
            },
        ),
    ]
    readonly_fields = [
        "image",
        PICKER,
        PICTURE,
        "keyword_suggestions",
        "where_used",
        "width",
        "height",
        "checksum",
        "uploader",
        "uploaded_at",
    ]

    class Media:
        css = {
            "all": [
                "media_library/focal_point.css",
                "media_library/duplicate_offer.css",
            ]
        }
        js = ["media_library/focal_point.js"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        if self.has_change_permission(request, obj):
            return self.fieldsets
        # Read-only: the picture without a marker to click, and no hint to click it.
        read_only = []
        for name, options in self.fieldsets:
            fields = [
                PICTURE if field == PICKER else field for field in options["fields"]
            ]
            read_only.append((name, {"fields": fields}))
        read_only[0][1]["description"] = _(
            "Only whoever uploaded this photo, or an editor, may change it."
        )
        return read_only

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_change_photo(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    # As text: a link would lead to the user admin, which the newsroom roles may not open.
    @admin.display(description=_("uploaded by"))
    def uploader(self, obj):
        return obj.uploaded_by.get_username() if obj.uploaded_by_id else None

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [
            path("upload/", upload, name="media_library_photo_upload"),
            *super().get_urls(),
        ]

    # Upload of many files ----------------------------------------------------

    def upload_view(self, request):
        """Many files at once: one photo each, then the list of them for review."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PhotoUploadForm(request.POST or None, request.FILES or None)
        created, problems = [], []
        if request.method == "POST" and form.is_valid():
            for upload in form.cleaned_data["files"]:
                try:
                    created.append(
                        create_photo(upload=upload, uploaded_by=request.user)
                    )
                except DuplicatePhoto as duplicate:
                    problems.append(self.duplicate_message(duplicate))
                except ValidationError as error:
                    problems.extend(error.messages)
            if created:
                return self.review_redirect(request, created, problems)
            for problem in problems:
                form.add_error("files", problem)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Upload photos"),
            "form": form,
            "media": form.media,
        }
        return TemplateResponse(
            request, "admin/media_library/photo/upload.html", context
        )

    def review_redirect(self, request, created, problems):
        messages.success(
            request,
            ngettext(
                "%(count)d photo uploaded: check its caption, credit and alt text.",
                "%(count)d photos uploaded: check their captions, credits and alt text.",
                len(created),
            )
            % {"count": len(created)},
        )
        undescribed = sum(photo.needs_alt_text for photo in created)
        if undescribed:
            messages.warning(
                request,
                ngettext(
                    "%(count)d has no alt text yet: describe it before it is published.",
                    "%(count)d have no alt text yet: describe them before they are published.",
                    undescribed,
                )
                % {"count": undescribed},
            )
        for problem in problems:
            messages.error(request, problem)
        ids = ",".join(str(photo.pk) for photo in created)
        return HttpResponseRedirect(f"{self.changelist_url()}?id__in={ids}")

    def duplicate_message(self, duplicate: DuplicatePhoto):
        existing = duplicate.existing
        return format_html(
            '{} <a href="{}">{}</a>',
            duplicate.messages[0],
            reverse("admin:media_library_photo_change", args=[existing.pk]),
            _("Open the existing photo."),
        )

    def changelist_url(self):
        return reverse("admin:media_library_photo_changelist")

    # Deleting only what no article uses ---------------------------------------

    def delete_view(self, request, object_id, extra_context=None):
        photo = self.get_object(request, object_id)
        # Who may not delete is refused by Django's view, before any use is named.
        may_delete = self.has_delete_permission(request, photo)
        if photo is not None and may_delete and photo_uses(photo):
            messages.error(request, self.in_use_message(request, photo))
            return HttpResponseRedirect(
                reverse("admin:media_library_photo_change", args=[photo.pk])
            )
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            # Same name and wording as Django's action, but it refuses photos in use.
            _func, name, description = actions["delete_selected"]
            actions[name] = (type(self).delete_unused_selected, name, description)
        return actions

    def delete_unused_selected(self, request, queryset):
        refused = False
        for photo in queryset:
            if photo_uses(photo):
                messages.error(request, self.in_use_message(request, photo))
                refused = True
        if refused:
            return None
        return delete_selected(self, request, queryset)

    def in_use_message(self, request, photo):
        uses, hidden = visible_photo_uses(photo, request.user)
        return format_html(
            "{} {}{}",
            _("“{}” is used and cannot be deleted: remove it from").format(photo),
            format_html_join(
                "; ",
                '<a href="{}">{}</a> ({})',
                ((use.admin_url, use.title, use.role) for use in uses),
            ),
            self.hidden_uses_note(hidden),
        )

    def hidden_uses_note(self, hidden: int) -> str:
        if not hidden:
            return ""
        return " " + ngettext(
            "(and %(count)d article you cannot open)",
            "(and %(count)d articles you cannot open)",
            hidden,
        ) % {"count": hidden}

    def changeform_view(self, request, *args, **kwargs):
        # "Where used" is drawn while the template renders, with no request at hand:
        # render inside, while the viewer is known.
        with viewing_as(request.user):
            response = super().changeform_view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    # Read-only displays ------------------------------------------------------

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        picture = obj.picture(max_width=480)
        return format_html(
            '<img src="{}" alt="" width="96" class="photo-thumbnail">', picture.src
        )

    @admin.display(description=_("picture and focal point"))
    def focal_point_picker(self, obj):
        picture = obj.picture(max_width=1200)
        return format_html(
            '<div class="focal-point-picker" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" alt="" width="{}" height="{}">'
            '<span class="focal-point-marker" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>',
            obj.focal_x,
            obj.focal_y,
            picture.src,
            picture.width or "",
            picture.height or "",
            _("Click the most important point of the picture; crops keep it in frame."),
        )

    @admin.display(description=_("picture"))
    def picture(self, obj):
        picture = obj.picture(max_width=1200)
        return format_html(
            '<img class="photo-picture" src="{}" alt="" width="{}" height="{}">',
            picture.src,
            picture.width or "",
            picture.height or "",
        )

    @admin.display(description=_("alt text"), ordering="alt_text")
    def alt_text_status(self, obj):
        if obj.is_decorative:
            return _("Decorative")
        if obj.needs_alt_text:
            return format_html(
                '<strong class="needs-alt-text">{}</strong>', _("Needs alt text")
            )
        return _("Written")

    @admin.display(description=_("keywords in the file"))
    def keyword_suggestions(self, obj):
        return ", ".join(obj.keywords) or "—"

    @admin.display(description=_("used in"))
    def where_used(self, obj):
        uses, hidden = visible_photo_uses(obj)
        if not uses and not hidden:
            return _("Not used in any article or author profile.")
        return format_html(
            "<ul>{}</ul>{}",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> — {}</li>',
                ((use.admin_url, use.title, use.role) for use in uses),
            ),
            self.hidden_uses_note(hidden),
        )

    @admin.display(description=_("caption"))
    def caption_excerpt(self, obj):
        return obj.caption[:90] or obj.image.name
