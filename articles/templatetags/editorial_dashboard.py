"""`{% editorial_dashboard as dashboard %}` on the admin index; the queries live in
`articles.dashboard`."""

from django import template

from articles.dashboard import Dashboard, build_dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_dashboard(context) -> Dashboard | None:
    return build_dashboard(context["request"].user)
