"""Batched word tagging with a fine-tuned model: windows, length-sorted batches, minimal padding."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import torch

from closure_extractor.model.hardware import resolve_inference_precision
from closure_extractor.model.loading import (
    ModelLoadError,
    check_trained_model_dir,
    check_vocabulary,
    load_token_classifier,
    load_tokenizer,
)
from closure_extractor.model.onnx_int8 import OnnxTokenClassifier, cached_int8, export_int8, onnx_available
from closure_extractor.model.windows import Window, encode_sentences

PRECISIONS = ("fp32", "bf16", "int8", "auto")
# Sentences encoded and tagged per round: memory stays flat however long the article is.
ROUND_SENTENCES = 4096


@dataclass(frozen=True)
class WordTag:
    """The predicted BIO tag of one word and the model's probability for it."""

    tag: str
    score: float


class TokenTagger:
    """Loads a model once and tags many sentences of words per call."""

    def __init__(
        self, model, tokenizer, max_length: int = 256, overlap: int = 24, batch_size: int = 32, precision: str = "auto"
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        precision = resolve_inference_precision(precision, onnx_available())
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.max_length = min(max_length, getattr(model.config, "max_position_embeddings", 512))
        self.overlap = overlap
        self.batch_size = batch_size
        self.precision = precision
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}

    @classmethod
    def from_dir(cls, path: str | Path, precision: str = "auto", **options) -> TokenTagger:
        """Load a trained model directory; ``int8`` (``auto`` where installed) runs it in ONNX Runtime."""
        path = Path(path)
        config = check_trained_model_dir(path)
        tokenizer = load_tokenizer(str(path))
        check_vocabulary(tokenizer, config, path)
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        chosen = resolve_inference_precision(precision, onnx_available())
        if chosen != "int8":
            return cls(load_token_classifier(str(path)), tokenizer, precision=chosen, **options)
        if not onnx_available():
            raise ModelLoadError("precision int8 needs ONNX Runtime: pip install 'closure-extractor[onnx]'")
        model = load_token_classifier(str(path))
        graph = cached_int8(path) or export_int8(path, model)
        return cls(OnnxTokenClassifier(graph, model.config), tokenizer, precision="int8", **options)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[WordTag]]:
        """One ``WordTag`` per word of each sentence (``O`` for a word the tokenizer drops)."""
        results = [[WordTag("O", 1.0)] * len(words) for words in sentences]
        for first in range(0, len(sentences), ROUND_SENTENCES):
            chosen = range(first, min(first + ROUND_SENTENCES, len(sentences)))
            items = encode_sentences(self.tokenizer, sentences, chosen, self.max_length, self.overlap)
            items.sort(key=lambda item: len(item[1]["input_ids"]))
            for start in range(0, len(items), self.batch_size):
                self._tag_batch(items[start : start + self.batch_size], results)
        return results

    def _tag_batch(self, batch: list[tuple[Window, dict]], results: list[list[WordTag]]) -> None:
        width = max(len(item["input_ids"]) for _, item in batch)
        pad = self.tokenizer.pad_token_id or 0
        input_ids = torch.tensor([i["input_ids"] + [pad] * (width - len(i["input_ids"])) for _, i in batch])
        mask = torch.tensor([i["attention_mask"] + [0] * (width - len(i["attention_mask"])) for _, i in batch])
        autocast = torch.autocast("cpu", dtype=torch.bfloat16) if self.precision == "bf16" else nullcontext()
        with torch.inference_mode(), autocast:
            logits = self.model(input_ids=input_ids, attention_mask=mask).logits
        probs = torch.softmax(logits.float(), dim=-1)
        best, best_ids = probs.max(dim=-1)
        for row, (window, item) in enumerate(batch):
            for position, word in enumerate(item["word_ids"]):
                if word is not None and window.own_first <= word < window.own_last:
                    label = self.id2label[int(best_ids[row, position])]
                    results[window.sentence][word] = WordTag(label, float(best[row, position]))
