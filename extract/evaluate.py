"""``python -m extract.evaluate --model DIR --split test``: event scores against the gold events.

Prints two reports: end to end (the model's entities) and with oracle entities (the gold
spans fed to the same assembler), so model errors and assembly errors can be told apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from closure_extractor.data.dataset import default_corpus_files
from closure_extractor.data.schema import SPLITS, AnnotatedDocument, load_corpus
from closure_extractor.extract.document import parse_published, prepare
from closure_extractor.extract.events import assemble_events
from closure_extractor.extract.scoring import format_event_report, score_documents
from closure_extractor.extract.types import EntitySpan
from closure_extractor.model.loading import ModelLoadError


def gold_spans(document: AnnotatedDocument) -> list[EntitySpan]:
    return [EntitySpan(s.label, s.start, s.end, document.mention(s)) for s in document.spans]


def oracle_events(document: AnnotatedDocument) -> list[dict]:
    prepared = prepare(document.text, parse_published(document.published))
    return [e.to_dict() for e in assemble_events(prepared, gold_spans(document))]


def evaluate(documents: list[AnnotatedDocument], extractor=None) -> dict:
    reports = {"oracle": score_documents([(d.events, oracle_events(d)) for d in documents])}
    if extractor is not None:
        predicted = extractor.extract_many([d.text for d in documents], [d.published for d in documents])
        reports["end_to_end"] = score_documents(
            [(d.events, [e.to_dict() for e in events]) for d, events in zip(documents, predicted)]
        )
    return reports


def main(argv: list[str] | None = None, prog: str = "python -m closure_extractor.extract.evaluate") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        epilog="example:\n  closures evaluate --model runs/default --split test --events-only",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=__doc__,
    )
    parser.add_argument("--model", help="trained model directory (omit with --oracle-only)")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--data", nargs="+", default=None, help="corpus JSONL files (default: data/corpus)")
    parser.add_argument("--oracle-only", action="store_true", help="score the assembler on gold spans only")
    parser.add_argument("--json", help="also write the reports to this JSON file")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto")
    args = parser.parse_args(argv)
    try:
        files = args.data or default_corpus_files()
        documents = [d for d in load_corpus(files) if d.split == args.split]
        extractor = None
        if not args.oracle_only:
            from closure_extractor.extract.api import Extractor

            extractor = Extractor.from_pretrained(args.model, precision=args.precision)
    except (ModelLoadError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    reports = evaluate(documents, extractor)
    print(f"{len(documents)} documents, {sum(len(d.events) for d in documents)} gold events ({args.split})")
    for name, report in reports.items():
        print(format_event_report(name.replace("_", " "), report))
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
