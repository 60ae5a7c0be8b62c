"""Reading batch inputs (JSONL, CSV, Parquet) record by record, and the resumable JSONL output.

Readers never raise on a bad record: a line that is not JSON or not UTF-8 becomes a record
that carries its problem, so the job can write an error line for it and go on.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMATS = ("jsonl", "csv", "parquet")


@dataclass(frozen=True)
class InputRecord:
    """One input row: its position, its fields (or None) and why it could not be read."""

    position: int
    fields: dict[str, Any] | None
    problem: str | None = None


def input_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    kind = {"jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl", "csv": "csv", "parquet": "parquet", "pq": "parquet"}
    if suffix not in kind:
        raise ValueError(f"{path}: cannot tell the format from '.{suffix}'; use .jsonl, .csv or .parquet")
    return kind[suffix]


def count_records(path: Path) -> int:
    """How many records the input holds (for the progress bar's ETA)."""
    kind = input_format(path)
    if kind == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    if kind == "csv":
        return sum(1 for _ in read_records(path))
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def read_records(path: Path) -> Iterator[InputRecord]:
    kind = input_format(path)
    if kind == "jsonl":
        yield from _read_jsonl(path)
    elif kind == "csv":
        yield from _read_csv(path)
    else:
        yield from _read_parquet(path)


def _read_jsonl(path: Path) -> Iterator[InputRecord]:
    position = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield InputRecord(position, None, f"line {number}: not UTF-8 ({exc.reason} at byte {exc.start})")
            except json.JSONDecodeError as exc:
                yield InputRecord(position, None, f"line {number}: not valid JSON ({exc.msg})")
            else:
                problem = None if isinstance(record, dict) else f"line {number}: not a JSON object"
                yield InputRecord(position, record if problem is None else None, problem)
            position += 1


def _read_csv(path: Path) -> Iterator[InputRecord]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as handle:
        for position, row in enumerate(csv.DictReader(handle)):
            broken = [k for k, v in row.items() if isinstance(v, str) and _has_surrogates(v)]
            problem = f"field {broken[0]!r} is not UTF-8" if broken else None
            yield InputRecord(position, row, problem)


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in value)


def _read_parquet(path: Path) -> Iterator[InputRecord]:
    import pyarrow.parquet as pq

    position = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            yield InputRecord(position, row)
            position += 1


def resume_output(path: Path) -> list[str]:
    """Ids already written to ``path``; a torn last line (no newline, or not JSON) is cut off."""
    if not path.exists():
        return []
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1
    ids = []
    for line in data[:keep].splitlines():
        try:
            ids.append(str(json.loads(line)["id"]))
        except (ValueError, KeyError, TypeError):
            break
    good = sum(len(line) + 1 for line in data[:keep].splitlines()[: len(ids)])
    if good != len(data):
        with open(path, "r+b") as handle:
            handle.truncate(good)
    return ids


class OutputWriter:
    """Appends result lines and makes each chunk durable before the next one starts."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - held across chunks, closed by close()

    def write_chunk(self, lines: list[dict]) -> None:
        self.handle.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self) -> None:
        self.handle.close()
