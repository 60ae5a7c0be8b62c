"""Closure trigger phrases and the cues that cancel them, read from ``tables/closure_cues.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from closure_extractor.extract.numbers import number_value
from closure_extractor.extract.tables_io import load_table

CLAUSE_BREAK = re.compile(
    r"[,;:]\s|\s-\s|\bnamun\b|\btetapi\b|\bsedangkan\b|\bsementara\s+itu\b|\bkarena\b|\bsehingga\b|\bsebab\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cues:
    triggers: tuple[re.Pattern, ...]
    negations: tuple[re.Pattern, ...]
    plans: tuple[re.Pattern, ...]
    reopenings: tuple[re.Pattern, ...]
    private_places: tuple[re.Pattern, ...]
    speakers: tuple[re.Pattern, ...]
    reasons: tuple[re.Pattern, ...]
    redirects: tuple[tuple[str, re.Pattern], ...]
    until: re.Pattern
    deadline: re.Pattern
    weak_deadline: re.Pattern
    closure_before_deadline: re.Pattern
    original_until: re.Pattern
    original_plan: re.Pattern
    document_date: re.Pattern
    cause: re.Pattern
    start: re.Pattern
    reopen_date: re.Pattern
    retrospective: re.Pattern
    anaphoric_before: re.Pattern
    anaphoric_after: re.Pattern
    reopen_before_trigger: re.Pattern


def _compile(patterns: list[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, flags) for p in patterns)


@cache
def cues() -> Cues:
    table = load_table("closure_cues")
    return Cues(
        triggers=_compile(table["triggers"]),
        negations=_compile(table["negations"]),
        plans=_compile(table["plans"]),
        reopenings=_compile(table["reopenings"]),
        private_places=_compile(table["private_places"], 0),
        speakers=_compile(table["speaker_cues"]),
        reasons=_compile(table["reasons"]),
        redirects=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in table["redirects"].items()),
        until=re.compile(table["until_cues"], re.IGNORECASE),
        cause=re.compile(table["cause_cues"], re.IGNORECASE),
        deadline=re.compile(table["deadline_before_until"], re.IGNORECASE),
        weak_deadline=re.compile(table["weak_deadline_before_until"], re.IGNORECASE),
        closure_before_deadline=re.compile(table["closure_before_deadline"], re.IGNORECASE),
        original_until=re.compile(table["original_until_cues"], re.IGNORECASE),
        original_plan=re.compile(table["original_plan"], re.IGNORECASE),
        document_date=re.compile(table["document_date_cues"], re.IGNORECASE),
        start=re.compile(table["start_cues"], re.IGNORECASE),
        reopen_date=re.compile(table["reopen_date_cues"], re.IGNORECASE),
        retrospective=re.compile(table["retrospective"], re.IGNORECASE),
        anaphoric_before=re.compile(table["anaphoric_before"], re.IGNORECASE),
        anaphoric_after=re.compile(table["anaphoric_after"], re.IGNORECASE),
        reopen_before_trigger=re.compile(table["reopen_before_trigger"], re.IGNORECASE),
    )


def find_triggers(sentence: str) -> list[tuple[int, int]]:
    """Character ranges of closure phrases in one sentence, merged where they overlap."""
    ranges = sorted({m.span() for p in cues().triggers for m in p.finditer(sentence)})
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def trigger_rule(sentence: str, start: int, end: int) -> str:
    """The id (``rule_examples.json``) of the first trigger pattern that matches inside
    ``sentence[start:end]``, so an event can say which wording claimed it.

    >>> trigger_rule("Kantor Dinsos ditutup sementara.", 14, 31)
    'closure.trigger.ditutup'
    """
    ids = _rule_ids()
    for pattern in cues().triggers:
        match = pattern.search(sentence, start)
        if match and match.start() < end:
            return ids.get(pattern.pattern, "closure_cues.triggers")
    return "closure_cues.triggers"


@cache
def _rule_ids() -> dict[str, str]:
    return {r["pattern"]: r["id"] for r in load_table("rule_examples")["rules"] if r["key"] == "triggers"}


CLAUSE_REACH = 300  # characters; a clause is never longer, and this keeps run-on 'sentences' linear


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the clause holding ``sentence[start:end]`` (commas, 'namun', 'karena' end one)."""
    low = max(0, start - CLAUSE_REACH)
    high = min(len(sentence), end + CLAUSE_REACH)
    breaks_before = [m.end() for m in CLAUSE_BREAK.finditer(sentence, low, start)]
    after = CLAUSE_BREAK.search(sentence, end, high)
    return (breaks_before[-1] if breaks_before else low), (after.start() if after else high)


def clause_around(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The text of the trigger's clause before and after it."""
    clause_start, clause_end = clause_bounds(sentence, start, end)
    return sentence[clause_start:start], sentence[end:clause_end]


def cancellation(sentence: str, start: int, end: int) -> str | None:
    """Why a trigger does not report a closure (negated, planned, reopening), or None."""
    before, after = (cues().original_plan.sub(" ", part) for part in clause_around(sentence, start, end))
    trigger = sentence[start:end].lower()
    if not trigger.startswith("tidak") and any(p.search(before) for p in cues().negations[:1]):
        return "negated"
    nearby = sentence[max(0, start - CLAUSE_REACH) : end + CLAUSE_REACH]
    if any(p.search(nearby) for p in cues().negations[1:]):
        return "denied"
    if any(p.search(before + sentence[start:end] + after) for p in cues().plans):
        return "planned"
    if any(p.search(before) for p in cues().reopenings) or cues().reopen_before_trigger.search(before):
        return "reopening"
    if (
        cues().retrospective.search(before)
        or table_pattern("retrospective_opening").search(sentence)
        or table_pattern("retrospective_after").search(sentence[end : end + 40])
    ):
        return "retrospective"
    if table_pattern("partial").search(before + sentence[start:end] + after):
        return "partial"
    if table_pattern("market_after").search(sentence[end : end + 40]):
        return "market report"
    return None


@cache
def table_pattern(name: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """A regular expression of ``tables/closure_cues.json``, compiled once."""
    return re.compile(load_table("closure_cues")[name], flags)


def is_private_name(agency: str) -> bool:
    """'PT Bibit Tumbuh', 'Bank Mandiri': a company the model took for an office."""
    return bool(table_pattern("private_agency", 0).search(agency))


def is_anaphoric(sentence: str, start: int, end: int) -> bool:
    """True for a noun use that points back at a closure already told ('selama penutupan', 'penutupan itu')."""
    if not sentence[start:end].lower().startswith("penutupan"):
        return False
    return bool(
        cues().anaphoric_before.search(sentence[max(0, start - 60) : start])
        or cues().anaphoric_after.search(sentence[end : end + 60])
    )


def is_verb_trigger(sentence: str, start: int, end: int) -> bool:
    return not sentence[start:end].lower().startswith("penutupan")


def has_reopening(sentence: str) -> bool:
    """True when a sentence reports a reopening that has happened; one still to come
    ('dijadwalkan kembali melayani', ``future_before_reopening``) does not count."""
    future = table_pattern("future_before_reopening")
    return any(
        not future.search(sentence[: match.start()])
        for pattern in cues().reopenings
        for match in pattern.finditer(sentence)
    )


def mentions_private_place(text: str) -> bool:
    return any(p.search(text) for p in cues().private_places)


def is_private_location(before: str) -> bool:
    """'sebuah pusat perbelanjaan di Pondok Aren': ``before`` (the text up to an office-like name)
    makes that name only where a private place is (``location_before``)."""
    tail = before[-60:]
    return bool(table_pattern("location_before").search(tail)) and mentions_private_place(tail)


def has_speaker_cue(sentence: str) -> bool:
    return any(p.search(sentence) for p in cues().speakers)


def find_reason(sentence: str, who: str | None) -> str | None:
    """'ASN terkonfirmasi positif Covid-19': who (a head noun) and the positive-test phrase."""
    for pattern in cues().reasons:
        match = pattern.search(sentence)
        if match:
            verb = match.group("verb").lower()
            phrase = f"{verb} positif {match.group('disease')}" if verb != "positif" else match.group(0)
            return f"{who or 'pegawai'} {phrase}"
    return None


def find_redirects(sentence: str) -> list[str]:
    """Canonical names of the places service moved to, in the order the sentence names them."""
    found = [(m.start(), name) for name, p in cues().redirects for m in [p.search(sentence)] if m]
    return [name for _, name in sorted(found)]


def is_related(sentence: str) -> bool:
    """True when a sentence talks about the office, its service or its staff (see ``related_cues``)."""
    return bool(table_pattern("related_cues").search(sentence))


def separated_by_verb(between: str) -> bool:
    """'... di Kejati Sulteng dan diputuskan kantor ditutup': another verb phrase stands between an
    office and the trigger, so the office is not what the trigger closes."""
    return bool(table_pattern("clause_verb_between").search(between))


def is_plural_closure(sentence: str) -> bool:
    """'membenarkan penutupan kedua kantor tersebut': one sentence about every closure of the story."""
    return bool(table_pattern("plural_closure").search(sentence))


def refers_to_all_closures(sentence: str) -> bool:
    """'meminta kedua kantor itu ditutup': a sentence about every closure of the story, whether or not
    its own trigger counts (``plural_closure`` with a trigger, else ``plural_reference``)."""
    if is_plural_closure(sentence) and find_triggers(sentence):
        return True
    return bool(table_pattern("plural_reference").search(sentence)) and is_related(sentence)


def lists_closed_offices(sentence: str, previous: str) -> bool:
    """'Dua kantor ... ditutup sementara. Keduanya adalah A dan B.': the offices a plural closure
    sentence announced are named in the next sentence (``closed_list``)."""
    if not table_pattern("closed_list").search(sentence):
        return False
    return is_plural_closure(previous) and bool(find_triggers(previous))


def is_passive_actor(office_type: str, before: str) -> bool:
    """'ditutup Pemkot Kupang': a government named right after a passive trigger closed something
    else (``passive_actor_before``, ``actor_types``)."""
    return is_actor_type(office_type) and bool(table_pattern("passive_actor_before").search(before))


def is_actor_type(office_type: str) -> bool:
    """Governments ('pemerintah kota') that close their offices and services (``actor_types``)."""
    return office_type in load_table("closure_cues")["actor_types"]


def closing_verb_end(trigger: str) -> int | None:
    """Where the verb ends in a trigger whose object, not its subject, is what closed ('menutup',
    'memutuskan menutup'; ``active_closing_verb``); None for other triggers.

    >>> closing_verb_end("memutuskan menutup"), closing_verb_end("ditutup")
    (18, None)
    """
    match = table_pattern("active_closing_verb").search(trigger)
    return match.end() if match else None


def closes_own_service(after_trigger: str) -> bool:
    """'menutup layanan ...' closes the subject's own service; 'menutup Pasar X' closes something else
    (``own_object_after``)."""
    return bool(table_pattern("own_object_after").search(after_trigger))


def other_place_closes(before_trigger: str) -> bool:
    """'toko-toko tutup sejak Kamis': the trigger's clause, up to it, makes a place that is no office
    its subject (``other_subject_before``; case-sensitive, so that 'Kecamatan Pasar Minggu' is a name)."""
    return bool(table_pattern("other_subject_before", 0).search(before_trigger))


def office_count(sentence: str) -> int | None:
    """How many offices a sentence counts ('meliburkan tiga kantor' → 3), from ``office_count``.

    >>> office_count("Pemkot meliburkan tiga kantor pelayanan publik"), office_count("Keenam puskesmas itu")
    (3, 6)
    >>> office_count("Kantor itu ditutup") is None
    True
    """
    match = table_pattern("office_count").search(sentence)
    return number_value(match.group("count")) if match else None


def coordinated(between: str) -> bool:
    """True when the text between two office names only joins them into one list (``coordinator``).

    >>> coordinated(", serta "), coordinated(" dan kantor "), coordinated(" ditutup, sedangkan ")
    (True, True, False)
    """
    return bool(table_pattern("coordinator").search(between))


def inline_list_start(sentence: str) -> int | None:
    """Where the names begin in 'Dua kantor ... menghentikan pelayanan, yakni A dan B': a plural
    closure sentence that lists its offices itself (``closed_list_inline``); None otherwise."""
    triggers = find_triggers(sentence)
    match = table_pattern("closed_list_inline").search(sentence)
    if not (triggers and match):
        return None
    # 'kantor yang disegel adalah A, B dan C': a list that follows the trigger is plural by itself
    return match.end() if is_plural_closure(sentence) or match.start() > triggers[0][0] else None


def is_fronted_office(before: str, between: str) -> bool:
    """'Di Kejari Gowa, pelayanan ditutup': ``before`` is the sentence up to the office, ``between``
    runs from the office to the trigger (``fronted_office``)."""
    return bool(table_pattern("fronted_office").search(before)) and between.lstrip().startswith(",")


def extends_closure(sentence: str, start: int) -> bool:
    """'memperpanjang penutupan': the trigger at ``start`` extends a closure (``extension_before``)."""
    return bool(table_pattern("extension_before").search(sentence[:start]))


def of_own_office(after_name: str) -> bool:
    """'memastikan kantornya tetap buka': the official speaks of an office of their own (``own_office_cues``)."""
    return bool(table_pattern("own_office_cues").search(after_name))


def speaks_aside(after_name: str) -> bool:
    """True when what follows an official's name asks others to act or says another office keeps running
    (see ``aside_cues``): that official speaks beside the closure, not about it. Asking for the closure
    itself is an order (``order_cues``), not an aside."""
    if table_pattern("order_cues").search(after_name):
        return False
    return bool(table_pattern("aside_cues").search(after_name))
