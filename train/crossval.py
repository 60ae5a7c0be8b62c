"""K-fold cross-validation grouped by document (``GroupKFold``), for a less noisy F1 estimate.

Train and dev documents are pooled; each fold holds out whole documents, trains on the
rest for a fixed number of epochs (no early stopping or checkpoint choice on the held-out
fold, which would flatter it), and scores the held-out fold. The test split is never touched.
"""

from __future__ import annotations

import statistics
import tempfile
from dataclasses import replace
from pathlib import Path

from closure_extractor.data.dataset import corpus_files
from closure_extractor.data.schema import load_corpus, write_jsonl
from closure_extractor.train.config import TrainConfig


def fold_corpora(data: list[str], folds: int, work: Path) -> list[Path]:
    """Write one corpus file per fold: held-out documents as ``dev``, the rest as ``train``."""
    from sklearn.model_selection import GroupKFold

    documents = [d for d in load_corpus(corpus_files(data)) if d.split != "test"]
    if len(documents) < folds:
        raise ValueError(f"{len(documents)} documents cannot make {folds} folds")
    splitter = GroupKFold(n_splits=folds)
    paths = []
    ids = [d.id for d in documents]
    for fold, (_, held_out) in enumerate(splitter.split(ids, groups=ids)):
        held = set(held_out)
        fold_docs = [replace(d, split="dev" if i in held else "train") for i, d in enumerate(documents)]
        path = work / f"fold{fold}.jsonl"
        write_jsonl(fold_docs, path)
        paths.append(path)
    return paths


def cross_validate(config: TrainConfig, folds: int) -> dict:
    """Mean and standard deviation of held-out entity F1 (micro and per label) over the folds."""
    from closure_extractor.train.run import train

    results = []
    with tempfile.TemporaryDirectory(prefix="cv-") as work:
        for fold, path in enumerate(fold_corpora(config.data, folds, Path(work))):
            fold_config = replace(config, data=[str(path)], out=f"{config.out}/fold{fold}", select_best=False)
            scores = train(fold_config, overwrite=True)
            results.append(scores["dev"])
            print(f"fold {fold}: micro F1 {scores['dev']['micro']['f1']:.4f}")
    summary = {}
    for label in results[0]:
        values = [r[label]["f1"] for r in results if label in r]
        summary[label] = {"mean": statistics.mean(values), "std": statistics.pstdev(values), "folds": values}
    return summary
