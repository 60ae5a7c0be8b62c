"""When a closure starts and ends: dates in closure sentences read by the words before them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from closure_extractor.extract.cues import cues, other_place_closes, table_pattern
from closure_extractor.extract.document import PreparedDocument
from closure_extractor.extract.durations import end_date_from, find_duration
from closure_extractor.extract.mentions import Mention
from closure_extractor.extract.normalize_date import normalize_date, normalize_date_range

LOOKBACK_SENTENCES = 3


@dataclass(frozen=True)
class EventDates:
    start: dt.date | None
    end: dt.date | None
    duration: int | None
    how: tuple[str, ...] = ()  # which rules read the dates, for the event's ``why``


@dataclass(frozen=True)
class _DateMention:
    # "start", "from" (explicit mulai/sejak), "until", "reopen", "cause" (the day of the positive
    # test), "deadline" (a date something else runs until, 'dispensasi hingga ...'), "original"
    # (the first planned end of an extended closure) or "document" (the date of a letter)
    role: str
    date: dt.date


def _read_dates(
    document: PreparedDocument, index: int, by_sentence, segment: tuple[int, int] | None = None
) -> list[_DateMention]:
    """Dates of one sentence (or of one segment of it) with the role the words before them give."""
    sentence = document.sentences[index]
    low, high = segment or (sentence.start, sentence.end)
    found = []
    for mention in by_sentence.get(index, []):
        if mention.label != "DATE" or not low <= mention.start < high:
            continue
        text = document.clean.text[mention.start : mention.end]
        role = mention_role(document, mention, high)
        span = normalize_date_range(text, document.published)
        if span is not None:  # '7-9 Desember 2020': the first day takes the role, the last day ends it
            found += [
                _DateMention(role, span.start),
                _DateMention("until" if role in ("start", "from") else role, span.end),
            ]
            continue
        date = normalize_date(text, document.published)
        if date is not None:
            found.append(_DateMention(role, date))
    return found


def mention_role(document: PreparedDocument, mention: Mention, high: int | None = None) -> str:
    """What the words around a DATE say it is ('mulai' a first day, 'hingga' a last day, a date
    followed by 'ujarnya' the day something was said); ``high`` ends the text read after it."""
    sentence = document.sentences[mention.sentence]
    role = _role(document.clean.text[sentence.start : mention.start])
    after = document.clean.text[mention.end : sentence.end if high is None else high]
    return "said" if role == "start" and table_pattern("statement_date_after").search(after) else role


def _role(before: str) -> str:
    table = cues()
    if table.until.search(before):
        if table.original_until.search(before):
            return "original"
        return "deadline" if _is_deadline(before) else "until"
    if table.document_date.search(before):
        return "document"
    if table.reopen_date.search(before):
        return "reopen"
    if table.cause.search(before):
        return "cause"
    if table_pattern("statement_date_cues", 0).search(before):
        return "said"
    return "from" if table.start.search(before) else "start"


def _is_deadline(before: str) -> bool:
    table = cues()
    if table.deadline.search(before):
        return True
    return bool(table.weak_deadline.search(before)) and not table.closure_before_deadline.search(before)


def _first(dates: list[_DateMention], *roles: str) -> dt.date | None:
    for role in roles:
        for item in dates:
            if item.role == role:
                return item.date
    return None


def event_dates(
    document: PreparedDocument,
    segments: list[tuple[int, tuple[int, int]]],
    topic: list[int],
    by_sentence: dict[int, list[Mention]],
) -> EventDates:
    """Start, inclusive end and stated duration of one closure.

    ``segments`` are ``(sentence index, (start, end))`` of the parts of sentences that report
    this closure; only dates and durations inside them count, except that a closure sentence
    without a start date borrows the date of the sentences just before it (the lead's 'Senin (16/11)').
    """
    in_triggers = [d for i, segment in segments for d in _read_dates(document, i, by_sentence, segment)]
    start, how = _first(in_triggers, "from", "start"), ["dates.start_in_closure_sentence"]
    if start is None:
        earlier = [i for i in topic if i < segments[0][0]][-LOOKBACK_SENTENCES:]
        for index in reversed(earlier):
            start = _first(_read_dates(document, index, by_sentence), "from", "start")
            if start:
                how = ["dates.start_just_before"]
                break
    texts = [document.clean.text[low:high] for _, (low, high) in segments]
    duration = next((d.days for text in texts if (d := find_duration(text)) and d.days), None)
    period_start, period_end = _topic_range(document, topic, by_sentence)
    if period_start and (start is None or (_first(in_triggers, "until") is None and duration is None)):
        # 'lockdown berlaku sejak Senin (21/9) sampai Kamis (1/10)': a stated period is the most specific
        start, how = period_start, ["dates.period_in_story"]
        in_triggers = [d for d in in_triggers if d.role != "until"] + [_DateMention("until", period_end)]
    until_first = _first(in_triggers, "until")
    if start is None and until_first and duration:  # 'selama 14 hari, atau sampai 18 Agustus'
        start, how = until_first - dt.timedelta(days=duration - 1), ["dates.start_from_end_and_length"]
    if start is None and duration and any(table_pattern("ahead_cues").search(t) for t in texts):
        # 'tutup tiga hari ke depan', said on Monday: from Monday
        start, how = _first(in_triggers, "said"), ["dates.start_said_ahead"]
    until = _first(in_triggers, "until")
    reopen = _first(in_triggers, "reopen") or _later_reopening(document, segments, topic, by_sentence)
    if start and duration:
        end, how = end_date_from(start, duration), [*how, "dates.end_from_duration"]
    elif until:
        end, how = until, [*how, "dates.end_until"]
    elif reopen:
        end, how = reopen - dt.timedelta(days=1), [*how, "dates.end_before_reopening"]
    else:
        end = None
    if start and end and end < start:
        end = None
    if start and end and duration is None:
        duration = _restated_duration(document, topic, (end - start).days + 1)
    how = [h for h in how if (start or not h.startswith("dates.start")) and (end or not h.startswith("dates.end"))]
    return EventDates(start, end, duration, tuple(how))


def _topic_range(document: PreparedDocument, topic: list[int], by_sentence) -> tuple[dt.date | None, dt.date | None]:
    """The first period stated in the event's story ('WFH berlaku 16 hingga 23 September 2020',
    'Penghentian itu berlaku dari Senin (8/2) sampai Rabu (10/2/2021)'), for a closure whose own
    sentences date nothing: a sentence that speaks of closing (``closure_words``) and gives both a
    first and a last day."""
    words = table_pattern("closure_words")
    for index in topic:
        text = document.sentences[index].text
        said = words.search(text)
        if not said or other_place_closes(text[: said.start()]):  # 'toko-toko tutup ...' dates no office
            continue
        dates = _read_dates(document, index, by_sentence)
        start, until = _first(dates, "from", "start"), _first(dates, "until")
        if start and until and start <= until:
            return start, until
    return None, None


def _restated_duration(document: PreparedDocument, topic: list[int], days: int) -> int | None:
    """A duration told outside the closure sentences ('Selama lima hari itu ...') that matches the
    closure's dates exactly; one that does not match may be about something else."""
    for index in topic:
        text = document.sentences[index].text
        opening = table_pattern("restated_duration").search(text)
        found = find_duration(text[opening.start() :]) if opening else None
        if found and found.days == days:
            return days
    return None


def _later_reopening(document, segments, topic: list[int], by_sentence) -> dt.date | None:
    """The day service reopens, told in a later sentence of the event ('kembali dibuka pada Kamis (24/6)')."""
    later = [i for i in topic if i > segments[0][0]]
    return next((d for i in later if (d := _first(_read_dates(document, i, by_sentence), "reopen"))), None)
