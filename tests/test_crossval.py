"""Cross-validation folds hold out whole documents, each exactly once, and never the test split."""

from collections import Counter

from closure_extractor.data.schema import load_corpus
from closure_extractor.train.crossval import fold_corpora


def test_each_document_is_held_out_in_exactly_one_fold(tmp_path, corpus):
    folds = [load_corpus([p]) for p in fold_corpora(["data/corpus"], 3, tmp_path)]
    held_out = Counter(d.id for fold in folds for d in fold if d.split == "dev")
    pool = {d.id for d in corpus if d.split != "test"}
    assert set(held_out) == pool and set(held_out.values()) == {1}
    assert all(d.split in ("train", "dev") for fold in folds for d in fold)
    assert all(len(fold) == len(pool) for fold in folds)
