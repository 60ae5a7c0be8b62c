"""Fit a keep-or-drop decision over candidates of matched events: which officials, which counted
groups belong to an event (``train/official_roles.py``, ``train/count_check.py``).

Events are the rules' own on gold entity spans (``train/recorded.py``); each candidate of a
matched event is labelled by whether the gold event lists its value (a name, a count). Both
variants (``learned``: candidates alone; ``combined``: also whether the rules kept it) are fitted
on train and their thresholds chosen on dev by F1 of the values, as the event scorer counts
them; a 5-fold cross-validation grouped by document (train and dev pooled) reports how steady
they are. The test split is never read. The variant saved for use beats the rules on dev and in
CV; when neither does, the report is saved, marked unused.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from closure_extractor.data.schema import AnnotatedDocument
from closure_extractor.extract.learned import VARIANTS, SlotModel
from closure_extractor.train.recorded import FOLDS, Offered, fit_logistic, folds, matched_offers, run_fit_cli

THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]
REGULARISATION = 1.0  # inverse strength (scikit-learn's C)


@dataclass(frozen=True)
class Offer:
    """One matched event's candidates, the rules' choice and the gold values."""

    candidates: list
    rules: list
    gold: list


@dataclass(frozen=True)
class Membership:
    """How one decision reads its offers and builds its model."""

    what: str  # 'official', 'headcount': for the report
    offer: Callable[[dict, Offered], Offer]  # gold event, what the event was offered
    options: Callable[[list, list | None], list]  # candidates (and the rules' choice, combined)
    value: Callable[[Any], Any]  # what the scorer compares: a name, a count
    build: Callable[[str, SlotModel, dict], Any]  # variant, model, scores -> the decision

    def offers(self, documents: list[AnnotatedDocument]) -> list[Offer]:
        return [self.offer(gold, offered) for d in documents for gold, offered in matched_offers(d)]

    def fit(self, offers: list[Offer], variant: str):
        rows = []
        for offer in offers:
            options = self.options(offer.candidates, offer.rules if variant == "combined" else None)
            rows += [(o.features, self.value(o) in offer.gold) for o in options]
        return self.build(variant, fit_logistic(rows, REGULARISATION), {})

    def f1(self, offers: list[Offer], decision) -> float:
        """F1 of the kept values over matched events (each value counted as often as it is listed)."""
        tp = fp = fn = 0
        for offer in offers:
            kept = offer.rules if decision is None else decision.choose(offer.candidates, offer.rules)
            chosen, gold = Counter(self.value(k) for k in kept), Counter(offer.gold)
            overlap = sum((chosen & gold).values())
            tp, fp, fn = tp + overlap, fp + sum(chosen.values()) - overlap, fn + sum(gold.values()) - overlap
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    def with_threshold(self, decision, threshold: float):
        return self.build(decision.variant, decision.member.with_threshold(threshold), decision.scores)

    def tuned(self, decision, offers: list[Offer]):
        """The decision at the threshold with the best F1 on ``offers`` (ties: the lowest)."""
        best = max(THRESHOLDS, key=lambda t: (round(self.f1(offers, self.with_threshold(decision, t)), 6), -t))
        return self.with_threshold(decision, best)

    def cross_validate(self, documents: list[AnnotatedDocument]) -> dict[str, tuple[float, float]]:
        results: dict[str, list[float]] = {name: [] for name in ("rules", *VARIANTS)}
        for train_documents, held_documents in folds(documents):
            train, held = self.offers(train_documents), self.offers(held_documents)
            results["rules"].append(self.f1(held, None))
            for variant in VARIANTS:
                results[variant].append(self.f1(held, self.tuned(self.fit(train, variant), train)))
        return {name: (statistics.mean(v), statistics.stdev(v)) for name, v in results.items()}

    def fit_and_report(self, train: list[AnnotatedDocument], dev: list[AnnotatedDocument], model_dir: Path) -> str:
        """Fit both variants on train, choose thresholds on dev, cross-validate, save, and report."""
        train_offers, dev_offers = self.offers(train), self.offers(dev)
        fitted = {v: self.tuned(self.fit(train_offers, v), dev_offers) for v in VARIANTS}
        dev_scores = {"rules": self.f1(dev_offers, None), **{v: self.f1(dev_offers, fitted[v]) for v in VARIANTS}}
        cv = self.cross_validate(train + dev)
        lines = [
            f"{self.what} check, oracle entities, {len(train_offers)} train / {len(dev_offers)} dev matched events:"
            f" {self.what} F1 on dev and {FOLDS}-fold CV (train + dev, by document)"
        ]
        for name, score in dev_scores.items():
            lines.append(f"  {name:<9} dev {score:.3f}   CV {cv[name][0]:.3f} ± {cv[name][1]:.3f}")
        helping = [v for v in VARIANTS if dev_scores[v] > dev_scores["rules"] and cv[v][0] > cv["rules"][0]]
        chosen = max(helping, key=lambda v: dev_scores[v] + cv[v][0], default=None)
        saved = fitted[chosen or "combined"]
        scores = {"dev": dev_scores, "cv_mean": {k: v[0] for k, v in cv.items()}}
        path = self.build(saved.variant, saved.member, scores).save(model_dir, chosen)
        if chosen is None:
            lines.append(f"  neither variant beats the rules on dev and in CV: the rules decide ({path})")
        else:
            lines.append(f"  {chosen} beats the rules on dev and in CV: it decides ({path})")
        return "\n".join(lines)


def run_cli(decision: Membership, module: str, argv: list[str] | None = None) -> int:
    """``python -m closure_extractor.train.<module> --model DIR [--data ...]``: fit, save, report."""
    return run_fit_cli(decision.fit_and_report, module, __doc__, argv)
