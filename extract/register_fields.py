"""What one register entry says, chosen from every report of it: dates, name, reason, people.

Six articles about one closure rarely agree on everything. The rules: the most specific report
wins an end date (a reopening beats an extension beats a stated end beats one computed from a
duration; among equals the later report), a start date is the one most reports give (ties: the
earliest), the name is the most complete mention, and officials and headcounts are the union.
Every report stays in the database as a source; this module only chooses.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from closure_extractor.extract.agency_names import agency_completeness

GAP_DAYS = 2  # closures of one office this many days apart or fewer are one closure
OPEN_REACH_DAYS = 7  # a closure with no known end is taken to run this long after its last report
END_RANK = {"reopening": 3, "extension": 2, "stated": 1, "computed": 0}
REASON_ORDER = ("covid_case", "covid_policy", "disaster", "facility", "security", "other")


@dataclass(frozen=True)
class EventReport:
    """One article's event as the register stores it."""

    article_id: str
    position: int
    published: str | None
    agency: str
    start_date: str | None = None
    end_date: str | None = None
    duration_days: int | None = None
    reason_category: str = "other"
    officials: list[dict[str, Any]] = field(default_factory=list)
    headcounts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def end_kind(self) -> str:
        """'computed' when the end is the start plus the stated duration, else 'stated'."""
        if self.start_date and self.end_date and self.duration_days:
            computed = dt.date.fromisoformat(self.start_date) + dt.timedelta(days=self.duration_days - 1)
            if computed.isoformat() == self.end_date:
                return "computed"
        return "stated"


@dataclass(frozen=True)
class UpdateReport:
    """A reopening (``date``: first open day) or extension (``date``: new last day) linked to an entry."""

    article_id: str
    published: str | None
    kind: str
    date: str | None


def day(value: str | None) -> int | None:
    """A date as a day number (for SQLite ranges); None stays None."""
    return dt.date.fromisoformat(value).toordinal() if value else None


def event_window(start: str | None, end: str | None, published: str | None) -> tuple[int, int] | None:
    """The days an event is known to cover, for finding the entry it belongs to.

    A missing start is the publication day (the story tells of a closure running now), a missing end
    the later of start and publication; an event with no date at all and no publication day has none.
    """
    first, last, told = day(start), day(end), day(published)
    if first is None:
        first = min(told, last) if told is not None and last is not None else (told if told is not None else last)
    if first is None:
        return None
    if last is None:
        last = max(first, told) if told is not None else first
    return first, max(first, last)


def update_anchor(kind: str, date: str | None, published: str | None) -> int | None:
    """The closed day an update speaks of: the day before a reopening, the new end of an extension,
    else the day it was published."""
    if date:
        return day(date) - (1 if kind == "reopening" else 0)
    return day(published)


@functools.lru_cache(maxsize=65536)
def _completeness(agency: str) -> int:
    """``agency_completeness``, cached: the same few names are compared at every refresh of an entry."""
    return agency_completeness(agency)


def _mode_earliest(values: Sequence[str]) -> str | None:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def choose_end(reports: Sequence[EventReport], updates: Sequence[UpdateReport], start: str | None) -> str | None:
    """The end date of the most specific report (see the module text); never before the start."""
    candidates = [(END_RANK[r.end_kind], r.published or "", r.end_date) for r in reports if r.end_date]
    for update in updates:
        if update.date and update.kind == "reopening":
            before = dt.date.fromisoformat(update.date) - dt.timedelta(days=1)
            candidates.append((END_RANK["reopening"], update.published or "", before.isoformat()))
        elif update.date and update.kind == "extension":
            candidates.append((END_RANK["extension"], update.published or "", update.date))
    valid = [c for c in candidates if start is None or c[2] >= start]
    return max(valid)[2] if valid else None


def choose_reason(reports: Sequence[EventReport]) -> str:
    """The category most reports give, 'other' only when no report gives another."""
    counts = Counter(r.reason_category for r in reports if r.reason_category != "other")
    if not counts:
        return "other"
    order = {name: rank for rank, name in enumerate(REASON_ORDER)}
    return min(counts, key=lambda name: (-counts[name], order.get(name, len(order))))


def _union(items: list[dict[str, Any]], key) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for item in items:
        known = seen.get(key(item))
        if known is None:
            seen[key(item)] = dict(item)
        elif known.get("title") is None and item.get("title"):
            known["title"] = item["title"]
    return list(seen.values())


def choose_fields(reports: Sequence[EventReport], updates: Sequence[UpdateReport] = ()) -> dict[str, Any]:
    """Every field of an entry from its reports (in report order) and the updates linked to it."""
    ordered = sorted(reports, key=lambda r: (r.published or "", r.article_id, r.position))
    start = _mode_earliest([r.start_date for r in ordered if r.start_date])
    end = choose_end(ordered, updates, start)
    if start and end:
        duration = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
    else:
        duration = max((r.duration_days for r in ordered if r.duration_days), default=None)
    told = sorted(p for p in [*(r.published for r in ordered), *(u.published for u in updates)] if p)
    return {
        "agency": max(ordered, key=lambda r: _completeness(r.agency)).agency,
        "start_date": start,
        "end_date": end,
        "duration_days": duration,
        "reason_category": choose_reason(ordered),
        "officials": _union([o for r in ordered for o in r.officials], lambda o: " ".join(o["name"].lower().split())),
        "headcounts": _union([h for r in ordered for h in r.headcounts], lambda h: (h.get("count"), h.get("text"))),
        "first_reported": told[0] if told else None,
        "last_reported": told[-1] if told else None,
    }


def match_window(start: str | None, end: str | None, published: str | None) -> tuple[int, int] | None:
    """The days on which an event joins an entry: its own days (``event_window``), kept open
    ``OPEN_REACH_DAYS`` longer when its end is unknown, since the closure may still be running."""
    window = event_window(start, end, published)
    if window is None or end:
        return window
    return window[0], window[1] + OPEN_REACH_DAYS
