"""Admin forms of the site chrome."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _

from media_library.validation import validate_photo_file
from sections.models import Partner


class PartnerForm(forms.ModelForm):
    """A partner's logo passes the same checks as every photo upload: format, size,
    pixel count, no markup; bytes after the picture's end are not stored."""

    # Editors paste addresses without a scheme; assume the secure one.
    url = forms.URLField(label=_("address"), max_length=200, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ["name", "url", "logo", "position"]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Only a new upload is checked; an unchanged logo was checked when it came in.
        if not isinstance(logo, UploadedFile):
            return logo
        checked = validate_photo_file(logo)
        return SimpleUploadedFile(logo.name, checked.content, logo.content_type)
