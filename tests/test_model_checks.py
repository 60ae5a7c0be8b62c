"""A model directory that would load but tag nothing (or garbage) is refused with one clear line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from closure_extractor.model.loading import ModelLoadError, weights_sha256
from closure_extractor.model.tagger import TokenTagger


@pytest.fixture
def model_copy(tmp_path, tiny_model_dir):
    target = tmp_path / "model"
    shutil.copytree(tiny_model_dir, target)
    return target


def record_sha(model_dir):
    (model_dir / "training_info.json").write_text(json.dumps({"info": {"weights_sha256": weights_sha256(model_dir)}}))


def test_an_intact_copy_loads(model_copy):
    record_sha(model_copy)
    assert TokenTagger.from_dir(model_copy).id2label


def test_missing_tokenizer_files_are_named(model_copy):
    for name in ("tokenizer.json", "vocab.txt"):
        (model_copy / name).unlink(missing_ok=True)
    with pytest.raises(ModelLoadError, match="no tokenizer files"):
        TokenTagger.from_dir(model_copy)


def test_a_config_without_a_label_map_is_not_a_trained_model(model_copy):
    config = json.loads((model_copy / "config.json").read_text())
    config["id2label"] = {"0": "LABEL_0", "1": "LABEL_1"}
    (model_copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="no label map"):
        TokenTagger.from_dir(model_copy)


def test_a_tokenizer_that_does_not_fit_the_embeddings(model_copy):
    config = json.loads((model_copy / "config.json").read_text())
    config["vocab_size"] = 50_000
    (model_copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="do not belong together"):
        TokenTagger.from_dir(model_copy)


@pytest.mark.parametrize("keep", [0, 0.5])
def test_empty_or_truncated_weights(model_copy, keep):
    weights = model_copy / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ModelLoadError):
        TokenTagger.from_dir(model_copy)


def test_a_flipped_bit_is_caught_by_the_recorded_hash(model_copy):
    record_sha(model_copy)
    weights = model_copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-100] ^= 0x01
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match="sha256"):
        TokenTagger.from_dir(model_copy)


def test_the_command_says_it_in_one_line_with_exit_2(model_copy, tmp_path):
    (model_copy / "model.safetensors").write_bytes(b"")
    article = tmp_path / "a.txt"
    article.write_text("Kantor Disdukcapil ditutup.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "closure_extractor", "extract", str(article), "--model", str(model_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error:")
