"""Flat tables of events, one row per event, for spreadsheets: CSV (UTF-8 with BOM) and Parquet.

A data journalist opens these in Excel, LibreOffice or pandas; nested fields are joined into
readable text (``name (title); name``), and the first evidence sentence is kept for checking.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

COLUMNS = (
    "id",
    "url",
    "outlet",
    "agency",
    "reason_category",
    "start_date",
    "end_date",
    "duration_days",
    "officials",
    "headcounts",
    "redirected_to",
    "reason",
    "confidence",
    "evidence",
)


def event_row(record_id: str, event: dict[str, Any], meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """One table row of one event dict (as ``ClosureEvent.to_dict()`` gives it).

    >>> event = {"agency": "Dinsos", "officials": [{"name": "Moch Poppy", "title": "Kepala Dinsos"}],
    ...          "headcounts": [{"count": 1, "text": "satu pegawai"}], "redirected_to": ["daring"],
    ...          "evidence": [{"text": "Dinsos tutup."}]}
    >>> row = event_row("a1", event, {"url": "https://x"})
    >>> row["officials"], row["headcounts"], row["evidence"], row["url"]
    ('Moch Poppy (Kepala Dinsos)', '1 (satu pegawai)', 'Dinsos tutup.', 'https://x')
    """
    meta = meta or {}
    evidence = event.get("evidence") or []
    return {
        "id": record_id,
        "url": meta.get("url"),
        "outlet": meta.get("outlet"),
        "agency": event.get("agency"),
        "reason_category": event.get("reason_category"),
        "start_date": event.get("start_date"),
        "end_date": event.get("end_date"),
        "duration_days": event.get("duration_days"),
        "officials": "; ".join(_official(o) for o in event.get("officials") or []),
        "headcounts": "; ".join(_headcount(h) for h in event.get("headcounts") or []),
        "redirected_to": "; ".join(event.get("redirected_to") or []),
        "reason": event.get("reason"),
        "confidence": event.get("confidence"),
        "evidence": evidence[0]["text"] if evidence else None,
    }


def _official(official: dict[str, Any]) -> str:
    return f"{official['name']} ({official['title']})" if official.get("title") else official["name"]


def _headcount(headcount: dict[str, Any]) -> str:
    count = "?" if headcount.get("count") is None else str(headcount["count"])
    return f"{count} ({headcount['text']})"


def rows_of_results(lines: Iterable[dict[str, Any]], meta: dict[str, dict[str, Any]] | None = None) -> Iterator[dict]:
    """Rows of every event of batch result lines (``{"id", "events", ...}``)."""
    for line in lines:
        for event in line.get("events") or []:
            yield event_row(line["id"], event, (meta or {}).get(line["id"]))


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write the rows as CSV with a header; ``utf-8-sig`` so spreadsheet programs read the accents."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = list(rows)
    types = {"duration_days": pa.int64(), "confidence": pa.float64()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])
    pq.write_table(pa.Table.from_pylist(table, schema=schema), path)
    return len(table)
