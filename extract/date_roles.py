"""A learned reading of which date starts a closure and which ends it (issue 11, decision d).

The rules (``extract/event_dates.py``) read a date by the words just before it. Real reports
also date a closure in ways no cue names: the only date of the story sits in the attribution
('ujarnya, Kamis (26/11)'), a range opens the next paragraph, a reopening day is told first. Here
every DATE of the article's body becomes a candidate for each slot, described by named features
(the rules' role of it, where it sits relative to the closure's sentences, the words around it,
how far it lies from the publication day), and a logistic regression scores each candidate. The
best-scored value fills the slot when it clears a threshold chosen on the dev split; otherwise
the slot stays empty.

Two variants are fitted (``python -m closure_extractor.train.date_roles``): ``learned`` sees
only the candidates; ``combined`` also sees whether a candidate is what the rules chose. The
model directory keeps the variant that beat the rules on dev and in cross-validation, or none.
The weights are plain JSON (``date_roles.json``), so loading runs no code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from closure_extractor.extract.document import PreparedDocument
from closure_extractor.extract.durations import end_date_from
from closure_extractor.extract.event_dates import EventDates, mention_role
from closure_extractor.extract.learned import SlotModel, read_model_file, write_model_file
from closure_extractor.extract.mentions import Mention
from closure_extractor.extract.normalize_date import normalize_date, normalize_date_range

FILE_NAME = "date_roles.json"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DateCandidate:
    """A day one DATE mention (or one end of a range) names, with what is known about it."""

    value: dt.date
    role: str  # the rules' role of the mention ('start', 'until', 'reopen', 'said', ...)
    features: dict[str, float]


def date_candidates(
    document: PreparedDocument, segments: list[tuple[int, tuple[int, int]]], topic: list[int], by_sentence
) -> list[DateCandidate]:
    """Every dated day of the article's body, described relative to one closure's sentences."""
    closure_sentences = sorted({index for index, _ in segments})
    body = [i for i, s in enumerate(document.sentences) if not document.is_noise(s)]
    found = []
    for index in body:
        for mention in by_sentence.get(index, []):
            if mention.label == "DATE":
                found += _mention_candidates(document, mention, segments, closure_sentences, set(topic), body)
    return _with_value_counts(found)


def _mention_candidates(document, mention: Mention, segments, closure_sentences, topic, body) -> list[DateCandidate]:
    text = document.clean.text[mention.start : mention.end]
    span = normalize_date_range(text, document.published)
    if span is not None:
        days = [(span.start, "first"), (span.end, "last")]
    else:
        single = normalize_date(text, document.published)
        days = [(single, "single")] if single is not None else []
    if not days:
        return []
    role = mention_role(document, mention)
    shared = _context_features(document, mention, role, segments, closure_sentences, topic, body)
    return [
        DateCandidate(day, role, {**shared, f"part={part}": 1.0, **_day_features(day, document)}) for day, part in days
    ]


def _context_features(document, mention: Mention, role, segments, closure_sentences, topic, body) -> dict[str, float]:
    sentence = document.sentences[mention.sentence]
    before = _WORD.findall(document.clean.text[sentence.start : mention.start].lower())[-2:]
    after = _WORD.findall(document.clean.text[mention.end : sentence.end].lower())[:1]
    in_segment = any(i == mention.sentence and low <= mention.start < high for i, (low, high) in segments)
    distance = min(abs(mention.sentence - i) for i in closure_sentences)
    where = (
        "segment"
        if in_segment
        else "closure_sentence"
        if distance == 0
        else "topic"
        if mention.sentence in topic
        else "elsewhere"
    )
    features = {
        f"role={role}": 1.0,
        f"where={where}": 1.0,
        f"distance={min(distance, 4)}": 1.0,
        "before_closure": float(mention.sentence < closure_sentences[0]),
        "lead": float(mention.sentence == body[0]),
        "quoted": float(mention.quoted),
        "named_weekday": float(bool(re.match(r"[A-Za-z]+\W*\(", document.clean.text[mention.start : mention.end]))),
    }
    features.update({f"before={word}": 1.0 for word in before})
    features.update({f"after={word}": 1.0 for word in after})
    return features


def _day_features(day: dt.date, document: PreparedDocument) -> dict[str, float]:
    if document.published is None:
        return {"published=unknown": 1.0}
    gap = (day - document.published).days
    bucket = (
        "0"
        if gap == 0
        else "+1"
        if gap == 1
        else "-1"
        if gap == -1
        else "+2..7"
        if 1 < gap <= 7
        else ("-2..7" if -7 <= gap < -1 else "+8.." if gap > 7 else "-8..")
    )
    return {f"gap={bucket}": 1.0}


def _with_value_counts(found: list[DateCandidate]) -> list[DateCandidate]:
    """How often a day is named, and whether it is the earliest or latest day named, help too."""
    values = [c.value for c in found]
    if not values:
        return []
    first, last = min(values), max(values)
    return [
        replace(
            c,
            features={
                **c.features,
                f"named={min(values.count(c.value), 3)}": 1.0,
                "earliest": float(c.value == first),
                "latest": float(c.value == last),
            },
        )
        for c in found
    ]


def start_options(candidates: list[DateCandidate], rules: EventDates | None) -> list[DateCandidate]:
    """Candidates for the first day; with ``rules``, each says whether the rules chose it."""
    if rules is None:
        return candidates
    options = [_agreeing(c, rules) for c in candidates]
    if rules.start and all(c.value != rules.start for c in candidates):  # a day the rules computed
        options.append(DateCandidate(rules.start, "computed", {"computed": 1.0, "rules_start": 1.0}))
    return options


def end_options(
    candidates: list[DateCandidate], start: dt.date | None, duration: int | None, rules: EventDates | None
) -> list[DateCandidate]:
    """Candidates for the last day: every dated day, the day before a reopening, and the last day
    a stated length gives from ``start``; each is described relative to ``start``."""
    options = list(candidates)
    options += [
        DateCandidate(c.value - dt.timedelta(days=1), c.role, {**c.features, "day_before_reopening": 1.0})
        for c in candidates
        if c.role == "reopen"
    ]
    if start and duration:
        options.append(DateCandidate(end_date_from(start, duration), "computed", {"from_length": 1.0}))
    if rules is not None and rules.end and all(o.value != rules.end for o in options):
        options.append(DateCandidate(rules.end, "computed", {"computed": 1.0}))
    described = []
    for option in options:
        gap = None if start is None else (option.value - start).days
        relative = "no_start" if gap is None else "before" if gap < 0 else "same" if gap == 0 else "after"
        features = {**option.features, f"vs_start={relative}": 1.0}
        described.append(
            _agreeing(replace(option, features=features), rules) if rules else replace(option, features=features)
        )
    return described


def _agreeing(candidate: DateCandidate, rules: EventDates) -> DateCandidate:
    agree = {
        "rules_start": float(candidate.value == rules.start),
        "rules_end": float(candidate.value == rules.end),
        "rules_start_none": float(rules.start is None),
        "rules_end_none": float(rules.end is None),
    }
    return replace(candidate, features={**candidate.features, **agree})


@dataclass(frozen=True)
class DateRoles:
    """The fitted first-day and last-day models of one variant, applied to the rules' dates."""

    variant: str  # "learned" or "combined"
    start: SlotModel
    end: SlotModel
    scores: dict[str, object]

    def revise(self, candidates: list[DateCandidate], rules: EventDates) -> EventDates:
        """The closure's dates as the models read them; the stated length stays the rules' own."""
        seen = rules if self.variant == "combined" else None
        start = best_day(self.start, start_options(candidates, seen))
        end = best_day(self.end, end_options(candidates, start, rules.duration, seen))
        if start and end and end < start:
            end = None
        how = [h for h in rules.how if not h.startswith(("dates.start", "dates.end"))]
        how += ["dates.learned_start"] * bool(start) + ["dates.learned_end"] * bool(end)
        return EventDates(start, end, rules.duration, tuple(how))

    def save(self, model_dir: Path, variant: str | None = "") -> Path:
        """Write the models; ``variant=None`` marks them fitted but unused."""
        chosen = self.variant if variant == "" else variant
        return write_model_file(
            Path(model_dir) / FILE_NAME, chosen, {"start": self.start, "end": self.end}, self.scores
        )

    @classmethod
    def load(cls, model_dir: Path) -> DateRoles | None:
        """The models saved beside a tagger, or None when there are none or they did not beat the rules."""
        found = read_model_file(Path(model_dir) / FILE_NAME, ("start", "end"), "a date-role model")
        if found is None:
            return None
        variant, slots, scores = found
        return cls(variant, slots["start"], slots["end"], scores)


def best_day(model: SlotModel, options: list[DateCandidate]) -> dt.date | None:
    """The best-scored day, or None when no day scores at least the model's threshold."""
    best = max(options, key=lambda o: (model.probability(o.features), o.value), default=None)
    if best is None or model.probability(best.features) < model.threshold:
        return None
    return best.value
