"""``python -m train.evaluate --model DIR --split test``: the seqeval report of a trained model.

Prints per-label precision/recall/F1/support, writes it as JSON, and draws a confusion
matrix of word tags (PNG). Defaults to the corpus in ``data/corpus``; ``--data`` takes the
same inputs as training (e.g. the NERGrit directory).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from closure_extractor.data.dataset import CORPUS_DIR, build_dataset
from closure_extractor.data.schema import SPLITS
from closure_extractor.model.loading import ModelLoadError
from closure_extractor.model.tagger import TokenTagger
from closure_extractor.train.evaluate_words import predict_split
from closure_extractor.train.metrics import entity_report, format_report

DEFAULT_DATA = str(CORPUS_DIR)


def confusion_png(gold: list[list[str]], predicted: list[list[str]], labels: list[str], path: Path) -> None:
    """Row-normalised confusion matrix of word tags, counts written in the cells."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    flat_gold = [t for sentence in gold for t in sentence]
    flat_pred = [t for sentence in predicted for t in sentence]
    matrix = confusion_matrix(flat_gold, flat_pred, labels=labels)
    share = matrix / matrix.sum(axis=1, keepdims=True).clip(min=1)
    figure, axes = plt.subplots(figsize=(8, 7))
    axes.imshow(share, cmap="Blues", vmin=0, vmax=1)
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted tag")
    axes.set_ylabel("gold tag")
    for row in range(len(labels)):
        for column in range(len(labels)):
            if matrix[row, column]:
                colour = "white" if share[row, column] > 0.5 else "black"
                axes.text(column, row, str(matrix[row, column]), ha="center", va="center", color=colour, fontsize=8)
    axes.set_title("Word-tag confusion (rows sum to 1)")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main(argv: list[str] | None = None, prog: str = "python -m closure_extractor.train.evaluate") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        epilog="example:\n  closures evaluate --model runs/default --split test --entities-only",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--model", required=True)
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--data", nargs="+", default=[DEFAULT_DATA])
    parser.add_argument("--out", help="folder for report JSON and PNG (default: the model directory)")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto")
    args = parser.parse_args(argv)
    try:
        tagger = TokenTagger.from_dir(args.model, precision=args.precision)
        split = build_dataset(args.data)[args.split]
    except (ModelLoadError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    gold, predicted = predict_split(tagger, split)
    report = entity_report(gold, predicted)
    print(f"{args.split}: {len(split)} sentences\n{format_report(report)}")
    out = Path(args.out or args.model)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"eval_{args.split}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    confusion_png(gold, predicted, split.features["tags"].feature.names, out / f"confusion_{args.split}.png")
    print(f"wrote {out / f'eval_{args.split}.json'} and {out / f'confusion_{args.split}.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
