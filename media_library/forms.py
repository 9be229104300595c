from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from media_library.models import Photo
from media_library.services import DuplicatePhoto, prepare_upload
from text.times import DeskTimeField, DeskTimeInput

ALT_TEXT_REQUIRED = _(
    "Describe what the picture shows, or tick “decorative” if it adds nothing a "
    "reader needs."
)


def require_alt_text(form: forms.ModelForm, cleaned: dict) -> None:
    """Whoever fills in this form describes the picture; only bulk uploads may leave
    it for later, flagged as needing alt text."""
    if not cleaned.get("is_decorative") and not (cleaned.get("alt_text") or "").strip():
        form.add_error("alt_text", ALT_TEXT_REQUIRED)


class PhotoAddForm(forms.ModelForm):
    """One photo: the file is validated, and empty fields are filled from its metadata."""

    # A plain file field: the upload service, not Django's generic image check,
    # says what is wrong with a refused file.
    image = forms.FileField(label=_("image"), allow_empty_file=True)

    # The photo already in the library when the file is a duplicate, offered instead.
    duplicate = None

    class Meta:
        model = Photo
        fields = [
            "image",
            "caption",
            "credit",
            "alt_text",
            "is_decorative",
            "photographer",
            "source",
            "copyright_notice",
            "taken_at",
        ]
        widgets = {"taken_at": DeskTimeInput}
        field_classes = {"taken_at": DeskTimeField}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("image")
        if not upload or "image" in self.errors:
            return cleaned
        try:
            prepared = prepare_upload(upload, cleaned)
        except DuplicatePhoto as error:
            self.duplicate = error.existing
            self.add_error("image", error)
            return cleaned
        except ValidationError as error:
            self.add_error("image", error)
            return cleaned
        cleaned.update(prepared.values)
        require_alt_text(self, cleaned)
        cleaned["image"] = prepared.file
        self.instance.checksum = prepared.checksum
        self.instance.keywords = prepared.values.get("keywords", [])
        return cleaned


class PhotoChangeForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = [
            "caption",
            "credit",
            "alt_text",
            "is_decorative",
            "photographer",
            "source",
            "copyright_notice",
            "taken_at",
            "focal_x",
            "focal_y",
        ]
        widgets = {
            # One labelled box in the desk's style, the zone beside it (text.times).
            "taken_at": DeskTimeInput,
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
        }
        field_classes = {"taken_at": DeskTimeField}

    def clean(self):
        cleaned = super().clean()
        require_alt_text(self, cleaned)
        for name in ("focal_x", "focal_y"):
            value = cleaned.get(name)
            if value is not None and not 0 <= value <= 1:
                self.add_error(name, _("Use a value from 0 to 1."))
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Accepts one or many files; each is checked later, one by one, by the upload service."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class PhotoUploadForm(forms.Form):
    files = MultipleImageField(
        label=_("Photos"),
        help_text=_(
            "Choose one or many JPEG, PNG, WebP or AVIF files. Captions, credits, "
            "rights and alt text embedded in them are filled in for you; a photo "
            "without alt text is flagged until someone describes it."
        ),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/avif"}
        ),
    )
