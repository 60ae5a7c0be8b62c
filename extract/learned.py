"""What the learned decisions share: a logistic regression stored as JSON, and its file's rules.

A decision's file holds its ``variant`` (``learned``: scored from the candidates alone;
``combined``: the rules' choice is one more feature; null: fitted and reported but not better
than the rules, so unused), one model per slot, and the scores it was chosen by. Plain JSON,
so loading a model directory runs no code.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

VARIANTS = ("learned", "combined")


@dataclass(frozen=True)
class SlotModel:
    """A logistic regression over named features, and the score a candidate must reach."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """
        >>> round(SlotModel({"in_topic": 2.0}, -1.0, 0.5).probability({"in_topic": 1.0}), 3)
        0.731
        """
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def with_threshold(self, threshold: float) -> SlotModel:
        return SlotModel(self.weights, self.intercept, threshold)

    def to_dict(self) -> dict[str, object]:
        return {"weights": self.weights, "intercept": self.intercept, "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict) -> SlotModel:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return cls(weights, float(data["intercept"]), float(data["threshold"]))


def write_model_file(path: Path, variant: str | None, slots: dict[str, SlotModel], scores: dict) -> Path:
    data = {"variant": variant, **{name: model.to_dict() for name, model in slots.items()}, "scores": scores}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_model_file(path: Path, slots: tuple[str, ...], what: str) -> tuple[str, dict[str, SlotModel], dict] | None:
    """``(variant, slot models, scores)`` of a decision's file, None when there is none or it is
    unused, and a one-line ValueError naming the file when it is not such a file."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["variant"] is None:
            return None
        if data["variant"] not in VARIANTS:
            raise ValueError(f"unknown variant {data['variant']!r}")
        return data["variant"], {name: SlotModel.from_dict(data[name]) for name in slots}, dict(data.get("scores", {}))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: not {what} ({exc})") from None


@dataclass(frozen=True)
class MemberModel:
    """A fitted keep-or-drop decision of one variant, saved as ``FILE_NAME`` in a model directory."""

    FILE_NAME: ClassVar[str]
    WHAT: ClassVar[str]  # how a broken file's error names it
    variant: str  # "learned" or "combined"
    member: SlotModel
    scores: dict[str, object]

    def save(self, model_dir: Path, variant: str | None = "") -> Path:
        """Write the model; ``variant=None`` marks it fitted but unused."""
        chosen = self.variant if variant == "" else variant
        return write_model_file(Path(model_dir) / self.FILE_NAME, chosen, {"member": self.member}, self.scores)

    @classmethod
    def load(cls, model_dir: Path):
        """The model saved beside a tagger, or None when there is none or it did not beat the rules."""
        found = read_model_file(Path(model_dir) / cls.FILE_NAME, ("member",), cls.WHAT)
        if found is None:
            return None
        variant, slots, scores = found
        return cls(variant, slots["member"], scores)
