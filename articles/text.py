"""Plain text out of the sanitised body HTML, for comparisons and summaries."""

import html
import re

# Block-level ends become line breaks so that paragraphs stay apart.
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Readable text from body HTML: one line per paragraph, heading or list item."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", markup or ""))
    lines = (" ".join(line.split()) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)
