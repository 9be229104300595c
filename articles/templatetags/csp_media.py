"""Admin form media under the Content-Security-Policy.

The rich-text and content editors load their modules through an inline
`<script type="importmap">`, which a policy without 'unsafe-inline' blocks. The
`with_csp_nonce` filter gives the form's media this request's nonce (django-csp then
names it in the header), so exactly those tags run and no injected script can.
"""

from django import forms, template
from js_asset import Media

register = template.Library()


@register.filter
def with_csp_nonce(media, request):
    """`{{ media|with_csp_nonce:request }}`: the media rendered with the request's nonce."""
    # django-csp's nonce is a lazy object: made (and put in the header) when read as text.
    nonce = getattr(request, "csp_nonce", None)
    if nonce is None or not isinstance(media, forms.Media):
        return media
    return Media.from_media(media, nonce=str(nonce))
