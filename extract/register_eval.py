"""How well a register merges reports: pairwise precision/recall/F1 over article pairs, and exact entries.

Two articles are a pair when they report the same closure. A gold file lists each real closure
with its articles; the register's entries are compared to it pair by pair (did it put the right
articles together, and only those?) and entry by entry (does some entry hold exactly the
articles of a gold closure?). Gold file: JSONL, one line per closure,
``{"closure_id": "g1", "articles": ["a1", "a2"], ...}``; other fields are free.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path


@dataclass(frozen=True)
class MergeScores:
    precision: float
    recall: float
    f1: float
    gold_pairs: int
    predicted_pairs: int
    exact: float
    gold_entries: int
    exact_entries: int

    def lines(self) -> list[str]:
        return [
            f"pairwise merge: precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  ({self.predicted_pairs} predicted pairs, {self.gold_pairs} gold pairs)",
            f"exact entries: {self.exact:.3f}  ({self.exact_entries} of {self.gold_entries} gold closures"
            " reproduced with exactly their articles)",
        ]

    def to_dict(self) -> dict[str, float | int]:
        return dict(self.__dict__)


def pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    """Every unordered pair of articles that share a group."""
    return {pair for group in groups for pair in combinations(sorted(set(group)), 2)}


def score_merges(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> MergeScores:
    """Scores of predicted article groups against gold ones.

    Only articles the gold file names are judged, so a dev set of a few stories can score a
    register built from more. Precision is 1 with no predicted pair, recall 1 with no gold pair.
    """
    judged = {article for group in gold for article in group}
    kept = [[a for a in group if a in judged] for group in predicted]
    gold_pairs, predicted_pairs = pairs(gold), pairs(kept)
    right = len(gold_pairs & predicted_pairs)
    precision = right / len(predicted_pairs) if predicted_pairs else 1.0
    recall = right / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    predicted_sets = {frozenset(group) for group in kept if group}
    exact = sum(1 for group in gold if frozenset(group) in predicted_sets)
    return MergeScores(
        round(precision, 4),
        round(recall, 4),
        round(f1, 4),
        len(gold_pairs),
        len(predicted_pairs),
        round(exact / len(gold), 4) if gold else 1.0,
        len(gold),
        exact,
    )


def read_gold(path: Path) -> list[list[str]]:
    """The article groups of a gold file; a clear error naming the line of any bad record."""
    groups = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            articles = record.get("articles") if isinstance(record, dict) else None
            if not isinstance(articles, list) or not articles or not all(isinstance(a, str) for a in articles):
                raise ValueError(f"{path}:{number}: 'articles' must be a non-empty list of article ids")
            groups.append(articles)
    if not groups:
        raise ValueError(f"{path}: no gold closures")
    return groups
