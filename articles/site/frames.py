"""The page around a public page's own part: rendered once per chrome, filled per request.

Every public page extends `base.html`: masthead, section menu, footer, feed links. That
chrome is the same on every page until the chrome itself changes, yet drawing it through
the template engine was the largest part of rendering a list page (the menu lists every
section, twice). So the chrome is drawn once as a *frame*: a template that extends
`base.html` with markers where the page's own blocks go, rendered per version of the
chrome, per section marked as current and per year of the copyright line, kept in the
worker's memory, and filled by joining strings.

- A stored article page (articles.site.stored_pages) fills `ARTICLE_FRAME` with its
  stored parts: no template is rendered at all.
- Every other public page renders only its own blocks (`title`, `meta`, `content`) with
  `render_page`, and fills `PAGE_FRAME` with them.

A frame is keyed by the chrome's version (a digest of its snapshot), so a change to the
chrome reaches every page as soon as the worker sees the new snapshot; nothing needs
forgetting. A chrome without a version (one pickled before versions existed) is rendered
around the page each time instead.
"""

from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import render
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.template.loader_tags import (
    BLOCK_CONTEXT_KEY,
    BlockContext,
    BlockNode,
    ExtendsNode,
)
from django.utils import timezone, translation
from django.utils.html import conditional_escape

BASE_TEMPLATE = "base.html"
# One frame per template, chrome version and current section; a worker sees one chrome
# version at a time, so this only bounds what a run of chrome edits leaves behind.
MAX_FRAMES = 256
_frames: dict[tuple, "Frame"] = {}

# The test client learns a page's template and context from a signal that the test
# environment sends when a whole template renders. A framed page renders only blocks of
# its template, so the test suite sets this to send that signal (tests/conftest.py).
announce_render = None


@dataclass(frozen=True)
class FrameTemplate:
    """A template extending base.html that draws each slot exactly once as `slot.<name>`
    (ARTICLE_FRAME calls it `page.<name>`)."""

    name: str
    slots: tuple[str, ...]


ARTICLE_FRAME = FrameTemplate(
    "articles/article_stored.html", ("title", "head_html", "main_html")
)
PAGE_FRAME = FrameTemplate("page_frame.html", ("title", "meta", "content"))


def _marker(slot: str) -> str:
    # NUL never occurs in rendered templates and is left alone by HTML escaping.
    return f"\x00{slot}\x00"


@dataclass(frozen=True)
class Frame:
    # The literal text before, between and after the slots, in the template's order.
    pieces: tuple[str, ...]

    def join(self, *parts: str) -> str:
        """The whole page, with `parts` (one per slot, in order) in their places."""
        page = [self.pieces[0]]
        for part, after in zip(parts, self.pieces[1:], strict=True):
            page += (part, after)
        return "".join(page)

    def fill(self, *, title: str, head_html: str, main_html: str) -> str:
        """A stored article page: the title escaped as the template would, the HTML as
        stored."""
        return self.join(conditional_escape(title), head_html, main_html)


def render_frame(template: FrameTemplate, chrome, nav_section: str) -> Frame:
    markers = {slot: _marker(slot) for slot in template.slots}
    html = render_to_string(
        template.name,
        {
            "page": markers,
            "slot": markers,
            "chrome": chrome,
            "current_section_slug": nav_section,
        },
    )
    pieces = []
    for slot in template.slots:
        before, found, html = html.partition(_marker(slot))
        if not found:
            raise ValueError(f"{template.name} must draw {slot} exactly once")
        pieces.append(before)
    pieces.append(html)
    if any("\x00" in piece for piece in pieces):
        raise ValueError(f"{template.name} must draw each of {template.slots} once")
    return Frame(tuple(pieces))


def frame_for(chrome, nav_section: str, template: FrameTemplate = ARTICLE_FRAME):
    """The frame for this chrome and current section, rendered on first use."""
    if not chrome.version:
        return render_frame(template, chrome, nav_section)
    key = (
        template.name,
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
        frame = _frames[key] = render_frame(template, chrome, nav_section)
    return frame


def _own_blocks(template) -> dict[str, BlockNode] | None:
    """The blocks of a template that extends base.html and overrides only the blocks
    PAGE_FRAME leaves open; None for any other template."""
    extends = template.nodelist.get_nodes_by_type(ExtendsNode)
    if len(extends) != 1 or extends[0].parent_name.var != BASE_TEMPLATE:
        return None
    blocks = extends[0].blocks
    if not set(blocks) <= set(PAGE_FRAME.slots):
        return None
    return blocks


def render_page(request, template_name: str, context: dict) -> HttpResponse:
    """What django.shortcuts.render draws for a page extending base.html, with the
    chrome taken from its frame: only the page's own blocks go through the engine."""
    template = get_template(template_name).template
    blocks = _own_blocks(template)
    if blocks is None:
        return render(request, template_name, context)
    base_blocks = get_template(BASE_TEMPLATE).template.nodelist.get_nodes_by_type(
        BlockNode
    )
    render_context = make_context(context, request)
    with render_context.bind_template(template):
        # As {% extends %} sets it up, so that {{ block.super }} draws base.html's block.
        block_context = BlockContext()
        block_context.add_blocks(blocks)
        block_context.add_blocks({node.name: node for node in base_blocks})
        render_context.render_context[BLOCK_CONTEXT_KEY] = block_context
        parts = [
            BlockNode(slot, nodelist=[]).render(render_context)
            for slot in PAGE_FRAME.slots
        ]
        chrome = render_context["chrome"]
        nav_section = render_context.get("current_section_slug") or ""
        if announce_render is not None:
            announce_render(template, render_context)
    frame = frame_for(chrome, nav_section, PAGE_FRAME)
    return HttpResponse(frame.join(*parts))


@receiver(setting_changed)
def forget_frames(**kwargs) -> None:
    """Drop every frame: a setting changed under a running process (as tests do), and
    static addresses, templates or the language may draw the frame differently."""
    _frames.clear()
