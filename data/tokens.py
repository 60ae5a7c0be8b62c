"""Word tokenization with character offsets: the unit the BIO tags are attached to."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word is a run of letters/digits, joined through an inner hyphen or apostrophe that has a
# letter on both sides (``di-lockdown``, ``Jum'at``); a hyphen next to a digit is a token of its own, so that a
# range such as ``25 Juni-2 Juli 2021`` can be cut into two DATE spans and ``Covid-19`` is
# ``Covid``, ``-``, ``19``. Every other visible character is a token on its own, so
# ``(16/11)`` gives ``(``, ``16``, ``/``, ``11``, ``)`` and a DATE span can end on ``)``.
WORD = re.compile(r"\w+(?:(?<=[^\W\d_])[-'’][^\W\d_]\w*)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word token; ``start``/``end`` are offsets into the text it was cut from."""

    start: int
    end: int
    text: str


def tokenize_words(text: str, offset: int = 0) -> list[Token]:
    """Cut ``text`` into word tokens whose offsets are shifted by ``offset``."""
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in WORD.finditer(text)]
