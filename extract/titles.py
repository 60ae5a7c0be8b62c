"""The office title written next to an official's name ("Sekretaris Disdukcapil Kota Serang, Arif Rahman").

Events list officials with the title "as written next to the name". Indonesian news attaches it by
apposition, either before the name ("ujar Kepala Dinsos Serang, Moch Poppy") or after it between commas
("Arif Rahman, Sekretaris Disdukcapil Kota Serang, mengatakan"). Honorifics and degrees stand between
title and name but belong to neither, so they are skipped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from closure_extractor.extract.tables_io import load_table

# What separates a title from text that is not part of it: clause punctuation, quotes, spaced dashes.
_BEFORE_BREAK = re.compile(r"[,;:!?“”\"]|\s[-–—]\s")
_AFTER_BREAK = re.compile(r"[,;:!?“”\"()]|\s[-–—]\s|\.$")
_EDGE_PUNCTUATION = "\"'“”‘’()[]{},;:!?"
# A title longer than this many words is not "close by": the title word belongs to another phrase.
_MAX_TITLE_WORDS = 14


@dataclass(frozen=True)
class _TitleWords:
    """The title table in the shape the finder needs (all phrases as word tuples, longest first)."""

    titles: tuple[tuple[str, ...], ...]
    acting: tuple[tuple[str, ...], ...]
    honorifics: tuple[tuple[str, ...], ...]
    degrees: frozenset[str]
    stop_words: frozenset[str]


def _norm(word: str) -> str:
    """A word as the table writes it: lowercase, without dots or surrounding punctuation ("H." -> "h")."""
    return word.strip(_EDGE_PUNCTUATION).replace(".", "").lower()


def _phrases(entries: list[str]) -> tuple[tuple[str, ...], ...]:
    """Word tuples, longest first, so "wali kota" wins over a shorter phrase with the same start."""
    return tuple(sorted((tuple(_norm(w) for w in e.split()) for e in entries), key=len, reverse=True))


@functools.cache
def _title_words() -> _TitleWords:
    """Build the lookup structures once; the table is static."""
    table = load_table("titles")
    return _TitleWords(
        titles=_phrases(table["titles"]),
        acting=_phrases(table["acting"]),
        honorifics=_phrases(table["honorifics"]),
        degrees=frozenset(_norm(d) for d in table["degrees"]),
        stop_words=frozenset(table["stop_words"]),
    )


def _match_at(words: list[str], at: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase from ``phrases`` starting at ``words[at]``; 0 if none."""
    return next((len(p) for p in phrases if tuple(words[at : at + len(p)]) == p), 0)


def _title_start(words: list[str], at: int) -> int | None:
    """Where a title beginning with acting words ("Plt", "Wakil") at ``at`` has its title word, or None."""
    table = _title_words()
    while (acting := _match_at(words, at, table.acting)) and not _match_at(words, at, table.titles):
        at += acting
    return at if _match_at(words, at, table.titles) else None


def _extend_back(words: list[str], start: int) -> int:
    """Move a title's start back over the acting words before it ("Plt Kepala", "Wakil Bupati")."""
    table = _title_words()
    moved = True
    while moved:
        moved = False
        for phrase in table.acting:
            size = len(phrase)
            if start >= size and tuple(words[start - size : start]) == phrase:
                start, moved = start - size, True
                break
    return start


def _strip_trailing_honorifics(text: str) -> str:
    """``text`` without the comma, honorifics and spaces that end it ("Sekda Tb " -> "Sekda")."""
    table = _title_words()
    while True:
        text = text.rstrip().rstrip(",").rstrip()
        raw = text.split()
        words = [_norm(w) for w in raw]
        size = next((len(p) for p in table.honorifics if len(p) <= len(words) and tuple(words[-len(p) :]) == p), 0)
        if not size:
            return text
        text = " ".join(raw[:-size])


def _title_before(context_before: str) -> str | None:
    """The title that ends right before the name, or None.

    The title starts at the first title word after the last verb or connective of the clause, so that
    "Kepala Bagian Humas Setda" stays whole while "meminta Kepala Dinkes" gives only "Kepala Dinkes".
    """
    table = _title_words()
    segment = _BEFORE_BREAK.split(_strip_trailing_honorifics(context_before))[-1].strip()
    raw = segment.split()
    words = [_norm(w) for w in raw]
    after_stop = max((i + 1 for i, w in enumerate(words) if w in table.stop_words), default=0)
    first = next((i for i in range(after_stop, len(words)) if _match_at(words, i, table.titles)), None)
    if first is None:
        return None
    start = max(_extend_back(words, first), after_stop)
    if len(raw) - start > _MAX_TITLE_WORDS:
        return None
    return " ".join(raw[start:])


def _title_after(context_after: str) -> str | None:
    """The title written between commas (or in brackets) right after the name, or None."""
    table = _title_words()
    text = context_after.lstrip()
    if not text.startswith((",", "(")):
        return None
    pieces = _AFTER_BREAK.split(text[1:])
    # Degrees come first when written ("Ratna Dewi, M.Kes, Kepala Puskesmas ..."): skip them.
    while pieces and pieces[0].split() and all(_norm(w) in table.degrees for w in pieces[0].split()):
        pieces = pieces[1:]
    raw = pieces[0].split() if pieces else []
    words = [_norm(w) for w in raw]
    if not words or _title_start(words, 0) is None:
        return None
    end = next((i for i, w in enumerate(words) if w in table.stop_words), len(words))
    if end > _MAX_TITLE_WORDS:
        return None
    return " ".join(raw[:end]).rstrip(".") or None


def split_title(context_before: str, context_after: str) -> str | None:
    """The office title attached by apposition to an OFFICIAL mention, or None.

    ``context_before`` is the text of the same sentence right before the name and ``context_after`` the
    text right after it. A title written before the name wins; it must start at a title word from
    titles.json (with any "Plt"/"Wakil" before it) and run up to the name with no verb or connective in
    between. Honorifics such as "Tb" or "dr." are not part of the title.
    """
    return _title_before(context_before) or _title_after(context_after)


def is_title_fragment(name: str, context_before: str) -> bool:
    """True when an OFFICIAL span is only a degree or honorific, whole ('M.Si') or the tail of one
    cut at its dot ('Sos' of 'S.Sos'): no name at all, which a tagger sometimes marks."""
    table = _title_words()
    word = _norm(name.replace(" ", ""))
    lead = _LEAD_PIECE.search(context_before)
    candidates = {word} | ({_norm(lead.group(1)) + word} if lead else set())
    return any(c in table.degrees or (c,) in table.honorifics for c in candidates)


_LEAD_PIECE = re.compile(r"(?<![\w.])([A-Za-z]{1,2})\.\s?$")
