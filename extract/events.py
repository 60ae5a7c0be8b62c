"""Event assembly: closure triggers tied to the office they close, then every slot filled in.

Works on any entity spans — the model's, or gold spans ("oracle entities") — so the
assembler can be scored on its own as well as end to end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from closure_extractor.extract.agency_names import (
    agency_completeness,
    names_place,
    offices_headed_in,
    same_agency,
)
from closure_extractor.extract.cues import (
    cancellation,
    clause_bounds,
    coordinated,
    find_reason,
    find_redirects,
    find_triggers,
    has_reopening,
    inline_list_start,
    is_private_name,
    lists_closed_offices,
    office_count,
    refers_to_all_closures,
    trigger_rule,
)
from closure_extractor.extract.date_roles import DateCandidate, date_candidates
from closure_extractor.extract.document import PreparedDocument
from closure_extractor.extract.event_dates import EventDates, event_dates
from closure_extractor.extract.event_officials import (
    OfficialCandidate,
    official_candidates,
    officials_in_order,
    rule_officials,
)
from closure_extractor.extract.headcounts import CountCandidate, count_candidates, event_headcounts
from closure_extractor.extract.mentions import Mention, place_mentions
from closure_extractor.extract.officials import canonical_names
from closure_extractor.extract.reasons import reason_category
from closure_extractor.extract.resolvers import TriggerSite, is_helper, resolve
from closure_extractor.extract.types import ClosureEvent, EntitySpan, Evidence, Headcount

LOOKBACK_SENTENCES = 3
COUNTED_LIST_AHEAD = 2  # sentences after a counted closure in which its list may come
RECALLED_AFTER_DAYS = 14  # a closure over for longer than this at publication is only recalled


@dataclass
class Closure:
    """One closure report: a trigger in a sentence, tied to an AGENCY mention."""

    sentence: int
    agency: Mention
    explicit: bool
    segment: tuple[int, int] = (0, 0)
    why: tuple[str, ...] = ()  # the trigger rule and the resolver that tied it to the office


@dataclass
class Cluster:
    """Every closure report about one office."""

    closures: list[Closure] = field(default_factory=list)
    topic: list[int] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def add(self, closure: Closure) -> None:
        """Keep the office's names; a bare type ('Puskesmas tutup ...') only until a named mention
        comes, or it would also match every other puskesmas of the story."""
        self.closures.append(closure)
        named = {n for n in self.names if names_place(n)}
        if names_place(closure.agency.text):
            self.names = named | {closure.agency.text}
        elif not named:
            self.names.add(closure.agency.text)

    def matches(self, text: str) -> bool:
        return text in self.names or any(_same_agency(name, text) for name in self.names)


@lru_cache(maxsize=4096)
def _same_agency(a: str, b: str) -> bool:
    return same_agency(a, b)


def may_report_closure(document: PreparedDocument) -> bool:
    """False when no body sentence holds closure wording, so no event can be assembled.

    Every event starts at a trigger of ``closure_cues.json`` in a body sentence, so such an
    article's events are known to be empty before any tagging: ``Extractor.extract_many``
    skips the model for it. Most news articles are like that.
    """
    return any(find_triggers(s.text) for s in document.sentences if not document.is_noise(s))


def assemble_events(
    document: PreparedDocument, spans: Sequence[EntitySpan], decisions: Decisions | None = None
) -> list[ClosureEvent]:
    """Closure events of one prepared document, in the order the article first reports them.

    ``decisions``, when given, takes three decisions after the rules have taken them, from every
    candidate the article offers: each event's dates, officials and counted groups (the learned
    decisions of ``extract/decisions.py``)."""
    mentions = place_mentions(document, spans)
    body = [i for i, s in enumerate(document.sentences) if not document.is_noise(s)]
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    closures, topics = _find_closures(document, body, by_sentence)
    if not closures or _reports_reopening(document, body, closures[0].sentence):
        return []
    clusters = _cluster(closures)
    _assign_topics(clusters, body, topics)
    names = canonical_names([m.text for m in mentions if m.label == "OFFICIAL"])
    speakers = _speakers(body, by_sentence, names)
    plural = {i for i in body if len(clusters) > 1 and refers_to_all_closures(document.sentences[i].text)}
    context = _Context(mentions, by_sentence, names, speakers, plural, decisions)
    events = [_build_event(document, c, context) for c in clusters]
    return [e for e in events if not _long_over(e, document.published)]


def _long_over(event: ClosureEvent, published) -> bool:
    """A closure that ended weeks before the article appeared is background the story recalls
    ('Komnas HAM menutup kantor ... 29 Juli-4 Agustus', in a September list), not a report."""
    if published is None or event.end_date is None:
        return False
    return (published - dt.date.fromisoformat(event.end_date)).days > RECALLED_AFTER_DAYS


def _find_closures(document: PreparedDocument, body: list[int], by_sentence: dict[int, list[Mention]]):
    """Closure reports in reading order, and the office each body sentence is about.

    A trigger whose own clause names a plausible office opens (or joins) that office's
    event. A trigger that only points back ('selama penutupan', 'kami tutup') joins the
    office the story is about at that point: the first office closed in the latest closure
    sentence, or a closed office named again since. With no closure yet, a verb trigger
    may take the office of the sentences just before it ('Sehingga, harus menutup layanan').
    """
    closures: list[Closure] = []
    closed: dict[str, Mention] = {}  # each distinct office text closed so far, its first mention
    topics: dict[int, Mention | None] = {}
    current: Mention | None = None
    for position, index in enumerate(body):
        sentence = document.sentences[index]
        current = _named_again(by_sentence.get(index, []), closed) or _headed(sentence.text, closed) or current
        found: list[tuple[int, Closure]] = []
        triggered = False
        for start, end in find_triggers(sentence.text):
            if cancellation(sentence.text, start, end):
                continue
            triggered = True
            window = body[max(0, position - LOOKBACK_SENTENCES) : position]
            site = TriggerSite(
                document, sentence, start, end, by_sentence.get(index, []), current, closed,
                first=not closures and not found, recent=[by_sentence.get(i, []) for i in reversed(window)],
            )  # fmt: skip
            resolver, offices = resolve(site)
            why = (trigger_rule(sentence.text, start, end), resolver)
            found += [(start, Closure(index, office, explicit, why=why)) for office, explicit in offices]
        previous = document.sentences[body[position - 1]].text if position else ""
        listed = _listed_offices(document, sentence, by_sentence.get(index, []), previous, bool(found), triggered)
        if listed:
            found = [(m.start - sentence.start, Closure(index, m, True, why=("agency.listed_next",))) for m in listed]
        following = [by_sentence.get(i, []) for i in body[position + 1 : position + 1 + COUNTED_LIST_AHEAD]]
        counted = _counted_offices(document, sentence, by_sentence.get(index, []), following) if triggered else []
        if counted:
            found = [(0, Closure(index, m, True, why=("agency.counted_list",))) for m in counted]
        else:
            found = _with_lists(document, found, by_sentence.get(index, []))
        closures += _with_segments(sentence, found)
        for _, closure in found:
            closed.setdefault(closure.agency.text, closure.agency)
        if found:
            current = next((c.agency for _, c in found if c.explicit), found[0][1].agency)
        topics[index] = current
    return closures, topics


def _listed_offices(
    document, sentence, mentions: list[Mention], previous: str, found: bool, triggered: bool
) -> list[Mention]:
    """Offices a plural closure names one by one: in its own sentence ('Dua kantor menghentikan
    pelayanan, yakni A dan B') or, when the closure sentence named none, in the next one ('Keduanya
    adalah A dan B')."""
    offices = [m for m in mentions if m.label == "AGENCY" and not is_private_name(m.text)]
    inline = inline_list_start(sentence.text) if triggered else None  # a recalled or denied list closes nothing
    if inline is not None:
        after = [m for m in offices if m.start - sentence.start >= inline and not is_helper(document, m, mentions)]
        return after if len(after) > 1 else []
    return offices if not found and lists_closed_offices(sentence.text, previous) else []


def _list_around(document, mention: Mention, mentions: list[Mention]) -> list[Mention]:
    """The offices written in one list with ``mention`` ('A, B dan C'), itself included, in order."""
    offices = [m for m in mentions if m.label == "AGENCY" and not is_private_name(m.text)]
    if mention not in offices:
        return [mention]
    at = offices.index(mention)
    text = document.clean.text
    first = at
    while first > 0 and coordinated(text[offices[first - 1].end : offices[first].start]):
        first -= 1
    last = at
    while last + 1 < len(offices) and coordinated(text[offices[last].end : offices[last + 1].start]):
        last += 1
    members = offices[first : last + 1]
    return [m for m in members if m is mention or not is_helper(document, m, mentions)]


def _with_lists(document, found: list[tuple[int, Closure]], mentions: list[Mention]) -> list[tuple[int, Closure]]:
    """Each office a trigger closes, with the others written in one list with it
    ('menutup kantor BPBD serta BKPPD'): they close together."""
    out: list[tuple[int, Closure]] = []
    for start, closure in found:
        members = _list_around(document, closure.agency, mentions) if closure.explicit else [closure.agency]
        for member in members:
            why = closure.why if member is closure.agency else (*closure.why, "agency.same_list")
            out.append((start, Closure(closure.sentence, member, closure.explicit, why=why)))
    return out


def _counted_offices(document, sentence, mentions: list[Mention], following: list[list[Mention]]) -> list[Mention]:
    """The offices a counting closure sentence announces ('meliburkan tiga kantor'), when this sentence
    or one of the next ``COUNTED_LIST_AHEAD`` lists exactly that many ('... ketiga layanan itu adalah
    A, B dan C', after a sentence on the cause): then they are what closed, not the government
    named as actor."""
    count = office_count(sentence.text)
    if count is None or count < 2:
        return []
    for candidates in (mentions, *following):
        seen: set[int] = set()
        for mention in candidates:
            if mention.label != "AGENCY" or id(mention) in seen:
                continue
            members = _list_around(document, mention, candidates)
            seen |= {id(m) for m in members}
            if len(members) == count:
                return members
    return []


def _named_again(mentions: list[Mention], closed: dict[str, Mention]) -> Mention | None:
    """The closed office a sentence names again, when it names exactly one of them."""
    named = {}
    for mention in mentions:
        if mention.label != "AGENCY":
            continue
        for text, first in closed.items():
            if text == mention.text or _same_agency(text, mention.text):
                named.setdefault(text, first)
                break
    return next(iter(named.values())) if len(named) == 1 else None


def _headed(text: str, closed: dict[str, Mention]) -> Mention | None:
    """The closed office whose head a sentence names by title ('Panewu Mlati' for 'Kapanewon Mlati')."""
    named = {t: m for office in offices_headed_in(text) for t, m in closed.items() if _same_agency(t, office)}
    return next(iter(named.values())) if len(named) == 1 else None


def _with_segments(sentence, found: list[tuple[int, Closure]]) -> list[Closure]:
    """Give each closure the part of its sentence it owns: all of it, unless the sentence reports
    closures of different offices, which then split at the clause where the next one begins."""
    offices = {id(c.agency) for _, c in found}
    cuts = [sentence.start]
    for position, (start, closure) in enumerate(found[1:], start=1):
        previous_start, previous = found[position - 1]
        split = (
            len(offices) > 1 and start != previous_start and not same_agency(previous.agency.text, closure.agency.text)
        )
        cuts.append(sentence.start + clause_bounds(sentence.text, start, start + 1)[0] if split else cuts[-1])
    closures = []
    for position, (_, closure) in enumerate(found):
        later = [c for c in cuts[position + 1 :] if c > cuts[position]]
        closure.segment = (cuts[position], later[0] if later else sentence.end)
        closures.append(closure)
    return closures


def _reports_reopening(document: PreparedDocument, body: list[int], first_closure: int) -> bool:
    """A story that opens with a reopening tells of a closure that is over: not a closure event.

    Only the lead of the closure story counts: its first closure sentence and the two body
    sentences before it, so unrelated text earlier on a long page cannot veto it.
    """
    position = body.index(first_closure)
    return any(has_reopening(document.sentences[i].text) for i in body[max(0, position - 2) : position + 1])


def _cluster(closures: list[Closure]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for closure in closures:
        home = next((c for c in clusters if c.matches(closure.agency.text)), None)
        if home is None:
            home = Cluster()
            clusters.append(home)
        home.add(closure)
    return clusters


def _assign_topics(clusters: list[Cluster], body: list[int], topics: dict[int, Mention | None]) -> None:
    """Give every body sentence to the event of the office it is about (the first event before any)."""
    first = min(clusters, key=lambda c: c.closures[0].sentence)
    for index in body:
        agency = topics.get(index)
        home = next((c for c in clusters if c.matches(agency.text)), first) if agency is not None else first
        home.topic.append(index)


def _speakers(body: list[int], by_sentence: dict[int, list[Mention]], names: dict[str, str]) -> dict[int, str]:
    """Who is speaking in each sentence: the last official named outside quotes so far."""
    speaker, speakers = None, {}
    for index in body:
        speakers[index] = speaker
        outside = [m for m in by_sentence.get(index, []) if m.label == "OFFICIAL" and not m.quoted]
        if outside:
            speaker = names[outside[-1].text]
            speakers[index] = speaker
    return speakers


class Decisions(Protocol):
    """Decisions taken after the rules, from all the candidates, with the rules' answer in hand."""

    def revise_dates(self, candidates: list[DateCandidate], rules: EventDates) -> EventDates: ...

    def choose_officials(self, candidates: list[OfficialCandidate], rules: list[str]) -> list[str]: ...

    def choose_counts(self, candidates: list[CountCandidate], rules: list[Headcount]) -> list[Headcount]: ...


@dataclass(frozen=True)
class _Context:
    """What every event of one document is built from."""

    mentions: list[Mention]
    by_sentence: dict[int, list[Mention]]
    names: dict[str, str]
    speakers: dict[int, str]
    plural: set[int]
    decisions: Decisions | None


def _build_event(document, cluster: Cluster, context: _Context) -> ClosureEvent:
    mentions, by_sentence, names, speakers, plural = (
        context.mentions,
        context.by_sentence,
        context.names,
        context.speakers,
        context.plural,
    )
    trigger_sentences = sorted({c.sentence for c in cluster.closures})
    topic_agencies = [c.agency for c in cluster.closures[:1]] + [
        m for m in mentions if m.label == "AGENCY" and cluster.matches(m.text)
    ]
    agency = max(topic_agencies, key=lambda m: (agency_completeness(m.text), -m.start))
    segments = sorted({(c.sentence, c.segment) for c in cluster.closures})
    dates = event_dates(document, segments, cluster.topic, by_sentence)
    counted = [_counts_in(document, i, by_sentence) for i in cluster.topic]
    headcounts = event_headcounts(counted)
    officials = rule_officials(document, cluster, trigger_sentences, by_sentence, names, speakers, mentions, plural)
    if context.decisions is not None:
        dates = context.decisions.revise_dates(date_candidates(document, segments, cluster.topic, by_sentence), dates)
        candidates = official_candidates(document, cluster, trigger_sentences, by_sentence, names, speakers, mentions)
        chosen = context.decisions.choose_officials(candidates, [o.name for o in officials])
        officials = officials_in_order(document, chosen, names, mentions)
        headcounts = context.decisions.choose_counts(count_candidates(counted), headcounts)
    reason = _reason(document, cluster.topic, by_sentence)
    story = sorted(set(cluster.topic) | set(trigger_sentences))
    body = [s.text for s in document.sentences if not document.is_noise(s)]
    category = reason_category([document.sentences[i].text for i in story], fallback=body)
    topic_texts = (document.sentences[i].text for i in cluster.topic)
    redirects = list(dict.fromkeys(r for text in topic_texts for r in find_redirects(text)))
    explicit = any(c.explicit for c in cluster.closures)
    confidence = agency.score * (1.0 if explicit else 0.75) * (1.0 if dates.start else 0.85)
    return ClosureEvent(
        agency=agency.text,
        start_date=dates.start.isoformat() if dates.start else None,
        end_date=dates.end.isoformat() if dates.end else None,
        duration_days=dates.duration,
        officials=officials,
        headcounts=headcounts,
        redirected_to=redirects,
        reason=reason,
        reason_category=category,
        evidence=[_evidence(document, i) for i in trigger_sentences],
        confidence=confidence,
        why=list(dict.fromkeys([*(rule for c in cluster.closures for rule in c.why if rule), *dates.how])),
    )


def _counts_in(document: PreparedDocument, index: int, by_sentence) -> tuple[str, list[tuple[int, int]]]:
    """A sentence's text and its HEADCOUNT spans as offsets into that text."""
    sentence = document.sentences[index]
    counts = sorted((m.start, m.end) for m in by_sentence.get(index, []) if m.label == "HEADCOUNT")
    return sentence.text, [(start - sentence.start, end - sentence.start) for start, end in counts]


def _reason(document: PreparedDocument, topic: list[int], by_sentence: dict[int, list[Mention]]) -> str | None:
    """The first positive-test phrase of the event, with the head noun of who tested positive."""
    for index in topic:
        counts = [m.text for m in by_sentence.get(index, []) if m.label == "HEADCOUNT"]
        who = counts[0].split()[-1] if counts else None
        reason = find_reason(document.sentences[index].text, who)
        if reason:
            return reason
    return None


def _evidence(document: PreparedDocument, index: int) -> Evidence:
    sentence = document.sentences[index]
    start, end = document.clean.to_original(sentence.start, sentence.end)
    return Evidence(start, end, document.original[start:end])
