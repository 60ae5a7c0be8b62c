"""``python -m extract.batch INPUT OUTPUT --model DIR``: extraction over thousands of articles.

One output line per input record, in input order: ``{"id", "events", "entities", "error"}``.
A record that cannot be processed gets an ``error`` and the job goes on. Killed at any
moment and started again with the same arguments, the job repairs a torn last line and
continues after the last complete one. ``--workers N`` runs N processes, each loading the
model once; ``--engine ray`` runs the same job on Ray Data (``pip install .[ray]``).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from closure_extractor.extract.batch_io import (
    InputRecord,
    JobLock,
    OutputWriter,
    count_records,
    has_lone_surrogate,
    read_records,
    resume_output,
    without_surrogates,
)
from closure_extractor.extract.document import parse_published

_WORKER_EXTRACTOR = None
_WORKER_OPTIONS = None


@dataclass(frozen=True)
class JobOptions:
    model: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    published_field: str = "published"
    chunk_size: int = 32
    workers: int = 1
    precision: str = "auto"
    max_chars: int | None = None  # longer texts are cut (at a space) and the line says so
    events_only: bool = False  # no entities in the output: articles without closure wording skip the model


@dataclass(frozen=True)
class Task:
    """A record ready for the extractor, or the reason it is not."""

    id: str
    text: str | None = None
    published: Any = None
    error: str | None = None
    original_chars: int | None = None  # set when the text was cut to ``max_chars``


@dataclass
class Summary:
    records: int = 0
    skipped: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        return (
            f"{self.records} records processed ({self.skipped} already done), {self.events} events, "
            f"{self.errors} errors, {self.seconds:.1f} s ({rate:.1f} records/s)"
        )


def to_task(record: InputRecord, options: JobOptions) -> Task:
    """Check one input record's fields; every problem becomes a readable ``error``."""
    fields = record.fields or {}
    raw_id = fields.get(options.id_field)
    task_id = without_surrogates(str(raw_id)) if raw_id not in (None, "") else f"#{record.position}"
    if record.problem:
        return Task(task_id, error=record.problem)
    text = fields.get(options.text_field)
    if options.text_field not in fields or text is None:
        return Task(task_id, error=f"missing text field {options.text_field!r}")
    if not isinstance(text, str):
        return Task(task_id, error=f"text field {options.text_field!r} must be a string, got {type(text).__name__}")
    if has_lone_surrogate(text):
        return Task(task_id, error=f"text field {options.text_field!r} holds a lone surrogate: not valid Unicode")
    published = fields.get(options.published_field)
    try:
        published = parse_published(published if published not in ("",) else None)
    except (ValueError, TypeError) as exc:
        return Task(task_id, error=str(exc))
    if options.max_chars and len(text) > options.max_chars:
        return Task(task_id, cut_text(text, options.max_chars), published, original_chars=len(text))
    return Task(task_id, text, published)


def cut_text(text: str, limit: int) -> str:
    """The text up to ``limit`` characters, ending at the last whitespace inside the limit.

    >>> cut_text("Kantor Dinsos ditutup", 16)
    'Kantor Dinsos'
    """
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    return head[:space] if space > limit // 2 else head


def _analyze(extractor, options: JobOptions, texts: list[str], published: list) -> list[tuple[list, list]]:
    if options.events_only:
        return [([], events) for events in extractor.extract_many(texts, published)]
    return extractor.analyze_many(texts, published)


def process_tasks(extractor, tasks: list[Task], options: JobOptions = JobOptions()) -> list[dict]:
    """Result lines for a chunk; texts are analysed together so sentences share batches."""
    good = [t for t in tasks if t.error is None]
    try:
        analysed = _analyze(extractor, options, [t.text for t in good], [t.published for t in good])
        results = dict(zip((t.id for t in good), analysed))
    except Exception:  # isolate the record that breaks the shared batch; never lose the others
        results = {}
        for task in good:
            try:
                results[task.id] = _analyze(extractor, options, [task.text], [task.published])[0]
            except Exception as exc:  # noqa: BLE001 - reported per record, the job goes on
                results[task.id] = exc
    lines = []
    for task in tasks:
        outcome = results.get(task.id) if task.error is None else None
        if isinstance(outcome, Exception):
            lines.append(_line(task.id, error=f"extraction failed: {type(outcome).__name__}: {outcome}"))
        elif outcome is None:
            lines.append(_line(task.id, error=task.error))
        else:
            spans, events = outcome
            line = _line(task.id, [e.to_dict() for e in events], [s.to_dict() for s in spans])
            if task.original_chars is not None:
                line["truncated"] = {"chars": task.original_chars, "kept": len(task.text)}
            lines.append(line)
    return lines


def _line(record_id: str, events=None, entities=None, error: str | None = None) -> dict:
    error = without_surrogates(error) if error else error
    return {"id": record_id, "events": events or [], "entities": entities or [], "error": error}


def _load_worker(options: JobOptions) -> None:
    global _WORKER_EXTRACTOR, _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    import signal

    import torch

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once

    from closure_extractor.extract.api import Extractor

    torch.set_num_threads(1)
    _WORKER_EXTRACTOR = Extractor.from_pretrained(options.model, precision=options.precision)


def _worker_chunk(tasks: list[Task]) -> list[dict]:
    return process_tasks(_WORKER_EXTRACTOR, tasks, _WORKER_OPTIONS)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def skip_done(records: Iterator[InputRecord], done: list[str], options: JobOptions) -> Iterator[InputRecord]:
    """Drop the records already in the output, checking they are the same records in the same order."""
    for expected in done:
        record = next(records, None)
        if record is None or to_task(record, options).id != expected:
            raise ValueError("the output file holds results of other input records; choose a new OUTPUT")
    return records


def run_job(source: Path, target: Path, options: JobOptions, progress: bool = True) -> Summary:
    """Run (or resume) a batch job; returns the summary of this run."""
    started = time.time()
    check_paths(source, target)
    with JobLock(target):
        return _run_locked(source, target, options, progress, started)


def check_paths(source: Path, target: Path) -> None:
    """Refuse a job whose OUTPUT is its INPUT: appending results would destroy the articles."""
    if target.exists() and source.resolve() == target.resolve():
        raise ValueError(f"OUTPUT {target} is the INPUT file; choose another OUTPUT")


def _run_locked(source: Path, target: Path, options: JobOptions, progress: bool, started: float) -> Summary:
    from tqdm import tqdm

    from closure_extractor.extract.api import Extractor

    total = count_records(source)
    done = resume_output(target)
    records = skip_done(read_records(source), done, options)
    summary = Summary(skipped=len(done))
    chunks = (list(map(lambda r: to_task(r, options), chunk)) for chunk in chunked(records, options.chunk_size))
    writer = OutputWriter(target)
    bar = tqdm(total=total, initial=len(done), unit="rec", disable=not progress, smoothing=0.1)
    try:
        for lines in _results(chunks, options, Extractor):
            writer.write_chunk(lines)
            summary.records += len(lines)
            summary.events += sum(len(line["events"]) for line in lines)
            errors = [f"{line['id']}: {line['error']}" for line in lines if line["error"]]
            summary.errors += len(errors)
            summary.error_examples += errors[: max(0, 5 - len(summary.error_examples))]
            bar.update(len(lines))
    finally:
        bar.close()
        writer.close()
    summary.seconds = time.time() - started
    return summary


def _results(chunks: Iterator[list[Task]], options: JobOptions, extractor_class) -> Iterator[list[dict]]:
    if options.workers <= 1:
        extractor = extractor_class.from_pretrained(options.model, precision=options.precision)
        for tasks in chunks:
            yield process_tasks(extractor, tasks, options)
        return
    context = get_context("spawn")
    with context.Pool(options.workers, initializer=_load_worker, initargs=(options,)) as pool:
        yield from pool.imap(_worker_chunk, chunks)


def main(argv: list[str] | None = None, prog: str = "python -m closure_extractor.extract.batch") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        epilog="example:\n  closures batch articles.jsonl results.jsonl --model runs/default --events-csv events.csv",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", type=Path, help="JSONL, CSV or Parquet file of articles")
    parser.add_argument("output", type=Path, help="JSONL result file (appended to when resuming)")
    parser.add_argument("--model", help="trained model directory (default: $CLOSURE_MODEL or runs/default)")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--published-field", default="published")
    parser.add_argument("--chunk-size", type=int, default=32, help="records written (and made durable) together")
    parser.add_argument("--workers", type=int, default=1, help="processes on this machine, each with the model")
    parser.add_argument(
        "--precision",
        choices=("auto", "fp32", "bf16", "int8"),
        default="auto",
        help="auto (default): int8 through ONNX Runtime where the [onnx] extra is installed, "
        "else bf16 where the CPU has AVX-512 BF16 or AMX, else fp32",
    )
    parser.add_argument(
        "--max-chars", type=int, help="cut longer texts (at a space); the result line records it under 'truncated'"
    )
    parser.add_argument(
        "--events-only", action="store_true", help="leave entities out; articles without closure wording skip the model"
    )
    parser.add_argument("--events-csv", type=Path, help="also write one row per event as CSV (spreadsheets)")
    parser.add_argument("--events-parquet", type=Path, help="also write one row per event as Parquet")
    parser.add_argument("--engine", choices=("local", "ray"), default="local")
    parser.add_argument("--ray-address", help="ray://host:port or 'auto' (default: $RAY_ADDRESS, else a local Ray)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    options = JobOptions(
        args.model,
        args.text_field,
        args.id_field,
        args.published_field,
        max(1, args.chunk_size),
        max(1, args.workers),
        args.precision,
        args.max_chars if args.max_chars and args.max_chars > 0 else None,
        args.events_only,
    )
    from closure_extractor.model.loading import ModelLoadError

    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if not args.input.is_file():
            raise ValueError(f"{args.input}: no such file")
        if args.engine == "ray":
            from closure_extractor.extract.batch_ray import run_ray_job

            check_paths(args.input, args.output)
            summary = run_ray_job(args.input, args.output, options, args.ray_address)
        else:
            summary = run_job(args.input, args.output, options, progress=not args.quiet)
        write_event_tables(args, options)
    except (ModelLoadError, ValueError, OSError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            f"interrupted: {args.output} holds every finished record; run the same command to resume", file=sys.stderr
        )
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary.line(), file=sys.stderr)
    for example in summary.error_examples:
        print(f"  error: {example}", file=sys.stderr)
    return 0


def _interrupt(signum, frame) -> None:
    """SIGTERM ends the job like Ctrl-C: the chunk in hand is dropped, finished ones stay."""
    raise KeyboardInterrupt


def write_event_tables(args: argparse.Namespace, options: JobOptions) -> None:
    """``--events-csv`` / ``--events-parquet``: every event of OUTPUT, with url and outlet from INPUT."""
    if not (args.events_csv or args.events_parquet):
        return
    import json

    from closure_extractor.extract.event_table import rows_of_results, write_csv, write_parquet

    meta = {}
    for record in read_records(args.input):
        fields = record.fields or {}
        if fields.get("url") or fields.get("outlet"):
            meta[to_task(record, options).id] = {"url": fields.get("url"), "outlet": fields.get("outlet")}
    for path, writer in ((args.events_csv, write_csv), (args.events_parquet, write_parquet)):
        if path:  # OUTPUT is read line by line: it can hold hundreds of thousands of articles
            with open(args.output, encoding="utf-8") as handle:
                lines = (json.loads(line) for line in handle if line.strip())
                count = writer(rows_of_results(lines, meta), path)
            print(f"wrote {count} event rows to {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
