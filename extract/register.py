"""The closure register: every article's events merged into one entry per closure, kept in SQLite.

``Register.add_article`` takes one article with its events (and reopening/extension updates) and
files each event under the entry of the same office whose days overlap or nearly touch it (a gap
of at most ``GAP_DAYS``), found through the index on ``(office_key, lo, hi)``, never by comparing
all pairs. An event that bridges two entries merges them. Adding an article already in the
register changes nothing, so runs are incremental and idempotent.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from closure_extractor.extract.offices import ArticleContext, OfficeIdentity, article_context, identify_office
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
        self._pending: set[str] = {
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT office_key FROM updates WHERE closure_id IS NULL AND office_key IS NOT NULL"
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
        if identity.office_key in self._pending:
            self._link_pending_updates(identity.office_key)
        return closure

    def _entry_for(self, identity: OfficeIdentity, low: int | None, high: int | None) -> int:
        """The entry an event window belongs to, widened to hold it: a new one, the one it overlaps,
        or (when it bridges several) the oldest of them with the others merged in."""
        found: list[tuple[int, int, int]] = []
        if low is not None:
            found = self.db.execute(
                "SELECT id, lo, hi FROM closures WHERE office_key = ? AND lo <= ? AND hi >= ? ORDER BY id",
                (identity.office_key, high + GAP_DAYS + 1, low - GAP_DAYS - 1),
            ).fetchall()
        if not found:
            cursor = self.db.execute(
                "INSERT INTO closures (office_key, body, unit, region_code, lo, hi) VALUES (?, ?, ?, ?, ?, ?)",
                (identity.office_key, identity.body, identity.unit, _code(identity.region), low, high),
            )
            return cursor.lastrowid
        keep = found[0][0]
        for other, _, _ in found[1:]:
            self.db.execute("UPDATE closure_reports SET closure_id = ? WHERE closure_id = ?", (keep, other))
            self.db.execute("UPDATE updates SET closure_id = ? WHERE closure_id = ?", (keep, other))
            self.db.execute("DELETE FROM closures WHERE id = ?", (other,))
            self._dirty.discard(other)
        new_low = min([low] + [row[1] for row in found])
        new_high = max([high] + [row[2] for row in found])
        self.db.execute("UPDATE closures SET lo = ?, hi = ? WHERE id = ?", (new_low, new_high, keep))
        return keep

    def _add_update(self, article: Article, position: int, update: dict, agency: str | None, context) -> None:
        key = identify_office(agency, context).office_key if agency else None
        anchor = update_anchor(update["kind"], update.get("date"), article.published)
        evidence = update.get("evidence") or {}
        cursor = self.db.execute(
            "INSERT INTO updates (article_id, position, kind, agency, office_key, date, anchor, evidence_start,"
            " evidence_end, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                position,
                update["kind"],
                agency,
                key,
                update.get("date"),
                anchor,
                evidence.get("start"),
                evidence.get("end"),
                evidence.get("text"),
            ),
        )
        if not self._link_update(cursor.lastrowid, key, anchor) and key is not None and anchor is not None:
            self._pending.add(key)

    def _link_update(self, update_id: int, office_key: str | None, anchor: int | None) -> bool:
        """Link an update to the latest-starting entry of its office that ran on (or shortly before)
        its day, and widen that entry to the day; False links nothing (no such closure, yet)."""
        if office_key is None or anchor is None:
            return False
        row = self.db.execute(
            "SELECT id, hi FROM closures WHERE office_key = ? AND lo <= ? AND hi >= ? ORDER BY lo DESC, id LIMIT 1",
            (office_key, anchor + GAP_DAYS + 1, anchor - UPDATE_REACH_DAYS),
        ).fetchone()
        if row is None:
            return False
        self.db.execute("UPDATE updates SET closure_id = ? WHERE id = ?", (row[0], update_id))
        self.db.execute("UPDATE closures SET hi = ? WHERE id = ?", (max(row[1], anchor), row[0]))
        self._dirty.add(row[0])
        return True

    def _link_pending_updates(self, office_key: str) -> None:
        """Updates read before the closure they speak of (articles come in any order) link now."""
        pending = self.db.execute(
            "SELECT id, anchor FROM updates WHERE office_key = ? AND closure_id IS NULL ORDER BY id", (office_key,)
        ).fetchall()
        linked = [self._link_update(update_id, office_key, anchor) for update_id, anchor in pending]
        if all(linked):
            self._pending.discard(office_key)

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


def _code(region) -> str | None:
    return region.code if region is not None else None
