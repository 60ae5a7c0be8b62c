"""The corpus record: one annotated document with character-offset spans and gold events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS: tuple[str, ...] = ("OFFICIAL", "AGENCY", "DATE", "HEADCOUNT")
SPLITS: tuple[str, ...] = ("train", "dev", "test")
EVENT_FIELDS: tuple[str, ...] = (
    "agency",
    "start_date",
    "end_date",
    "duration_days",
    "officials",
    "headcounts",
    "redirected_to",
    "reason",
    "reason_category",
)
# Why an office closed (data/GUIDELINES.md, "Events"): one value per event.
REASON_CATEGORIES: tuple[str, ...] = ("covid_case", "covid_policy", "disaster", "facility", "security", "other")


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character range; ``text[start:end]`` is the mention exactly."""

    start: int
    end: int
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label}


@dataclass
class AnnotatedDocument:
    """One corpus record, as stored on one JSONL line."""

    id: str
    text: str
    published: str
    source: str
    split: str
    spans: list[Span] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> AnnotatedDocument:
        """Build from a parsed JSON record; assumes it already passed validation."""
        spans = sorted(Span(s["start"], s["end"], s["label"]) for s in record.get("spans", []))
        return cls(
            id=str(record["id"]),
            text=record["text"],
            published=record["published"],
            source=record.get("source", ""),
            split=record["split"],
            spans=spans,
            events=list(record.get("events", [])),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "published": self.published,
            "source": self.source,
            "split": self.split,
            "spans": [s.to_dict() for s in sorted(self.spans)],
            "events": self.events,
        }

    def mention(self, span: Span) -> str:
        return self.text[span.start : span.end]


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield ``(line_number, record, error)`` for every non-blank line; never raises on bad JSON or bytes."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield number, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
                continue
            except json.JSONDecodeError as exc:
                yield number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
                continue
            if not isinstance(record, dict):
                yield number, None, "a record must be a JSON object"
                continue
            yield number, record, None


def load_corpus(paths: list[str | Path]) -> list[AnnotatedDocument]:
    """Load corpus files, raising ``ValueError`` that names file and line on the first bad record."""
    from closure_extractor.data.validate import validate_record

    documents = []
    for path in paths:
        for number, record, error in read_jsonl(path):
            problems = [error] if error else validate_record(record)
            if problems:
                rid = record.get("id") if isinstance(record, dict) else None
                raise ValueError(f"{path}:{number} (id={rid}): {problems[0]}")
            documents.append(AnnotatedDocument.from_dict(record))
    return documents


def write_jsonl(documents: list[AnnotatedDocument], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
