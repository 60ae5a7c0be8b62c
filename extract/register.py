"""The closure register: every article's events merged into one entry per closure, kept in SQLite.

``Register.add_article`` takes one article with its events (and reopening/extension updates) and
files each event under the entry of the same office whose days overlap or nearly touch it (a gap
of at most ``GAP_DAYS``), found through the index on ``(loose_key, region_code, lo, hi)`` (the
office key split into body and region), never by comparing all pairs. An event that bridges two
entries merges them. Adding an article already in the register changes nothing, so runs are
incremental and idempotent.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from closure_extractor.extract.offices import (
    ArticleContext,
    OfficeIdentity,
    article_context,
    identify_office,
    regions_compatible,
    specificity,
)
from closure_extractor.extract.register_db import connect
from closure_extractor.extract.register_fields import (
    GAP_DAYS,
    EventReport,
    UpdateReport,
    choose_fields,
    match_window,
    update_anchor,
)

UPDATE_REACH_DAYS = 14  # an update links to a closure that ran up to this many days before its day


@dataclass(frozen=True)
class Article:
    """An input article: what the register keeps of it, and its text for region inference."""

    id: str
    published: str | None = None
    text: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None


class Register:
    """A register file open for adding articles; ``with Register.open(path) as register: ...``.

    Matching uses each entry's window (``lo``/``hi``), kept up to date at once and only ever widened
    by its reports, so the entry an event joins never depends on how articles were batched. The
    fields chosen from the reports (dates, name, ...) are refreshed for the entries an article
    touched by ``flush``, which ``add_articles`` runs before each commit and ``close`` runs last.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self._dirty: set[int] = set()
        # the longest entry window: candidates start at most this many days before a report's first day
        self._max_span: int = self.db.execute("SELECT COALESCE(MAX(hi - lo), 0) FROM closures").fetchone()[0]
        self._pending: set[str] = {
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT loose_key FROM updates WHERE closure_id IS NULL AND loose_key IS NOT NULL"
            )
        }

    @classmethod
    def open(cls, path: str | Path) -> Register:
        return cls(connect(path))

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Refresh what is left, commit, close."""
        self.flush()
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.db.close()

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_articles(self, items: Iterable[tuple[Article, Sequence[dict], Sequence[dict]]], batch: int = 2000) -> int:
        """Add many ``(article, events, updates)``, committing every ``batch`` articles; returns how many
        were new."""
        added = 0
        self.db.execute("BEGIN")
        for count, (article, events, updates) in enumerate(items, start=1):
            added += self.add_article(article, events, updates)
            if count % batch == 0:
                self.flush()
                self.db.execute("COMMIT")
                self.db.execute("BEGIN")
        self.flush()
        self.db.execute("COMMIT")
        return added

    def add_article(
        self,
        article: Article,
        events: Sequence[dict],
        updates: Sequence[dict] = (),
        context: ArticleContext | None = None,
    ) -> bool:
        """File one article's events and updates; False (and nothing changed) if it is already in.
        Call ``flush`` (or use ``add_articles``) before reading the entries' fields."""
        context = context if context is not None else article_context(article.text)
        inserted = self.db.execute(
            "INSERT OR IGNORE INTO articles (id, url, outlet, title, published, dateline) VALUES (?, ?, ?, ?, ?, ?)",
            (article.id, article.url, article.outlet, article.title, article.published, _code(context.dateline)),
        )
        if inserted.rowcount == 0:
            return False
        for position, event in enumerate(events):
            self._add_event(article, position, event, context)
        for position, update in enumerate(updates):
            agency = update.get("agency") or (events[0]["agency"] if events else None)
            self._add_update(article, position, update, agency, context)
        return True

    def flush(self) -> None:
        """Choose the fields of every entry touched since the last flush."""
        for closure in sorted(self._dirty):
            self.refresh(closure)
        self._dirty.clear()

    def _add_event(self, article: Article, position: int, event: dict, context: ArticleContext) -> int:
        identity = identify_office(event["agency"], context)
        window = match_window(event.get("start_date"), event.get("end_date"), article.published)
        low, high = window if window else (None, None)
        evidence = event.get("evidence") or [{}]
        data = {k: event.get(k) for k in ("officials", "headcounts", "redirected_to", "reason", "evidence")}
        data["confidence"] = event.get("confidence")
        cursor = self.db.execute(
            "INSERT INTO events (article_id, position, agency, office_key, region_code, start_date, end_date,"
            " duration_days, reason_category, evidence_start, evidence_end, lo, hi, data, region_how,"
            " region_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                position,
                event["agency"],
                identity.office_key,
                _code(identity.region),
                event.get("start_date"),
                event.get("end_date"),
                event.get("duration_days"),
                event.get("reason_category") or "other",
                evidence[0].get("start"),
                evidence[0].get("end"),
                low,
                high,
                json.dumps(data, ensure_ascii=False, sort_keys=True),
                identity.how,
                identity.confidence,
            ),
        )
        closure = self._entry_for(identity, low, high)
        self.db.execute("INSERT INTO closure_reports (closure_id, event_id) VALUES (?, ?)", (closure, cursor.lastrowid))
        self._dirty.add(closure)
        if identity.loose_key in self._pending:
            self._link_pending_updates(identity.loose_key)
        return closure

    def _entry_for(self, identity: OfficeIdentity, low: int | None, high: int | None) -> int:
        """The entry an event window belongs to, widened to hold it: a new one, the one it overlaps,
        or (when it bridges several) the oldest of them with the others merged in.

        Candidates are the entries of the same body and unit whose days overlap or nearly touch the
        event's (``_candidates``); of those, the ones whose region fits (``_fitting``).
        """
        code, firm = _code(identity.region), identity.firm
        fits = []
        if low is not None:
            found = self._candidates(identity.loose_key, code, firm, low - GAP_DAYS - 1, high + GAP_DAYS + 1)
            fits = _fitting(found, code, firm)
        if not fits:
            self._max_span = max(self._max_span, high - low if low is not None else 0)
            cursor = self.db.execute(
                "INSERT INTO closures (office_key, loose_key, body, unit, region_code, firm, lo, hi)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (identity.office_key, identity.loose_key, identity.body, identity.unit, code, firm, low, high),
            )
            return cursor.lastrowid
        keep = fits[0][0]
        for other, *_ in fits[1:]:
            self.db.execute("UPDATE closure_reports SET closure_id = ? WHERE closure_id = ?", (keep, other))
            self.db.execute("UPDATE updates SET closure_id = ? WHERE closure_id = ?", (keep, other))
            self.db.execute("DELETE FROM closures WHERE id = ?", (other,))
            self._dirty.discard(other)
        new_low, new_high = min([low] + [row[1] for row in fits]), max([high] + [row[2] for row in fits])
        self._max_span = max(self._max_span, new_high - new_low)
        best_code, best_firm = max(
            [(code, firm)] + [(row[3], bool(row[4])) for row in fits], key=lambda r: specificity(*r)
        )
        self.db.execute(
            "UPDATE closures SET lo = ?, hi = ?, region_code = ?, firm = ?, office_key = ? WHERE id = ?",
            (
                new_low,
                new_high,
                best_code,
                best_firm,
                f"{identity.loose_key}|{best_code or ''}",
                keep,
            ),
        )
        return keep

    def _candidates(
        self, loose_key: str, code: str | None, firm: bool, first: int, last: int
    ) -> list[tuple[int, int, int, str | None, int]]:
        """``(id, lo, hi, region_code, firm)`` of the entries of an office type that touch the days
        ``first..last`` and whose region may fit ``code``: the same region, no region, the province
        around it, or (for a soft province) any region inside it. Each is one indexed range query;
        only a report without any region reads every region of its office type."""
        columns = (
            "SELECT id, lo, hi, region_code, firm FROM closures WHERE loose_key = ? AND lo BETWEEN ? AND ? AND hi >= ?"
        )
        days = (first - self._max_span, last, first)
        if code is None:
            return self.db.execute(f"{columns} ORDER BY id", (loose_key, *days)).fetchall()
        regions = [("region_code = ?", (code,)), ("region_code IS NULL", ())]
        if "." in code:
            regions.append(("region_code = ?", (code.split(".")[0],)))
        elif not firm:
            regions.append(("region_code > ? AND region_code < ?", (f"{code}.", f"{code}/")))
        rows = {
            row[0]: row
            for condition, values in regions
            for row in self.db.execute(f"{columns} AND {condition}", (loose_key, *days, *values))
        }
        return [rows[key] for key in sorted(rows)]

    def _add_update(self, article: Article, position: int, update: dict, agency: str | None, context) -> None:
        identity = identify_office(agency, context) if agency else None
        anchor = update_anchor(update["kind"], update.get("date"), article.published)
        evidence = update.get("evidence") or {}
        cursor = self.db.execute(
            "INSERT INTO updates (article_id, position, kind, agency, office_key, loose_key, region_code, firm, date,"
            " anchor, evidence_start, evidence_end, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                position,
                update["kind"],
                agency,
                identity.office_key if identity else None,
                identity.loose_key if identity else None,
                _code(identity.region) if identity else None,
                identity.firm if identity else False,
                update.get("date"),
                anchor,
                evidence.get("start"),
                evidence.get("end"),
                evidence.get("text"),
            ),
        )
        if identity is None or anchor is None:
            return
        target = (identity.loose_key, _code(identity.region), identity.firm)
        if not self._link_update(cursor.lastrowid, target, anchor):
            self._pending.add(identity.loose_key)

    def _link_update(self, update_id: int, target: tuple[str, str | None, bool], anchor: int) -> bool:
        """Link an update to the latest-starting entry of its office that ran on (or shortly before)
        its day, and widen that entry to the day; False links nothing (no such closure, yet)."""
        loose_key, code, firm = target
        rows = self._candidates(loose_key, code, firm, anchor - UPDATE_REACH_DAYS, anchor + GAP_DAYS + 1)
        fits = _fitting(rows, code, firm)
        if not fits:
            return False
        closure, low, high, *_ = max(fits, key=lambda row: (row[1], -row[0]))
        self.db.execute("UPDATE updates SET closure_id = ? WHERE id = ?", (closure, update_id))
        self.db.execute("UPDATE closures SET hi = ? WHERE id = ?", (max(high, anchor), closure))
        self._max_span = max(self._max_span, max(high, anchor) - low)
        self._dirty.add(closure)
        return True

    def _link_pending_updates(self, loose_key: str) -> None:
        """Updates read before the closure they speak of (articles come in any order) link now."""
        pending = self.db.execute(
            "SELECT id, region_code, firm, anchor FROM updates WHERE loose_key = ? AND closure_id IS NULL"
            " AND anchor IS NOT NULL ORDER BY id",
            (loose_key,),
        ).fetchall()
        linked = [self._link_update(row[0], (loose_key, row[1], bool(row[2])), row[3]) for row in pending]
        if all(linked):
            self._pending.discard(loose_key)

    def reports(self, closure: int) -> tuple[list[EventReport], list[UpdateReport]]:
        """The event and update reports of one entry, as the field rules read them."""
        events = [
            _event_report(row)
            for row in self.db.execute(
                "SELECT e.article_id, e.position, a.published, e.agency, e.start_date, e.end_date, e.duration_days,"
                " e.reason_category, e.data FROM closure_reports r JOIN events e ON e.id = r.event_id"
                " JOIN articles a ON a.id = e.article_id WHERE r.closure_id = ?",
                (closure,),
            )
        ]
        updates = [
            UpdateReport(row[0], row[1], row[2], row[3])
            for row in self.db.execute(
                "SELECT u.article_id, a.published, u.kind, u.date FROM updates u JOIN articles a ON a.id = u.article_id"
                " WHERE u.closure_id = ?",
                (closure,),
            )
        ]
        return events, updates

    def refresh(self, closure: int) -> None:
        """Choose the entry's fields again from all its reports; its public id follows its first report."""
        events, updates = self.reports(closure)
        if not events:
            return
        fields = choose_fields(events, updates)
        first = min((e.article_id, e.position) for e in events)
        self.db.execute(
            "UPDATE closures SET public_id = ?, agency = ?, start_date = ?, end_date = ?, duration_days = ?,"
            " reason_category = ?, officials = ?, headcounts = ?, first_reported = ?, last_reported = ?"
            " WHERE id = ?",
            (
                public_id(self._office_key(closure), *first),
                fields["agency"],
                fields["start_date"],
                fields["end_date"],
                fields["duration_days"],
                fields["reason_category"],
                json.dumps(fields["officials"], ensure_ascii=False),
                json.dumps(fields["headcounts"], ensure_ascii=False),
                fields["first_reported"],
                fields["last_reported"],
                closure,
            ),
        )

    def _office_key(self, closure: int) -> str:
        return self.db.execute("SELECT office_key FROM closures WHERE id = ?", (closure,)).fetchone()[0]


def public_id(office_key: str, article_id: str, position: int) -> str:
    """An entry's id in exports: the same for the same office and first report, whatever the run."""
    digest = hashlib.sha1(f"{office_key}\n{article_id}\n{position}".encode()).hexdigest()
    return f"C{digest[:12]}"


def _event_report(row: Sequence[Any]) -> EventReport:
    data = json.loads(row[8])
    return EventReport(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7] or "other",
        data.get("officials") or [],
        data.get("headcounts") or [],
    )


def _fitting(rows: list[tuple], code: str | None, firm: bool) -> list[tuple]:
    """The candidate entries a report of region ``code`` may join: those whose region fits it, unless
    they are of different offices (a vague region fitting two), then only those of exactly its region."""
    fits = [row for row in rows if regions_compatible(code, firm, row[3], bool(row[4]))]
    if not _all_compatible([(code, firm)] + [(row[3], bool(row[4])) for row in fits]):
        fits = [row for row in fits if row[3] == code]
    return fits


def _all_compatible(regions: list[tuple[str | None, bool]]) -> bool:
    """True when every two of the regions fit each other (one office), so their entries may merge."""
    return all(
        regions_compatible(*regions[i], *regions[j]) for i in range(len(regions)) for j in range(i + 1, len(regions))
    )


def _code(region) -> str | None:
    return region.code if region is not None else None
