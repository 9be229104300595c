"""How long a text is, for writers (word count) and readers (reading time), and short labels.

Plain functions on plain text: callers turn HTML into text with `html_to_text` first.
"""

import math

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A common figure for adults reading news on a screen; rounded up so a short story says 1 min.
WORDS_PER_MINUTE = 230


def word_count(text: str) -> int:
    """Words as readers count them: runs between whitespace with a letter or digit in
    them (a lone dash or bullet is not a word)."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def reading_minutes(words: int) -> int:
    """Whole minutes to read `words` words; at least one for any text, none for no text."""
    return math.ceil(words / WORDS_PER_MINUTE) if words > 0 else 0


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` cut to at most `limit` characters at a word boundary, marked with an ellipsis.

    A single word longer than the limit is the only case cut inside a word.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = max(limit - len(ellipsis), 1)
    cut = text[: room + 1].rsplit(" ", 1)[0] if " " in text[: room + 1] else ""
    return (cut or text[:room]).rstrip(" ,;:.") + ellipsis


def length_label(text: str) -> str:
    """ "1,204 words · 6 min read": what a writer sees beside the editor."""
    words = word_count(text)
    return _("%(words)s · %(minutes)s read") % {
        "words": ngettext("%(count)s word", "%(count)s words", words)
        % {"count": f"{words:,}"},
        "minutes": _("%(count)d min") % {"count": reading_minutes(words)},
    }
