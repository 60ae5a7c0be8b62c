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
from pathlib import Path

from closure_extractor.extract.headcounts import CountCandidate
from closure_extractor.extract.learned import SlotModel, read_model_file, write_model_file
from closure_extractor.extract.types import Headcount

FILE_NAME = "count_check.json"


def count_options(candidates: list[CountCandidate], rules: list[Headcount] | None) -> list[CountCandidate]:
    """The candidates; with ``rules``, each says whether the rules kept it."""
    if rules is None:
        return candidates
    return [replace(c, features={**c.features, "rules_kept": float(c.headcount in rules)}) for c in candidates]


@dataclass(frozen=True)
class CountCheck:
    """The fitted membership model of one variant."""

    variant: str  # "learned" or "combined"
    member: SlotModel
    scores: dict[str, object]

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

    def save(self, model_dir: Path, variant: str | None = "") -> Path:
        """Write the model; ``variant=None`` marks it fitted but unused."""
        chosen = self.variant if variant == "" else variant
        return write_model_file(Path(model_dir) / FILE_NAME, chosen, {"member": self.member}, self.scores)

    @classmethod
    def load(cls, model_dir: Path) -> CountCheck | None:
        """The model saved beside a tagger, or None when there is none or it did not beat the rules."""
        found = read_model_file(Path(model_dir) / FILE_NAME, ("member",), "a headcount-check model")
        if found is None:
            return None
        variant, slots, scores = found
        return cls(variant, slots["member"], scores)
