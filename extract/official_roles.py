"""A learned check of which officials belong to a closure event (issue 11, decision b).

The rules (``extract/event_officials.py``) keep officials named in closure sentences, speakers
of the event's story and anyone whose title names the closed office. Here every official of the
article is a candidate, described by ``official_candidates`` (where and how often they are
named against the event, their title's first word, whether they speak beside the closure), and
a logistic regression keeps those it scores at least the threshold chosen on dev. The
``combined`` variant also sees whether the rules kept the official. Fitted by
``python -m closure_extractor.train.official_roles``; the weights are JSON
(``official_roles.json``) and are used only where they beat the rules on dev and in CV.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from closure_extractor.extract.event_officials import OfficialCandidate
from closure_extractor.extract.learned import SlotModel, read_model_file, write_model_file

FILE_NAME = "official_roles.json"


def official_options(candidates: list[OfficialCandidate], rules: list[str] | None) -> list[OfficialCandidate]:
    """The candidates; with ``rules``, each says whether the rules kept it."""
    if rules is None:
        return candidates
    return [replace(c, features={**c.features, "rules_kept": float(c.name in rules)}) for c in candidates]


@dataclass(frozen=True)
class OfficialRoles:
    """The fitted membership model of one variant."""

    variant: str  # "learned" or "combined"
    member: SlotModel
    scores: dict[str, object]

    def choose(self, candidates: list[OfficialCandidate], rules: list[str]) -> list[str]:
        """The names the model keeps, in the candidates' order."""
        options = official_options(candidates, rules if self.variant == "combined" else None)
        return [o.name for o in options if self.member.probability(o.features) >= self.member.threshold]

    def save(self, model_dir: Path, variant: str | None = "") -> Path:
        """Write the model; ``variant=None`` marks it fitted but unused."""
        chosen = self.variant if variant == "" else variant
        return write_model_file(Path(model_dir) / FILE_NAME, chosen, {"member": self.member}, self.scores)

    @classmethod
    def load(cls, model_dir: Path) -> OfficialRoles | None:
        """The model saved beside a tagger, or None when there is none or it did not beat the rules."""
        found = read_model_file(Path(model_dir) / FILE_NAME, ("member",), "an official-role model")
        if found is None:
            return None
        variant, slots, scores = found
        return cls(variant, slots["member"], scores)
