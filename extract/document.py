"""The prepared document every later step reads: original and cleaned text, sentences, noise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from closure_extractor.data.sentences import Sentence, split_sentences
from closure_extractor.extract.cleanup import CleanText, boilerplate_lines, clean_text
from closure_extractor.extract.truecase import is_shouting, recase


@dataclass(frozen=True)
class PreparedDocument:
    """Text split into sentences (offsets into ``clean.text``), with page furniture marked."""

    original: str
    clean: CleanText
    sentences: tuple[Sentence, ...]
    noise: tuple[tuple[int, int, str], ...]
    published: dt.date | None

    def is_noise(self, sentence: Sentence) -> bool:
        """True when the sentence lies on a teaser, caption or credit line."""
        return any(start <= sentence.start and sentence.end <= end for start, end, _ in self.noise)


def prepare(text: str, published: dt.date | None = None) -> PreparedDocument:
    """Clean the text (and put an article written in capitals into ordinary case), split it into
    sentences and mark its page furniture."""
    clean = clean_text(text)
    if is_shouting(clean.text):
        clean = CleanText(recase(clean.text), clean.origin)
    return PreparedDocument(
        original=text,
        clean=clean,
        sentences=tuple(split_sentences(clean.text)),
        noise=tuple(boilerplate_lines(clean.text)),
        published=published,
    )


def parse_published(published: str | dt.date | None) -> dt.date | None:
    """Accept ``YYYY-MM-DD``, a ``date``/``datetime``, or None; anything else is a clear error."""
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise ValueError(f"published must be a YYYY-MM-DD date, got {published!r}") from None
    raise TypeError(f"published must be a str, date or None, got {type(published).__name__}")
