"""Conversion between character-offset spans and BIO tags on word tokens, both ways."""

from __future__ import annotations

from collections.abc import Sequence

from closure_extractor.data.schema import Span
from closure_extractor.data.tokens import Token

OUTSIDE = "O"


def spans_to_tags(tokens: Sequence[Token], spans: Sequence[Span]) -> list[str]:
    """Tag each token ``B-X``/``I-X`` when it lies inside a span of label ``X``, else ``O``.

    A token counts as inside when it overlaps the span; spans that cut a token in two
    are reported by :func:`misaligned_spans` so the corpus can be fixed.
    """
    tags = [OUTSIDE] * len(tokens)
    for span in spans:
        inside = [i for i, t in enumerate(tokens) if t.start < span.end and t.end > span.start]
        for position, index in enumerate(inside):
            tags[index] = ("B-" if position == 0 else "I-") + span.label
    return tags


def misaligned_spans(tokens: Sequence[Token], spans: Sequence[Span]) -> list[Span]:
    """Spans whose start or end falls inside a token rather than on a token edge."""
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    return [s for s in spans if s.start not in starts or s.end not in ends]


def repair_tags(tags: Sequence[str]) -> list[str]:
    """Make a tag sequence valid BIO: an ``I-X`` that does not continue an ``X`` becomes ``B-X``."""
    repaired: list[str] = []
    previous = OUTSIDE
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        repaired.append(tag)
        previous = tag
    return repaired


def tags_to_spans(tokens: Sequence[Token], tags: Sequence[str]) -> list[Span]:
    """Read entity spans off (repaired) BIO tags; each span runs from its first to last token."""
    spans: list[Span] = []
    start = end = None
    label = None
    for token, tag in zip(tokens, repair_tags(tags)):
        if tag.startswith("I-") and label == tag[2:]:
            end = token.end
            continue
        if label is not None:
            spans.append(Span(start, end, label))
        label, start, end = (tag[2:], token.start, token.end) if tag != OUTSIDE else (None, None, None)
    if label is not None:
        spans.append(Span(start, end, label))
    return spans
