"""Page noise changes no event: one position system from entity spans to event fields.

Each kind of noise real pages carry is put into both seed articles, the gold entity spans are
moved with the text, and the assembled events must be the clean text's events. A name that
holds ``&nbsp;`` must come out as plain text, because event fields are sliced from the cleaned
text, never from the caller's string with cleaned positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from closure_extractor.data.schema import EVENT_FIELDS
from closure_extractor.extract.document import parse_published, prepare
from closure_extractor.extract.evaluate import gold_spans
from closure_extractor.extract.events import assemble_events
from closure_extractor.extract.types import EntitySpan

Edit = tuple[int, int, str]  # replace text[start:end] with the string


def inside_names(text: str, spans: list[EntitySpan], insert: str) -> list[Edit]:
    """``insert`` after the first character of every word of every OFFICIAL and AGENCY span."""
    return [
        (span.start + m.start() + 1, span.start + m.start() + 1, insert)
        for span in spans
        if span.label in ("OFFICIAL", "AGENCY")
        for m in re.finditer(r"\w{3,}", text[span.start : span.end])
    ]


def spaces_in_names(text: str, spans: list[EntitySpan], replacement: str) -> list[Edit]:
    """Each space inside an OFFICIAL or AGENCY span becomes ``replacement``."""
    return [
        (span.start + m.start(), span.start + m.end(), replacement)
        for span in spans
        if span.label in ("OFFICIAL", "AGENCY")
        for m in re.finditer(" ", text[span.start : span.end])
    ]


def link_inside_first_name(text: str, spans: list[EntitySpan]) -> list[Edit]:
    """``<a href>`` around the second word of the first official's name, as tag pages link names."""
    official = next(s for s in spans if s.label == "OFFICIAL" and " " in text[s.start : s.end])
    space = text.index(" ", official.start)
    return [(space + 1, space + 1, '<a href="https://example.id/tag/nama">'), (official.end, official.end, "</a>")]


def marks_at_line_starts(text: str, spans: list[EntitySpan]) -> list[Edit]:
    return [(m.start(), m.start(), "\u200f\u200e") for m in re.finditer(r"(?m)^", text)]


def every_space(text: str, spans: list[EntitySpan], replacement: str) -> list[Edit]:
    return [(m.start(), m.end(), replacement) for m in re.finditer(" ", text)]


NOISE: dict[str, Callable[[str, list[EntitySpan]], list[Edit]]] = {
    "no-break space in names": lambda t, s: spaces_in_names(t, s, "\u00a0"),
    "&nbsp; in names": lambda t, s: spaces_in_names(t, s, "&nbsp;"),
    "zero-width spaces in names": lambda t, s: inside_names(t, s, "\u200b"),
    "soft hyphens in names": lambda t, s: inside_names(t, s, "\u00ad"),
    "link tag inside a name": link_inside_first_name,
    "RLM and LRM marks": marks_at_line_starts,
    "tabs for spaces": lambda t, s: every_space(t, s, "\t"),
    "every space as &nbsp;": lambda t, s: every_space(t, s, "&nbsp;"),
}


def apply_edits(text: str, spans: list[EntitySpan], edits: list[Edit]) -> tuple[str, list[EntitySpan]]:
    """The edited text and the spans moved with it (an insertion at a span's start goes before it)."""
    edits = sorted(set(edits))

    def moved(position: int, is_end: bool) -> int:
        shift = 0
        for start, end, replacement in edits:
            before = end < position or (end == position and (start < end if is_end else True))
            if before:
                shift += len(replacement) - (end - start)
        return position + shift

    pieces, last = [], 0
    for start, end, replacement in edits:
        pieces += [text[last:start], replacement]
        last = end
    noisy = "".join(pieces) + text[last:]
    moved_spans = []
    for span in spans:
        start, end = moved(span.start, False), moved(span.end, True)
        moved_spans.append(EntitySpan(span.label, start, end, noisy[start:end]))
    return noisy, moved_spans


def comparable(events) -> list[dict]:
    return [{k: e.to_dict()[k] for k in EVENT_FIELDS if k != "reason"} for e in events]


@pytest.fixture(scope="module")
def seeds(corpus):
    return [d for d in corpus if d.id.startswith("seed-")]


@pytest.mark.parametrize("kind", NOISE)
def test_page_noise_changes_no_event_of_the_seed_articles(seeds, kind):
    for seed in seeds:
        published = parse_published(seed.published)
        spans = gold_spans(seed)
        clean = assemble_events(prepare(seed.text, published), spans)
        noisy_text, noisy_spans = apply_edits(seed.text, spans, NOISE[kind](seed.text, spans))
        assert noisy_text != seed.text
        noisy = assemble_events(prepare(noisy_text, published), noisy_spans)
        assert clean and comparable(noisy) == comparable(clean), seed.id


def test_a_name_with_nbsp_comes_out_as_plain_text(seeds):
    seed = next(s for s in seeds if "Moch Poppy" in s.text)
    spans = gold_spans(seed)
    noisy_text, noisy_spans = apply_edits(seed.text, spans, spaces_in_names(seed.text, spans, "&nbsp;"))
    [event] = assemble_events(prepare(noisy_text, parse_published(seed.published)), noisy_spans)
    assert "Moch Poppy" in [o.name for o in event.officials]


def test_an_all_caps_article_closes_the_same_offices(seeds):
    for seed in seeds:
        published = parse_published(seed.published)
        spans = gold_spans(seed)
        clean = assemble_events(prepare(seed.text, published), spans)
        upper = [EntitySpan(s.label, s.start, s.end, s.text.upper()) for s in spans]
        shouting = assemble_events(prepare(seed.text.upper(), published), upper)
        assert [e.agency.casefold() for e in shouting] == [e.agency.casefold() for e in clean], seed.id
