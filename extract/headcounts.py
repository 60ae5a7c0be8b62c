"""Which counted groups of people belong to a closure: the staff who tested positive and the staff
sent for testing, each once.

News repeats and breaks groups down ('sebelas nakes: dua dokter, delapan perawat'); gold
keeps the first group reported positive and the group tested. So: every count in the
first sentence that reports positives, and the first number in a later testing sentence.
A vague 'semua pegawai' stands in for the tested group only when no number is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from extract.cues import table_pattern
from extract.mentions import Mention
from extract.numbers import parse_count
from extract.tables_io import load_table
from extract.types import Headcount


@cache
def _not_staff_heads() -> frozenset[str]:
    return frozenset(load_table("closure_cues")["not_staff_heads"])


def is_staff(text: str) -> bool:
    """False for counts of residents, patients and the like ('lima warga', '64 pasien')."""
    words = re.findall(r"\w+", text.lower())
    return not any(w in _not_staff_heads() for w in words[1:])


def event_headcounts(sentences: Sequence[tuple[str, list[Mention]]]) -> list[Headcount]:
    """Headcounts of one event from its topic sentences, given as ``(text, HEADCOUNT mentions)``."""
    positive, testing = table_pattern("positive_cues"), table_pattern("test_cues")
    groups: list[Headcount] = []
    vague: Headcount | None = None
    found_positive = found_tested = False
    for text, mentions in sentences:
        staff = [Headcount(parse_count(m.text), m.text) for m in mentions if is_staff(m.text)]
        if not staff:
            continue
        if not found_positive and positive.search(text):
            groups += [h for h in staff if h.count is not None or len(staff) == 1]
            found_positive = True
            continue
        if not found_tested and testing.search(text) and not positive.search(text):
            numbers = [h for h in staff if h.count is not None]
            if numbers:
                groups.append(max(numbers, key=lambda h: h.count))
                found_tested = True
            elif vague is None:
                vague = staff[0]
    if not found_tested and vague is not None:
        groups.append(vague)
    return _unique(groups)


def _unique(groups: list[Headcount]) -> list[Headcount]:
    seen, unique = set(), []
    for group in groups:
        if group.count not in seen:
            seen.add(group.count)
            unique.append(group)
    return unique
