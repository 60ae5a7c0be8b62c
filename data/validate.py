"""Checks one corpus record against the format and guidelines; returns messages, never raises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from closure_extractor.data.bio import misaligned_spans
from closure_extractor.data.schema import EVENT_FIELDS, LABELS, REASON_CATEGORIES, SPLITS, Span, read_jsonl
from closure_extractor.data.tokens import tokenize_words

REQUIRED_FIELDS: dict[str, type] = {
    "id": str,
    "text": str,
    "published": str,
    "source": str,
    "split": str,
    "spans": list,
    "events": list,
}


def parse_iso_date(value: Any) -> dt.date | None:
    """Return the date for a strict ``YYYY-MM-DD`` string, else None."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def validate_record(record: dict[str, Any]) -> list[str]:
    """All problems with one record, as readable messages (empty when the record is valid)."""
    problems = _check_fields(record)
    if problems:
        return problems
    text = record["text"]
    problems += _check_spans(record["spans"], text)
    if not problems:
        problems += _check_token_edges(record["spans"], text)
    for index, event in enumerate(record["events"]):
        problems += [f"event {index}: {p}" for p in _check_event(event, text)]
    return problems


def _check_fields(record: dict[str, Any]) -> list[str]:
    problems = []
    for name, kind in REQUIRED_FIELDS.items():
        if name not in record:
            problems.append(f"missing field '{name}'")
        elif not isinstance(record[name], kind):
            problems.append(f"field '{name}' must be {kind.__name__}")
    if problems:
        return problems
    if not record["id"].strip():
        problems.append("field 'id' is empty")
    if not record["text"].strip():
        problems.append("field 'text' is empty")
    if parse_iso_date(record["published"]) is None:
        problems.append(f"published {record['published']!r} is not a valid YYYY-MM-DD date")
    if record["split"] not in SPLITS:
        problems.append(f"split {record['split']!r} is not one of {', '.join(SPLITS)}")
    return problems


def _check_spans(spans: list[Any], text: str) -> list[str]:
    problems: list[str] = []
    good: list[tuple[int, int, str]] = []
    for index, span in enumerate(spans):
        problem = _check_span(span, text)
        if problem:
            problems.append(f"span {index}: {problem}")
        else:
            good.append((span["start"], span["end"], span["label"]))
    good.sort()
    for (s1, e1, l1), (s2, e2, l2) in zip(good, good[1:]):
        if s2 < e1:
            problems.append(f"spans overlap: {l1} {text[s1:e1]!r} [{s1},{e1}) and {l2} {text[s2:e2]!r} [{s2},{e2})")
    return problems


def _check_span(span: Any, text: str) -> str | None:
    if not isinstance(span, dict):
        return "must be an object with start, end, label"
    start, end, label = span.get("start"), span.get("end"), span.get("label")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return "start and end must be integers"
    if label not in LABELS:
        return f"label {label!r} is not one of {', '.join(LABELS)}"
    if not 0 <= start < end <= len(text):
        return f"offsets [{start},{end}) fall outside the text (length {len(text)})"
    mention = text[start:end]
    if mention != mention.strip():
        return f"{label} {mention!r} has leading or trailing whitespace"
    return None


def _check_token_edges(spans: list[dict[str, Any]], text: str) -> list[str]:
    """A span must start and end on word-token edges, or the BIO tags could not express it."""
    tokens = tokenize_words(text)
    cut = misaligned_spans(tokens, [Span(s["start"], s["end"], s["label"]) for s in spans])
    return [f"{s.label} {text[s.start : s.end]!r} [{s.start},{s.end}) cuts a word token in two" for s in cut]


def _check_event(event: Any, text: str) -> list[str]:
    if not isinstance(event, dict):
        return ["must be an object"]
    missing = [name for name in EVENT_FIELDS if name not in event]
    if missing:
        return [f"missing field(s) {', '.join(missing)}"]
    problems = []
    agency = event["agency"]
    if not isinstance(agency, str) or not agency.strip() or agency not in text:
        problems.append(f"agency {agency!r} does not occur in the text")
    problems += _check_event_dates(event)
    for official in event["officials"] if isinstance(event["officials"], list) else [None]:
        name = official.get("name") if isinstance(official, dict) else None
        if not isinstance(name, str) or not name or name not in text:
            problems.append(f"official {official!r} does not name someone in the text")
    for headcount in event["headcounts"] if isinstance(event["headcounts"], list) else [None]:
        problems += _check_headcount(headcount, text)
    redirected = event["redirected_to"]
    if not isinstance(redirected, list) or not all(isinstance(r, str) for r in redirected):
        problems.append("redirected_to must be a list of strings")
    if event["reason"] is not None and not isinstance(event["reason"], str):
        problems.append("reason must be a string or null")
    if event["reason_category"] not in REASON_CATEGORIES:
        problems.append(f"reason_category {event['reason_category']!r} is not one of {', '.join(REASON_CATEGORIES)}")
    return problems


def _check_event_dates(event: dict[str, Any]) -> list[str]:
    problems = []
    dates = {}
    for name in ("start_date", "end_date"):
        value = event[name]
        dates[name] = parse_iso_date(value)
        if value is not None and dates[name] is None:
            problems.append(f"{name} {value!r} is not a valid YYYY-MM-DD date")
    start, end = dates["start_date"], dates["end_date"]
    if start and end and end < start:
        problems.append(f"end_date {end} is before start_date {start}")
    duration = event["duration_days"]
    if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool) or duration < 1):
        problems.append(f"duration_days {duration!r} must be a positive integer or null")
    elif duration and start and end and (end - start).days + 1 != duration:
        problems.append(f"{start}..{end} is {(end - start).days + 1} days, not duration_days={duration}")
    return problems


def _check_headcount(headcount: Any, text: str) -> list[str]:
    if not isinstance(headcount, dict) or "text" not in headcount or "count" not in headcount:
        return [f"headcount {headcount!r} must be an object with count and text"]
    problems = []
    if not isinstance(headcount["text"], str) or headcount["text"] not in text:
        problems.append(f"headcount text {headcount['text']!r} does not occur in the text")
    count = headcount["count"]
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        problems.append(f"headcount count {count!r} must be a non-negative integer or null")
    return problems


def validate_files(paths: list[str | Path]) -> list[str]:
    """Validate corpus files; each message names file, line and record id. Ids must be unique."""
    messages = []
    seen: dict[str, str] = {}
    for path in paths:
        if not Path(path).is_file():
            messages.append(f"{path}: no such file")
            continue
        records = 0
        for number, record, error in read_jsonl(path):
            records += 1
            where = f"{path}:{number}"
            if error:
                messages.append(f"{where}: {error}")
                continue
            rid = record.get("id")
            for problem in validate_record(record):
                messages.append(f"{where} (id={rid}): {problem}")
            if isinstance(rid, str) and rid:
                if rid in seen:
                    messages.append(f"{where} (id={rid}): duplicate id, first seen at {seen[rid]}")
                seen.setdefault(rid, where)
        if records == 0:
            messages.append(f"{path}: holds no records (empty file)")
    return messages
