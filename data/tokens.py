"""Word tokenization with character offsets: the unit the BIO tags are attached to."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word is a run of letters/digits, joined through inner hyphens and apostrophes
# (``Covid-19``, ``Jum'at``); every other visible character is a token on its own,
# so ``(16/11)`` gives ``(``, ``16``, ``/``, ``11``, ``)`` and a DATE span can end on ``)``.
WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word token; ``start``/``end`` are offsets into the text it was cut from."""

    start: int
    end: int
    text: str


def tokenize_words(text: str, offset: int = 0) -> list[Token]:
    """Cut ``text`` into word tokens whose offsets are shifted by ``offset``."""
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in WORD.finditer(text)]
