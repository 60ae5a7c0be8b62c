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


# A written year this far from publication, when the same day and month lie close to it, is a typo
# ("Kamis (7/1/2020)" in a January 2021 story): news reports days around the time of writing.
_TYPO_YEAR_AFTER_DAYS = 300
_TYPO_YEAR_NEAR_DAYS = 31


@dataclass(frozen=True)
class DateRange:
    """The first and last day of a mention that names a span of days ("7-9 Desember 2020")."""

    start: datetime.date
    end: datetime.date


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
    last_week: frozenset[str]
    next_week: frozenset[str]
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
        last_week=frozenset(relative["weekday_last_week"]),
        next_week=frozenset(relative["weekday_next_week"]),
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
    return True, _unless_typo(_make_date(_full_year(year_text), month, day), month, day, published)


def _unless_typo(written: datetime.date | None, month: int, day: int, published: datetime.date | None):
    """The written date, or the same day and month near publication when the year looks mistyped."""
    if written is None or published is None or abs((written - published).days) <= _TYPO_YEAR_AFTER_DAYS:
        return written
    near = _nearest_year(month, day, published)
    return near if near and abs((near - published).days) <= _TYPO_YEAR_NEAR_DAYS else written


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
    if modifier in words.last_week or modifier in words.next_week:
        monday = published.weekday()
        return _shift(published, weekday - monday + (-7 if modifier in words.last_week else 7))
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
    span = _range(text, published)
    if span is not None:
        return span.start
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


@functools.cache
def _range_rules() -> tuple[re.Pattern[str], ...]:
    table = load_table("date_ranges")
    words = _date_words()
    fills = {
        "{MONTH}": "|".join(re.escape(n) for n in sorted(words.months, key=len, reverse=True)),
        "{WEEKDAY}": "|".join(re.escape(n) for n in sorted(words.weekdays, key=len, reverse=True)),
        "{CONNECTOR}": "|".join(table["connectors"]),
        "{DAY_WORD}": "|".join(table["day_words"]),
    }
    patterns = []
    for rule in table["rules"]:
        pattern = rule["pattern"]
        for key, value in fills.items():
            pattern = pattern.replace(key, value)
        patterns.append(re.compile(pattern))
    return tuple(patterns)


def _month_number(written: str | None) -> int | None:
    if written is None:
        return None
    return int(written) if written.isdigit() else _date_words().months.get(written)


def _range(text: str, published: datetime.date | None) -> DateRange | None:
    """The first matching range rule's first and last day, or None (not a range, or impossible)."""
    for pattern in _range_rules():
        match = pattern.search(text)
        if match:
            return _range_dates(match.groupdict(), published)
    return None


def _range_dates(groups: dict[str, str | None], published: datetime.date | None) -> DateRange | None:
    d1, d2 = int(groups["d1"]), int(groups["d2"])
    m2 = _month_number(groups.get("m2"))
    if m2 is None:  # no month written: the start is the nearest such day, the end follows it
        if published is None:
            return None
        starts = [_make_date(published.year, published.month, d1)]
        starts += [_make_date(y, m, d1) for y, m in _neighbour_months(published)]
        valid = [d for d in starts if d is not None]
        start = min(valid, key=lambda d: abs((d - published).days), default=None)
        end = _first_day_on_or_after(start, d2) if start else None
    else:
        m1 = _month_number(groups.get("m1")) or m2
        year = groups.get("y")
        end = (
            _unless_typo(_make_date(_full_year(year), m2, d2), m2, d2, published)
            if year
            else _nearest_year(m2, d2, published)
        )
        if end is None:
            return None
        start = _make_date(end.year - (1 if m1 > m2 else 0), m1, d1)
    if start is None or end is None or end < start:
        return None
    return DateRange(start, end)


def _neighbour_months(day: datetime.date) -> list[tuple[int, int]]:
    before = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    after = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return [before, after]


def _first_day_on_or_after(start: datetime.date, day: int) -> datetime.date | None:
    """The first date with this day of the month on or after ``start`` (same or next month)."""
    same = _make_date(start.year, start.month, day)
    if same is not None and same >= start:
        return same
    year, month = _neighbour_months(start)[1]
    return _make_date(year, month, day)


def normalize_date_range(mention: str, published: datetime.date | None) -> DateRange | None:
    """First and last day of a DATE mention that names a span of days; None for a single day.

    >>> import datetime as dt
    >>> p = dt.date(2021, 6, 10)
    >>> normalize_date_range("7-9 Desember 2020", p)
    DateRange(start=datetime.date(2020, 12, 7), end=datetime.date(2020, 12, 9))
    >>> normalize_date_range("14 s.d 16 Juni 2021", p)
    DateRange(start=datetime.date(2021, 6, 14), end=datetime.date(2021, 6, 16))
    >>> normalize_date_range("Rabu hingga Jumat (23-25/2/2022)", p).end
    datetime.date(2022, 2, 25)
    >>> normalize_date_range("26 Agustus sampai dengan 1 September 2020", p).start
    datetime.date(2020, 8, 26)
    >>> normalize_date_range("25 Juni-2 Juli 2021", p)
    DateRange(start=datetime.date(2021, 6, 25), end=datetime.date(2021, 7, 2))
    >>> normalize_date_range("24 dan 25 Juli 2020", p).end
    datetime.date(2020, 7, 25)
    >>> normalize_date_range("4 sampai tanggal 18", p)
    DateRange(start=datetime.date(2021, 6, 4), end=datetime.date(2021, 6, 18))
    >>> normalize_date_range("28 Desember - 3 Januari", dt.date(2021, 1, 2))
    DateRange(start=datetime.date(2020, 12, 28), end=datetime.date(2021, 1, 3))
    >>> normalize_date_range("Senin (16/11)", p) is None
    True
    """
    return _range(_clean(mention), published)
