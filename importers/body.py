"""A WordPress post body turned into our ordered blocks.

Classic posts (paragraphs by blank lines, `[caption]` shortcodes) and block-editor posts
(Gutenberg's comment-delimited blocks, which are plain HTML once the comments are
ignored) go through the same path: paragraphs, headings and lists become rich text;
images with their captions become photo blocks; block quotes become pull quotes; an
embed from an allowed provider (`articles.embeds`) becomes an embed block, any other
embed a link to what it embedded; anything else is kept as rich text, which the
rich-text block's own sanitiser cleans when it is stored.
"""

import re
from dataclasses import dataclass
from html import escape

from articles.embeds import embed_or_none
from importers.html_tree import Node, inner_html, parse_fragment, text_of, to_html

INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
        "time", "u", "var",
    }
)  # fmt: skip
# Containers whose children are blocks in their own right (Gutenberg groups, columns).
CONTAINERS = frozenset(
    {"div", "section", "article", "main", "aside", "header", "footer"}
)
HEADING_LEVEL = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}

CAPTION_SHORTCODE = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
IMAGE_THEN_TEXT = re.compile(
    r"\A\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)\Z", re.S | re.I
)
SHORTCODE_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
GALLERY_SHORTCODE = re.compile(r"\[gallery\b([^\]]*)\]", re.I)
EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
OTHER_SHORTCODE = re.compile(r"\[/?[a-z][\w-]*(?:\s[^\]]*)?\]", re.I)
WP_IMAGE_CLASS = re.compile(r"\Awp-image-(\d+)\Z")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
URL = re.compile(r"https?://\S+")
# A credit written at the end of a caption: "(Photo: Jane Roe/Reuters)", "Credit: AP", "©Kyodo".
TRAILING_CREDIT = re.compile(
    r"\s*(?:\((?:photo|image|picture|credit)s?\s*:\s*([^)]+)\)|"
    r"(?:photo|image|picture|credit)s?\s*:\s*([^.()]+)|(©\s*[^.()]+))\s*\Z",
    re.I,
)


@dataclass
class RichText:
    html: str


@dataclass
class PhotoRef:
    attachment_id: str  # WordPress post id of the attachment, "" when unknown
    src: str  # the file's address as used in the post
    caption: str = ""
    credit: str = ""


@dataclass
class PullQuote:
    text: str
    attribution: str = ""


@dataclass
class EmbedRef:
    url: str  # a public address an allowed provider's player can show


Block = RichText | PhotoRef | PullQuote | EmbedRef


def split_credit(caption: str) -> tuple[str, str]:
    """A caption and the credit written at its end, if there is one."""
    match = TRAILING_CREDIT.search(caption)
    if not match:
        return caption, ""
    credit = next(group for group in match.groups() if group)
    return caption[: match.start()].strip(), credit.strip()


def expand_shortcodes(content: str) -> str:
    """Shortcodes into the HTML that WordPress would have made of them."""

    def caption(match) -> str:
        attrs = dict(SHORTCODE_ATTR.findall(match.group(1)))
        inner = IMAGE_THEN_TEXT.match(match.group(2))
        image, text = (
            (inner.group(1), inner.group(2)) if inner else ("", match.group(2))
        )
        text = text.strip() or attrs.get("caption", "")
        number = attrs.get("id", "").removeprefix("attachment_")
        return (
            f'\n\n<figure data-attachment="{number}">{image}'
            f"<figcaption>{text}</figcaption></figure>\n\n"
        )

    def gallery(match) -> str:
        attrs = dict(SHORTCODE_ATTR.findall(match.group(1)))
        numbers = [n.strip() for n in attrs.get("ids", "").split(",") if n.strip()]
        return "".join(
            f'\n\n<figure data-attachment="{n}"></figure>\n\n' for n in numbers
        )

    content = CAPTION_SHORTCODE.sub(caption, content)
    content = GALLERY_SHORTCODE.sub(gallery, content)
    content = EMBED_SHORTCODE.sub(
        lambda m: f'\n\n<iframe src="{escape(m.group(1).strip())}"></iframe>\n\n',
        content,
    )
    # Other shortcodes belong to plugins this site does not have: drop the brackets only.
    return OTHER_SHORTCODE.sub("", content)


def convert_body(content: str) -> list[Block]:
    """The blocks of one post body, in reading order, neighbouring rich text merged."""
    blocks: list[Block] = []
    convert_children(parse_fragment(expand_shortcodes(content)), blocks)
    merged: list[Block] = []
    for block in blocks:
        if isinstance(block, RichText) and merged and isinstance(merged[-1], RichText):
            merged[-1] = RichText(merged[-1].html + block.html)
        else:
            merged.append(block)
    return merged


def convert_children(parent: Node, blocks: list[Block]) -> None:
    run: list = []  # text and inline elements, made into paragraphs at the next block
    for child in parent.children:
        if isinstance(child, str) or (child.tag in INLINE and not lone_image(child)):
            run.append(child)
            continue
        paragraphs_from(run, blocks)
        run = []
        convert_element(child, blocks)
    paragraphs_from(run, blocks)


def paragraphs_from(run: list, blocks: list[Block]) -> None:
    """What wpautop does: a blank line starts a paragraph, a single newline breaks a line."""
    markup = "".join(to_html(node) for node in run)
    for chunk in PARAGRAPH_BREAK.split(markup):
        chunk = chunk.strip()
        if chunk:
            blocks.append(RichText(f"<p>{chunk.replace(chr(10), '<br>')}</p>"))


def lone_image(node: Node) -> Node | None:
    """The <img> when `node` is an image or a link around just an image."""
    if node.tag == "img":
        return node
    if node.tag == "a":
        elements = node.elements()
        only_space = all(isinstance(c, Node) or not c.strip() for c in node.children)
        if len(elements) == 1 and elements[0].tag == "img" and only_space:
            return elements[0]
    return None


def image_in_paragraph(node: Node) -> Node | None:
    elements = node.elements()
    only_space = all(isinstance(c, Node) or not c.strip() for c in node.children)
    if len(elements) == 1 and only_space:
        return lone_image(elements[0])
    return None


def photo_ref(image: Node | None, figure: Node | None = None) -> PhotoRef:
    number = figure.attrs.get("data-attachment", "") if figure else ""
    for name in image.classes() if image else []:
        match = WP_IMAGE_CLASS.match(name)
        if match and not number:
            number = match.group(1)
    caption_node = figure.find("figcaption") if figure else None
    caption, credit = split_credit(text_of(caption_node) if caption_node else "")
    src = image.attrs.get("src", "") if image else ""
    return PhotoRef(attachment_id=number, src=src, caption=caption, credit=credit)


def convert_element(node: Node, blocks: list[Block]) -> None:
    tag = node.tag
    if tag in ("img", "a"):
        blocks.append(photo_ref(lone_image(node)))
    elif tag == "p":
        image = image_in_paragraph(node)
        if image is not None:
            blocks.append(photo_ref(image))
        elif text_of(node):
            blocks.append(RichText(f"<p>{inner_html(node).strip()}</p>"))
    elif tag in HEADING_LEVEL:
        level = HEADING_LEVEL[tag]
        if text_of(node):
            blocks.append(RichText(f"<{level}>{inner_html(node).strip()}</{level}>"))
    elif tag == "figure":
        convert_figure(node, blocks)
    elif tag == "blockquote":
        convert_quote(node, blocks)
    elif tag == "iframe":
        embed_or_link(node.attrs.get("src", ""), blocks)
    elif tag in CONTAINERS:
        convert_children(node, blocks)
    elif tag in ("ul", "ol"):
        blocks.append(RichText(to_html(node)))
    elif text_of(node):
        # Tables, preformatted text and the rest: their text survives, the sanitiser
        # decides which of their tags may stay.
        blocks.append(RichText(f"<p>{inner_html(node).strip()}</p>"))


def convert_figure(node: Node, blocks: list[Block]) -> None:
    image = node.find("img")
    if image is not None or node.attrs.get("data-attachment"):
        blocks.append(photo_ref(image, node))
        return
    if any(name.startswith("wp-block-embed") for name in node.classes()):
        found = URL.search(text_of(node))
        embed_or_link(found.group(0) if found else "", blocks)
        return
    convert_children(node, blocks)


def convert_quote(node: Node, blocks: list[Block]) -> None:
    cite = node.find("cite")
    attribution = text_of(cite) if cite else ""
    paragraphs = [text_of(child) for child in node.elements() if child.tag == "p"]
    if not paragraphs:
        paragraphs = [
            text_of(c)
            for c in node.children
            if not isinstance(c, Node) or c.tag != "cite"
        ]
    text = "\n\n".join(p for p in paragraphs if p.strip())
    if text:
        blocks.append(PullQuote(text=text, attribution=attribution.lstrip("—– -")))


def embed_or_link(url: str, blocks: list[Block]) -> None:
    """An embed block when an allowed provider shows `url`, a link to it otherwise."""
    if embed_or_none(url) is not None:
        blocks.append(EmbedRef(url=url))
    else:
        link_to(url, blocks)


def link_to(url: str, blocks: list[Block]) -> None:
    if url.startswith(("http://", "https://")):
        href = to_html(Node("a", {"href": url}, [url]))
        blocks.append(RichText(f"<p>{href}</p>"))
