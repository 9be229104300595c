"""django-taggit under the name the desk uses: its admin index heading reads "Tags", not "Taggit"."""

from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TagsAppConfig(TaggitAppConfig):
    verbose_name = _("Tags")
