"""Assemble the corpus file from hand-written draft documents, assigning splits.

Splits are assigned by document, deterministically: documents are ordered by a hash of
their id within two strata (with and without closure events), then dealt out so that
every split gets its share of both. A draft's own ``split:`` header wins (the seeds).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from closure_extractor.data.markup import read_draft
from closure_extractor.data.schema import AnnotatedDocument, write_jsonl
from closure_extractor.data.validate import validate_record

# Out of every 20 documents of a stratum: 4 go to test, 3 to dev, the rest to train.
DEAL = [
    "train",
    "test",
    "train",
    "dev",
    "train",
    "train",
    "test",
    "train",
    "train",
    "dev",
    "train",
    "test",
    "train",
    "train",
    "dev",
    "train",
    "test",
    "train",
    "train",
    "train",
]


def _order(document: AnnotatedDocument) -> str:
    return hashlib.sha1(document.id.encode("utf-8")).hexdigest()


def assign_splits(documents: list[AnnotatedDocument], fixed: set[str]) -> None:
    """Give each document not in ``fixed`` a split, stratified by whether it has events."""
    for has_events in (True, False):
        stratum = sorted((d for d in documents if bool(d.events) == has_events and d.id not in fixed), key=_order)
        for position, document in enumerate(stratum):
            document.split = DEAL[position % len(DEAL)]


def build_corpus(drafts: Path, out: Path) -> int:
    """Parse, split and validate every ``*.txt`` draft under ``drafts``; write one JSONL file."""
    paths = sorted(drafts.rglob("*.txt"))
    if not paths:
        raise ValueError(f"{drafts}: no draft files (*.txt)")
    documents, fixed = [], set()
    for path in paths:
        try:
            document = read_draft(path)
        except (ValueError, KeyError) as exc:
            raise ValueError(f"{path}: {exc}") from exc
        if "\nsplit:" in "\n" + path.read_text(encoding="utf-8").split("---", 1)[0]:
            fixed.add(document.id)
        documents.append(document)
    assign_splits(documents, fixed)
    for document, path in zip(documents, paths):
        problems = validate_record(document.to_dict())
        if problems:
            raise ValueError(f"{path} (id={document.id}): {problems[0]}")
    write_jsonl(documents, out)
    return len(documents)
