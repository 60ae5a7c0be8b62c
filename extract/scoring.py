"""Scores for predicted events against gold events (events matched one-to-one by agency)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from closure_extractor.extract.agency_names import same_agency

DATE_SLOTS = ("start_date", "end_date", "duration_days")
SLOTS = (*DATE_SLOTS, "reason_category")


def match_events(gold: Sequence[dict], predicted: Sequence[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs ``(gold index, predicted index)``; exact agency text first."""
    pairs, used = [], set()
    for exact in (True, False):
        for g, gold_event in enumerate(gold):
            if any(pair[0] == g for pair in pairs):
                continue
            for p, predicted_event in enumerate(predicted):
                if p in used:
                    continue
                a, b = gold_event["agency"], predicted_event["agency"]
                if (a == b) if exact else same_agency(a, b):
                    pairs.append((g, p))
                    used.add(p)
                    break
    return pairs


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if tp + fp + fn == 0:
        precision = recall = f1 = 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def score_documents(pairs_of_lists: Sequence[tuple[Sequence[dict], Sequence[dict]]]) -> dict[str, Any]:
    """Event P/R/F1, date-slot accuracy and official / headcount F1 over many documents."""
    tp = fp = fn = 0
    slot_hits: Counter = Counter()
    matched = 0
    people = {"officials": Counter(), "headcounts": Counter()}
    by_category: dict[str, Counter] = {}
    for gold, predicted in pairs_of_lists:
        pairs = match_events(gold, predicted)
        tp += len(pairs)
        fp += len(predicted) - len(pairs)
        fn += len(gold) - len(pairs)
        _count_categories(by_category, gold, predicted, pairs)
        for g, p in pairs:
            matched += 1
            for slot in SLOTS:
                slot_hits[slot] += gold[g].get(slot) == predicted[p].get(slot)
            _count_overlap(
                people["officials"],
                [o["name"] for o in gold[g]["officials"]],
                [o["name"] for o in predicted[p]["officials"]],
            )
            _count_overlap(
                people["headcounts"],
                [h["count"] for h in gold[g]["headcounts"]],
                [h["count"] for h in predicted[p]["headcounts"]],
            )
    report: dict[str, Any] = {"events": _f1(tp, fp, fn), "matched_events": matched}
    for slot in SLOTS:
        report[slot] = slot_hits[slot] / matched if matched else 0.0
    for name, counts in people.items():
        report[name] = _f1(counts["tp"], counts["fp"], counts["fn"])
    report["by_category"] = {k: _f1(c["tp"], c["fp"], c["fn"]) for k, c in sorted(by_category.items())}
    return report


def _count_categories(by_category: dict[str, Counter], gold, predicted, pairs) -> None:
    """Event finding per reason category: a miss counts under the gold category, a false
    alarm under the predicted one, a found event under the gold one."""
    found_gold = {g for g, _ in pairs}
    found_predicted = {p for _, p in pairs}
    for g, event in enumerate(gold):
        counter = by_category.setdefault(event.get("reason_category", "other"), Counter())
        counter["tp" if g in found_gold else "fn"] += 1
    for p, event in enumerate(predicted):
        if p not in found_predicted:
            by_category.setdefault(event.get("reason_category", "other"), Counter())["fp"] += 1


def _count_overlap(counter: Counter, gold: list, predicted: list) -> None:
    gold_counts, predicted_counts = Counter(gold), Counter(predicted)
    overlap = sum((gold_counts & predicted_counts).values())
    counter["tp"] += overlap
    counter["fp"] += sum(predicted_counts.values()) - overlap
    counter["fn"] += sum(gold_counts.values()) - overlap


def format_event_report(title: str, report: dict[str, Any]) -> str:
    events = report["events"]
    lines = [
        f"{title}",
        f"  events      P {events['precision']:.3f}  R {events['recall']:.3f}  F1 {events['f1']:.3f}"
        f"  (tp {events['tp']}, fp {events['fp']}, fn {events['fn']})",
    ]
    lines += [f"  {slot:<12} accuracy {report[slot]:.3f}  (on {report['matched_events']} matched)" for slot in SLOTS]
    for name in ("officials", "headcounts"):
        row = report[name]
        lines.append(f"  {name:<12} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}")
    for category, row in report.get("by_category", {}).items():
        lines.append(f"  events, {category:<13} F1 {row['f1']:.3f}  (tp {row['tp']}, fp {row['fp']}, fn {row['fn']})")
    return "\n".join(lines)
