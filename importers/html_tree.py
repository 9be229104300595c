"""A small element tree for post bodies, built with the standard library's HTML parser.

WordPress bodies are fragments, often not well-formed (classic posts rely on wpautop
to add paragraphs), so a forgiving parser is needed rather than an XML one. Scripts,
styles and the like are dropped here with their content, before anything else sees them.
"""

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# Dropped with everything inside them: nothing of theirs belongs in an article body.
DROPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "object",
        "form",
        "button",
        "select",
        "textarea",
    }
)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str

    def elements(self) -> list["Node"]:
        return [child for child in self.children if isinstance(child, Node)]

    def find(self, tag: str) -> "Node | None":
        """The first descendant element named `tag`."""
        for child in self.elements():
            if child.tag == tag:
                return child
            found = child.find(tag)
            if found is not None:
                return found
        return None

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.dropping += 1
            return
        if self.dropping:
            return
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        if tag in DROPPED or self.dropping:
            return
        self.stack[-1].children.append(Node(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag):
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag in VOID:
            return
        # Close up to the matching element; a stray end tag is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.dropping:
            self.stack[-1].children.append(data)


def parse_fragment(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def to_html(node) -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in node.attrs.items())
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{inner_html(node)}</{node.tag}>"


def inner_html(node: Node) -> str:
    return "".join(to_html(child) for child in node.children)


def text_of(node) -> str:
    """The text a reader sees, whitespace collapsed; <br> counts as a space."""
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return " "
    return " ".join("".join(text_of(child) for child in node.children).split())
