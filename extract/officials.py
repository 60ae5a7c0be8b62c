"""Officials of a document: full names for short mentions, titles by apposition, who is speaking."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from closure_extractor.extract.titles import split_title

QUOTE_MARKS = re.compile('["\u201c\u201d]')
OPENING, CLOSING = "\u201c", "\u201d"


def canonical_names(names: Sequence[str]) -> dict[str, str]:
    """Map every OFFICIAL mention to the longest mention it abbreviates (``Arif`` → ``Arif Rahman``).

    Among equally long forms, one written in ordinary case beats one in capitals (a caption's
    ``FEBRI ADHITYA``), then the first written; never the order of a set, which changes from
    run to run.

    >>> canonical_names(["FEBRI ADHITYA", "Febri Adhitya", "Febri"])["Febri"]
    'Febri Adhitya'
    """
    full = sorted(dict.fromkeys(names), key=lambda n: (-len(n.split()), -len(n), n.isupper()))
    mapping = {}
    for name in names:
        words = name.lower().split()
        mapping[name] = next((f for f in full if _contains_words(f.lower().split(), words)), name)
    return mapping


def _contains_words(longer: list[str], shorter: list[str]) -> bool:
    if not shorter or len(shorter) > len(longer):
        return False
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def title_for(sentence: str, start: int, end: int) -> str | None:
    """The office written next to the name at ``sentence[start:end]``, if any."""
    return split_title(sentence[:start], sentence[end:])


def quoted_ranges(paragraph_text: str) -> list[tuple[int, int]]:
    """Ranges inside double quotes: curly ones open and close, a straight one toggles.

    An unclosed quote runs to the end of the paragraph, as news quotes spanning several
    sentences do.
    """
    ranges, opened = [], None
    for match in QUOTE_MARKS.finditer(paragraph_text):
        mark = match.group()
        if opened is None and mark != CLOSING:
            opened = match.end()
        elif opened is not None and mark != OPENING:
            ranges.append((opened, match.start()))
            opened = None
    if opened is not None:
        ranges.append((opened, len(paragraph_text)))
    return ranges


def is_quoted(position: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """``ranges`` sorted and disjoint, as :func:`quoted_ranges` gives them."""
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]
