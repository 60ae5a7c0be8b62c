"""Shared fixtures: the real corpus, and a tiny randomly initialised BERT built offline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from closure_extractor.data.dataset import default_corpus_files
from closure_extractor.data.schema import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = default_corpus_files()
SHARED_MODEL = ROOT.parent / "shared" / "models" / "multilingual-e5-small-id"


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(CORPUS)


def base_model_dir() -> Path | None:
    """The pretrained checkpoint for slow tests: $CLOSURE_BASE_MODEL, else ../shared beside the clone."""
    candidate = Path(os.environ.get("CLOSURE_BASE_MODEL", SHARED_MODEL))
    return candidate if (candidate / "config.json").is_file() else None


def build_tiny_model(directory: Path, texts: list[str]) -> Path:
    """A 2-layer, 32-wide BERT with a WordPiece vocabulary learnt from ``texts``; random weights."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

    from closure_extractor.model.labels import label_maps

    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=600, special_tokens=special))
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", tokenizer.token_to_id("[CLS]")), ("[SEP]", tokenizer.token_to_id("[SEP]"))],
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )
    id2label, label2id = label_maps()
    config = BertConfig(
        vocab_size=fast.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        id2label=id2label,
        label2id=label2id,
    )
    model = BertForTokenClassification(config)
    model.save_pretrained(directory)
    fast.save_pretrained(directory)
    return directory


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, corpus) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-bert"), [d.text for d in corpus[:30]])
