"""Training settings: one dataclass, written next to the model so a run can be resumed or compared."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class TrainConfig:
    base_model: str
    data: list[str]
    out: str
    epochs: float = 3.0  # sized for a 2-core CPU (about 20 minutes on the bundled corpus in fp32)
    learning_rate: float = 3e-4
    batch_size: int = 16
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_length: int = 128
    overlap: int = 16
    seed: int = 13
    patience: int = 3
    precision: str = "auto"  # bf16 where the CPU has native bf16 units, else fp32
    max_steps: int = -1
    select_best: bool = True  # reload the best dev checkpoint at the end (off in cross-validation)
    extra: dict = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    def identity(self) -> dict:
        """What makes two runs 'the same model' (a resumed run must match on all of these)."""
        keep = ("base_model", "data", "epochs", "learning_rate", "batch_size", "max_length", "seed", "precision")
        return {k: v for k, v in asdict(self).items() if k in keep}

    @classmethod
    def read(cls, path: Path) -> TrainConfig:
        return cls(**json.loads(path.read_text(encoding="utf-8")))
