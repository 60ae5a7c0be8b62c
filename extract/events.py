"""Event assembly: closure triggers tied to the office they close, then every slot filled in.

Works on any entity spans — the model's, or gold spans ("oracle entities") — so the
assembler can be scored on its own as well as end to end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.agency_names import agency_completeness, agency_type, same_agency
from extract.cues import (
    cancellation,
    find_reason,
    find_redirects,
    find_triggers,
    has_speaker_cue,
    is_staff_count,
    mentions_private_place,
)
from extract.document import PreparedDocument
from extract.event_dates import event_dates
from extract.mentions import Mention, place_mentions
from extract.numbers import parse_count
from extract.officials import canonical_names, title_for
from extract.types import ClosureEvent, EntitySpan, Evidence, Headcount, Official

HELPER_BEFORE = re.compile(r"\b(?:oleh|dari|ke|kepada|dengan|bersama|menurut|meminta|pihak)\s+(?:\w+\s+){0,1}$",
                           re.IGNORECASE)
TASK_FORCE_TYPES = ("gugus tugas", "satgas", "satuan tugas")
LOOKBACK_SENTENCES = 3


@dataclass
class Closure:
    """One closure report: a trigger in a sentence, tied to an AGENCY mention."""

    sentence: int
    agency: Mention
    explicit: bool


@dataclass
class Cluster:
    """Every closure report about one office."""

    closures: list[Closure] = field(default_factory=list)
    topic: list[int] = field(default_factory=list)

    @property
    def agency_mentions(self) -> list[Mention]:
        return [c.agency for c in self.closures]

    def matches(self, text: str) -> bool:
        return any(same_agency(m.text, text) for m in self.agency_mentions)


def assemble_events(document: PreparedDocument, spans: Sequence[EntitySpan]) -> list[ClosureEvent]:
    """Closure events of one prepared document, in the order the article first reports them."""
    mentions = place_mentions(document, spans)
    body = [i for i, s in enumerate(document.sentences) if not document.is_noise(s)]
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    clusters = _cluster(_find_closures(document, body, by_sentence))
    if not clusters:
        return []
    _assign_topics(clusters, body, by_sentence)
    names = canonical_names([m.text for m in mentions if m.label == "OFFICIAL"])
    speakers = _speakers(body, by_sentence, names)
    return [_build_event(document, c, mentions, by_sentence, names, speakers) for c in clusters]


def _find_closures(document: PreparedDocument, body: list[int], by_sentence: dict[int, list[Mention]]):
    closures = []
    for position, index in enumerate(body):
        sentence = document.sentences[index]
        for start, end in find_triggers(sentence.text):
            if cancellation(sentence.text, start, end):
                continue
            agency, explicit = _closed_agency(document, index, start + sentence.start, end + sentence.start,
                                              by_sentence), True
            if agency is None:
                if mentions_private_place(sentence.text):
                    continue
                agency, explicit = _recent_agency(body[max(0, position - LOOKBACK_SENTENCES) : position],
                                                  document, by_sentence), False
            if agency is not None:
                closures.append(Closure(index, agency, explicit))
    return closures


def _is_helper(document: PreparedDocument, mention: Mention) -> bool:
    """Agencies that act on the closed office (swab by Dinkes, the task force) rather than close."""
    kind = (agency_type(mention.text) or mention.text).lower()
    before = document.clean.text[max(0, mention.start - 40) : mention.start]
    return any(t in kind for t in TASK_FORCE_TYPES) or bool(HELPER_BEFORE.search(before))


def _closed_agency(document, index, trigger_start, trigger_end, by_sentence) -> Mention | None:
    """The AGENCY in the trigger's sentence that the trigger most plausibly applies to."""
    best, best_cost = None, None
    for mention in by_sentence.get(index, []):
        if mention.label != "AGENCY":
            continue
        if mention.end <= trigger_start:
            cost = trigger_start - mention.end
        elif mention.start >= trigger_end:
            cost = mention.start - trigger_end + 15
        else:
            cost = 0
        cost += 80 if _is_helper(document, mention) else 0
        if best_cost is None or cost < best_cost:
            best, best_cost = mention, cost
    return best


def _recent_agency(window: list[int], document, by_sentence) -> Mention | None:
    """The latest plausible AGENCY in the few sentences before a trigger that names none."""
    for index in reversed(window):
        for mention in reversed(by_sentence.get(index, [])):
            if mention.label == "AGENCY" and not _is_helper(document, mention):
                return mention
    return None


def _cluster(closures: list[Closure]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for closure in closures:
        home = next((c for c in clusters if c.matches(closure.agency.text)), None)
        if home is None:
            clusters.append(Cluster([closure]))
        else:
            home.closures.append(closure)
    return clusters


def _assign_topics(clusters: list[Cluster], body: list[int], by_sentence: dict[int, list[Mention]]) -> None:
    """Give every body sentence to the event whose office it (or the last sentence naming one) is about."""
    trigger_home = {c.sentence: cluster for cluster in clusters for c in cluster.closures}
    current = min(clusters, key=lambda c: c.closures[0].sentence)
    for index in body:
        if index in trigger_home:
            current = trigger_home[index]
        else:
            named = [c for c in clusters
                     if any(m.label == "AGENCY" and c.matches(m.text) for m in by_sentence.get(index, []))]
            if len(named) == 1:
                current = named[0]
        current.topic.append(index)


def _speakers(body: list[int], by_sentence: dict[int, list[Mention]], names: dict[str, str]) -> dict[int, str]:
    """Who is speaking in each sentence: the last official named outside quotes so far."""
    speaker, speakers = None, {}
    for index in body:
        speakers[index] = speaker
        outside = [m for m in by_sentence.get(index, []) if m.label == "OFFICIAL" and not m.quoted]
        if outside:
            speaker = names[outside[-1].text]
            speakers[index] = speaker
    return speakers


def _build_event(document, cluster, mentions, by_sentence, names, speakers) -> ClosureEvent:
    trigger_sentences = sorted({c.sentence for c in cluster.closures})
    topic_agencies = [m for m in mentions if m.label == "AGENCY" and cluster.matches(m.text)]
    agency = max(topic_agencies, key=lambda m: (agency_completeness(m.text), -m.start))
    dates = event_dates(document, trigger_sentences, cluster.topic, by_sentence)
    officials = _officials(document, cluster, trigger_sentences, by_sentence, names, speakers, mentions)
    texts = [document.sentences[i].text for i in cluster.topic]
    reason = next((r for r in map(find_reason, texts) if r), None)
    redirects = list(dict.fromkeys(r for text in texts for r in find_redirects(text)))
    explicit = any(c.explicit for c in cluster.closures)
    confidence = agency.score * (1.0 if explicit else 0.75) * (1.0 if dates.start else 0.85)
    return ClosureEvent(
        agency=agency.text,
        start_date=dates.start.isoformat() if dates.start else None,
        end_date=dates.end.isoformat() if dates.end else None,
        duration_days=dates.duration,
        officials=officials,
        headcounts=_headcounts(cluster.topic, by_sentence),
        redirected_to=redirects,
        reason=reason,
        evidence=[_evidence(document, i) for i in trigger_sentences],
        confidence=confidence,
    )


def _officials(document, cluster, trigger_sentences, by_sentence, names, speakers, mentions) -> list[Official]:
    """Officials named in closure sentences, plus the speaker of a quoted or pronoun-led one."""
    redirect_sentences = [i for i in cluster.topic if find_redirects(document.sentences[i].text)]
    chosen: list[str] = []
    for index in sorted(set(trigger_sentences) | set(redirect_sentences)):
        named = [names[m.text] for m in by_sentence.get(index, []) if m.label == "OFFICIAL"]
        chosen += named
        if has_speaker_cue(document.sentences[index].text) and speakers.get(index):
            chosen.append(speakers[index])
    return [Official(name, _title(document, name, mentions)) for name in dict.fromkeys(chosen)]


def _title(document, name: str, mentions: list[Mention]) -> str | None:
    """The first title written next to any mention of this official (body text before captions)."""
    candidates = [m for m in mentions if m.label == "OFFICIAL" and m.text in name]
    candidates.sort(key=lambda m: (document.is_noise(document.sentences[m.sentence]), m.start))
    for mention in candidates:
        sentence = document.sentences[mention.sentence]
        title = title_for(sentence.text, mention.start - sentence.start, mention.end - sentence.start)
        if title:
            return title
    return None


def _headcounts(topic: list[int], by_sentence: dict[int, list[Mention]]) -> list[Headcount]:
    """Each group of staff once: repeated counts merge; a vague 'semua pegawai' beside a number drops."""
    groups: dict[int | None, Headcount] = {}
    for index in topic:
        found = [m for m in by_sentence.get(index, []) if m.label == "HEADCOUNT" and is_staff_count(m.text)]
        counted = [(m, parse_count(m.text)) for m in found]
        has_number = any(c is not None for _, c in counted)
        for mention, count in counted:
            if count is None and has_number:
                continue
            groups.setdefault(count, Headcount(count, mention.text))
    return list(groups.values())


def _evidence(document: PreparedDocument, index: int) -> Evidence:
    sentence = document.sentences[index]
    start, end = document.clean.to_original(sentence.start, sentence.end)
    return Evidence(start, end, document.original[start:end])
