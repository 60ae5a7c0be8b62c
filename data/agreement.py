"""Inter-annotator agreement between two annotations of the same documents (drafts or corpus).

Span agreement is exact-span F1 per label, taking the first annotation as reference (F1 is
symmetric, so the choice does not change it). Event agreement uses the product's own event
scorer: events matched by agency, then date slots, reason category, officials and headcounts.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from closure_extractor.data.markup import read_draft
from closure_extractor.data.schema import LABELS, AnnotatedDocument


def read_pairs(first: list[Path], second_dir: Path) -> list[tuple[AnnotatedDocument, AnnotatedDocument]]:
    """Pairs of drafts with the same file name; the texts must be identical."""
    pairs = []
    for path in first:
        other = second_dir / path.name
        if not other.is_file():
            continue
        a, b = read_draft(path), read_draft(other)
        if a.text != b.text:
            raise ValueError(f"{path.name}: the two annotations are of different texts")
        pairs.append((a, b))
    return pairs


def span_agreement(pairs: list[tuple[AnnotatedDocument, AnnotatedDocument]]) -> dict[str, dict[str, float]]:
    counts = {label: Counter() for label in (*LABELS, "micro")}
    for a, b in pairs:
        left, right = set(a.spans), set(b.spans)
        for label in LABELS:
            tp = len({s for s in left & right if s.label == label})
            counts[label]["tp"] += tp
            counts[label]["fn"] += sum(s.label == label for s in left) - tp
            counts[label]["fp"] += sum(s.label == label for s in right) - tp
    for label in LABELS:
        counts["micro"].update(counts[label])
    return {label: _f1(c) for label, c in counts.items()}


def _f1(c: Counter) -> dict[str, float]:
    denominator = 2 * c["tp"] + c["fp"] + c["fn"]
    return {"f1": 2 * c["tp"] / denominator if denominator else 1.0, "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}


def event_agreement(pairs: list[tuple[AnnotatedDocument, AnnotatedDocument]]) -> dict[str, Any]:
    from closure_extractor.extract.scoring import score_documents

    return score_documents([(a.events, b.events) for a, b in pairs])


def format_agreement(pairs, spans: dict, events: dict) -> str:
    lines = [f"{len(pairs)} documents annotated twice", "", "| label | F1 | both | only first | only second |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for label, row in spans.items():
        lines.append(f"| {label} | {row['f1']:.3f} | {row['tp']} | {row['fn']} | {row['fp']} |")
    e = events["events"]
    lines += ["", f"events: F1 {e['f1']:.3f} (both {e['tp']}, only first {e['fn']}, only second {e['fp']})"]
    for slot in ("start_date", "end_date", "duration_days", "reason_category"):
        lines.append(f"{slot}: agreement {events[slot]:.3f} on {events['matched_events']} shared events")
    for name in ("officials", "headcounts"):
        lines.append(f"{name}: F1 {events[name]['f1']:.3f}")
    return "\n".join(lines)
