"""Sub-word alignment, windows and tagging, on a tiny random BERT built offline in the test."""

import pytest

from closure_extractor.model.labels import IGNORE_INDEX, entity_labels_of, label_maps
from closure_extractor.model.loading import ModelLoadError, check_model_dir, load_tokenizer
from closure_extractor.model.tagger import TokenTagger
from closure_extractor.model.windows import encode_window, plan_windows, sentence_windows


def test_label_scheme_is_bio_over_the_four_types():
    id2label, label2id = label_maps()
    assert id2label[0] == "O" and label2id["I-HEADCOUNT"] == 8
    assert entity_labels_of(id2label) == ["OFFICIAL", "AGENCY", "DATE", "HEADCOUNT"]


def test_label_sits_on_first_piece_and_ignore_on_the_rest(tiny_model_dir):
    tokenizer = load_tokenizer(str(tiny_model_dir))
    words = ["Disdukcapil", "Kabupaten", "Pandeglang", "ditutup"]
    window = sentence_windows(tokenizer, words, max_length=64, overlap=4)[0]
    item = encode_window(tokenizer, words, window, 64, tag_ids=[3, 4, 4, 0])
    firsts = [w for w in item["word_ids"] if w is not None]
    assert firsts == [0, 1, 2, 3]
    labelled = [label for label in item["labels"] if label != IGNORE_INDEX]
    assert labelled == [3, 4, 4, 0]
    assert item["labels"][0] == IGNORE_INDEX  # the [CLS] piece


def test_windows_cover_every_word_once_as_owner_and_overlap():
    windows = plan_windows([1] * 25, budget=10, overlap=3)
    owned = [w for window in windows for w in range(window.own_first, window.own_last)]
    assert owned == list(range(25))
    assert all(b.first < a.last for a, b in zip(windows, windows[1:]))
    assert all(w.last - w.first <= 10 for w in windows)


def test_one_huge_word_still_gets_a_window():
    windows = plan_windows([3, 500, 2], budget=10, overlap=2)
    assert [w.first for w in windows] == [0, 1, 2]


def test_long_sentences_are_tagged_word_for_word(tiny_model_dir):
    tagger = TokenTagger.from_dir(tiny_model_dir, max_length=32, overlap=4, batch_size=4)
    sentences = [["kantor"] * 300, ["Dinsos", "Serang", "ditutup"], []]
    tags = tagger.tag(sentences)
    assert [len(t) for t in tags] == [300, 3, 0]
    assert all(0.0 <= w.score <= 1.0 and w.tag in tagger.id2label.values() for t in tags for w in t)


def test_bf16_and_fp32_give_tags_of_the_same_shape(tiny_model_dir):
    words = [["Kepala", "Dinsos", "Serang", ",", "Moch", "Poppy"]]
    fp32 = TokenTagger.from_dir(tiny_model_dir).tag(words)
    bf16 = TokenTagger.from_dir(tiny_model_dir, precision="bf16").tag(words)
    assert len(fp32[0]) == len(bf16[0]) == 6


def test_model_directories_without_safetensors_are_refused(tmp_path):
    with pytest.raises(ModelLoadError, match="does not exist"):
        check_model_dir(tmp_path / "missing")
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "pytorch_model.bin").write_bytes(b"not loaded")
    with pytest.raises(ModelLoadError, match="only safetensors are loaded"):
        check_model_dir(tmp_path)
