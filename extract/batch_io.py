"""Reading batch inputs (JSONL, CSV, Parquet) record by record, and the resumable JSONL output.

Readers never raise on a bad record: a line that is not JSON or not UTF-8 becomes a record
that carries its problem, so the job can write an error line for it and go on.
"""

from __future__ import annotations

import csv
import json
import os
import re
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
            broken = [k for k, v in row.items() if isinstance(v, str) and has_lone_surrogate(v)]
            problem = f"field {without_surrogates(str(broken[0]))!r} is not UTF-8" if broken else None
            yield InputRecord(position, row, problem)


def _read_parquet(path: Path) -> Iterator[InputRecord]:
    import pyarrow.parquet as pq

    position = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            yield InputRecord(position, row)
            position += 1


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
RESULT_KEYS = frozenset({"id", "events", "entities", "error"})
OPTIONAL_RESULT_KEYS = frozenset({"truncated"})


def resume_output(path: Path) -> list[str]:
    """Ids already written to ``path``; a torn last line (after the last newline) is cut off.

    Every complete line must be a result line of a batch job; otherwise ``path`` is some other
    file and is refused untouched, so that a mistyped OUTPUT never destroys a user's data.
    """
    if not path.exists():
        return []
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1
    ids = []
    for number, line in enumerate(data[:keep].splitlines(), start=1):
        record = _result_line(line)
        if record is None:
            raise ValueError(
                f"{path} exists and line {number} is not a result of this job: refusing to append to it; "
                "choose another OUTPUT"
            )
        ids.append(str(record["id"]))
    if keep != len(data):
        with open(path, "r+b") as handle:
            handle.truncate(keep)
    return ids


def _result_line(line: bytes) -> dict | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    is_result = isinstance(record, dict) and RESULT_KEYS <= set(record) <= RESULT_KEYS | OPTIONAL_RESULT_KEYS
    return record if is_result else None


def without_surrogates(value: str) -> str:
    """``value`` with lone surrogates (from ``\\ud800`` escapes or undecodable bytes) shown as U+FFFD.

    >>> without_surrogates("Dinsos\\udc80")
    'Dinsos\\ufffd'
    """
    return LONE_SURROGATE.sub("\ufffd", value)


def has_lone_surrogate(value: str) -> bool:
    return LONE_SURROGATE.search(value) is not None


class JobLock:
    """``OUTPUT.lock``, held with ``flock`` while a job writes OUTPUT: a second job is refused.

    The kernel drops the lock when the process dies, even by ``kill -9``, so it is never stale.
    """

    def __init__(self, output: Path) -> None:
        self.path = output.with_name(output.name + ".lock")
        self.handle = None

    def __enter__(self) -> JobLock:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")  # noqa: SIM115 - held for the whole job
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise ValueError(
                f"another job is writing {self.path.with_suffix('')} (pid {holder}); wait for it"
            ) from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return self

    def __exit__(self, *exc_info) -> None:
        self.handle.close()


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
