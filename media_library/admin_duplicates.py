"""A duplicate upload on the photo form offers the photo already in the library.

In the pop-up that the article form opens to add a photo, one click chooses that photo
in the article form, as if it had just been uploaded.
"""

import json

from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class DuplicateOfferMixin:
    """For the photo admin: the offer on the add form, and the view that chooses."""

    def get_urls(self):
        use = self.admin_site.admin_view(self.use_view)
        return [
            path("<path:object_id>/use/", use, name="media_library_photo_use"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, **kwargs):
        existing = getattr(context["adminform"].form, "duplicate", None)
        if add and existing is not None:
            query = {IS_POPUP_VAR: 1, TO_FIELD_VAR: context.get("to_field") or "id"}
            context["duplicate"] = existing
            context["duplicate_picture"] = existing.picture(max_width=480)
            context["use_duplicate_url"] = (
                reverse("admin:media_library_photo_use", args=[existing.pk])
                + "?"
                + urlencode(query)
            )
        return super().render_change_form(request, context, add=add, **kwargs)

    def use_view(self, request, object_id):
        """Choose this photo in the form that opened the pop-up, as if just uploaded.

        Outside a pop-up there is no form to fill: the photo's own page opens.
        """
        photo = self.get_object(request, unquote(object_id))
        if photo is None or not self.has_view_or_change_permission(request, photo):
            raise Http404(_("No such photo."))
        if IS_POPUP_VAR not in request.GET:
            return HttpResponseRedirect(
                reverse("admin:media_library_photo_change", args=[photo.pk])
            )
        to_field = request.GET.get(TO_FIELD_VAR, "id")
        if not self.to_field_allowed(request, to_field):
            raise Http404(_("That field cannot be chosen."))
        data = {"value": str(photo.serializable_value(to_field)), "obj": str(photo)}
        return TemplateResponse(
            request,
            "admin/popup_response.html",
            {"popup_response_data": json.dumps(data)},
        )
