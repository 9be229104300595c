"""The page around a stored article: rendered once per chrome, filled on each request.

A published article's story part is stored as HTML (articles.site.stored_pages); what a
cache miss still had to draw was the site chrome around it, through the template engine,
on every request. The chrome is the same for every story of a section until the chrome
itself changes, so the frame (`articles/article_stored.html` with the page's title,
head tags and main column left open) is rendered once per version of the chrome, per
section marked as current and per year of the copyright line, kept in the worker's
memory, and filled by joining strings.

A frame is keyed by the chrome's version (a digest of its snapshot), so a change to
the chrome reaches every page as soon as the worker sees the new snapshot; nothing
needs forgetting. A chrome without a version (one pickled before versions existed) is
rendered around the page each time instead.
"""

from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import conditional_escape

from sections.chrome import Chrome

TEMPLATE = "articles/article_stored.html"
SLOTS = ("title", "head_html", "main_html")
# One frame per chrome version and current section; a worker sees one version at a
# time, so this only bounds what a run of chrome edits leaves behind.
MAX_FRAMES = 256
_frames: dict[tuple, "Frame"] = {}


def _marker(slot: str) -> str:
    # NUL never occurs in rendered templates and is left alone by HTML escaping.
    return f"\x00{slot}\x00"


@dataclass(frozen=True)
class SlotText:
    """A stand-in for the stored page while the frame renders: each field is a marker."""

    title: str = _marker("title")
    head_html: str = _marker("head_html")
    main_html: str = _marker("main_html")


@dataclass(frozen=True)
class Frame:
    # The literal text before, between and after the slots, in SLOTS order.
    pieces: tuple[str, ...]

    def fill(self, *, title: str, head_html: str, main_html: str) -> str:
        """The whole page: the title escaped as the template would, the HTML as stored."""
        before, after_title, after_head, after_main = self.pieces
        return "".join(
            (
                before,
                conditional_escape(title),
                after_title,
                head_html,
                after_head,
                main_html,
                after_main,
            )
        )


def render_frame(chrome: Chrome, nav_section: str) -> Frame:
    html = render_to_string(
        TEMPLATE,
        {"page": SlotText(), "chrome": chrome, "current_section_slug": nav_section},
    )
    pieces = []
    for slot in SLOTS:
        before, found, html = html.partition(_marker(slot))
        if not found:
            raise ValueError(f"{TEMPLATE} must draw page.{slot} exactly once")
        pieces.append(before)
    pieces.append(html)
    if any("\x00" in piece for piece in pieces):
        raise ValueError(f"{TEMPLATE} must draw each of page.{SLOTS} exactly once")
    return Frame(tuple(pieces))


def frame_for(chrome: Chrome, nav_section: str) -> Frame:
    """The frame for this chrome and current section, rendered on first use."""
    if not chrome.version:
        return render_frame(chrome, nav_section)
    key = (
        chrome.version,
        nav_section,
        # The footer's copyright year, and the language the page is drawn in.
        timezone.localdate().year,
        translation.get_language(),
    )
    frame = _frames.get(key)
    if frame is None:
        if len(_frames) >= MAX_FRAMES:
            _frames.clear()
        frame = _frames[key] = render_frame(chrome, nav_section)
    return frame


@receiver(setting_changed)
def forget_frames(**kwargs) -> None:
    """Drop every frame: a setting changed under a running process (as tests do), and
    static addresses, templates or the language may draw the frame differently."""
    _frames.clear()
