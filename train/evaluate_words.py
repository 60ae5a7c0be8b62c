"""Word-level evaluation with the same tagger that inference uses (overlap windows resolved)."""

from __future__ import annotations

from closure_extractor.model.tagger import TokenTagger
from closure_extractor.train.metrics import entity_report


def predict_split(tagger: TokenTagger, split) -> tuple[list[list[str]], list[list[str]]]:
    """Gold and predicted tags for every sentence of a ``datasets`` split."""
    names = split.features["tags"].feature.names
    gold = [[names[i] for i in row] for row in split["tags"]]
    predicted = [[w.tag for w in words] for words in tagger.tag(split["tokens"])]
    return gold, predicted


def evaluate_split(tagger: TokenTagger, split) -> dict[str, dict]:
    gold, predicted = predict_split(tagger, split)
    return entity_report(gold, predicted)
