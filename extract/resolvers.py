"""Which office a closure trigger closes: an ordered list of small, named resolvers.

Each resolver looks at one trigger in its sentence and either names the offices it closes
(with whether the sentence itself names them), stops the search with nothing ('toko-toko tutup'),
or passes. The first that answers wins, and its name goes into the event's ``why``:

1. ``agency.in_clause``: the nearest plausible office in the trigger's own clause;
2. ``agency.fronted_office``: the office the sentence opens with ('Di Kejari Gowa, ...');
3. ``agency.speaker_office``: the office in the speaker's title, for the story's first trigger;
4. ``agency.other_place``: a shop or market closing, which closes no office;
5. ``agency.all_closed_so_far``: a plural sentence about every office closed so far;
6. ``agency.current_topic``: the office the story is about at that point;
7. ``agency.look_back``: the latest office of the few sentences before a verb trigger.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from closure_extractor.data.sentences import Sentence
from closure_extractor.extract.agency_names import agency_type
from closure_extractor.extract.cues import (
    clause_around,
    clause_bounds,
    closes_own_service,
    closing_verb_end,
    extends_closure,
    is_actor_type,
    is_anaphoric,
    is_fronted_office,
    is_passive_actor,
    is_plural_closure,
    is_private_location,
    is_private_name,
    is_verb_trigger,
    mentions_private_place,
    other_place_closes,
    separated_by_verb,
    table_pattern,
)
from closure_extractor.extract.document import PreparedDocument
from closure_extractor.extract.mentions import Mention
from closure_extractor.extract.tables_io import load_table

Resolved = list[tuple[Mention, bool]]  # offices closed, and whether the sentence names them itself
AFTER_TRIGGER_COST = 15  # characters: 'Kantor X ditutup' reads more often than 'menutup X'


@dataclass(frozen=True)
class TriggerSite:
    """One trigger and what the story knows when it reaches it."""

    document: PreparedDocument
    sentence: Sentence
    start: int  # trigger bounds, in sentence offsets
    end: int
    mentions: list[Mention]  # of this sentence
    current: Mention | None  # the office the story is about
    closed: dict[str, Mention]  # every office closed so far, by text
    first: bool  # no closure reported yet
    recent: Sequence[list[Mention]]  # mentions of the sentences just before, nearest first


def is_helper(document: PreparedDocument, mention: Mention, sentence_mentions: list[Mention]) -> bool:
    """Offices that are not what closed: a task force, an office introduced by 'oleh'/'milik'
    (``helper_before``), a government named after a passive trigger, or an office that is only
    part of an official's title ('Kepala Dinkes Lebak, Budi')."""
    kind = (agency_type(mention.text) or mention.text).lower()
    before = document.clean.text[max(0, mention.start - 40) : mention.start]
    return (
        any(t in kind for t in load_table("closure_cues")["task_force_types"])
        or bool(table_pattern("helper_before").search(before))
        or is_passive_actor(kind, before)
        or is_title_agency(document.clean.text, mention, sentence_mentions)
    )


def is_title_agency(text: str, mention: Mention, sentence_mentions: list[Mention]) -> bool:
    """True when a title word (``title_before``) stands before the office and a name follows it."""
    following = [m for m in sentence_mentions if m.start >= mention.end]
    if not following or following[0].label != "OFFICIAL":
        return False
    between = text[mention.end : following[0].start]
    return len(between) <= 25 and bool(
        table_pattern("title_before").search(text[max(0, mention.start - 40) : mention.start])
    )


def _names_its_office(site: TriggerSite) -> bool:
    """A trigger that points back ('selama penutupan') names no office of its own, unless it opens
    an extension of a closure not told yet."""
    text = site.sentence.text
    opens = site.current is None and extends_closure(text, site.start)
    return opens or not is_anaphoric(text, site.start, site.end)


def in_clause(site: TriggerSite) -> Resolved | None:
    """The office in the trigger's clause it most plausibly closes: the nearest, one before preferred;
    after an active verb ('Pemkot menutup kantor BPBD') the object."""
    if not _names_its_office(site):
        return None
    document, sentence, text = site.document, site.sentence, site.sentence.text
    clause_start, clause_end = clause_bounds(text, site.start, site.end)
    trigger_start, trigger_end = sentence.start + site.start, sentence.start + site.end
    verb = closing_verb_end(text[site.start : site.end])
    object_first, verb_end = verb is not None, site.start + (verb or 0)
    best, best_cost = None, None
    for mention in site.mentions:
        inside = sentence.start + clause_start <= mention.start and mention.end <= sentence.start + clause_end
        if mention.label != "AGENCY" or not inside or is_helper(document, mention, site.mentions):
            continue
        if is_private_name(mention.text) or is_private_location(document.clean.text[sentence.start : mention.start]):
            continue
        before = mention.end <= trigger_start
        if object_first and before and _closes_something_else(mention, text[verb_end:]):
            continue
        if before and separated_by_verb(document.clean.text[mention.end : trigger_start]):
            continue
        cost = trigger_start - mention.end if before else max(0, mention.start - trigger_end) + AFTER_TRIGGER_COST
        if object_first:  # 'X menutup kantor Y': Y closed, whoever X is
            cost += 1000 if before else -AFTER_TRIGGER_COST
        if best_cost is None or cost < best_cost:
            best, best_cost = mention, cost
    return [(best, True)] if best is not None else None


def _closes_something_else(mention: Mention, after_verb: str) -> bool:
    """'Pemkot Solo menutup Pasar Harjodaksino': a government subject of an active closing verb whose
    object is not its own service closed something else."""
    return is_actor_type(agency_type(mention.text) or "") and not closes_own_service(after_verb)


def fronted_office(site: TriggerSite) -> Resolved | None:
    """'Di Kejari Gowa, pelayanan sudah ditutup': the office the sentence opens with, before a comma."""
    if not _names_its_office(site):
        return None
    text, sentence = site.document.clean.text, site.sentence
    trigger_start = sentence.start + site.start
    for mention in site.mentions:
        if mention.label != "AGENCY" or mention.end > trigger_start:
            continue
        if is_fronted_office(text[sentence.start : mention.start], text[mention.end : trigger_start]):
            return [(mention, True)]
    return None


def speaker_office(site: TriggerSite) -> Resolved | None:
    """'Kepala Bapenda X, Budi, mengatakan pelayanan ditutup': the speaker's own office, for the
    story's first trigger only."""
    if not site.first:
        return None
    trigger_start = site.sentence.start + site.start
    titled = [
        m
        for m in site.mentions
        if m.label == "AGENCY"
        and m.end <= trigger_start
        and is_title_agency(site.document.clean.text, m, site.mentions)
    ]
    return [(titled[-1], True)] if titled else None


def other_place(site: TriggerSite) -> Resolved | None:
    """'toko-toko tutup sejak Kamis': a place that is no office closes; the trigger closes nothing."""
    before, _ = clause_around(site.sentence.text, site.start, site.end)
    return [] if other_place_closes(before) else None


def all_closed_so_far(site: TriggerSite) -> Resolved | None:
    """'aktivitas di dua instansi itu dihentikan': a plural sentence about every office closed so far."""
    if site.current is None or len(site.closed) < 2 or not is_plural_closure(site.sentence.text):
        return None
    return [(office, False) for office in site.closed.values()]


def current_topic(site: TriggerSite) -> Resolved | None:
    """'Selama penutupan, ...': the office the story is about."""
    return [(site.current, False)] if site.current is not None else None


def look_back(site: TriggerSite) -> Resolved | None:
    """'Sehingga, harus menutup layanan': with no office yet, a verb trigger takes the latest
    plausible office of the sentences just before it."""
    text = site.sentence.text
    if not is_verb_trigger(text, site.start, site.end) or mentions_private_place(text):
        return None
    for mentions in site.recent:
        for mention in reversed(mentions):
            plausible = not is_helper(site.document, mention, mentions) and not is_private_name(mention.text)
            if mention.label == "AGENCY" and plausible:
                return [(mention, False)]
    return None


RESOLVERS: tuple[tuple[str, Callable[[TriggerSite], Resolved | None]], ...] = (
    ("agency.in_clause", in_clause),
    ("agency.fronted_office", fronted_office),
    ("agency.speaker_office", speaker_office),
    ("agency.other_place", other_place),
    ("agency.all_closed_so_far", all_closed_so_far),
    ("agency.current_topic", current_topic),
    ("agency.look_back", look_back),
)


def resolve(site: TriggerSite) -> tuple[str, Resolved]:
    """The first resolver's answer, with its name; ``("", [])`` when none answers."""
    for name, resolver in RESOLVERS:
        found = resolver(site)
        if found is not None:
            return name, found
    return "", []
