"""Loading base encoders and fine-tuned models, with clear errors instead of library tracebacks."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

DEFAULT_BASE_MODEL = "indobenchmark/indobert-base-p1"
BASE_MODEL_ENV = "CLOSURE_BASE_MODEL"
WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json")
# Any one of these lets AutoTokenizer rebuild the trained tokenizer; without them it silently
# builds a tiny default one, and the model then finds nothing.
TOKENIZER_FILES = ("tokenizer.json", "sentencepiece.bpe.model", "spiece.model", "vocab.txt", "vocab.json")
INFO_FILE = "training_info.json"


class ModelLoadError(RuntimeError):
    """A model or tokenizer could not be loaded; the message says why and what to do."""


def resolve_base_model(flag: str | None) -> str:
    """The flag, else ``$CLOSURE_BASE_MODEL``, else the documented IndoBERT hub id."""
    return flag or os.environ.get(BASE_MODEL_ENV) or DEFAULT_BASE_MODEL


def looks_like_path(name: str) -> bool:
    """Hub ids look like ``owner/name`` too, so only existing or explicitly relative paths count."""
    return name.startswith((".", "/", "~")) or Path(name).expanduser().exists()


def check_model_dir(path: Path) -> None:
    """Refuse a directory that is missing, lacks a config, or holds no safetensors weights."""
    if not path.is_dir():
        raise ModelLoadError(f"model directory {path} does not exist")
    if not (path / "config.json").is_file():
        raise ModelLoadError(f"{path} holds no config.json: not a Hugging Face model directory")
    if not any((path / name).is_file() for name in WEIGHT_FILES):
        found = ", ".join(sorted(p.name for p in path.glob("*.bin"))) or "none"
        raise ModelLoadError(
            f"{path} holds no model.safetensors (pickle weights found: {found}); only safetensors are loaded"
        )


def weights_sha256(path: Path) -> str:
    """The sha256 of ``model.safetensors``: written into the model card, checked on load."""
    digest = hashlib.sha256()
    with open(path / "model.safetensors", "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_trained_model_dir(path: Path) -> dict:
    """Refuse a trained-model directory that would load but tag nothing, or tag garbage.

    Beyond :func:`check_model_dir`: tokenizer files are present, ``config.json`` parses and
    names its labels, and the weights hash to what the model card recorded (a truncated or
    bit-flipped file). Returns the parsed config.
    """
    check_model_dir(path)
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{path / 'config.json'} is not valid JSON ({exc})") from None
    labels = config.get("id2label") if isinstance(config, dict) else None
    if not isinstance(labels, dict) or not labels or all(str(v).startswith("LABEL_") for v in labels.values()):
        raise ModelLoadError(f"{path / 'config.json'} has no label map (id2label): not a trained closure model")
    if not any((path / name).is_file() for name in TOKENIZER_FILES):
        raise ModelLoadError(
            f"{path} holds no tokenizer files ({', '.join(TOKENIZER_FILES)}): copy the whole model directory"
        )
    weights = path / "model.safetensors"
    if weights.is_file() and weights.stat().st_size < 16:
        raise ModelLoadError(f"{weights} is empty or truncated ({weights.stat().st_size} bytes)")
    expected = _recorded_sha256(path)
    if expected and weights.is_file() and weights_sha256(path) != expected:
        raise ModelLoadError(f"{weights} does not match the sha256 in {INFO_FILE}: the file is damaged or was replaced")
    return config


def _recorded_sha256(path: Path) -> str | None:
    try:
        info = json.loads((path / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = info.get("info", {}).get("weights_sha256") if isinstance(info, dict) else None
    return value if isinstance(value, str) else None


def check_vocabulary(tokenizer, config: dict, path: Path) -> None:
    """The tokenizer must be the one the model was trained with: its size fits the embeddings."""
    size, expected = len(tokenizer), config.get("vocab_size")
    if isinstance(expected, int) and not expected // 2 < size <= expected:
        raise ModelLoadError(
            f"{path}: the tokenizer has {size} entries but the model's vocabulary is {expected}: "
            "tokenizer and weights do not belong together"
        )


def load_tokenizer(name_or_dir: str):
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(name_or_dir, use_fast=True, trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot load a tokenizer from {name_or_dir!r}: {exc}") from exc
    if not getattr(tokenizer, "is_fast", False):
        raise ModelLoadError(f"{name_or_dir!r} has no fast tokenizer; word alignment needs one")
    return tokenizer


def load_config(path: Path):
    """The model's ``PretrainedConfig`` alone (JSON): enough to run an exported graph."""
    from transformers import AutoConfig

    try:
        return AutoConfig.from_pretrained(str(path), trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot read the config of {path}: {exc}") from exc


def load_token_classifier(name_or_dir: str, id2label: dict[int, str] | None = None):
    """``AutoModelForTokenClassification`` from a hub id or directory, safetensors only.

    With ``id2label`` a new classification head of that size is created (fine-tuning a
    base encoder); without it the saved head and label map are used (a trained model).
    """
    from safetensors import SafetensorError
    from transformers import AutoModelForTokenClassification
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a bar per load is noise in commands and batch logs

    path = Path(name_or_dir).expanduser()
    if looks_like_path(name_or_dir):
        check_model_dir(path)
        name_or_dir = str(path)
    kwargs = {"use_safetensors": True, "trust_remote_code": False}
    if id2label is not None:
        kwargs |= {
            "num_labels": len(id2label),
            "id2label": id2label,
            "label2id": {v: k for k, v in id2label.items()},
            "ignore_mismatched_sizes": True,
        }
    try:
        return AutoModelForTokenClassification.from_pretrained(name_or_dir, **kwargs)
    except (OSError, ValueError, SafetensorError) as exc:
        raise ModelLoadError(
            f"cannot load a model from {name_or_dir!r}: {exc}. Pass a local directory with "
            f"--base-model or ${BASE_MODEL_ENV} when the Hugging Face hub is unreachable."
        ) from exc
