"""Sentences → words → model tags → entity spans in the caller's original string."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from closure_extractor.data.bio import tags_to_spans
from closure_extractor.data.tokens import Token, tokenize_words
from closure_extractor.extract.document import PreparedDocument
from closure_extractor.extract.span_repair import repair_agency, repair_official
from closure_extractor.extract.titles import is_title_fragment
from closure_extractor.extract.types import EntitySpan
from closure_extractor.model.tagger import TokenTagger, WordTag


def document_words(document: PreparedDocument) -> list[list[Token]]:
    """Word tokens of each sentence, offsets into the cleaned text."""
    return [tokenize_words(s.text, offset=s.start) for s in document.sentences]


def spans_from_tags(document: PreparedDocument, tokens: Sequence[Token], tags: Sequence[WordTag]) -> list[EntitySpan]:
    """Decode (repaired) BIO tags into spans scored by the mean probability of their words; an
    OFFICIAL that is only a degree or honorific ('Sos' of 'S.Sos') is no name and is dropped, and
    AGENCY bounds are repaired by the tables (``span_repair``)."""
    found = []
    score_at = {token.start: tag.score for token, tag in zip(tokens, tags)}
    text = document.clean.text
    for span in _joined_names(text, tags_to_spans(tokens, [t.tag for t in tags])):
        if span.label == "OFFICIAL" and is_title_fragment(
            text[span.start : span.end], text[max(0, span.start - 12) : span.start]
        ):
            continue
        scores = [s for start, s in score_at.items() if span.start <= start < span.end]
        repair = {"AGENCY": repair_agency, "OFFICIAL": repair_official}.get(span.label)
        bounds = repair(text, span.start, span.end) if repair else (span.start, span.end)
        if bounds is None:
            continue
        start, end = document.clean.to_original(*bounds)
        found.append(EntitySpan(span.label, start, end, document.original[start:end], sum(scores) / len(scores)))
    return found


def _joined_names(text: str, spans: list) -> list:
    """One OFFICIAL for two the tagger split inside a name ('[Arvin] [Gumilang]'): names of two
    people are never written with only a space between them."""
    joined = []
    for span in spans:
        last = joined[-1] if joined else None
        if last and span.label == last.label == "OFFICIAL" and text[last.end : span.start] == " ":
            joined[-1] = replace(last, end=span.end)
        else:
            joined.append(span)
    return joined


def find_entities(documents: Sequence[PreparedDocument], tagger: TokenTagger) -> list[list[EntitySpan]]:
    """Entity spans of many documents, tagged in one batched pass over all their sentences."""
    per_document = [document_words(d) for d in documents]
    flat = [[t.text for t in sentence] for sentences in per_document for sentence in sentences]
    tagged = iter(tagger.tag(flat))
    results = []
    for document, sentences in zip(documents, per_document):
        spans: list[EntitySpan] = []
        for tokens in sentences:
            spans.extend(spans_from_tags(document, tokens, next(tagged)))
        results.append(spans)
    return results
