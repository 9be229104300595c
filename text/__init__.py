"""Plain text out of our sanitised HTML, and the word diff editors read.

Used by every app (search text, history comparisons, bio review), so it sits below them
all and imports none of them.
"""

import difflib
import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Where a block ends (paragraph, heading, list item, quote, line break) the text breaks.
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)\s*>|<br\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# Control characters and private-use code points have no business in readable text.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff]")
# A word and the whitespace after it; whitespace before the first word stands alone.
_WORDS = re.compile(r"^\s+|\S+\s*")


def html_to_text(markup: str, *, lines: bool = False) -> str:
    """Readable text from sanitised HTML, whitespace collapsed.

    With `lines`, one line per paragraph, heading or list item (for comparisons);
    otherwise one line, blocks apart by a space (for search, summaries, names).
    """
    text = _TAG.sub("", _BLOCK_END.sub("\n", markup or ""))
    text = _CONTROL_CHARACTERS.sub(" ", html.unescape(text))
    pieces = (" ".join(line.split()) for line in text.splitlines())
    return ("\n" if lines else " ").join(piece for piece in pieces if piece)


def _split_tail(text: str) -> tuple[str, str]:
    words = text.rstrip()
    return words, text[len(words) :]


def word_diff(before: str, after: str) -> SafeString:
    """HTML: removed words in <del>, added words in <ins>, line breaks as <br>.

    Words are compared without their whitespace and a run of changed words is marked
    as one piece ("<ins>and defence</ins>"); the text between them is the new text's.
    """
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    out = []
    matcher = difflib.SequenceMatcher(
        a=[token.strip() for token in old],
        b=[token.strip() for token in new],
        autojunk=False,
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(new[b1:b2])))
            continue
        removed, removed_tail = _split_tail("".join(old[a1:a2]))
        added, added_tail = _split_tail("".join(new[b1:b2]))
        if removed:
            out.append(f"<del>{escape(removed)}</del>")
        if added:
            out.append(f"<ins>{escape(added)}</ins>")
        out.append(escape(added_tail if b2 > b1 else removed_tail))
    return mark_safe("".join(out).replace("\n", "<br>"))  # every piece escaped above
