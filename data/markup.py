"""Inline markup for writing annotated documents by hand: ``[[LABEL|mention]]``.

A draft file holds one document: a header (``key: value`` lines), a line ``---``,
the marked-up text, a line ``---``, and the gold events as a JSON array.
Writing spans inline is far less error-prone than counting character offsets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from closure_extractor.data.schema import AnnotatedDocument, Span

MARK = re.compile(r"\[\[([A-Z]+)\|(.+?)\]\]", re.DOTALL)
SEPARATOR = re.compile(r"^---[ \t]*$", re.MULTILINE)


def parse_markup(marked: str) -> tuple[str, list[Span]]:
    """Strip ``[[LABEL|mention]]`` marks, returning plain text and spans into it."""
    pieces: list[str] = []
    spans: list[Span] = []
    cursor = 0
    length = 0
    for match in MARK.finditer(marked):
        before = marked[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        label, mention = match.group(1), match.group(2)
        spans.append(Span(length, length + len(mention), label))
        pieces.append(mention)
        length += len(mention)
        cursor = match.end()
    pieces.append(marked[cursor:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced markup near {text[text.find('[[') :][:60]!r}")
    return text, spans


def to_markup(text: str, spans: list[Span]) -> str:
    """Inverse of :func:`parse_markup` for non-overlapping spans."""
    out, cursor = [], 0
    for span in sorted(spans):
        out.append(text[cursor : span.start])
        out.append(f"[[{span.label}|{text[span.start : span.end]}]]")
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)


def parse_draft(source: str, split: str = "train") -> AnnotatedDocument:
    """Parse one draft file's content into a corpus document (not yet validated)."""
    parts = SEPARATOR.split(source, maxsplit=2)
    if len(parts) != 3:
        raise ValueError("a draft needs a header, '---', the text, '---', and the events JSON")
    header = _parse_header(parts[0])
    text, spans = parse_markup(parts[1].strip("\n"))
    events: list[dict[str, Any]] = json.loads(parts[2]) if parts[2].strip() else []
    return AnnotatedDocument(
        id=header["id"],
        text=text,
        published=header["published"],
        source=header.get("source", "written for this corpus"),
        split=header.get("split", split),
        spans=spans,
        events=events,
    )


def _parse_header(block: str) -> dict[str, str]:
    header = {}
    for line in block.strip().splitlines():
        key, sep, value = line.partition(":")
        if sep:
            header[key.strip()] = value.strip()
    for key in ("id", "published"):
        if key not in header:
            raise ValueError(f"draft header lacks '{key}:'")
    return header


def read_draft(path: str | Path) -> AnnotatedDocument:
    return parse_draft(Path(path).read_text(encoding="utf-8"))
