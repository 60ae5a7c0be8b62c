"""Resolution of one DATE mention ("Senin (16/11)", "kemarin", "Jumat depan") to a calendar date.

Indonesian news rarely writes the year: "Senin (16/11)" is resolved against the publication date. Explicit
day/month numbers always win over a weekday name or a relative word written next to them, because writers
copy weekday names carelessly but type the numbers from the calendar.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from closure_extractor.extract.tables_io import load_table

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_EDGE_PUNCTUATION = '"“”()[]{},.;:!?'
# day/month with an optional year; the look-arounds keep it from starting or ending inside a longer number.
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}|\d{2}))?(?![\d/-])")


@dataclass(frozen=True)
class _DateWords:
    """The month, weekday and relative-day tables in the shape the resolver needs."""

    textual: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    offsets: dict[str, int]
    past: frozenset[str]
    future: frozenset[str]
    this: frozenset[str]
    times_of_day: tuple[tuple[str, ...], ...]
    prefixes: tuple[tuple[str, ...], ...]


def _by_length(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    """Word tuples, longest first, so the longest phrase is stripped when several share a start."""
    return tuple(sorted((tuple(p.split()) for p in phrases), key=len, reverse=True))


@functools.cache
def _date_words() -> _DateWords:
    """Build the lookup structures once; the tables are static."""
    months = {name: entry["number"] for entry in load_table("months")["months"] for name in entry["names"]}
    names = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    relative = load_table("relative_days")
    return _DateWords(
        textual=re.compile(rf"(?<!\d)(\d{{1,2}})\s+({names})\.?(?:\s+(\d{{4}}))?(?![\w])"),
        months=months,
        weekdays=dict(load_table("weekdays")["weekdays"]),
        offsets=dict(relative["offsets"]),
        past=frozenset(relative["weekday_past"]),
        future=frozenset(relative["weekday_future"]),
        this=frozenset(relative["weekday_this"]),
        times_of_day=_by_length(relative["times_of_day"]),
        prefixes=_by_length(relative["prefixes"]),
    )


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    """A date, or None for impossible combinations such as 31/11 or 32/13."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, published: datetime.date | None) -> datetime.date | None:
    """The date with this day and month that lies closest to ``published``.

    News reports days around the time of writing, so a date more than half a year after publication
    belongs to the previous year (a January article about "(28/12)") and vice versa. Taking the nearest of
    the three candidate years is exactly that rule, and also copes with 29/2.
    """
    if published is None:
        return None
    candidates = [_make_date(published.year + shift, month, day) for shift in (0, -1, 1)]
    valid = [c for c in candidates if c is not None]
    return min(valid, key=lambda c: abs((c - published).days), default=None)


def _full_year(written: str) -> int:
    """A four-digit year from a written one; two digits mean this century ("23/9/20")."""
    return int(written) if len(written) == 4 else 2000 + int(written)


def _explicit_date(text: str, published: datetime.date | None) -> tuple[bool, datetime.date | None]:
    """Find a date written with numbers or a month name.

    Returns (found, date): ``found`` is True when the text spells out a day and month, even if they are
    impossible, so that the caller does not fall back to a weekday name next to a broken date.
    """
    words = _date_words()
    numeric = _NUMERIC.search(text)
    textual = words.textual.search(text)
    matches = [m for m in (numeric, textual) if m is not None]
    if not matches:
        return False, None
    first = min(matches, key=lambda m: m.start())
    day_text, month_text, year_text = first.groups()
    day = int(day_text)
    month = words.months[month_text] if first is textual else int(month_text)
    if year_text is None:
        return True, _nearest_year(month, day, published)
    return True, _make_date(_full_year(year_text), month, day)


def _shift(published: datetime.date, days: int) -> datetime.date | None:
    """``published`` moved by ``days``, or None past the calendar's ends (a defensive, not a real, case)."""
    try:
        return published + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _weekday_date(weekday: int, modifier: str, published: datetime.date) -> datetime.date | None:
    """Resolve a weekday name with an optional modifier against ``published``.

    "Senin lalu" is the most recent Monday strictly before publication and "Jumat depan" the first Friday
    strictly after it. A bare weekday (or "Rabu ini") is the one in the week around publication: the
    publication day itself when the weekday matches, otherwise whichever of the previous or next such day
    is nearer (at most three days away, so there is never a tie).
    """
    words = _date_words()
    ahead = (weekday - published.weekday()) % 7
    if modifier in words.past:
        return _shift(published, -(7 - ahead) if ahead else -7)
    if modifier in words.future:
        return _shift(published, ahead or 7)
    if modifier and modifier not in words.this:
        return None
    return _shift(published, ahead if ahead <= 3 else ahead - 7)


def _strip_phrase(tokens: list[str], phrases: tuple[tuple[str, ...], ...], at_end: bool) -> list[str] | None:
    """``tokens`` without a leading (or trailing) phrase from ``phrases``; None if none is there."""
    for phrase in phrases:
        size = len(phrase)
        if size < len(tokens) and tuple(tokens[-size:] if at_end else tokens[:size]) == phrase:
            return tokens[:-size] if at_end else tokens[size:]
    return None


def _relative_date(tokens: list[str], published: datetime.date) -> datetime.date | None:
    """Resolve a relative day ("besok", "kemarin sore") or a weekday form ("Jumat mendatang")."""
    words = _date_words()
    tokens = _strip_phrase(tokens, words.times_of_day, at_end=True) or tokens
    phrase = " ".join(tokens)
    if phrase in words.offsets:
        return _shift(published, words.offsets[phrase])
    if tokens and tokens[0] in words.weekdays:
        return _weekday_date(words.weekdays[tokens[0]], " ".join(tokens[1:]), published)
    return None


def _clean(mention: str) -> str:
    """Lowercase, one space between words, one kind of apostrophe (Jum’at = Jum'at)."""
    return " ".join(mention.translate(_APOSTROPHES).lower().split())


def normalize_date(mention: str, published: datetime.date | None) -> datetime.date | None:
    """The calendar date a DATE mention refers to, or None when it cannot be resolved.

    Explicit dates ("Rabu (23/9/2020)", "16 November 2020", "12 Okt") are read first and win over any
    weekday or relative word in the same mention. Otherwise relative words ("hari ini", "besok",
    "kemarin lusa") and weekday names ("Jumat", "Senin lalu", "Jumat depan") are resolved against
    ``published``; without a publication date they give None. Leading "pada", "hari", "per" ... are
    skipped. Never raises: anything unrecognised gives None.
    """
    text = _clean(mention)
    found, explicit = _explicit_date(text, published)
    if found:
        return explicit
    if published is None:
        return None
    tokens = [t for t in (w.strip(_EDGE_PUNCTUATION) for w in text.split()) if t]
    prefixes = _date_words().prefixes
    while tokens:
        resolved = _relative_date(tokens, published)
        if resolved is not None:
            return resolved
        stripped = _strip_phrase(tokens, prefixes, at_end=False)
        if stripped is None:
            return None
        tokens = stripped
    return None
