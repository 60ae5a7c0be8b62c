"""Stated closure durations ("selama tiga hari", "14 hari ke depan", "sepekan") and stated end phrases
("hingga Jumat (11/12)", "sampai hasil swab negatif") in one sentence.

An event's ``duration_days`` is filled only when the text states a number of days, and its ``end_date`` is
``start + days - 1`` (the guidelines count the first day as closed). Counts that look back in time
("tiga hari lalu", "sejak tiga hari") or count other things ("empat kali") are not durations.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from closure_extractor.extract.numbers import number_value, tokens
from closure_extractor.extract.tables_io import load_table

# Clause ends: a full stop only before a space or the end, so "1.250" and "s.d." stay whole.
_CLAUSE_BREAK = re.compile(r"[,;:!?“”\"()]|\.(?=\s|$)")
_UNTIL_END = re.compile(r"[;!?“”\"]|\.(?=\s|$)")
# Longest number phrase looked for before a unit ("seratus dua puluh lima" has five words).
_MAX_NUMBER_WORDS = 6


@dataclass(frozen=True)
class Duration:
    """A closure length stated in a sentence.

    ``days`` is the number of days as written (working days are not converted: "lima hari kerja" is 5);
    ``until_phrase`` is what follows "hingga"/"sampai" (a date such as "Jumat (11/12)" for
    ``normalize_date``, or an open-ended condition such as "hasil swab negatif"). Either may be None.
    """

    days: int | None
    until_phrase: str | None


@dataclass(frozen=True)
class _DurationWords:
    """The duration table in the shape the finder needs."""

    units: dict[str, int]
    one_prefix: str
    qualifiers: frozenset[str]
    lead: tuple[tuple[str, ...], ...]
    forward: tuple[tuple[str, ...], ...]
    past_after: tuple[tuple[str, ...], ...]
    past_before: tuple[tuple[str, ...], ...]
    until: re.Pattern[str]
    until_rejects: tuple[tuple[str, ...], ...]
    weekdays: frozenset[str]
    months: frozenset[str]


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """Word tuples for multi-word markers such as "ke depan"."""
    return tuple(tuple(w.split()) for w in words)


@functools.cache
def _duration_words() -> _DurationWords:
    """Build the lookup structures once; the tables are static."""
    table = load_table("duration_units")
    markers = "|".join(re.escape(m) for m in sorted(table["until_markers"], key=len, reverse=True))
    months = load_table("months")["months"]
    return _DurationWords(
        units=dict(table["units"]),
        one_prefix=load_table("number_words")["one_prefix"],
        qualifiers=frozenset(table["qualifiers"]),
        lead=_phrases(table["lead_markers"]),
        forward=_phrases(table["forward_markers"]),
        past_after=_phrases(table["past_after"]),
        past_before=_phrases(table["past_before"]),
        until=re.compile(rf"(?<!\w)(?:{markers})(?!\w)", re.IGNORECASE),
        until_rejects=_phrases(table["until_rejects"]),
        weekdays=frozenset(load_table("weekdays")["weekdays"]),
        months=frozenset(name for entry in months for name in entry["names"]),
    )


def _starts_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """True when ``words`` begins with one of ``phrases``."""
    return any(tuple(words[: len(p)]) == p for p in phrases)


def _ends_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """True when ``words`` ends with one of ``phrases``."""
    return any(len(words) >= len(p) and tuple(words[len(words) - len(p) :]) == p for p in phrases)


def _count_before(words: list[str], unit_at: int) -> tuple[int, int] | None:
    """The number written right before the unit at ``unit_at`` and where it starts, or None.

    The longest parsing phrase wins, so "dua puluh lima hari" is 25 and not 5.
    """
    for start in range(max(0, unit_at - _MAX_NUMBER_WORDS), unit_at):
        value = number_value(" ".join(words[start:unit_at]))
        if value is not None:
            return value, start
    return None


def _clause_durations(words: list[str]) -> list[tuple[int, bool]]:
    """Every (days, marked) duration in one clause; ``marked`` when "selama" precedes or "ke depan"
    follows, which makes it the likelier closure length when a sentence has several."""
    table = _duration_words()
    found: list[tuple[int, bool]] = []
    for at, word in enumerate(words):
        fused = word.removeprefix(table.one_prefix)
        if word in table.units:
            count = _count_before(words, at)
            if count is None:
                continue
            number, start = count
            days = number * table.units[word]
        elif fused != word and fused in table.units:
            start, days = at, table.units[fused]
        else:
            continue
        after = at + 1
        while after < len(words) and words[after] in table.qualifiers:
            after += 1
        before, rest = words[:start], words[after:]
        if days <= 0 or _starts_with(rest, table.past_after) or _ends_with(before, table.past_before):
            continue
        found.append((days, _ends_with(before, table.lead) or _starts_with(rest, table.forward)))
    return found


def _stated_days(sentence: str) -> int | None:
    """The closure length in days, preferring a marked duration over a bare one."""
    found = [d for clause in _CLAUSE_BREAK.split(sentence) for d in _clause_durations(tokens(clause))]
    marked = [days for days, is_marked in found if is_marked]
    if marked:
        return marked[0]
    return found[0][0] if found else None


def _until_text(rest: str) -> str:
    """The end phrase after an until-marker, up to the end of its clause.

    A comma ends it, except right after a lone weekday ("hingga Senin, 16 November 2020").
    """
    table = _duration_words()
    clause = _UNTIL_END.split(rest, maxsplit=1)[0]
    head, comma, tail = clause.partition(",")
    if comma and tokens(head) and len(tokens(head)) == 1 and tokens(head)[0] in table.weekdays:
        return (head + comma + tail.partition(",")[0]).strip()
    return head.strip()


def _is_until_phrase(phrase: str) -> bool:
    """False for end phrases that do not end a closure: "hingga saat ini", "sampai pukul 15.00", and
    counts such as "hingga empat kali" or "hingga 14 hari" (the latter is read as a duration)."""
    table = _duration_words()
    words = tokens(phrase)
    if not words or _starts_with(words, table.until_rejects):
        return False
    is_count = number_value(words[0]) is not None
    return not is_count or (len(words) > 1 and words[1].rstrip(".") in table.months)


def _until_phrase(sentence: str) -> str | None:
    """The first acceptable phrase introduced by "hingga"/"sampai (dengan)"."""
    for marker in _duration_words().until.finditer(sentence):
        phrase = _until_text(sentence[marker.end() :])
        if _is_until_phrase(phrase):
            return phrase
    return None


def find_duration(sentence: str) -> Duration | None:
    """The closure duration stated in ``sentence``, or None when it states neither a length nor an end.

    >>> find_duration("dihentikan sementara, selama tiga hari ke depan")
    Duration(days=3, until_phrase=None)
    """
    days = _stated_days(sentence)
    until = _until_phrase(sentence)
    if days is None and until is None:
        return None
    return Duration(days=days, until_phrase=until)


def end_date_from(start: datetime.date, days: int) -> datetime.date:
    """Last closed day of a closure of ``days`` days that starts on ``start``, counting both ends.

    A three-day closure from Monday 16 November ends Wednesday 18 November. Raises ValueError for
    ``days`` < 1, which no stated duration can be.
    """
    if days < 1:
        raise ValueError(f"a closure lasts at least one day, got {days}")
    return start + datetime.timedelta(days=days - 1)
