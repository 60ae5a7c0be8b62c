"""The BIO label scheme, stored in the model config so a saved model describes itself."""

from __future__ import annotations

from closure_extractor.data.dataset import bio_tags
from closure_extractor.data.schema import LABELS

IGNORE_INDEX = -100  # label id the loss skips: continuation pieces and special tokens


def label_maps(entity_labels: list[str] | tuple[str, ...] = LABELS) -> tuple[dict[int, str], dict[str, int]]:
    """``id2label`` and ``label2id`` for BIO tags over ``entity_labels``."""
    tags = bio_tags(list(entity_labels))
    return dict(enumerate(tags)), {tag: i for i, tag in enumerate(tags)}


def entity_labels_of(id2label: dict[int, str]) -> list[str]:
    """The entity types named by a model's ``id2label`` (``B-AGENCY`` → ``AGENCY``)."""
    seen: list[str] = []
    for tag in id2label.values():
        if tag != "O" and tag[2:] not in seen:
            seen.append(tag[2:])
    return seen
