"""Batched word tagging with a fine-tuned model: windows, length-sorted batches, minimal padding."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import torch

from closure_extractor.model.hardware import resolve_precision
from closure_extractor.model.loading import (
    check_trained_model_dir,
    check_vocabulary,
    load_token_classifier,
    load_tokenizer,
)
from closure_extractor.model.windows import Window, encode_window, sentence_windows

PRECISIONS = ("fp32", "bf16", "auto")


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
        precision = resolve_precision(precision)  # the fast path only where the CPU multiplies bf16 natively
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.max_length = min(max_length, getattr(model.config, "max_position_embeddings", 512))
        self.overlap = overlap
        self.batch_size = batch_size
        self.precision = precision
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}

    @classmethod
    def from_dir(cls, path: str | Path, **options) -> TokenTagger:
        path = Path(path)
        config = check_trained_model_dir(path)
        tokenizer = load_tokenizer(str(path))
        check_vocabulary(tokenizer, config, path)
        return cls(load_token_classifier(str(path)), tokenizer, **options)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[WordTag]]:
        """One ``WordTag`` per word of each sentence (``O`` for a word the tokenizer drops)."""
        results = [[WordTag("O", 1.0)] * len(words) for words in sentences]
        items = []
        for index, words in enumerate(sentences):
            if words:
                for window in sentence_windows(self.tokenizer, words, self.max_length, self.overlap, index):
                    items.append((window, encode_window(self.tokenizer, words, window, self.max_length)))
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
