"""Reports that change a closure without being a new one: reopenings and extensions.

Event assembly drops a story that only says an office "kembali dibuka Senin (23/11)" or that its
closure "diperpanjang hingga Jumat (11/12)": neither is a new closure. A register of closures needs
exactly those sentences, to end or extend the closure it already holds. This module finds them
with the same cue tables (``tables/closure_cues.json``) and entity spans as event assembly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from closure_extractor.extract.cues import cues, find_triggers, table_pattern
from closure_extractor.extract.document import PreparedDocument, parse_published, prepare
from closure_extractor.extract.mentions import Mention, place_mentions
from closure_extractor.extract.normalize_date import normalize_date
from closure_extractor.extract.types import EntitySpan, Evidence

LOOKBACK_SENTENCES = 3


@dataclass(frozen=True)
class Update:
    """``kind`` is 'reopening' (``date``: the first open day) or 'extension' (``date``: the new last
    closed day); ``agency`` is the office the sentence (or the ones just before it) names."""

    kind: str
    agency: str | None
    date: str | None
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "agency": self.agency,
            "date": self.date,
            "evidence": {"start": self.evidence.start, "end": self.evidence.end, "text": self.evidence.text},
        }


def find_updates(document: PreparedDocument, spans: Sequence[EntitySpan]) -> list[Update]:
    """Reopening and extension reports of one prepared document, in text order, each told once."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in place_mentions(document, spans):
        by_sentence.setdefault(mention.sentence, []).append(mention)
    body = [i for i, s in enumerate(document.sentences) if not document.is_noise(s)]
    found: list[Update] = []
    for position, index in enumerate(body):
        cue = _update_cue(document.sentences[index].text)
        if cue is None:
            continue
        kind, cue_start, cue_end = cue
        update = Update(
            kind,
            _agency(document, by_sentence, body[max(0, position - LOOKBACK_SENTENCES) : position], index, cue_start),
            _date(document, by_sentence.get(index, []), index, kind, cue_end),
            _evidence(document, index),
        )
        if all((u.kind, u.agency, u.date) != (update.kind, update.agency, update.date) for u in found):
            found.append(update)
    return found


def _update_cue(sentence: str) -> tuple[str, int, int] | None:
    """The first reopening cue, else an extension cue in a sentence about a closure; never a negated one."""
    negated = table_pattern("update_negations")
    for pattern in cues().reopenings:
        for match in pattern.finditer(sentence):
            if not negated.search(sentence[: match.start()]):
                return "reopening", match.start(), match.end()
    if not find_triggers(sentence):
        return None
    for match in table_pattern("extension_cues").finditer(sentence):
        if not negated.search(sentence[: match.start()]):
            return "extension", match.start(), match.end()
    return None


def _date(document: PreparedDocument, mentions: list[Mention], index: int, kind: str, cue_end: int) -> str | None:
    """The reopening day ('dibuka kembali pada Senin (23/11)') or the new end ('hingga Jumat (11/12)'):
    the first date the right cue stands before, else the first date after the update cue."""
    sentence = document.sentences[index]
    role = cues().reopen_date if kind == "reopening" else cues().until
    dates = [m for m in mentions if m.label == "DATE"]
    after = [m for m in dates if m.start - sentence.start >= cue_end]
    cued = [m for m in dates if role.search(document.clean.text[sentence.start : m.start])]
    for mention in cued + after:
        resolved = normalize_date(document.clean.text[mention.start : mention.end], document.published)
        if resolved is not None:
            return resolved.isoformat()
    return None


def _agency(document, by_sentence, earlier: list[int], index: int, cue_start: int) -> str | None:
    """The office named nearest before the cue in its sentence, else first after it, else the last
    office named in the sentences just before."""
    offset = document.sentences[index].start + cue_start
    here = [m for m in by_sentence.get(index, []) if m.label == "AGENCY"]
    before = [m for m in here if m.start < offset]
    if before or here:
        return (before[-1] if before else here[0]).text
    for previous in reversed(earlier):
        named = [m for m in by_sentence.get(previous, []) if m.label == "AGENCY"]
        if named:
            return named[-1].text
    return None


def _evidence(document: PreparedDocument, index: int) -> Evidence:
    sentence = document.sentences[index]
    start, end = document.clean.to_original(sentence.start, sentence.end)
    return Evidence(start, end, document.original[start:end])


def updates_of_text(text: str, published: str | None, spans: Sequence[EntitySpan]) -> list[Update]:
    """Updates of an article whose entity spans are already known (a finished batch job's output)."""
    return find_updates(prepare(text, parse_published(published)), spans)
