"""Turn annotated documents into sentence-level examples of word tokens and BIO tags."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from closure_extractor.data.bio import spans_to_tags
from closure_extractor.data.schema import AnnotatedDocument
from closure_extractor.data.sentences import split_sentences
from closure_extractor.data.tokens import tokenize_words


@dataclass(frozen=True)
class SentenceExample:
    """One training example: a sentence's words and tags, with the offsets to find it again."""

    doc_id: str
    index: int
    start: int
    tokens: list[str]
    token_starts: list[int]
    tags: list[str]


def document_examples(document: AnnotatedDocument) -> Iterator[SentenceExample]:
    """Yield one example per sentence of ``document``; spans are clipped to their sentence."""
    for index, sentence in enumerate(split_sentences(document.text)):
        tokens = tokenize_words(sentence.text, offset=sentence.start)
        if not tokens:
            continue
        inside = [s for s in document.spans if s.start < sentence.end and s.end > sentence.start]
        yield SentenceExample(
            doc_id=document.id,
            index=index,
            start=sentence.start,
            tokens=[t.text for t in tokens],
            token_starts=[t.start for t in tokens],
            tags=spans_to_tags(tokens, inside),
        )


def corpus_examples(documents: Iterable[AnnotatedDocument]) -> Iterator[SentenceExample]:
    for document in documents:
        yield from document_examples(document)
