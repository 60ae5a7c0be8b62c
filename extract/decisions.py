"""The learned decisions a model directory may carry beside its tagger, loaded together.

Each is fitted after the tagger (``train/run.py``) and saved as JSON; each is used only where
it beat the rules on dev and in cross-validation, so a model without them assembles events by
the rules alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from closure_extractor.extract.count_check import CountCheck
from closure_extractor.extract.date_roles import DateCandidate, DateRoles
from closure_extractor.extract.document import PreparedDocument
from closure_extractor.extract.event_dates import EventDates
from closure_extractor.extract.event_officials import OfficialCandidate
from closure_extractor.extract.events import assemble_events
from closure_extractor.extract.headcounts import CountCandidate
from closure_extractor.extract.official_roles import OfficialRoles
from closure_extractor.extract.types import ClosureEvent, EntitySpan, Headcount


@dataclass(frozen=True)
class LearnedDecisions:
    dates: DateRoles | None = None  # None: the rules read each event's dates
    officials: OfficialRoles | None = None  # None: the rules choose each event's officials
    counts: CountCheck | None = None  # None: the rules choose each event's counted groups

    @classmethod
    def load(cls, model_dir: str | Path) -> LearnedDecisions:
        """The decisions saved in ``model_dir``; a broken file is a one-line ValueError."""
        path = Path(model_dir)
        return cls(DateRoles.load(path), OfficialRoles.load(path), CountCheck.load(path))

    def assemble(self, document: PreparedDocument, spans: Sequence[EntitySpan]) -> list[ClosureEvent]:
        """The document's events, with these decisions taken where the rules would take them."""
        if self == RULES_ONLY:
            return assemble_events(document, spans)
        return assemble_events(document, spans, decisions=self)

    def revise_dates(self, candidates: list[DateCandidate], rules: EventDates) -> EventDates:
        return rules if self.dates is None else self.dates.revise(candidates, rules)

    def choose_officials(self, candidates: list[OfficialCandidate], rules: list[str]) -> list[str]:
        return rules if self.officials is None else self.officials.choose(candidates, rules)

    def choose_counts(self, candidates: list[CountCandidate], rules: list[Headcount]) -> list[Headcount]:
        return rules if self.counts is None else self.counts.choose(candidates, rules)


RULES_ONLY = LearnedDecisions()
