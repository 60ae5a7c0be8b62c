"""Entity spans placed on the cleaned text: which sentence each sits in and whether it is quoted."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from closure_extractor.extract.document import PreparedDocument
from closure_extractor.extract.officials import is_quoted, quoted_ranges
from closure_extractor.extract.types import EntitySpan


@dataclass(frozen=True)
class Mention:
    """An entity in cleaned-text coordinates, tied to its sentence."""

    label: str
    start: int
    end: int
    text: str
    score: float
    sentence: int
    quoted: bool


def to_clean_offset(origin: Sequence[int], original_offset: int) -> int:
    """The first cleaned position whose original offset is at or after ``original_offset``."""
    return bisect.bisect_left(origin, original_offset)


def place_mentions(document: PreparedDocument, spans: Sequence[EntitySpan]) -> list[Mention]:
    """Place spans (original offsets) on sentences; spans outside every sentence are dropped.

    This is where offsets are converted, once: from here on every position is in the cleaned
    text and every mention's text is sliced from it, so ``&nbsp;`` or a link tag inside a name
    never reaches an event field.
    """
    starts = [s.start for s in document.sentences]
    quotes = _quotes_by_paragraph(document)
    placed = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start = to_clean_offset(document.clean.origin, span.start)
        end = max(start + 1, to_clean_offset(document.clean.origin, span.end))
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or start >= document.sentences[index].end:
            continue
        text = document.clean.text[start:end]  # never the caller's string: its positions differ
        placed.append(Mention(span.label, start, end, text, span.score, index, is_quoted(start, quotes)))
    return placed


def _quotes_by_paragraph(document: PreparedDocument) -> list[tuple[int, int]]:
    text = document.clean.text
    ranges = []
    position = 0
    for line in text.split("\n"):
        ranges += [(position + a, position + b) for a, b in quoted_ranges(line)]
        position += len(line) + 1
    return ranges
