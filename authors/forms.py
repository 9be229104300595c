from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from authors.link_kinds import link_problem
from authors.models import Author, AuthorProfileChange, LinkKind
from authors.services import approval_problems


class ProfileForm(forms.ModelForm):
    """The fields a correspondent edits on their own profile; name, slug and account stay with editors."""

    class Meta:
        model = Author
        fields = ["short_bio", "bio", "photo"]
        widgets = {
            "photo": AutocompleteSelect(Author._meta.get_field("photo"), admin.site)
        }


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of link"), choices=LinkKind.choices)
    url = forms.URLField(
        label=_("Address"),
        required=False,
        assume_scheme="https",
        # The admin's URL box is wide enough to show a whole profile address.
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )

    def clean(self):
        cleaned = super().clean()
        problem = link_problem(cleaned.get("kind", ""), cleaned.get("url") or "")
        if problem:
            self.add_error("url", problem)
        return cleaned


LinkFormSet = forms.formset_factory(LinkForm, extra=2, max_num=12, validate_max=True)


def proposal_from(form: ProfileForm, links: forms.BaseFormSet) -> dict:
    photo = form.cleaned_data["photo"]
    return {
        "short_bio": form.cleaned_data["short_bio"],
        "bio": form.cleaned_data["bio"],
        "photo": photo.pk if photo else None,
        "links": [
            {"kind": link["kind"], "url": link["url"]}
            for link in links.cleaned_data
            if link.get("url")
        ],
    }


# What the reviewing editor may correct in a proposal before approving it.
EDITABLE_IN_REVIEW = ["short_bio", "bio"]


class ReviewForm(forms.ModelForm):
    """An editor's decision: the pressed button says which, the note says why.

    The proposed bios come prefilled and may be corrected first; what is approved is
    what the boxes hold. A POST without them approves the proposal as it stands.
    """

    short_bio = Author._meta.get_field("short_bio").formfield(
        label=_("Short bio, as it will be published"),
        required=False,
        help_text=_("The correspondent's proposal; correct it here before approving."),
    )
    bio = Author._meta.get_field("bio").formfield(
        label=_("Full bio, as it will be published"),
        required=False,
        help_text=_("The correspondent's proposal; correct it here before approving."),
    )

    class Meta:
        model = AuthorProfileChange
        fields = ["review_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        proposal = self.instance.data if self.instance.pk else {}
        for name in EDITABLE_IN_REVIEW:
            if name in self.fields:
                self.fields[name].initial = proposal.get(name, "")

    @property
    def edits(self) -> dict:
        """The editor's version of the editable fields that were sent."""
        return {
            name: self.cleaned_data[name]
            for name in EDITABLE_IN_REVIEW
            if name in self.fields and name in self.data
        }

    @property
    def decision(self) -> str | None:
        if "_approve" in self.data:
            return "approve"
        if "_reject" in self.data:
            return "reject"
        return None

    def clean(self):
        cleaned = super().clean()
        if self.decision is None:
            raise forms.ValidationError(_("Choose “Approve” or “Reject”."))
        if self.decision == "reject" and not cleaned.get("review_note", "").strip():
            self.add_error("review_note", _("Tell the correspondent why in a note."))
        if self.decision == "approve":
            for problem in approval_problems(self.instance):
                self.add_error(None, problem)
        return cleaned
