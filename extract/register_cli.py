"""``closures track`` and ``closures evaluate-register``: build the closure register, and score it.

Exit codes: 0 success; 1 a check failed (scores below the bars); 2 bad usage or bad input, told
in one line (a missing or unreadable file, a malformed batch output, a file that is no register).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from closure_extractor.extract.batch import JobOptions, Task, chunked, to_task
from closure_extractor.extract.batch_io import read_records
from closure_extractor.extract.register import Article, Register
from closure_extractor.extract.register_db import RegisterFileError
from closure_extractor.extract.register_export import export_format, write_export

TRACK_EXAMPLES = """examples:
  closures track articles.jsonl --db register.sqlite --export register.csv --html dashboard.html
  closures track results.jsonl --from-batch --articles articles.jsonl --db register.sqlite
"""


class InputError(ValueError):
    """Input the command cannot use; its message is the one line the user sees."""


def _track_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Add articles to a closure register (SQLite): each closure once, with all its reports.",
        epilog=TRACK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", type=Path, help="article files (JSONL/CSV/Parquet), or batch outputs")
    parser.add_argument("--db", required=True, type=Path, help="register file; created if missing, else added to")
    parser.add_argument("--model", help="trained model directory (default: $CLOSURE_MODEL or runs/default)")
    parser.add_argument("--from-batch", action="store_true", help="INPUT are finished `closures batch` outputs")
    parser.add_argument("--articles", type=Path, help="with --from-batch: the article file (url, outlet, text)")
    parser.add_argument("--export", type=Path, help="also write the register as .jsonl, .csv or .parquet")
    parser.add_argument("--html", type=Path, help="also write the dashboard page")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--published-field", default="published")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto")
    parser.add_argument("--chunk-size", type=int, default=32, help="articles tagged together")
    return parser


def track_main(argv: list[str] | None = None, prog: str = "closures track") -> int:
    """Add articles (or batch results) to the register, then export and draw it if asked."""
    args = _track_parser(prog).parse_args(argv)
    options = JobOptions(args.model, args.text_field, args.id_field, args.published_field, max(1, args.chunk_size))
    from closure_extractor.model.loading import ModelLoadError

    try:
        _check_paths(args)
        with Register.open(args.db) as register:
            if args.from_batch:
                articles = _article_index(args.articles, options) if args.articles else {}
                items = _batch_items(args.inputs, articles, register)
            else:
                items = _extracted_items(args.inputs, options, args.precision, register)
            added = register.add_articles(items)
            print(f"{added} new articles added to {args.db}", file=sys.stderr)
            _write_outputs(register, args)
    except (InputError, RegisterFileError, ModelLoadError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _check_paths(args: argparse.Namespace) -> None:
    """Every problem that can be seen before any work, as one line."""
    for path in [*args.inputs, *([args.articles] if args.articles else [])]:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    if args.articles and not args.from_batch:
        raise InputError("--articles only goes with --from-batch")
    if args.export:
        export_format(args.export)


def _write_outputs(register: Register, args: argparse.Namespace) -> None:
    if args.export:
        rows = write_export(register.db, args.export)
        print(f"wrote {rows} closures to {args.export}", file=sys.stderr)
    if args.html:
        from closure_extractor.extract.register_html import write_dashboard

        rows = write_dashboard(register.db, args.html)
        print(f"wrote the dashboard of {rows} closures to {args.html}", file=sys.stderr)


def _article(task: Task, fields: dict[str, Any]) -> Article:
    published = task.published.isoformat() if task.published else None
    outlet = fields.get("outlet") or fields.get("source")
    return Article(task.id, published, task.text, fields.get("url"), outlet, fields.get("title"))


def _tasks(paths: list[Path], options: JobOptions) -> Iterator[tuple[Task, dict[str, Any]]]:
    for path in paths:
        for record in read_records(path):
            yield to_task(record, options), record.fields or {}


def _extracted_items(paths: list[Path], options: JobOptions, precision: str, register: Register):
    """Articles not yet in the register, run through the extractor in chunks; unusable records are
    counted and skipped, as in batch jobs."""
    from closure_extractor.extract.api import Extractor
    from closure_extractor.extract.document import prepare
    from closure_extractor.extract.entities import find_entities
    from closure_extractor.extract.events import assemble_events
    from closure_extractor.extract.updates import find_updates

    extractor = Extractor.from_pretrained(options.model, precision=precision)
    fresh = ((t, f) for t, f in _tasks(paths, options) if not _skip(t, register))
    for chunk in chunked(fresh, options.chunk_size):
        documents = [prepare(task.text, task.published) for task, _ in chunk]
        for (task, fields), document, spans in zip(chunk, documents, find_entities(documents, extractor.tagger)):
            events = [e.to_dict() for e in assemble_events(document, spans)]
            updates = [u.to_dict() for u in find_updates(document, spans)]
            yield _article(task, fields), events, updates


def _skip(task: Task, register: Register) -> bool:
    if task.error:
        print(f"skipped {task.id}: {task.error}", file=sys.stderr)
        return True
    return register.has_article(task.id)


def _article_index(path: Path, options: JobOptions) -> dict[str, tuple[Task, dict[str, Any]]]:
    """The article file by id, for the url, outlet, date and text a batch output line lacks."""
    return {task.id: (task, fields) for task, fields in _tasks([path], options)}


def _batch_items(paths: list[Path], articles: dict[str, tuple[Task, dict[str, Any]]], register: Register):
    """Batch output lines as register items; updates are read from the article text and the line's
    entities when the article file is given. A malformed line stops the run with its file and line."""
    from closure_extractor.extract.types import EntitySpan
    from closure_extractor.extract.updates import updates_of_text

    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                result = _batch_line(path, number, line)
                if result["error"] or register.has_article(str(result["id"])):
                    continue
                task, fields = articles.get(str(result["id"]), (Task(str(result["id"])), {}))
                updates = []
                if task.text:
                    spans = [EntitySpan(s["label"], s["start"], s["end"], s["text"]) for s in result["entities"]]
                    published = task.published.isoformat() if task.published else None
                    updates = [u.to_dict() for u in updates_of_text(task.text, published, spans)]
                yield _article(task, fields), result["events"], updates


def _batch_line(path: Path, number: int, line: str) -> dict[str, Any]:
    """One ``{"id", "events", "entities", "error"}`` line, checked."""
    try:
        result = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
    if not isinstance(result, dict) or "id" not in result or not isinstance(result.get("events", []), list):
        raise InputError(f"{path}:{number}: not a batch output line (need 'id' and a list of 'events')")
    if any(not isinstance(e, dict) or not isinstance(e.get("agency"), str) for e in result.get("events", [])):
        raise InputError(f"{path}:{number}: every event needs an 'agency' string")
    return {
        "id": result["id"],
        "events": result.get("events", []),
        "entities": result.get("entities") or [],
        "error": result.get("error"),
    }


def evaluate_main(argv: list[str] | None = None, prog: str = "closures evaluate-register") -> int:
    """Pairwise merge precision/recall/F1 and exact entries of a register against a gold file."""
    from closure_extractor.extract.register_eval import read_gold, score_merges

    parser = argparse.ArgumentParser(
        prog=prog,
        description=evaluate_main.__doc__,
        epilog="example:\n  closures evaluate-register --gold data/register/dev/gold.jsonl --db register.sqlite",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--gold", required=True, type=Path, help="gold closures, JSONL (see README)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path, help="a register file")
    source.add_argument("--pred", type=Path, help="a register export (.jsonl, .csv, .parquet)")
    parser.add_argument("--min-f1", type=float, default=0.90, help="bar for pairwise F1 (exit 1 below it)")
    parser.add_argument("--min-exact", type=float, default=0.70, help="bar for the share of exact entries")
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    args = parser.parse_args(argv)
    try:
        gold = read_gold(args.gold)
        predicted = _predicted_groups(args.db, args.pred)
    except (InputError, RegisterFileError, OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    scores = score_merges(gold, predicted)
    print("\n".join(scores.lines()))
    if args.json:
        args.json.write_text(json.dumps(scores.to_dict(), indent=2) + "\n", encoding="utf-8")
    passed = scores.f1 >= args.min_f1 and scores.exact >= args.min_exact
    if not passed:
        print(f"below the bars (F1 >= {args.min_f1}, exact >= {args.min_exact})", file=sys.stderr)
    return 0 if passed else 1


def _predicted_groups(db: Path | None, pred: Path | None) -> list[list[str]]:
    from closure_extractor.extract.register_export import iter_rows, read_export

    path = db or pred
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if pred is not None:
        return [list(row["articles"]) for row in read_export(pred)]
    with Register.open(db) as register:
        return [row["articles"] for row in iter_rows(register.db)]
