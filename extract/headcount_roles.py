"""What a sentence says of each group of people it counts: reported positive, tested, cleared by a
negative result, sent home, isolated, quarantined as contacts, traced only, a part of a group
already counted, or nothing that matters ('other').

A count right after a verb is its object ('memeriksa 35 petugas', 'menelusuri 31 orang'), and
that verb gives its role. Otherwise Indonesian puts the predicate after the counted subject
('tiga pegawai dinyatakan positif', '32 pegawai akan diswab'), so the role is read from the words
after the count, up to the end of its clause or the next count; counts joined by 'dan' /
'beserta' share the predicate that follows the last of them. The cue words live in
``tables/headcount_roles.json``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from closure_extractor.extract.tables_io import load_table

POSITIVE_OR_TESTED = ("positive", "tested")


@dataclass(frozen=True)
class RoleCues:
    roles: tuple[tuple[str, re.Pattern], ...]
    weak_roles: dict[str, dict[str, str]]
    test_result: re.Pattern
    object_words: int
    before_words: int
    before_clause_break: re.Pattern
    part_before: re.Pattern
    part_of_total: re.Pattern
    part_after: re.Pattern
    size_before: re.Pattern
    referenced_before: re.Pattern
    agent_before: re.Pattern
    denominator_before: re.Pattern
    tally_before: re.Pattern
    generic_heads: frozenset[str]
    staff_nouns: re.Pattern
    shared_gap: re.Pattern
    clause_end: re.Pattern
    whole_staff: re.Pattern
    refers_back: re.Pattern
    restated_next: re.Pattern


_PATTERN_FIELDS = tuple(name for name, kind in RoleCues.__annotations__.items() if kind == "re.Pattern")
_TABLE_KEYS = {"shared_gap": "shared_predicate_gap"}


@cache
def role_cues() -> RoleCues:
    table = load_table("headcount_roles")

    def compiled(key: str) -> re.Pattern:
        return re.compile(table[key], re.IGNORECASE)

    patterns = {field: compiled(_TABLE_KEYS.get(field, field)) for field in _PATTERN_FIELDS}
    return RoleCues(
        roles=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in table["roles"].items()),
        weak_roles=table["weak_roles"],
        object_words=table["object_words"],
        before_words=table["before_words"],
        generic_heads=frozenset(table["generic_heads"]),
        **patterns,
    )


def _without_test_results(text: str) -> str:
    """'hasil rapid test-nya reaktif' reports a result, not a test: blank it, keeping offsets."""
    return role_cues().test_result.sub(lambda m: " " * len(m.group()), text)


def _roles_in_order(text: str) -> list[str]:
    """Every role cue in ``text``, in the order they occur."""
    found = [(m.start(), name) for name, pattern in role_cues().roles for m in pattern.finditer(text)]
    return [name for _, name in sorted(found)]


def role_after(text: str) -> str | None:
    """The role the words after a count give it: the first cue, unless a weak one gives way to a later one."""
    found = _roles_in_order(_without_test_results(text))
    if not found:
        return None
    weak = role_cues().weak_roles.get(found[0], {})
    return next((weak[later] for later in found[1:] if later in weak), found[0])


def _clause_before(before: str, skip_empty: bool = False) -> str:
    """The words before a count back to the start of its clause; with ``skip_empty``, the clause
    before a comma when the count opens its own ('diusulkan swab, semua pegawai ...')."""
    breaks = list(role_cues().before_clause_break.finditer(before))
    if not breaks:
        return before
    last = breaks[-1]
    if skip_empty and not before[last.end() :].strip() and last.group() in ",:":
        return before[breaks[-2].end() if len(breaks) > 1 else 0 : last.start()]
    return before[last.end() :]


def _role_in_last_words(clause: str, words: int) -> str | None:
    found = _roles_in_order(" ".join(clause.split()[-words:]))
    return found[-1] if found else None


def _is_part(sentence: str, spans: Sequence[tuple[int, int]], i: int, previous_part: bool) -> bool:
    """A sub-group of a count already made ('termasuk seorang kepala seksi'), or one joined to such a sub-group."""
    cues, before = role_cues(), sentence[: spans[i][0]]
    if cues.part_of_total.search(before) or cues.part_after.search(sentence[spans[i][1] :]):
        return True
    if cues.part_before.search(before) and not cues.size_before.search(before):
        return True
    return previous_part and cues.shared_gap.search(sentence[spans[i - 1][1] : spans[i][0]]) is not None


def _marks(sentence: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """'part' for sub-groups, 'referenced' for counts named only as a reference, '' for the rest."""
    marks: list[str] = []
    for i in range(len(spans)):
        if _is_part(sentence, spans, i, bool(marks) and marks[-1] == "part"):
            marks.append("part")
        elif _is_reference(sentence, spans, i):
            marks.append("referenced")
        else:
            marks.append("")
    return marks


def _is_reference(sentence: str, spans: Sequence[tuple[int, int]], i: int) -> bool:
    """'satu ruangan dengan dua staf itu'; 'diperiksa oleh tiga petugas', unless a role follows the count."""
    cues, before = role_cues(), sentence[: spans[i][0]]
    if cues.referenced_before.search(before):
        return True
    return bool(cues.agent_before.search(before)) and role_after(_own_words(sentence, spans, i)) is None


def _own_words(sentence: str, spans: Sequence[tuple[int, int]], i: int) -> str:
    """The words right after count ``i``, up to the next comma, clause end or count."""
    stop = spans[i + 1][0] if i + 1 < len(spans) else len(sentence)
    after = sentence[spans[i][1] : stop]
    ends = [m.start() for m in (role_cues().clause_end.search(after), re.search(r"[,.]", after)) if m]
    return after[: min(ends)] if ends else after


def _is_tally(sentence: str, start: int, end: int) -> bool:
    """'tercatat 148 orang', 'jumlah warga ... mencapai 212 orang': a region's running count."""
    cues, before = role_cues(), sentence[:start]
    words = sentence[start:end].lower().split()
    generic = len(words) == 2 and words[1] in cues.generic_heads
    return generic and cues.tally_before.search(before) is not None and not cues.staff_nouns.search(before)


def _role_of(sentence: str, spans, marks, roles, i: int) -> str:
    """The role of count ``i``, given the roles already found for the counts after it."""
    cues = role_cues()
    start, end = spans[i]
    before, clause = sentence[:start], _clause_before(sentence[:start])
    following = next((j for j in range(i + 1, len(spans)) if not marks[j]), None)
    stop = spans[following][0] if following is not None else len(sentence)
    after = sentence[end:stop]
    if (brk := cues.clause_end.search(after)) is not None:
        after = after[: brk.start()]
    if _is_tally(sentence, start, end):
        return "other"
    if (role := _role_in_last_words(clause, cues.object_words)) is not None:
        # 'hasil swab 19 pegawai keluar' are tested; 'hasil swab tiga pegawai positif' are positive
        return "positive" if role == "tested" and role_after(after) == "positive" else role
    if cues.denominator_before.search(before) and any(r in POSITIVE_OR_TESTED for r in _roles_in_order(after)):
        return role_after(_own_words(sentence, spans, i)) or "tested"
    role = role_after(after)
    if role is None and following == i + 1 and cues.shared_gap.search(sentence[end:stop]):
        role = roles[following] if roles[following] != "other" else None
    wider = _without_test_results(_clause_before(before, skip_empty=True))
    return role or _role_in_last_words(wider, cues.before_words) or "other"


def count_roles(sentence: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The role of each count ``sentence[start:end]`` (spans in order, offsets into ``sentence``)."""
    marks = _marks(sentence, spans)
    roles = ["part" if mark == "part" else "other" for mark in marks]
    for i in reversed(range(len(spans))):
        if not marks[i]:
            roles[i] = _role_of(sentence, spans, marks, roles, i)
    return _join_whole_staff(sentence, spans, roles)


def _join_whole_staff(sentence: str, spans: Sequence[tuple[int, int]], roles: list[str]) -> list[str]:
    """'seluruh pegawai ... sejumlah 80 pegawai': a count of everyone and the number right after it are
    one group, so the one whose role is unknown takes the other's."""
    joined = list(roles)
    for i in range(len(spans) - 1):
        if not is_whole_staff(sentence[spans[i][0] : spans[i][1]]):
            continue
        if joined[i] == "other" and joined[i + 1] not in ("part", "other"):
            joined[i] = joined[i + 1]
        elif joined[i + 1] == "other" and joined[i] not in ("part", "other"):
            joined[i + 1] = joined[i]
    return joined


def is_whole_staff(text: str) -> bool:
    """True for a vague count of everyone ('seluruh pegawai', 'semua petugas')."""
    return role_cues().whole_staff.search(text.strip()) is not None


def refers_back(sentence: str, end: int) -> bool:
    """True when the count ending at ``end`` is followed by 'itu' / 'tersebut' (a group named before)."""
    return role_cues().refers_back.search(sentence[end:]) is not None


def restated_next(sentence: str) -> bool:
    """True when ``sentence`` opens by giving the size of a group just named ('Jumlahnya ...')."""
    return role_cues().restated_next.search(sentence) is not None
