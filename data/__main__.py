"""Command line for the corpus: ``python -m data {validate,stats,check-draft,build,convert}``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from closure_extractor.data.dataset import default_corpus_files
from closure_extractor.data.validate import validate_files

DEFAULT_CORPUS = [str(p) for p in default_corpus_files()]


def cmd_validate(args: argparse.Namespace) -> int:
    messages = validate_files(args.files or DEFAULT_CORPUS)
    for message in messages:
        print(message, file=sys.stderr)
    if messages:
        print(f"{len(messages)} problem(s) found", file=sys.stderr)
        return 1
    print(f"OK: {len(args.files or DEFAULT_CORPUS)} file(s) valid")
    return 0


def cmd_check_draft(args: argparse.Namespace) -> int:
    from closure_extractor.data.markup import read_draft
    from closure_extractor.data.validate import validate_record

    failures = 0
    for path in args.files:
        try:
            document = read_draft(path)
        except (ValueError, KeyError) as exc:
            print(f"{path}: cannot parse: {exc}", file=sys.stderr)
            failures += 1
            continue
        problems = validate_record(document.to_dict())
        for problem in problems:
            print(f"{path} (id={document.id}): {problem}", file=sys.stderr)
        failures += bool(problems)
        if args.show:
            for span in document.spans:
                print(f"  {span.label:<9} {document.mention(span)!r}")
        counts = {label: 0 for label in ("OFFICIAL", "AGENCY", "DATE", "HEADCOUNT")}
        for span in document.spans:
            counts[span.label] = counts.get(span.label, 0) + 1
        print(f"{path}: {len(document.spans)} spans {counts}, {len(document.events)} event(s)")
    return 1 if failures else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from closure_extractor.data.stats import corpus_stats, format_stats

    try:
        print(format_stats(corpus_stats(args.files or DEFAULT_CORPUS)))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    from closure_extractor.data.formats import convert_file

    try:
        count, notes = convert_file(args.input, args.output, args.source_format, args.target_format, args.annotator)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"wrote {count} record(s) to {args.output}")
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from closure_extractor.data.agreement import event_agreement, format_agreement, read_pairs, span_agreement

    try:
        pairs = read_pairs([Path(f) for f in args.first], Path(args.second))
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not pairs:
        print(f"error: no draft of {args.second} shares a file name with the first annotation", file=sys.stderr)
        return 2
    print(format_agreement(pairs, span_agreement(pairs), event_agreement(pairs)))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Each folder under ``--drafts`` becomes one corpus file ``<out-dir>/<folder>.jsonl``."""
    from closure_extractor.data.drafts import build_corpus

    drafts, out_dir = Path(args.drafts), Path(args.out_dir)
    folders = [Path(f) for f in args.only] if args.only else sorted(p for p in drafts.iterdir() if p.is_dir())
    try:
        for folder in folders:
            written = build_corpus(drafts / folder.name, out_dir / f"{folder.name}.jsonl")
            print(f"wrote {written} document(s) to {out_dir / (folder.name + '.jsonl')}")
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None, prog: str = "python -m closure_extractor.data") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        epilog="example:\n  closures data validate && closures data stats",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=__doc__,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check corpus JSONL files; exit 1 on any problem")
    p.add_argument("files", nargs="*", help="JSONL files (default: data/corpus/*.jsonl)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("stats", help="documents, sentences and mentions per split and label")
    p.add_argument("files", nargs="*")
    p.set_defaults(func=cmd_stats)
    p = sub.add_parser("check-draft", help="parse and validate hand-written draft files")
    p.add_argument("files", nargs="+")
    p.add_argument("--show", action="store_true", help="list every span")
    p.set_defaults(func=cmd_check_draft)
    p = sub.add_parser("build", help="turn each folder of drafts into one corpus JSONL, with splits")
    p.add_argument("--drafts", default="data/drafts", help="folder whose subfolders (written/, real/) hold drafts")
    p.add_argument("--out-dir", default="data/corpus")
    p.add_argument("--only", nargs="+", help="build only these subfolders")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("agreement", help="agreement of a second annotation (drafts) with the first")
    p.add_argument("first", nargs="+", help="draft files of the first annotation")
    p.add_argument("--second", required=True, help="folder of the second annotation's drafts (same file names)")
    p.set_defaults(func=cmd_agreement)
    p = sub.add_parser("convert", help="convert between corpus, doccano, labelstudio and conll")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--from", dest="source_format", required=True)
    p.add_argument("--to", dest="target_format", required=True)
    p.add_argument("--annotator", help="Label Studio: take this annotator's annotation (completed_by id or email)")
    p.set_defaults(func=cmd_convert)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
