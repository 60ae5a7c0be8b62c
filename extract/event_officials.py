"""Which officials belong to a closure event: the rules, and the candidates a learned check scores.

The rules keep anyone named in a closure sentence, the speaker of a sentence of the event's
story that talks about the office, and any official whose title names the closed office.
``official_candidates`` describes every official of the article relative to one event, so
that the learned check (``extract/official_roles.py``) can score each, with the rules' choice
as one feature among others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from closure_extractor.extract.agency_names import offices_headed_in
from closure_extractor.extract.cues import has_speaker_cue, is_related, of_own_office, speaks_aside
from closure_extractor.extract.mentions import Mention
from closure_extractor.extract.officials import title_for
from closure_extractor.extract.types import Official

# '... lumpuh," tandas Herlina': the name only says who spoke the quote before it.
ATTRIBUTION = re.compile(r"[\"”]\s*(?:\w+\s+){1,2}$")
_WORD = re.compile(r"\w+")


class ClosedOffice(Protocol):
    """What these rules need of an event's reports: its story's sentences, and whether a name is its office."""

    topic: list[int]

    def matches(self, text: str) -> bool: ...


def rule_officials(
    document, cluster, trigger_sentences, by_sentence, names, speakers, mentions, plural: set[int]
) -> list[Official]:
    """Officials who speak about the closure: anyone named in a closure sentence, the subject or
    speaker of any sentence of the event's topic that talks about the office, its service or staff,
    and any official whose title names the closed office. An official who only asks others to act or
    says another office keeps running (and the quotes that follow) speaks beside the closure."""
    chosen: list[str] = []
    aside: dict[str, bool] = {}  # whether each official's latest words were beside the closure
    trigger_set = set(trigger_sentences) | plural
    for index in sorted(set(cluster.topic) | plural):
        sentence = document.sentences[index]
        closing = index in trigger_set
        related = closing or is_related(sentence.text)
        here = [m for m in by_sentence.get(index, []) if m.label == "OFFICIAL" and (closing or not m.quoted)]
        for mention in here:
            own = _heads_closed_office(sentence, mention, by_sentence.get(index, []), cluster)
            name, offset = names[mention.text], mention.start - sentence.start
            if not (aside.get(name) and ATTRIBUTION.search(sentence.text[:offset])):
                aside[name] = not own and _speaks_aside(sentence, mention, by_sentence.get(index, []), cluster)
            if own or (related and not aside[name]):
                chosen.append(name)
        speaker = speakers.get(index)
        if related and has_speaker_cue(sentence.text) and speaker and (closing or not here) and not aside.get(speaker):
            chosen.append(speaker)
    return officials_in_order(document, chosen, names, mentions)


def officials_in_order(document, chosen: list[str], names: dict[str, str], mentions: list[Mention]) -> list[Official]:
    """The chosen officials once each, in the order the body first names them, with their titles."""
    first_seen = {}
    for mention in mentions:
        if mention.label == "OFFICIAL" and not document.is_noise(document.sentences[mention.sentence]):
            first_seen.setdefault(names[mention.text], mention.start)
    ordered = sorted(dict.fromkeys(chosen), key=lambda name: first_seen.get(name, 0))
    return [Official(name, _title(document, name, mentions)) for name in ordered]


def _speaks_aside(sentence, mention: Mention, sentence_mentions: list[Mention], cluster: ClosedOffice) -> bool:
    """An official who asks others to act or says another office keeps running, unless what is asked
    of is the closed office itself ('meminta BPBD tetap siaga meski kantor ditutup')."""
    after = sentence.text[mention.end - sentence.start :]
    if not speaks_aside(after):
        return False
    if of_own_office(after):
        return True
    later = [m.text for m in sentence_mentions if m.label == "AGENCY" and m.start > mention.end]
    return not any(cluster.matches(text) for text in later)


def _heads_closed_office(sentence, mention: Mention, sentence_mentions: list[Mention], cluster: ClosedOffice) -> bool:
    """True when the title written next to the official names the closed office ('Humas PN Kupang, Reza')."""
    title = title_for(sentence.text, mention.start - sentence.start, mention.end - sentence.start)
    if not title:
        return False
    in_title = [m.text for m in sentence_mentions if m.label == "AGENCY" and m.text in title]
    return any(cluster.matches(text) for text in in_title + offices_headed_in(title))


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


@dataclass(frozen=True)
class OfficialCandidate:
    """An official of the article (by canonical name) described relative to one event."""

    name: str
    features: dict[str, float]


def official_candidates(
    document, cluster, trigger_sentences, by_sentence, names, speakers, mentions
) -> list[OfficialCandidate]:
    """Every official named in the article's body, with where and how each is named against this event."""
    triggers = sorted(set(trigger_sentences))
    topic = set(cluster.topic)
    body = [i for i, s in enumerate(document.sentences) if not document.is_noise(s)]
    found: dict[str, dict[str, float]] = {}
    for index in body:
        sentence = document.sentences[index]
        here = by_sentence.get(index, [])
        for mention in (m for m in here if m.label == "OFFICIAL"):
            features = found.setdefault(names[mention.text], {"mentions": 0.0, "only_quoted": 1.0})
            features["mentions"] += 1
            features["only_quoted"] = min(features["only_quoted"], float(mention.quoted))
            distance = min(abs(index - i) for i in triggers)
            seen = {
                f"distance={min(distance, 4)}": 1.0,
                "in_topic": float(index in topic),
                "before_closure": float(index < triggers[0]),
                "lead": float(index == body[0]),
                "heads_closed_office": float(_heads_closed_office(sentence, mention, here, cluster)),
                "speaks_aside": float(_speaks_aside(sentence, mention, here, cluster)),
                "related_sentence": float(is_related(sentence.text)),
            }
            title = title_for(sentence.text, mention.start - sentence.start, mention.end - sentence.start)
            if title:
                seen[f"title={(_WORD.findall(title.lower()) or ['?'])[0]}"] = 1.0
            for name, value in seen.items():
                features[name] = max(features.get(name, 0.0), value)
        speaker = speakers.get(index)
        if speaker in found and has_speaker_cue(sentence.text):
            features = found[speaker]
            features["speaker_in_topic"] = max(features.get("speaker_in_topic", 0.0), float(index in topic))
    return [
        OfficialCandidate(name, {**f, "mentions": min(f["mentions"], 3) / 3, f"events_named={min(len(found), 4)}": 1.0})
        for name, f in found.items()
    ]
