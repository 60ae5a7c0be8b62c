"""Sub-word alignment and overlapping windows over long sentences.

A sentence is a list of words. Each word becomes one or more tokenizer pieces; the
word's tag sits on its first piece and every other piece gets ``IGNORE_INDEX``. A
sentence with more pieces than the model takes is cut into windows of whole words that
overlap, and each word is predicted by the window where it sits farthest from an edge,
so nothing is truncated and every word keeps context on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from closure_extractor.model.labels import IGNORE_INDEX


@dataclass(frozen=True)
class Window:
    """Words ``[first, last)`` of one sentence; it supplies predictions for ``[own_first, own_last)``."""

    sentence: int
    first: int
    last: int
    own_first: int
    own_last: int


def piece_counts(tokenizer, words: Sequence[str]) -> list[int]:
    """Number of tokenizer pieces of each word (at least 1, so no word can vanish)."""
    if not words:
        return []
    encoded = tokenizer(list(words), is_split_into_words=True, add_special_tokens=False)
    counts = [0] * len(words)
    for word_id in encoded.word_ids():
        if word_id is not None:
            counts[word_id] += 1
    return [max(1, c) for c in counts]


def plan_windows(counts: Sequence[int], budget: int, overlap: int, sentence: int = 0) -> list[Window]:
    """Cover all words with windows of at most ``budget`` pieces, overlapping by ``overlap`` words."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(counts):
        end, used = start, 0
        while end < len(counts) and (used + counts[end] <= budget or end == start):
            used += counts[end]
            end += 1
        spans.append((start, end))
        if end >= len(counts):
            break
        start = max(start + 1, end - overlap)
    windows = []
    for index, (first, last) in enumerate(spans):
        own_first = first if index == 0 else (first + spans[index - 1][1]) // 2
        own_last = last if index == len(spans) - 1 else (spans[index + 1][0] + last) // 2
        windows.append(Window(sentence, first, last, own_first, own_last))
    return windows


def encode_window(
    tokenizer, words: Sequence[str], window: Window, max_length: int, tag_ids: Sequence[int] | None = None
):
    """Tokenize one window; returns ``input_ids``, ``attention_mask``, ``word_ids`` (sentence-level
    word index of each word's first piece, else None) and, given ``tag_ids``, ``labels``.

    Truncation only ever bites on a window holding one single over-long word (its tail pieces).
    """
    encoded = tokenizer(
        list(words[window.first : window.last]), is_split_into_words=True, truncation=True, max_length=max_length
    )
    item = _item(encoded["input_ids"], encoded.word_ids(), window.first)
    first_piece = item["word_ids"]
    if tag_ids is not None:
        item["labels"] = [IGNORE_INDEX if w is None else tag_ids[w] for w in first_piece]
    return item


def sentence_windows(tokenizer, words: Sequence[str], max_length: int, overlap: int, sentence: int = 0):
    """Windows for one sentence, leaving room for the special tokens."""
    budget = max(8, max_length - tokenizer.num_special_tokens_to_add())
    return plan_windows(piece_counts(tokenizer, words), budget, overlap, sentence)


def encode_sentences(tokenizer, sentences: Sequence[Sequence[str]], indices, max_length: int, overlap: int):
    """``(window, item)`` pairs for the chosen sentences, tokenized in one batched call.

    Why: tokenizing every sentence twice (once to count pieces, once per window) was a fifth
    of tagging time. A sentence that fits the model is encoded once, here; only an over-long
    one is planned into windows and encoded again, window by window.
    """
    chosen = [i for i in indices if sentences[i]]
    if not chosen:
        return []
    encoded = tokenizer([list(sentences[i]) for i in chosen], is_split_into_words=True)
    items = []
    for row, index in enumerate(chosen):
        words = sentences[index]
        word_ids = encoded.word_ids(row)
        if len(word_ids) <= max_length:
            window = Window(index, 0, len(words), 0, len(words))
            items.append((window, _item(encoded["input_ids"][row], word_ids, 0)))
            continue
        counts = [0] * len(words)
        for word_id in word_ids:
            if word_id is not None:
                counts[word_id] += 1
        budget = max(8, max_length - tokenizer.num_special_tokens_to_add())
        for window in plan_windows([max(1, c) for c in counts], budget, overlap, index):
            items.append((window, encode_window(tokenizer, words, window, max_length)))
    return items


def _item(input_ids: list[int], word_ids: Sequence[int | None], offset: int) -> dict:
    first_piece: list[int | None] = []
    previous = None
    for word_id in word_ids:
        is_first = word_id is not None and word_id != previous
        first_piece.append(offset + word_id if is_first else None)
        previous = word_id
    return {"input_ids": input_ids, "attention_mask": [1] * len(input_ids), "word_ids": first_piece}
