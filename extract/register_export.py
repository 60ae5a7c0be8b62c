"""The register as a table: one row per closure, written as JSONL, CSV or Parquet with the same columns.

Rows come out in a fixed order (start, office, id) with lists in a fixed order, so the same register
always exports to the same bytes; the reproducibility tests compare exports byte for byte.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from closure_extractor.extract.regions import region_by_code

COLUMNS = (
    "closure_id",
    "agency",
    "office_key",
    "region",
    "province",
    "region_code",
    "reason_category",
    "start_date",
    "end_date",
    "duration_days",
    "officials",
    "headcounts",
    "articles",
    "first_reported",
    "last_reported",
)
LIST_COLUMNS = ("officials", "headcounts", "articles")
EXPORT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def export_format(path: Path) -> str:
    """The format a file name asks for; a clear error for any other."""
    kind = EXPORT_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path}: export must end in .jsonl, .csv or .parquet")
    return kind


def entry_articles(db: sqlite3.Connection) -> dict[int, list[str]]:
    """Each entry's articles: those of its events and of the updates linked to it, sorted."""
    found: dict[int, set[str]] = {}
    query = (
        "SELECT r.closure_id, e.article_id FROM closure_reports r JOIN events e ON e.id = r.event_id"
        " UNION SELECT closure_id, article_id FROM updates WHERE closure_id IS NOT NULL"
    )
    for closure, article in db.execute(query):
        found.setdefault(closure, set()).add(article)
    return {closure: sorted(articles) for closure, articles in found.items()}


def iter_rows(db: sqlite3.Connection, with_internal_id: bool = False) -> Iterator[dict[str, Any]]:
    """Export rows in their fixed order; ``with_internal_id`` adds ``_id`` (the SQLite row id)."""
    articles = entry_articles(db)
    query = (
        "SELECT id, public_id, agency, office_key, region_code, reason_category, start_date, end_date, duration_days,"
        " officials, headcounts, first_reported, last_reported FROM closures WHERE public_id IS NOT NULL"
        " ORDER BY COALESCE(start_date, first_reported), office_key, public_id"
    )
    for row in db.execute(query):
        region = region_by_code(row[4]) if row[4] else None
        out = {
            "closure_id": row[1],
            "agency": row[2],
            "office_key": row[3],
            "region": region.label if region and region.kind != "provinsi" else None,
            "province": region.province if region else None,
            "region_code": row[4],
            "reason_category": row[5],
            "start_date": row[6],
            "end_date": row[7],
            "duration_days": row[8],
            "officials": json.loads(row[9] or "[]"),
            "headcounts": json.loads(row[10] or "[]"),
            "articles": articles.get(row[0], []),
            "first_reported": row[11],
            "last_reported": row[12],
        }
        yield ({"_id": row[0]} | out) if with_internal_id else out


def write_export(db: sqlite3.Connection, path: Path) -> int:
    """Write every entry to ``path`` in the format its suffix names; returns the number of rows."""
    kind = export_format(path)
    rows = list(iter_rows(db))
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "jsonl":
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    elif kind == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows({k: _csv_value(k, v) for k, v in row.items()} for row in rows)
    else:
        _write_parquet(rows, path)
    return len(rows)


def _csv_value(column: str, value: Any) -> Any:
    """Lists of ids are joined with '|'; lists of records are JSON-encoded."""
    if column == "articles":
        return "|".join(value)
    if column in LIST_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    """Same columns as the CSV; officials and headcounts as JSON strings, articles as a list of strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            (c, pa.list_(pa.string()) if c == "articles" else pa.int64() if c == "duration_days" else pa.string())
            for c in COLUMNS
        ]
    )
    columns = {c: [r[c] if c in ("articles", "duration_days") else _csv_value(c, r[c]) for r in rows] for c in COLUMNS}
    pq.write_table(pa.table(columns, schema=schema), path)


def read_export(path: Path) -> list[dict[str, Any]]:
    """Rows of an export file (JSONL, CSV or Parquet), with ``articles`` as a list again."""
    kind = export_format(path)
    if kind == "jsonl":
        with open(path, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    if kind == "csv":
        with open(path, encoding="utf-8", newline="") as handle:
            return [row | {"articles": [a for a in row["articles"].split("|") if a]} for row in csv.DictReader(handle)]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()
