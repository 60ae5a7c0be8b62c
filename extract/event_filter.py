"""A learned check on assembled events: does this cluster of closure reports name a closed office?

The rules propose events; a logistic regression, fitted on the corpus's gold events
(``python -m closure_extractor.train.event_filter``), scores each one from what the rules
recorded about it: which trigger rules and resolvers claimed it (its ``why``), how many closure
sentences it has, which slots were filled, and what kind of office it names. Events scored
below the threshold chosen on the dev split are dropped. The fitted weights are plain JSON in
the model directory (``event_filter.json``), so loading runs no code.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from closure_extractor.extract.agency_names import agency_type, names_place
from closure_extractor.extract.cues import is_actor_type
from closure_extractor.extract.types import ClosureEvent

FILE_NAME = "event_filter.json"
EXPLICIT_RESOLVERS = frozenset(
    {
        "agency.in_clause",
        "agency.fronted_office",
        "agency.speaker_office",
        "agency.listed_next",
        "agency.counted_list",
        "agency.same_list",
    }
)


def event_features(event: ClosureEvent) -> dict[str, float]:
    """What the rules know about one event, as named numbers (absent names are 0).

    >>> f = event_features(ClosureEvent(agency="Dinsos Kota Serang", start_date="2020-11-16", why=["agency.in_clause"]))
    >>> f["why=agency.in_clause"], f["explicit"], f["has_start"], f["office_known"]
    (1.0, 1.0, 1.0, 1.0)
    """
    office = agency_type(event.agency)
    features = {f"why={rule}": 1.0 for rule in event.why}
    features.update(
        {
            "explicit": float(any(rule in EXPLICIT_RESOLVERS for rule in event.why)),
            "closure_sentences": min(len(event.evidence), 5) / 5,
            "rules_claiming": min(len(event.why), 12) / 12,
            "has_start": float(event.start_date is not None),
            "has_end": float(event.end_date is not None),
            "has_duration": float(event.duration_days is not None),
            "officials": min(len(event.officials), 3) / 3,
            "headcounts": min(len(event.headcounts), 3) / 3,
            "redirected": float(bool(event.redirected_to)),
            f"reason={event.reason_category}": 1.0,
            "office_known": float(office is not None),
            "office_is_government": float(office is not None and is_actor_type(office)),
            "office_names_place": float(names_place(event.agency)),
            "office_words": min(len(event.agency.split()), 10) / 10,
        }
    )
    return features


@dataclass(frozen=True)
class EventFilter:
    """Weights of a fitted logistic regression over ``event_features``, and the dev-chosen threshold."""

    weights: dict[str, float]
    intercept: float
    threshold: float | None  # None: the check only scores events (their confidence), it drops none
    scores: dict[str, object]

    def probability(self, event: ClosureEvent) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in event_features(event).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, events: list[ClosureEvent]) -> list[ClosureEvent]:
        """The events the check lets stand, each with its confidence scaled by the check's probability
        (so that calibration sees what the rules' record says about the event)."""
        kept = []
        for event in events:
            probability = self.probability(event)
            if self.threshold is None or probability >= self.threshold:
                event.confidence *= probability
                kept.append(event)
        return kept

    def save(self, model_dir: Path) -> Path:
        path = Path(model_dir) / FILE_NAME
        data = {
            "weights": self.weights,
            "intercept": self.intercept,
            "threshold": self.threshold,
            "scores": self.scores,
        }
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, model_dir: Path) -> EventFilter | None:
        """The filter saved beside a model, or None when there is none (the rules alone decide)."""
        path = Path(model_dir) / FILE_NAME
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                {str(k): float(v) for k, v in data["weights"].items()},
                float(data["intercept"]),
                None if data["threshold"] is None else float(data["threshold"]),
                dict(data.get("scores", {})),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path}: not an event filter ({exc})") from None
