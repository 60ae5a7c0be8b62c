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
from closure_extractor.extract.calibration import fit, format_reliability, labelled, plot_reliability
from closure_extractor.extract.decisions import RULES_ONLY, LearnedDecisions
from closure_extractor.extract.document import parse_published, prepare
from closure_extractor.extract.scoring import format_event_report, score_documents
from closure_extractor.extract.types import EntitySpan
from closure_extractor.model.loading import ModelLoadError


def gold_spans(document: AnnotatedDocument) -> list[EntitySpan]:
    return [EntitySpan(s.label, s.start, s.end, document.mention(s)) for s in document.spans]


def oracle_events(document: AnnotatedDocument, decisions: LearnedDecisions = RULES_ONLY) -> list[dict]:
    prepared = prepare(document.text, parse_published(document.published))
    return [e.to_dict() for e in decisions.assemble(prepared, gold_spans(document))]


def evaluate(documents: list[AnnotatedDocument], extractor=None, decisions: LearnedDecisions | None = None) -> dict:
    """Oracle scores (gold spans; learned decisions from ``decisions``, else the extractor's) and,
    with an extractor, end-to-end scores and confidence."""
    decisions = decisions or (extractor.decisions if extractor is not None else RULES_ONLY)
    reports = {"oracle": score_documents([(d.events, oracle_events(d, decisions)) for d in documents])}
    if extractor is not None:
        predicted = extractor.extract_many([d.text for d in documents], [d.published for d in documents])
        as_dicts = [[e.to_dict() for e in events] for events in predicted]
        reports["end_to_end"] = score_documents([(d.events, events) for d, events in zip(documents, as_dicts)])
        reports["confidence"] = labelled([d.events for d in documents], as_dicts)
    return reports


def calibrate(documents: list[AnnotatedDocument], extractor, model_dir: Path, fitted_on: str) -> list[str]:
    """Fit the isotonic map on these documents' raw confidences, save it and a reliability plot."""
    extractor.calibration = None
    raw = evaluate(documents, extractor)["confidence"]
    calibration = fit(raw, fitted_on)
    saved = calibration.save(model_dir)
    calibrated = [(calibration(c), right) for c, right in raw]
    plot = plot_reliability({"raw": raw, "calibrated": calibrated}, model_dir / "reliability.png")
    return [
        format_reliability(f"raw ({fitted_on})", raw),
        format_reliability(f"calibrated, in sample ({fitted_on})", calibrated),
        f"wrote {saved} and {plot}",
    ]


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
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="ignore the model's learned event check and date roles: the rules alone assemble events",
    )
    parser.add_argument("--json", help="also write the reports to this JSON file")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto")
    parser.add_argument(
        "--calibrate", action="store_true", help="fit confidence on this split (use dev) and save it in the model"
    )
    parser.add_argument("--plot", help="also draw the reliability diagram of this split's confidence here (PNG)")
    args = parser.parse_args(argv)
    try:
        files = args.data or default_corpus_files()
        documents = [d for d in load_corpus(files) if d.split == args.split]
        extractor, decisions = None, None
        if not args.oracle_only:
            from closure_extractor.extract.api import Extractor

            extractor = Extractor.from_pretrained(args.model, precision=args.precision)
            if args.rules_only:
                extractor.event_filter, extractor.decisions = None, RULES_ONLY
        elif args.model and not args.rules_only:  # oracle entities, the model's learned decisions
            decisions = LearnedDecisions.load(args.model)
    except (ModelLoadError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.calibrate:
        if extractor is None:
            print("error: --calibrate needs a model, not --oracle-only", file=sys.stderr)
            return 2
        try:
            from closure_extractor.extract.api import resolve_model_dir

            lines = calibrate(documents, extractor, resolve_model_dir(args.model), f"{args.split} split")
        except (ValueError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print("\n".join(lines))
        return 0
    reports = evaluate(documents, extractor, decisions)
    print(f"{len(documents)} documents, {sum(len(d.events) for d in documents)} gold events ({args.split})")
    for name in ("oracle", "end_to_end"):
        if name in reports:
            print(format_event_report(name.replace("_", " "), reports[name]))
    if "confidence" in reports:
        state = "calibrated" if extractor.calibration is not None else "raw (no calibration.json)"
        print(format_reliability(f"confidence, {state}, {args.split}", reports["confidence"]))
        if args.plot:
            print(f"wrote {plot_reliability({args.split: reports['confidence']}, Path(args.plot))}")
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
