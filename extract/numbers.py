"""Numbers written in digits or in Indonesian words, and the counts of people built from them.

HEADCOUNT spans hold a number and a head noun ("dua puluh lima tenaga honorer", "1.250 orang"); events need
the integer. Vague quantities ("puluhan", "seluruh") are deliberately mapped to None: the guidelines ask for
a null count rather than a guess.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from closure_extractor.extract.tables_io import load_table

# Indonesian writes thousands with dots ("1.250"); a comma would be a decimal, which no headcount has.
_DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_EDGE_PUNCTUATION = "\"'“”‘’()[]{},.;:!?"


@dataclass(frozen=True)
class _NumberWords:
    """The number-word table in the shape the parser needs."""

    units: dict[str, int]
    teen: str
    small: dict[str, int]
    large: dict[str, int]
    one_prefix: str
    fillers: tuple[tuple[str, ...], ...]
    one_person: tuple[tuple[str, ...], ...]
    vague: frozenset[str]


@functools.cache
def _words() -> _NumberWords:
    """Build the lookup structures once; the table is static."""
    table = load_table("number_words")
    multipliers = table["multipliers"]

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        # Longest first, so "kurang lebih" is tried before a shorter phrase sharing its start.
        return tuple(sorted((tuple(p.split()) for p in table[key]), key=len, reverse=True))

    return _NumberWords(
        units=dict(table["units"]),
        teen=table["teen"],
        small={w: m["value"] for w, m in multipliers.items() if not m["large"]},
        large={w: m["value"] for w, m in multipliers.items() if m["large"]},
        one_prefix=table["one_prefix"],
        fillers=phrases("fillers"),
        one_person=phrases("one_person"),
        vague=frozenset(table["vague"]),
    )


def tokens(text: str) -> list[str]:
    """Lowercase words of ``text`` with surrounding punctuation removed.

    Splitting on whitespace only (not on hyphens or dots) keeps "1.250" and "Covid-19" whole, so a digit
    inside a name is never mistaken for a count.
    """
    words = (w.strip(_EDGE_PUNCTUATION) for w in text.lower().split())
    return [w for w in words if w]


def _expand(token: str) -> list[str]:
    """Split a "se-" word into "satu" + its multiplier ("seratus" -> satu ratus), because Indonesian fuses
    "one" onto multipliers and the teen word; other words are returned unchanged."""
    words = _words()
    rest = token.removeprefix(words.one_prefix)
    if rest != token and (rest == words.teen or rest in words.small or rest in words.large):
        one = next(w for w, v in words.units.items() if v == 1)
        return [one, rest]
    return [token]


def _is_number_word(token: str) -> bool:
    """True for a word that can be part of a spelled-out number."""
    words = _words()
    return all(
        part in words.units or part == words.teen or part in words.small or part in words.large
        for part in _expand(token)
    )


def _spelled_value(word_tokens: list[str]) -> int | None:
    """Value of a spelled-out number, or None when the words do not form one.

    Each group below a "large" multiplier (ribu, juta) is built from pieces of strictly falling scale
    (ratus, then puluh, then belas or a unit), which rejects word salads such as "dua tiga" or
    "lima puluh ratus" instead of adding them up.
    """
    words = _words()
    parts = [part for token in word_tokens for part in _expand(token)]
    if not parts:
        return None
    total, group = 0, 0
    pending: int | None = None
    last_scale, last_large = math.inf, math.inf
    for part in parts:
        if part in words.units:
            if pending is not None or last_scale <= 1:
                return None
            pending = words.units[part]
        elif part == words.teen:
            if not pending or last_scale <= 1:
                return None
            group, pending, last_scale = group + pending + 10, None, 1
        elif part in words.small:
            scale = words.small[part]
            if pending is None or scale >= last_scale:
                return None
            group, pending, last_scale = group + pending * scale, None, scale
        else:
            scale = words.large[part]
            value = group + (pending or 0)
            if value == 0 or scale >= last_large:
                return None
            total, group, pending = total + value * scale, 0, None
            last_scale, last_large = math.inf, scale
    return total + group + (pending or 0)


def number_value(words: str) -> int | None:
    """Integer value of a bare number phrase: digits ("1.250") or words ("seratus dua puluh").

    The whole phrase must be a number; anything else yields None so that callers can use this as a test.
    """
    word_tokens = tokens(words)
    if len(word_tokens) == 1 and _DIGITS.fullmatch(word_tokens[0]):
        return int(word_tokens[0].replace(".", ""))
    if not word_tokens or not all(_is_number_word(t) for t in word_tokens):
        return None
    return _spelled_value(word_tokens)


def _strip_phrase(word_tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[list[str], bool]:
    """Remove one leading phrase from ``phrases`` if present; report whether one was removed."""
    for phrase in phrases:
        if tuple(word_tokens[: len(phrase)]) == phrase:
            return word_tokens[len(phrase) :], True
    return word_tokens, False


def parse_count(text: str) -> int | None:
    """Number of people in a HEADCOUNT mention ("80 pegawai" -> 80, "seorang ASN" -> 1).

    Returns None for vague quantities ("belasan", "seluruh", "para pegawai") and for text that does not
    start with a count. Only the leading number is read: the head noun that follows is ignored.
    """
    words = _words()
    word_tokens = tokens(text)
    stripped = True
    while stripped and word_tokens:
        word_tokens, stripped = _strip_phrase(word_tokens, words.fillers)
    if not word_tokens or word_tokens[0] in words.vague:
        return None
    if _strip_phrase(word_tokens, words.one_person)[1]:
        return 1
    if _DIGITS.fullmatch(word_tokens[0]):
        return int(word_tokens[0].replace(".", ""))
    length = 0
    while length < len(word_tokens) and _is_number_word(word_tokens[length]):
        length += 1
    # The whole run of number words must parse: "dua tiga orang" means "two or three", not two.
    return _spelled_value(word_tokens[:length]) if length else None
