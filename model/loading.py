"""Loading base encoders and fine-tuned models, with clear errors instead of library tracebacks."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BASE_MODEL = "indobenchmark/indobert-base-p1"
BASE_MODEL_ENV = "CLOSURE_BASE_MODEL"
WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json")


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


def load_tokenizer(name_or_dir: str):
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(name_or_dir, use_fast=True, trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot load a tokenizer from {name_or_dir!r}: {exc}") from exc
    if not getattr(tokenizer, "is_fast", False):
        raise ModelLoadError(f"{name_or_dir!r} has no fast tokenizer; word alignment needs one")
    return tokenizer


def load_token_classifier(name_or_dir: str, id2label: dict[int, str] | None = None):
    """``AutoModelForTokenClassification`` from a hub id or directory, safetensors only.

    With ``id2label`` a new classification head of that size is created (fine-tuning a
    base encoder); without it the saved head and label map are used (a trained model).
    """
    from transformers import AutoModelForTokenClassification

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
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            f"cannot load a model from {name_or_dir!r}: {exc}. Pass a local directory with "
            f"--base-model or ${BASE_MODEL_ENV} when the Hugging Face hub is unreachable."
        ) from exc
