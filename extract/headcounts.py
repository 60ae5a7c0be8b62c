"""Which counted groups of people belong to a closure: each group once.

News repeats and breaks groups down ('sebelas nakes: dua dokter, delapan perawat'); the
guidelines keep the group reported positive, the group tested and the group sent home, and
leave out sub-groups, contacts traced among residents and restatements. So each staff count
gets a role from its sentence (``headcount_roles``), and then:

- positive: the counts of the first sentence that reports positives (a number found later
  replaces a vague 'belasan pegawai');
- tested, sent home, quarantined as contacts, isolated: for each role, the counts of the first
  sentence that adds a number not chosen yet, or an estimate ('belasan pegawai') when it has
  none; isolated staff only when they outnumber the positives (fewer are the positives
  themselves);
- 'seluruh pegawai' only when no number of tested or sent-home staff is given; a number in
  the sentence before ('total 112 petugas. Seluruh petugas itu ...') or after ('Jumlahnya
  sembilan puluh orang') stands in for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from closure_extractor.extract.headcount_roles import count_roles, is_whole_staff, refers_back, restated_next
from closure_extractor.extract.numbers import parse_count
from closure_extractor.extract.tables_io import load_table
from closure_extractor.extract.types import Headcount

FOLLOW_UP_ROLES = ("tested", "cleared", "home", "quarantined", "isolated")


@dataclass(frozen=True)
class CountedGroup:
    """One staff count in an event's topic, with the sentence it is in and its role there."""

    headcount: Headcount
    role: str
    sentence: int
    refers_back: bool = False
    span: tuple[int, int] = (0, 0)  # offsets of the count in its sentence

    @property
    def count(self) -> int | None:
        return self.headcount.count


@cache
def _not_staff_heads() -> frozenset[str]:
    return frozenset(load_table("closure_cues")["not_staff_heads"])


def is_staff(text: str) -> bool:
    """False for counts of residents, patients and the like ('lima warga', '64 pasien')."""
    words = re.findall(r"\w+", text.lower())
    return not any(w in _not_staff_heads() for w in words[1:])


def counted_groups(sentences: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[CountedGroup]:
    """Every staff count in ``sentences`` (text, count spans as offsets into it), with its role."""
    groups = []
    for position, (text, spans) in enumerate(sentences):
        for (start, end), role in zip(spans, count_roles(text, spans)):
            mention = text[start:end]
            if is_staff(mention):
                headcount = Headcount(parse_count(mention), mention)
                groups.append(CountedGroup(headcount, role, position, refers_back(text, end), (start, end)))
    return groups


def event_headcounts(sentences: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[Headcount]:
    """Headcounts of one event from its topic sentences, given as (text, HEADCOUNT spans in it)."""
    groups = _with_stated_sizes(counted_groups(sentences), sentences)
    chosen = _positive_groups(groups)
    positives = sum(g.count or 0 for g in chosen)
    for role in FOLLOW_UP_ROLES:
        candidates = [g for g in groups if g.role == role and (role != "isolated" or (g.count or 0) > positives)]
        chosen += _first_new_numbers(candidates, chosen) or _estimate(candidates)
    if not any(g.role in ("tested", "home") and g.count is not None for g in chosen):  # as the guidelines say
        chosen += _whole_staff(groups)
    return list(dict.fromkeys(g.headcount for g in chosen))


def _positive_groups(groups: list[CountedGroup]) -> list[CountedGroup]:
    positive = [g for g in groups if g.role == "positive"]
    if not positive:
        return []
    first = [g for g in positive if g.sentence == positive[0].sentence]
    numbered = [g for g in first if g.count is not None]
    if numbered:
        return numbered
    later = next((g for g in positive if g.count is not None), None)
    return [later] if later is not None else first[:1]


def _first_new_numbers(candidates: list[CountedGroup], chosen: list[CountedGroup]) -> list[CountedGroup]:
    """The numbered counts of the first sentence that adds a number not chosen yet."""
    known = {g.count for g in chosen}
    for sentence in dict.fromkeys(g.sentence for g in candidates):
        new = [g for g in candidates if g.sentence == sentence and g.count is not None and g.count not in known]
        if new:
            return new
    return []


def _estimate(candidates: list[CountedGroup]) -> list[CountedGroup]:
    """A vague count that is not 'everyone' ('belasan pegawai'): a group of its own."""
    vague = [g for g in candidates if g.count is None and not is_whole_staff(g.headcount.text)]
    return vague[:1]


def _whole_staff(groups: list[CountedGroup]) -> list[CountedGroup]:
    """'seluruh pegawai' tested or sent home, when no number says how many that is."""
    whole = [
        g
        for g in groups
        if g.role in FOLLOW_UP_ROLES
        and g.count is None
        and is_whole_staff(g.headcount.text)
        and not _beside_number(g, groups)
    ]
    return whole[:1]


def _with_stated_sizes(groups: list[CountedGroup], sentences) -> list[CountedGroup]:
    """The number that says how many 'seluruh pegawai' are takes that group's role."""
    sized: dict[int, str] = {}
    for group in groups:
        if group.role in FOLLOW_UP_ROLES and group.count is None and is_whole_staff(group.headcount.text):
            size = _stated_size(group, groups, sentences)
            if size is not None:
                sized.setdefault(id(size), group.role)
    return [replace(g, role=sized[id(g)]) if id(g) in sized else g for g in groups]


def _beside_number(group: CountedGroup, groups: list[CountedGroup]) -> bool:
    """'seluruh pegawai yang berjumlah 32 orang': the number in the same sentence is that group."""
    return any(g.sentence == group.sentence and g.role == group.role and g.count is not None for g in groups)


def _stated_size(group: CountedGroup, groups: list[CountedGroup], sentences) -> CountedGroup | None:
    """A lone number given for 'everyone' in the sentence before it ('itu') or just after it."""
    if group.refers_back:
        source = group.sentence - 1
    elif group.sentence + 1 < len(sentences) and restated_next(sentences[group.sentence + 1][0]):
        source = group.sentence + 1
    else:
        return None
    numbered = [g for g in groups if g.sentence == source and g.count is not None and g.role == "other"]
    return numbered[0] if len(numbered) == 1 else None


@dataclass(frozen=True)
class CountCandidate:
    """A staff count of an event's story, described for the learned headcount check."""

    headcount: Headcount
    features: dict[str, float]


def count_candidates(sentences: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[CountCandidate]:
    """Every staff count of an event's story with its role, its place and the words around it.

    >>> [c.features["role=positive"] for c in count_candidates([("Dua pegawai positif Covid-19.", [(0, 12)])])]
    [1.0]
    """
    groups = _with_stated_sizes(counted_groups(sentences), sentences)
    candidates, seen, rank = [], set(), {}
    for group in groups:
        text = sentences[group.sentence][0]
        rank.setdefault(group.role, []).append(group.sentence)
        features = {
            f"role={group.role}": 1.0,
            f"sentence={min(group.sentence, 4)}": 1.0,
            f"role_sentence={min(len(set(rank[group.role])) - 1, 2)}": 1.0,
            f"size={_size(group.count)}": 1.0,
            "refers_back": float(group.refers_back),
            "whole_staff": float(is_whole_staff(group.headcount.text)),
            "repeated": float(group.count is not None and group.count in seen),
        }
        words = re.findall(r"\w+", group.headcount.text.lower())
        features[f"head={words[-1] if words else '?'}"] = 1.0
        features.update({f"before={w}": 1.0 for w in re.findall(r"\w+", text[: group.span[0]].lower())[-2:]})
        features.update({f"after={w}": 1.0 for w in re.findall(r"\w+", text[group.span[1] :].lower())[:2]})
        candidates.append(CountCandidate(group.headcount, features))
        seen.add(group.count)
    return candidates


def _size(count: int | None) -> str:
    if count is None:
        return "none"
    return (
        "1" if count == 1 else "2-5" if count <= 5 else "6-20" if count <= 20 else "21-100" if count <= 100 else "100+"
    )
