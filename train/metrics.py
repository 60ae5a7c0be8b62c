"""Entity-level scores with seqeval (strict IOB2: a span counts only if type and both edges match)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from closure_extractor.data.bio import repair_tags
from closure_extractor.model.labels import IGNORE_INDEX


def entity_report(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, dict]:
    """Per-label and micro precision/recall/F1/support; predictions are BIO-repaired first."""
    predicted = [repair_tags(tags) for tags in predicted]
    raw = classification_report(
        [list(g) for g in gold], predicted, mode="strict", scheme=IOB2, output_dict=True, zero_division=0
    )
    report = {}
    for name, row in raw.items():
        if name in ("macro avg", "weighted avg"):
            continue
        key = "micro" if name == "micro avg" else name
        report[key] = {
            "precision": float(row["precision"]),
            "recall": float(row["recall"]),
            "f1": float(row["f1-score"]),
            "support": int(row["support"]),
        }
    report.setdefault("micro", {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0})
    return report


def window_tags(logits: np.ndarray, labels: np.ndarray, id2label: dict[int, str]):
    """Gold and predicted word tags of each window, read at first-piece positions only."""
    predicted_ids = logits.argmax(-1)
    gold, predicted = [], []
    for row_pred, row_gold in zip(predicted_ids, labels):
        keep = row_gold != IGNORE_INDEX
        gold.append([id2label[int(i)] for i in row_gold[keep]])
        predicted.append([id2label[int(i)] for i in row_pred[keep]])
    return gold, predicted


def trainer_metrics(id2label: dict[int, str]):
    """A ``compute_metrics`` for the Trainer: flat ``{f1, precision, recall, <LABEL>_f1}``."""

    def compute(prediction) -> dict[str, float]:
        gold, predicted = window_tags(prediction.predictions, prediction.label_ids, id2label)
        report = entity_report(gold, predicted)
        flat = {name: report["micro"][name] for name in ("precision", "recall", "f1")}
        flat |= {f"{label}_f1": row["f1"] for label, row in report.items() if label != "micro"}
        return flat

    return compute


def format_report(report: dict[str, dict]) -> str:
    lines = [f"{'label':<14}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}"]
    for label, row in report.items():
        lines.append(
            f"{label:<14}{row['precision']:>10.4f}{row['recall']:>10.4f}{row['f1']:>10.4f}{row['support']:>10}"
        )
    return "\n".join(lines)
