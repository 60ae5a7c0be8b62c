"""The values ``extract()`` returns: entity spans and closure events, each JSON-ready."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class EntitySpan:
    """A labelled mention; ``text == original_text[start:end]`` in the caller's own string."""

    label: str
    start: int
    end: int
    text: str
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(float(self.score), 4),
        }


@dataclass(frozen=True)
class Official:
    name: str
    title: str | None = None


@dataclass(frozen=True)
class Headcount:
    count: int | None
    text: str


@dataclass(frozen=True)
class Evidence:
    """A sentence of the original text that supports an event."""

    start: int
    end: int
    text: str


@dataclass
class ClosureEvent:
    """One closure of one office, with everything the article says about it."""

    agency: str
    start_date: str | None = None
    end_date: str | None = None
    duration_days: int | None = None
    officials: list[Official] = field(default_factory=list)
    headcounts: list[Headcount] = field(default_factory=list)
    redirected_to: list[str] = field(default_factory=list)
    reason: str | None = None
    reason_category: str = "other"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    why: list[str] = field(default_factory=list)  # ids of the rules that claimed the event and read its slots

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["confidence"] = round(float(self.confidence), 4)
        return data
