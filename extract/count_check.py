"""A learned check of which counted groups belong to a closure event (issue 11, decision c).

The rules (``extract/headcounts.py``) keep the first positives, then the first new number of
each follow-up role (tested, sent home, quarantined, isolated). Here every staff count of the
event's story is a candidate (``count_candidates``: its role, which sentence of the story it
is in, its size, its head noun, the words around it) and a logistic regression keeps those it
scores at least the threshold chosen on dev, each number once. The ``combined`` variant also
sees whether the rules kept the count. Fitted by ``python -m closure_extractor.train.count_check``;
the weights are JSON (``count_check.json``), used only where they beat the rules on dev and in CV.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from closure_extractor.extract.headcounts import CountCandidate
from closure_extractor.extract.learned import MemberModel
from closure_extractor.extract.types import Headcount

FILE_NAME = "count_check.json"


def count_options(candidates: list[CountCandidate], rules: list[Headcount] | None) -> list[CountCandidate]:
    """The candidates; with ``rules``, each says whether the rules kept it."""
    if rules is None:
        return candidates
    return [replace(c, features={**c.features, "rules_kept": float(c.headcount in rules)}) for c in candidates]


@dataclass(frozen=True)
class CountCheck(MemberModel):
    """The fitted membership model of one variant."""

    FILE_NAME: ClassVar[str] = FILE_NAME
    WHAT: ClassVar[str] = "a headcount-check model"

    def choose(self, candidates: list[CountCandidate], rules: list[Headcount]) -> list[Headcount]:
        """The counts the model keeps, in story order, each number once."""
        kept: list[Headcount] = []
        for option in count_options(candidates, rules if self.variant == "combined" else None):
            known = option.headcount.count is not None and any(h.count == option.headcount.count for h in kept)
            if (
                not known
                and option.headcount not in kept
                and self.member.probability(option.features) >= self.member.threshold
            ):
                kept.append(option.headcount)
        return kept
