"""Repairs of AGENCY spans the tagger cuts wrongly, made on the cleaned text before offsets leave it.

The tagger reads one sentence at a time and sometimes takes a headline verb into a name
('Disdukcapil Setop'), stops a long name short ('Manunggal Satu Atap (Samsat)' for 'Satuan
Administrasi Manunggal Satu Atap (Samsat)'), or tags a bare region ('NTT'). Each repair uses
the alias and region tables, not the model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from closure_extractor.extract.agency_names import agency_type
from closure_extractor.extract.regions import is_region_name
from closure_extractor.extract.tables_io import load_table

_WORD_BEFORE = re.compile(r"([A-Z][\w.-]*)\s+$")
MAX_WORDS_ADDED = 3
_CONNECTORS = frozenset({"dan", "serta", "&"})


@functools.cache
def _trailing_words() -> frozenset[str]:
    return frozenset(load_table("agency_aliases")["trailing_words"])


@functools.cache
def _bare_words() -> frozenset[str]:
    return frozenset(load_table("agency_aliases")["bare_words"])


def repair_agency(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The corrected ``(start, end)`` of an AGENCY span of ``text``, or None when it names no body.

    >>> t = "Disdukcapil Setop Layanan"
    >>> repair_agency(t, 0, 17)
    (0, 11)
    >>> t = "Satuan Administrasi Manunggal Satu Atap (Samsat) Kobar"
    >>> t[slice(*repair_agency(t, 20, len(t)))]
    'Satuan Administrasi Manunggal Satu Atap (Samsat) Kobar'
    >>> repair_agency("di NTT", 3, 6) is None
    True
    >>> t = "Kepala Dinas Perindustrian dan Energi DKI Jakarta"
    >>> t[slice(*repair_agency(t, t.index("dan"), len(t)))]
    'Dinas Perindustrian dan Energi DKI Jakarta'
    >>> repair_agency("kantor dan Energi", 7, 17) is None
    True
    >>> repair_agency("Pantauan di Kantor, warga pulang", 12, 18) is None
    True
    """
    start, end = _without_trailing_verb(text, start, end)
    if start >= end or is_region_name(text[start:end]):
        return None
    if text[start:end].split()[0] in _CONNECTORS:  # '[dan Energi DKI Jakarta]': the name's tail
        start = _words_before(text, start)
        return (start, end) if text[start:end].split()[0] not in _CONNECTORS else None
    start = _with_words_before(text, start, end)
    return None if text[start:end].lower() in _bare_words() else (start, end)  # a bare 'Kantor' names no body


def repair_official(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The corrected ``(start, end)`` of an OFFICIAL span: without an honorific the tagger took in
    ('Hj Isma' → 'Isma'), with a Balinese particle it left out ('Ketut Saba' after 'I').

    >>> t = "kata Hj Isma"
    >>> t[slice(*repair_official(t, 5, len(t)))]
    'Isma'
    >>> t = "ujar I Ketut Saba"
    >>> t[slice(*repair_official(t, 7, len(t)))]
    'I Ketut Saba'
    >>> repair_official("Hj", 0, 2) is None
    True
    """
    honorifics, particles = _name_words()
    words = text[start:end].split()
    while words and words[0].rstrip(".").lower() in honorifics:
        start = text.index(words[0], start) + len(words[0])
        start += len(text[start:end]) - len(text[start:end].lstrip())
        words.pop(0)
    if not words:
        return None
    particle = re.search(r"(?<![\w.])(\w+)\s+$", text[max(0, start - 6) : start])
    if particle and particle.group(1) in particles:
        start -= len(particle.group(0))
    return start, end


@functools.cache
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """One-word honorifics (lowercase, no dots) and name particles as written ('I', 'Ni')."""
    table = load_table("titles")
    honorifics = frozenset(h.replace(".", "") for h in table["honorifics"] if " " not in h)
    return honorifics, frozenset(p.capitalize() for p in table["name_particles"])


def _without_trailing_verb(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the closure verbs a headline wrote after the name (``trailing_words``)."""
    words = text[start:end].split()
    while len(words) > 1 and words[-1].lower() in _trailing_words():
        end = start + len(text[start:end].rstrip()[: -len(words.pop())].rstrip())
    return start, end


def _starts_before(text: str, start: int, stop_at_titles: bool = False) -> Iterator[int]:
    """Each earlier start over the capitalised words just before ``start``, nearest first (at most
    ``MAX_WORDS_ADDED``); with ``stop_at_titles``, a title word ('Kepala') is the official's and ends them."""
    titles = _single_word_titles() if stop_at_titles else frozenset()
    for _ in range(MAX_WORDS_ADDED):
        match = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if match is None or match.group(1).lower() in titles:
            return
        start = match.start(1)
        yield start


def _words_before(text: str, start: int) -> int:
    """Where the capitalised words just before ``start`` begin; a title word is not the name's."""
    return min(_starts_before(text, start, stop_at_titles=True), default=start)


@functools.cache
def _single_word_titles() -> frozenset[str]:
    return frozenset(t for t in load_table("titles")["titles"] if " " not in t)


def _with_words_before(text: str, start: int, end: int) -> int:
    """Move the start left over capitalised words when that makes a type the alias table knows out of
    one it does not ('Satuan Administrasi' + 'Manunggal Satu Atap')."""
    if agency_type(text[start:end]) is not None:
        return start
    return next((c for c in _starts_before(text, start) if agency_type(text[c:end]) is not None), start)
