"""The Python API: ``extract``, ``extract_entities`` and the reusable ``Extractor``."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from closure_extractor.extract.calibration import Calibration
from closure_extractor.extract.decisions import RULES_ONLY, LearnedDecisions
from closure_extractor.extract.document import PreparedDocument, parse_published, prepare
from closure_extractor.extract.entities import find_entities
from closure_extractor.extract.event_filter import EventFilter
from closure_extractor.extract.events import may_report_closure
from closure_extractor.extract.types import ClosureEvent, EntitySpan
from closure_extractor.extract.updates import find_updates
from closure_extractor.model.loading import ModelLoadError
from closure_extractor.model.tagger import TokenTagger

MODEL_ENV = "CLOSURE_MODEL"
DEFAULT_MODEL_DIR = Path("runs") / "default"
TRAIN_HINT = (
    "train one with `closures train --base-model <hub id or local dir> --out runs/default` "
    "(or run the README's main command), then pass model=... or set $CLOSURE_MODEL"
)


def resolve_model_dir(model: str | os.PathLike | None) -> Path:
    """``model``, else ``$CLOSURE_MODEL``, else ``runs/default``; a clear error if none exists."""
    chosen = Path(model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL_DIR).expanduser()
    if not (chosen / "config.json").is_file():
        raise ModelLoadError(f"no trained model at {chosen}: {TRAIN_HINT}")
    return chosen


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return text


class Extractor:
    """A loaded model plus the post-processor; load once, call many times."""

    def __init__(
        self,
        tagger: TokenTagger,
        calibration: Calibration | None = None,
        event_filter: EventFilter | None = None,
        decisions: LearnedDecisions = RULES_ONLY,
    ) -> None:
        self.tagger = tagger
        self.calibration = calibration  # None: the assembler's raw confidence
        self.event_filter = event_filter  # None: the rules alone decide which events stand
        self.decisions = decisions  # learned date roles and official check, where the model has them

    @classmethod
    def from_pretrained(
        cls, model: str | os.PathLike | None = None, precision: str = "auto", batch_size: int = 32
    ) -> Extractor:
        """Load a model directory once; its ``calibration.json``, when present, calibrates confidence, and
        its ``event_filter.json`` checks the events, and its ``date_roles.json`` and
        ``official_roles.json`` read their dates and choose their officials (each used only where
        it beat the rules when fitted)."""
        path = resolve_model_dir(model)
        tagger = TokenTagger.from_dir(path, precision=precision, batch_size=batch_size)
        try:
            event_filter, decisions = EventFilter.load(path), LearnedDecisions.load(path)
        except ValueError as exc:
            raise ModelLoadError(str(exc)) from None
        return cls(tagger, Calibration.load(path), event_filter, decisions)

    def _events(self, document: PreparedDocument, spans: list[EntitySpan]) -> list[ClosureEvent]:
        events = self.decisions.assemble(document, spans)
        if self.event_filter is not None:
            events = self.event_filter.keep(events)
        if self.calibration is not None:
            for event in events:
                event.confidence = self.calibration(event.confidence)
        return events

    def analyze_many(
        self, texts: Sequence[str], published: Sequence[str | dt.date | None] | None = None
    ) -> list[tuple[list[EntitySpan], list[ClosureEvent]]]:
        """Entities and events of many texts; sentences of all texts are tagged in shared batches."""
        documents = _prepare_all(texts, published)
        entities = find_entities(documents, self.tagger)
        return [(spans, self._events(doc, spans)) for doc, spans in zip(documents, entities)]

    def extract_entities(self, text: str) -> list[EntitySpan]:
        return self.analyze_many([text])[0][0]

    def extract(self, text: str, published: str | dt.date | None = None) -> list[ClosureEvent]:
        return self.extract_many([text], [published])[0]

    def extract_updates(self, text: str, published: str | dt.date | None = None) -> list[dict]:
        """Reopening and extension reports (``{"kind", "agency", "date", "evidence"}``) that are not
        new closures; the closure register uses them to end and extend the closures it holds."""
        document = prepare(_check_text(text), parse_published(published))
        spans = find_entities([document], self.tagger)[0]
        return [update.to_dict() for update in find_updates(document, spans)]

    def extract_many(
        self, texts: Sequence[str], published: Sequence[str | dt.date | None] | None = None
    ) -> list[list[ClosureEvent]]:
        """Events of many texts. An article without any closure wording skips the model: its
        events are empty by construction (``may_report_closure``), so only candidates are tagged."""
        documents = _prepare_all(texts, published)
        candidates = [d for d in documents if may_report_closure(d)]
        tagged = zip(candidates, find_entities(candidates, self.tagger))
        found = {id(d): self._events(d, spans) for d, spans in tagged}
        return [found.get(id(d), []) for d in documents]


def _prepare_all(texts: Sequence[str], published: Sequence[str | dt.date | None] | None) -> list[PreparedDocument]:
    texts = [_check_text(t) for t in texts]
    dates = [parse_published(p) for p in (published if published is not None else [None] * len(texts))]
    if len(dates) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(dates)} published dates")
    return [prepare(t, d) for t, d in zip(texts, dates)]


@lru_cache(maxsize=4)
def _cached_extractor(path: Path) -> Extractor:
    return Extractor.from_pretrained(path)


def extract(
    text: str, published: str | dt.date | None = None, model: str | os.PathLike | None = None
) -> list[ClosureEvent]:
    """Closure events of one article; ``published`` resolves relative and year-less dates."""
    _check_text(text)
    return _cached_extractor(resolve_model_dir(model).resolve()).extract(text, published)


def extract_entities(text: str, model: str | os.PathLike | None = None) -> list[EntitySpan]:
    """Entity spans of one article, offsets into ``text`` itself."""
    _check_text(text)
    return _cached_extractor(resolve_model_dir(model).resolve()).extract_entities(text)
