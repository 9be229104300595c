"""Corrections, clarifications and updates as an inline of the article admin."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import ArticleStatus, Correction
from text.times import ADMIN_TIME_FIELDS


class CorrectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        adding = any(
            form.has_changed() and not form.cleaned_data.get("DELETE", False)
            for form in self.forms
            if hasattr(form, "cleaned_data")
        )
        if adding and self.instance.status != ArticleStatus.PUBLISHED:
            raise ValidationError(
                _("Corrections and updates are added to published articles only.")
            )


class CorrectionInline(admin.TabularInline):
    model = Correction
    formset = CorrectionFormSet
    extra = 0
    fields = ["kind", "text", "published_at"]
    formfield_overrides = ADMIN_TIME_FIELDS
    verbose_name = gettext_lazy("correction, clarification or update")
    verbose_name_plural = gettext_lazy("corrections, clarifications and updates")
