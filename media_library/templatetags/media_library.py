from django import template

from media_library.renditions import Picture

register = template.Library()

# Column widths of the public layout, for the browser to pick a rendition before CSS loads.
DEFAULT_SIZES = "(min-width: 48rem) 45rem, 100vw"
CARD_SIZES = "(min-width: 48rem) 15rem, 100vw"


@register.simple_tag
def photo_picture(photo, crop: str = "", max_width=None) -> Picture:
    """What <picture> needs for a photo, read from its stored renditions (no file access)."""
    return photo.picture(
        crop=crop or "", max_width=int(max_width) if max_width else None
    )


@register.simple_tag
def photo_sizes(sizes: str = "", variant: str = "") -> str:
    if sizes:
        return sizes
    return CARD_SIZES if variant == "card" else DEFAULT_SIZES
