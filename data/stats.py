"""Corpus totals per split and label: documents, sentences, tokens, mentions, events."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from closure_extractor.data.schema import LABELS, SPLITS, AnnotatedDocument, load_corpus
from closure_extractor.data.sentences import split_sentences
from closure_extractor.data.tokens import tokenize_words

COLUMNS = ("documents", "no-event docs", "events", "sentences", "tokens", *LABELS, "mentions")


def document_counts(document: AnnotatedDocument) -> Counter:
    counts: Counter = Counter(documents=1, events=len(document.events))
    counts["no-event docs"] = int(not document.events)
    counts["sentences"] = len(split_sentences(document.text))
    counts["tokens"] = len(tokenize_words(document.text))
    counts.update(span.label for span in document.spans)
    counts["mentions"] = len(document.spans)
    return counts


def corpus_stats(paths: list[str | Path]) -> dict[str, Counter]:
    """Counters per split plus ``total``; raises ``ValueError`` on an invalid corpus."""
    table = {split: Counter() for split in (*SPLITS, "total")}
    for document in load_corpus(paths):
        counts = document_counts(document)
        table[document.split].update(counts)
        table["total"].update(counts)
    return table


def format_stats(table: dict[str, Counter]) -> str:
    width = max(len(c) for c in COLUMNS)
    header = f"{'':<{width}} " + " ".join(f"{name:>8}" for name in table)
    lines = [header]
    for column in COLUMNS:
        lines.append(f"{column:<{width}} " + " ".join(f"{table[s][column]:>8}" for s in table))
    return "\n".join(lines)
