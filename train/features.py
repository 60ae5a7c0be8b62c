"""Sentences of words and tags → model inputs: sub-word windows with aligned labels."""

from __future__ import annotations

from closure_extractor.model.windows import encode_window, sentence_windows


def encode_split(dataset, tokenizer, max_length: int, overlap: int):
    """Map a split of ``{tokens, tags}`` rows to windows of ``input_ids``/``labels``/``length``.

    A long sentence yields several windows (rows), so the result can be longer than the input.
    """

    def encode(batch):
        out = {"input_ids": [], "attention_mask": [], "labels": [], "length": [], "doc_id": []}
        for words, tags, doc_id in zip(batch["tokens"], batch["tags"], batch["doc_id"]):
            for window in sentence_windows(tokenizer, words, max_length, overlap):
                item = encode_window(tokenizer, words, window, max_length, tag_ids=tags)
                out["input_ids"].append(item["input_ids"])
                out["attention_mask"].append(item["attention_mask"])
                out["labels"].append(item["labels"])
                out["length"].append(len(item["input_ids"]))
                out["doc_id"].append(doc_id)
        return out

    return dataset.map(encode, batched=True, remove_columns=dataset.column_names, desc="windows")
