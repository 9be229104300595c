from django.utils.functional import SimpleLazyObject

from articles.site.caching import site_state
from text.times import zone_label


def newsroom(request):
    """The site chrome for every template, read (from the cache) only when a template uses it."""
    # A public page already read the site state for its cache lifetime: reuse it.
    chrome = SimpleLazyObject(
        lambda: (getattr(request, "site_state", None) or site_state()).chrome
    )
    return {
        "chrome": chrome,
        "newsroom_name": SimpleLazyObject(lambda: chrome.site_name),
        # "Asia/Tokyo (JST)": the zone every time in the admin is shown and typed in.
        "desk_time_zone": SimpleLazyObject(zone_label),
    }
