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
    load_config,
    load_token_classifier,
    load_tokenizer,
    weights_sha256,
)
from closure_extractor.model.onnx_int8 import OnnxTokenClassifier, cached_int8, export_int8, onnx_available
from closure_extractor.model.windows import Window, encode_sentences

PRECISIONS = ("fp32", "bf16", "int8", "auto")
# Sentences encoded and tagged per round: memory stays flat however long the article is.
ROUND_SENTENCES = 512
# Padded tokens per batch: long windows come in smaller batches, so the activations (and the
# attention matrices, quadratic in the width) of one batch stay small.
BATCH_TOKENS = 4096


def token_batches(items: list, size: int, tokens: int) -> list[list]:
    """Length-sorted items cut into batches of at most ``size`` items and ``tokens`` padded tokens.

    >>> [len(b) for b in token_batches([([0], {"input_ids": [0] * n}) for n in (2, 2, 3, 9)], 3, 9)]
    [3, 1]
    """
    batches: list[list] = []
    for item in items:
        width = len(item[1]["input_ids"])  # sorted: the newest item is the widest
        if batches and len(batches[-1]) < size and (len(batches[-1]) + 1) * width <= tokens:
            batches[-1].append(item)
        else:
            batches.append([item])
    return batches


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
        if isinstance(model, OnnxTokenClassifier):
            precision = "int8"
        elif precision == "int8":
            raise ValueError("int8 runs an exported graph: load it with TokenTagger.from_dir(path, precision='int8')")
        else:  # a torch module: bf16 where the CPU has it natively, else fp32
            precision = resolve_inference_precision(precision, int8_available=False)
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.max_length = min(max_length, getattr(model.config, "max_position_embeddings", 512))
        self.overlap = overlap
        self.batch_size = batch_size
        self.precision = precision
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}
        self.tokens_tagged = 0  # model tokens (padding excluded) run so far: benchmarks read it

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
        key = weights_sha256(path)  # hashed once: the cache lookup and a first export share it
        graph = cached_int8(path, key)
        if graph is None:  # first use of these weights: export once (seconds), then reuse
            graph = export_int8(path, load_token_classifier(str(path)), key)
        return cls(OnnxTokenClassifier(graph, load_config(path)), tokenizer, **options)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[WordTag]]:
        """One ``WordTag`` per word of each sentence (``O`` for a word the tokenizer drops)."""
        results = [[WordTag("O", 1.0)] * len(words) for words in sentences]
        for first in range(0, len(sentences), ROUND_SENTENCES):
            chosen = range(first, min(first + ROUND_SENTENCES, len(sentences)))
            items = encode_sentences(self.tokenizer, sentences, chosen, self.max_length, self.overlap)
            items.sort(key=lambda item: len(item[1]["input_ids"]))
            for batch in token_batches(items, self.batch_size, BATCH_TOKENS):
                self._tag_batch(batch, results)
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
        self.tokens_tagged += int(mask.sum())
        # Python lists, not tensor indexing: reading tensors one element at a time cost more
        # than the rest of decoding together.
        labels, scores = best_ids.tolist(), best.tolist()
        for row, (window, item) in enumerate(batch):
            target, row_labels, row_scores = results[window.sentence], labels[row], scores[row]
            for position, word in enumerate(item["word_ids"]):
                if word is not None and window.own_first <= word < window.own_last:
                    target[word] = WordTag(self.id2label[row_labels[position]], row_scores[position])
