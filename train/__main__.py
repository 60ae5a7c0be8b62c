"""``python -m train --base-model ID_OR_DIR --data FILES_OR_DIR --out runs/NAME``.

Fine-tunes a token classifier; ``--folds K`` runs grouped K-fold cross-validation instead.
The base model comes from ``--base-model``, else ``$CLOSURE_BASE_MODEL``, else the IndoBERT hub id.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from closure_extractor.data.dataset import CORPUS_DIR
from closure_extractor.model.hardware import resolve_precision
from closure_extractor.model.loading import ModelLoadError, resolve_base_model
from closure_extractor.train.config import TrainConfig
from closure_extractor.train.metrics import format_report

DEFAULT_DATA = str(CORPUS_DIR)


def parse_args(argv: list[str] | None, prog: str = "closures train") -> argparse.Namespace:
    defaults = TrainConfig(base_model="", data=[], out="")
    parser = argparse.ArgumentParser(
        prog=prog,
        epilog="example:\n  closures train --base-model ../shared/models/multilingual-e5-small-id --out runs/default",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base-model", help="hub id or local directory (default: $CLOSURE_BASE_MODEL or IndoBERT)")
    parser.add_argument(
        "--data",
        nargs="+",
        default=[DEFAULT_DATA],
        help="corpus JSONL files, a directory of them, or a CoNLL directory (train/valid/test.txt)",
    )
    parser.add_argument("--out", required=True, help="output directory, e.g. runs/default")
    parser.add_argument("--epochs", type=float, default=defaults.epochs)
    parser.add_argument("--max-steps", type=int, default=defaults.max_steps, help="stop after N steps (smoke runs)")
    parser.add_argument("--learning-rate", type=float, default=defaults.learning_rate)
    parser.add_argument("--batch-size", type=int, default=defaults.batch_size)
    parser.add_argument("--max-length", type=int, default=defaults.max_length, help="pieces per window")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--patience", type=int, default=defaults.patience, help="early-stopping epochs")
    parser.add_argument(
        "--precision",
        choices=("auto", "fp32", "bf16"),
        default=defaults.precision,
        help="auto (default): bf16 mixed precision where the CPU has AVX-512 BF16 or AMX, else fp32",
    )
    parser.add_argument("--folds", type=int, default=0, help="K-fold cross-validation by document instead")
    parser.add_argument("--overwrite", action="store_true", help="replace a different model in --out")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, prog: str = "python -m closure_extractor.train") -> int:
    args = parse_args(argv, prog)
    config = TrainConfig(
        base_model=resolve_base_model(args.base_model),
        data=args.data,
        out=args.out,
        epochs=args.epochs,
        learning_rate=args.learning_rate,
        batch_size=args.batch_size,
        max_length=args.max_length,
        seed=args.seed,
        patience=args.patience,
        precision=resolve_precision(args.precision),
        max_steps=args.max_steps,
    )
    from closure_extractor.train.run import RunError, train

    try:
        if args.folds:
            from closure_extractor.train.crossval import cross_validate

            summary = cross_validate(config, args.folds)
            for label, row in summary.items():
                print(f"{label:<12} F1 {row['mean']:.4f} ± {row['std']:.4f}")
            Path(args.out).mkdir(parents=True, exist_ok=True)
            (Path(args.out) / "crossval.json").write_text(json.dumps(summary, indent=2))
            return 0
        scores = train(config, overwrite=args.overwrite)
    except (RunError, ModelLoadError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for split, report in scores.items():
        print(f"\n{split}:\n{format_report(report)}")
    print(f"\nmodel saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
