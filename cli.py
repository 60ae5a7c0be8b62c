"""``closures``: one command for every job of the closure extractor.

Exit codes: 0 success; 1 a check failed (invalid corpus, quality below a bar); 2 bad usage or
bad input (unknown flag, missing or unreadable file, unusable model directory).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib import import_module

# name -> ("module:function" that runs it as ``function(argv, prog=...)``, one-line summary)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("closure_extractor.extract.__main__:main", "closure events of article files, as JSON lines or CSV"),
    "batch": ("closure_extractor.extract.batch:main", "extraction over a JSONL/CSV/Parquet file, resumable"),
    "train": ("closure_extractor.train.__main__:main", "fine-tune the token classifier"),
    "evaluate": ("closure_extractor.cli:evaluate_main", "entity and event scores of a model on a corpus split"),
    "data": ("closure_extractor.data.__main__:main", "corpus: validate, stats, check-draft, build, convert"),
    "demo": ("closure_extractor.extract.demo:main", "the main job: train if needed, then the seed articles"),
    "track": ("closure_extractor.extract.register_cli:track_main", "closure register: each closure once, in SQLite"),
    "evaluate-register": (
        "closure_extractor.extract.register_cli:evaluate_main",
        "pairwise merge F1 and exact entries of a register against gold",
    ),
}

EXAMPLES = """examples:
  closures demo
  closures extract article.txt --published 2020-11-16 --format csv
  closures batch articles.jsonl results.jsonl --events-csv events.csv
  closures train --base-model DIR_OR_HUB_ID --out runs/default
  closures evaluate --model runs/default --split test
  closures data validate
  closures track articles.jsonl --db register.sqlite --export register.csv --html dashboard.html
  closures evaluate-register --gold gold.jsonl --db register.sqlite

exit codes: 0 success, 1 a check failed, 2 bad usage or input
"""


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser: it lists the subcommands; each subcommand parses its own flags."""
    parser = argparse.ArgumentParser(
        prog="closures",
        description=__doc__.splitlines()[0],
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, summary) in COMMANDS.items():
        commands.add_parser(name, help=summary, add_help=False)
    return parser


def command_main(name: str) -> Callable[..., int]:
    module, function = COMMANDS[name][0].split(":")
    return getattr(import_module(module), function)


def evaluate_main(argv: list[str], prog: str = "closures evaluate") -> int:
    """Entity scores (seqeval, per label) and event scores (end to end and oracle) in one call."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=evaluate_main.__doc__,
        epilog="example:\n  closures evaluate --model runs/default --split test",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--model", help="trained model directory (default: $CLOSURE_MODEL or runs/default)")
    parser.add_argument("--split", choices=("train", "dev", "test"), default="test")
    parser.add_argument("--data", nargs="+", help="corpus JSONL files or folder (default: the bundled corpus)")
    parser.add_argument("--entities-only", action="store_true")
    parser.add_argument("--events-only", action="store_true")
    parser.add_argument(
        "--oracle-only",
        action="store_true",
        help="events from gold entities; needs no model (with --model, its learned date roles read the dates)",
    )
    parser.add_argument(
        "--rules-only", action="store_true", help="ignore the model's learned event check and date roles"
    )
    parser.add_argument("--json", help="also write the event reports to this JSON file")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto")
    parser.add_argument("--calibrate", action="store_true", help="fit event confidence on --split (dev) into the model")
    parser.add_argument("--plot", help="also draw the reliability diagram of the split's event confidence (PNG)")
    args = parser.parse_args(argv)
    from closure_extractor.extract import evaluate as events
    from closure_extractor.extract.api import resolve_model_dir
    from closure_extractor.model.loading import ModelLoadError

    common = ["--split", args.split, "--precision", args.precision] + (["--data", *args.data] if args.data else [])
    if args.model and (args.events_only or args.calibrate or args.oracle_only):
        common += ["--model", args.model]
    if args.calibrate:
        return events.main([*common, "--calibrate"], prog=prog)
    codes = []
    if not (args.events_only or args.oracle_only):
        from closure_extractor.train import evaluate as entities

        try:
            model = str(resolve_model_dir(args.model))
        except ModelLoadError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        codes.append(entities.main(["--model", model, *common], prog=prog))
        common += ["--model", model]
    if not args.entities_only:
        extra = (["--oracle-only"] if args.oracle_only else []) + (["--json", args.json] if args.json else [])
        extra += ["--rules-only"] if args.rules_only else []
        extra += ["--plot", args.plot] if args.plot else []
        codes.append(events.main(common + extra, prog=prog))
    return max(codes)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or argv[0] in ("-h", "--help"):
        parser.print_help()
        return 0 if argv else 2
    if argv[0] not in COMMANDS:
        parser.parse_args(argv[:1])  # argparse's own "invalid choice" message, exit 2
    try:
        return command_main(argv[0])(argv[1:], prog=f"closures {argv[0]}")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
