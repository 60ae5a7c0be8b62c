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
from typing import ClassVar

from closure_extractor.extract.event_officials import OfficialCandidate
from closure_extractor.extract.learned import MemberModel

FILE_NAME = "official_roles.json"


def official_options(candidates: list[OfficialCandidate], rules: list[str] | None) -> list[OfficialCandidate]:
    """The candidates; with ``rules``, each says whether the rules kept it."""
    if rules is None:
        return candidates
    return [replace(c, features={**c.features, "rules_kept": float(c.name in rules)}) for c in candidates]


@dataclass(frozen=True)
class OfficialRoles(MemberModel):
    """The fitted membership model of one variant."""

    FILE_NAME: ClassVar[str] = FILE_NAME
    WHAT: ClassVar[str] = "an official-role model"

    def choose(self, candidates: list[OfficialCandidate], rules: list[str]) -> list[str]:
        """The names the model keeps, in the candidates' order."""
        options = official_options(candidates, rules if self.variant == "combined" else None)
        return [o.name for o in options if self.member.probability(o.features) >= self.member.threshold]
