"""Event confidence that means what it says: isotonic calibration fitted on dev, and reliability.

The assembler's raw confidence is a product of heuristics (the office span's model score, an
explicit office, a known first day). It orders events sensibly but its values are not rates.
Fitted on the dev split's events (right = matched to a gold event by agency), an isotonic map
turns it into one: among events with calibrated confidence at or above 0.8, about 8 in 10 are
right. The map is a short JSON table in the model directory, so it travels with the model whose
scores it reads.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from closure_extractor.extract.scoring import match_events

CALIBRATION_FILE = "calibration.json"
Labelled = tuple[float, bool]  # an event's confidence, and whether it matched a gold event


@dataclass(frozen=True)
class Calibration:
    """A non-decreasing piecewise-linear map from raw to calibrated confidence.

    >>> Calibration((0.2, 0.6), (0.1, 0.9), "dev", 40)(0.4)
    0.5
    >>> Calibration((0.2, 0.6), (0.1, 0.9), "dev", 40)(0.95)
    0.9
    """

    x: tuple[float, ...]
    y: tuple[float, ...]
    fitted_on: str
    events: int

    def __call__(self, raw: float) -> float:
        if raw <= self.x[0]:
            return self.y[0]
        if raw >= self.x[-1]:
            return self.y[-1]
        i = bisect.bisect_right(self.x, raw)
        x0, x1, y0, y1 = self.x[i - 1], self.x[i], self.y[i - 1], self.y[i]
        return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 6) if x1 > x0 else y1

    def save(self, model_dir: Path) -> Path:
        path = Path(model_dir) / CALIBRATION_FILE
        data = {"method": "isotonic", "x": self.x, "y": self.y, "fitted_on": self.fitted_on, "events": self.events}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, model_dir: Path) -> Calibration | None:
        """The model directory's calibration, or None when it has none (raw confidence is kept)."""
        try:
            data = json.loads((Path(model_dir) / CALIBRATION_FILE).read_text(encoding="utf-8"))
            x, y = tuple(float(v) for v in data["x"]), tuple(float(v) for v in data["y"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not x or len(x) != len(y) or list(x) != sorted(x):
            return None
        return cls(x, y, str(data.get("fitted_on", "")), int(data.get("events", 0)))


def labelled(gold_per_document: Sequence[Sequence[dict]], predicted_per_document: Sequence[Sequence[dict]]):
    """``(confidence, right)`` for every predicted event, matched as the scorer matches them."""
    found: list[Labelled] = []
    for gold, predicted in zip(gold_per_document, predicted_per_document):
        matched = {p for _, p in match_events(gold, predicted)}
        found += [(float(event["confidence"]), index in matched) for index, event in enumerate(predicted)]
    return found


def fit(events: Sequence[Labelled], fitted_on: str) -> Calibration:
    """Isotonic regression of rightness on raw confidence (scikit-learn)."""
    from sklearn.isotonic import IsotonicRegression

    if len({right for _, right in events}) < 2:
        raise ValueError("calibration needs both right and wrong events; the split has only one kind")
    model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    model.fit([c for c, _ in events], [float(r) for _, r in events])
    x = tuple(round(float(v), 6) for v in model.X_thresholds_)
    y = tuple(round(float(v), 6) for v in model.y_thresholds_)
    return Calibration(x, y, fitted_on, len(events))


def reliability(events: Sequence[Labelled], edges: Sequence[float] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)):
    """Per confidence bin: how many events, their mean confidence, and the share that is right.

    >>> reliability([(0.9, True), (0.85, False), (0.1, False)], (0.0, 0.5, 1.0001))
    [(0.0, 0.5, 1, 0.1, 0.0), (0.5, 1.0, 2, 0.875, 0.5)]
    """
    rows = []
    for low, high in zip(edges, edges[1:]):
        inside = [(c, r) for c, r in events if low <= c < high]
        if inside:
            mean = round(sum(c for c, _ in inside) / len(inside), 4)
            rows.append((low, min(high, 1.0), len(inside), mean, round(sum(r for _, r in inside) / len(inside), 4)))
    return rows


def right_above(events: Sequence[Labelled], threshold: float = 0.8) -> tuple[int, float]:
    """How many events reach ``threshold``, and the share of them that is right."""
    above = [r for c, r in events if c >= threshold]
    return len(above), (sum(above) / len(above) if above else 0.0)


def format_reliability(name: str, events: Sequence[Labelled]) -> str:
    lines = [f"{name}: reliability (bin, events, mean confidence, share right)"]
    for low, high, count, mean, share in reliability(events):
        lines.append(f"  [{low:.1f}, {high:.1f})  {count:4d}  {mean:.3f}  {share:.3f}")
    count, share = right_above(events)
    lines.append(f"  confidence >= 0.8: {count} events, {share:.3f} right")
    return "\n".join(lines)


def plot_reliability(curves: dict[str, Sequence[Labelled]], path: Path) -> Path:
    """A reliability diagram: mean confidence against share right per bin, one line per curve."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(4.5, 4.5))
    axis.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    for name, events in curves.items():
        rows = reliability(events)
        axis.plot([r[3] for r in rows], [r[4] for r in rows], marker="o", label=name)
    axis.set_xlabel("confidence (bin mean)")
    axis.set_ylabel("share of events that are right")
    axis.set_xlim(0, 1)
    axis.set_ylim(0, 1.02)
    axis.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path
