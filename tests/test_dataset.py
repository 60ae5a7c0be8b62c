"""The DatasetDict builder: sentences of words and tags, split by document."""

import pytest
from conftest import CORPUS

from closure_extractor.data.dataset import build_dataset, load_rows


def test_dataset_has_three_splits_with_named_tags():
    dataset = build_dataset(CORPUS)
    assert set(dataset) == {"train", "dev", "test"}
    names = dataset["train"].features["tags"].feature.names
    assert names[0] == "O" and "B-HEADCOUNT" in names and len(names) == 9


def test_no_document_is_split_across_partitions():
    dataset = build_dataset(CORPUS)
    docs = {split: set(dataset[split]["doc_id"]) for split in dataset}
    assert not docs["train"] & docs["test"] and not docs["train"] & docs["dev"] and not docs["dev"] & docs["test"]


def test_missing_and_empty_data_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        load_rows([tmp_path / "none.jsonl"])
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(ValueError, match="empty"):
        load_rows([empty])


def test_a_conll_directory_is_read_with_its_own_labels(tmp_path):
    for name in ("train.txt", "valid.txt", "test.txt"):
        (tmp_path / name).write_text("Budi\tB-PERSON\ndi\tO\nJakarta\tB-PLACE\n\n")
    rows, labels = load_rows([tmp_path])
    assert labels == ["PERSON", "PLACE"] and len(rows["dev"]) == 1


def test_token_offsets_point_back_into_the_document(corpus):
    dataset = build_dataset(CORPUS)
    texts = {d.id: d.text for d in corpus}
    for row in dataset["dev"].select(range(20)):
        text = texts[row["doc_id"]]
        assert all(text[start : start + len(token)] == token for token, start in zip(row["tokens"], row["starts"]))
