"""``python -m extract FILE... [--published DATE] [--model DIR] [--html OUT.html]``.

Prints one JSON line per closure event found (with the file it came from); ``-`` reads stdin.
"""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--precision", choices=("fp32", "bf16", "auto"), default="fp32")
    args = parser.parse_args(argv)
    try:
        inputs = read_inputs(args.files)
        extractor = Extractor.from_pretrained(args.model, precision=args.precision)
        results = extractor.analyze_many([text for _, text in inputs], [args.published] * len(inputs))
    except (ModelLoadError, ValueError, TypeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for (source, _), (_, events) in zip(inputs, results):
        for event in events:
            print(json.dumps({"source": source} | event.to_dict(), ensure_ascii=False))
    if args.html:
        from closure_extractor.extract.html_report import render_page

        page = render_page([(s, t, spans, events) for (s, t), (spans, events) in zip(inputs, results)])
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
