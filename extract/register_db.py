"""The closure register's SQLite file: its schema, its version and the steps that migrate old files.

One file holds everything a register needs to grow without re-reading old articles: the articles
(``articles``), each article's events with their evidence offsets (``events``), the register
itself (``closures``), which event reports which closure (``closure_reports``) and the reopening
and extension reports (``updates``). ``PRAGMA user_version`` is the schema version; opening an
older file applies the missing steps of ``MIGRATIONS`` in one transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Step n turns a version n-1 file into version n. Never edit a released step: add one.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, events, the register and the event <-> entry links
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, url TEXT, outlet TEXT, title TEXT, published TEXT, dateline TEXT
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), position INTEGER NOT NULL,
        agency TEXT NOT NULL, office_key TEXT NOT NULL, region_code TEXT,
        start_date TEXT, end_date TEXT, duration_days INTEGER, reason_category TEXT,
        evidence_start INTEGER, evidence_end INTEGER, lo INTEGER, hi INTEGER, data TEXT NOT NULL,
        UNIQUE (article_id, position)
    );
    CREATE TABLE closures (
        id INTEGER PRIMARY KEY, public_id TEXT, office_key TEXT NOT NULL, body TEXT, unit TEXT, region_code TEXT,
        agency TEXT, start_date TEXT, end_date TEXT, duration_days INTEGER, reason_category TEXT,
        officials TEXT, headcounts TEXT, first_reported TEXT, last_reported TEXT, lo INTEGER, hi INTEGER
    );
    CREATE INDEX closures_by_office ON closures (office_key, lo, hi);
    CREATE TABLE closure_reports (
        closure_id INTEGER NOT NULL REFERENCES closures(id), event_id INTEGER NOT NULL UNIQUE REFERENCES events(id),
        PRIMARY KEY (closure_id, event_id)
    );
    """,
    # 2: how each event's region was found, and the reopening / extension updates
    """
    ALTER TABLE events ADD COLUMN region_how TEXT NOT NULL DEFAULT 'none';
    ALTER TABLE events ADD COLUMN region_confidence REAL NOT NULL DEFAULT 0;
    CREATE TABLE updates (
        id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), position INTEGER NOT NULL,
        kind TEXT NOT NULL, agency TEXT, office_key TEXT, date TEXT, anchor INTEGER,
        evidence_start INTEGER, evidence_end INTEGER, evidence TEXT,
        closure_id INTEGER REFERENCES closures(id), UNIQUE (article_id, position)
    );
    CREATE INDEX updates_by_office ON updates (office_key, closure_id, anchor);
    CREATE INDEX updates_by_closure ON updates (closure_id);
    """,
    # 3: entries found by office without its region (body and unit), then by region compatibility:
    # a region the agency names is firm, one read from the dateline or article is soft
    """
    ALTER TABLE closures ADD COLUMN loose_key TEXT;
    ALTER TABLE closures ADD COLUMN firm INTEGER NOT NULL DEFAULT 1;
    UPDATE closures SET loose_key = substr(office_key, 1, instr(office_key, '|') - 1), firm = region_code IS NOT NULL;
    DROP INDEX closures_by_office;
    CREATE INDEX closures_by_region ON closures (loose_key, region_code, lo, hi);
    CREATE INDEX closures_by_loose_key ON closures (loose_key, lo, hi);
    ALTER TABLE updates ADD COLUMN loose_key TEXT;
    ALTER TABLE updates ADD COLUMN region_code TEXT;
    ALTER TABLE updates ADD COLUMN firm INTEGER NOT NULL DEFAULT 0;
    UPDATE updates SET loose_key = substr(office_key, 1, instr(office_key, '|') - 1);
    CREATE INDEX updates_pending ON updates (loose_key, closure_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
CACHE_KIB = 256 * 1024  # SQLite page cache: the indexes of a register of a million events stay in memory


class RegisterFileError(ValueError):
    """The file is not a register this code can read (not SQLite, or from a newer version)."""


def schema_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing steps up to ``target`` in one transaction; returns the version reached."""
    current = schema_version(connection)
    if current > SCHEMA_VERSION:
        raise RegisterFileError(f"register schema version {current} is newer than this code's {SCHEMA_VERSION}")
    if current >= target:
        return current
    script = "".join(MIGRATIONS[step] for step in range(current, target))
    connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {target};\nCOMMIT;")
    return target


def connect(path: str | Path, target: int = SCHEMA_VERSION) -> sqlite3.Connection:
    """Open (or create) a register file and bring it to ``target``; transactions are the caller's."""
    try:
        connection = sqlite3.connect(str(path), isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        connection.execute("PRAGMA temp_store = MEMORY")
        migrate(connection, target)
    except sqlite3.DatabaseError as exc:
        raise RegisterFileError(f"{path}: not a closure register ({exc})") from None
    return connection
