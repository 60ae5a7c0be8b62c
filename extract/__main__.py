"""``python -m extract FILE... [--published DATE] [--model DIR] [--html OUT.html]``.

Prints one JSON line per closure event found (with the file it came from); ``-`` reads stdin.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from closure_extractor.extract.api import Extractor
from closure_extractor.model.loading import ModelLoadError


def read_inputs(paths: list[str]) -> list[tuple[str, str]]:
    inputs = []
    for path in paths:
        if path == "-":
            inputs.append(("<stdin>", sys.stdin.read()))
            continue
        try:
            inputs.append((path, Path(path).read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            raise ValueError(f"{path}: not UTF-8 text") from None
        except OSError as exc:
            raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return inputs


def main(argv: list[str] | None = None, prog: str = "python -m closure_extractor.extract") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        epilog="example:\n  closures extract article.txt --published 2020-11-16 --model runs/default --html out.html",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", help="article text files (UTF-8), or - for stdin")
    parser.add_argument("--published", help="publication date YYYY-MM-DD, to resolve 'Senin (16/11)', 'besok'")
    parser.add_argument("--model", help="trained model directory (default: $CLOSURE_MODEL or runs/default)")
    parser.add_argument("--html", help="also write a readable page with highlighted entities and event cards")
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        default="jsonl",
        help="jsonl: one JSON event a line; csv: one row an event",
    )
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto")
    args = parser.parse_args(argv)
    try:
        if args.html:
            check_writable(Path(args.html))
        inputs = read_inputs(args.files)
        extractor = Extractor.from_pretrained(args.model, precision=args.precision)
        results = extractor.analyze_many([text for _, text in inputs], [args.published] * len(inputs))
    except (ModelLoadError, ValueError, TypeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = [(source, event.to_dict()) for (source, _), (_, events) in zip(inputs, results) for event in events]
    if args.format == "csv":
        write_csv_rows(rows)
    else:
        for source, event in rows:
            print(json.dumps({"source": source} | event, ensure_ascii=False))
    if args.html:
        from closure_extractor.extract.html_report import render_page

        page = render_page([(s, t, spans, events) for (s, t), (spans, events) in zip(inputs, results)])
        try:
            Path(args.html).write_text(page, encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {args.html} ({exc.strerror or exc})", file=sys.stderr)
            return 2
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def check_writable(path: Path) -> None:
    """Fail before the model runs, not after, when the page could not be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK) or path.is_dir():
        raise ValueError(f"cannot write {path} (no writable folder {folder})")


def write_csv_rows(rows: list[tuple[str, dict]]) -> None:
    """One CSV row per event on stdout; the input file stands in the ``id`` column."""
    import csv

    from closure_extractor.extract.event_table import COLUMNS, event_row

    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
    writer.writeheader()
    for source, event in rows:
        writer.writerow(event_row(source, event))


if __name__ == "__main__":
    sys.exit(main())
