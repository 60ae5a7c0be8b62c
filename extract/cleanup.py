"""Text clean-up that remembers where every character came from.

The model reads a cleaned copy (HTML tags and entities resolved, odd quotes, dashes and
spaces made plain, invisible characters dropped), but every offset it produces is mapped
back through ``origin`` so spans always slice the caller's original string exactly.
Page furniture (teasers, photo credits, reporter codes) is found here too, as line ranges.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from closure_extractor.extract.tables_io import load_table

HTML_PIECE = re.compile(r"<br\s*/?>|</p\s*>|<[^<>]{1,200}>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,10});")
BLOCK_TAGS = re.compile(r"<br\s*/?>|</p\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and, for each of its characters (plus one past the end), the original offset."""

    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of a cleaned range (end maps just past its last character)."""
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


@cache
def _char_tables() -> tuple[dict[str, str], frozenset[str]]:
    table = load_table("boilerplate")
    return table["char_map"], frozenset(table["drop_chars"])


def clean_text(text: str) -> CleanText:
    """Resolve HTML, plain-ify characters and drop invisible ones, keeping an offset map."""
    char_map, drop = _char_tables()
    out: list[str] = []
    origin: list[int] = []
    position = 0
    for match in HTML_PIECE.finditer(text):
        _copy_chars(text, position, match.start(), char_map, drop, out, origin)
        piece = match.group()
        replacement = "\n" if BLOCK_TAGS.fullmatch(piece) else "" if piece.startswith("<") else html.unescape(piece)
        for char in replacement:
            out.append(char_map.get(char, char))
            origin.append(match.start())
        position = match.end()
    _copy_chars(text, position, len(text), char_map, drop, out, origin)
    origin.append(len(text))
    return CleanText("".join(out), tuple(origin))


def _copy_chars(text, start, end, char_map, drop, out, origin) -> None:
    for index in range(start, end):
        char = text[index]
        if "\ud800" <= char <= "\udfff":  # a lone surrogate cannot be encoded for the tokenizer
            char = " "
        if char in drop or (ord(char) < 32 and char != "\n"):
            if char in "\t\r\f\v":
                out.append(" ")
                origin.append(index)
            continue
        out.append(char_map.get(char, char))
        origin.append(index)


@cache
def _line_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    patterns = load_table("boilerplate")["line_patterns"]
    return tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in patterns.items())


def boilerplate_lines(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every line that is page furniture rather than reporting."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        for kind, pattern in _line_patterns():
            if pattern.search(line.group()):
                found.append((line.start(), line.end(), kind))
                break
    return found
