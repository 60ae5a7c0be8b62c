"""Each agency resolver alone, on one trigger of one marked sentence, and the order they run in."""

import datetime as dt

from closure_extractor.data.markup import parse_markup
from closure_extractor.extract import resolvers
from closure_extractor.extract.cues import find_triggers
from closure_extractor.extract.document import prepare
from closure_extractor.extract.events import assemble_events
from closure_extractor.extract.mentions import place_mentions
from closure_extractor.extract.types import EntitySpan


def site(marked: str, current: str | None = None, first: bool = True, recent: str | None = None):
    """The first trigger of the last sentence of ``marked``; ``current`` names the story's office."""
    text, spans = parse_markup(marked)
    document = prepare(text, dt.date(2020, 11, 16))
    mentions = place_mentions(document, [EntitySpan(s.label, s.start, s.end, text[s.start : s.end]) for s in spans])
    index = len(document.sentences) - 1
    sentence = document.sentences[index]
    here = [m for m in mentions if m.sentence == index]
    before = [[m for m in mentions if m.sentence == i] for i in reversed(range(index))]
    office = next((m for m in mentions if m.text == current), None)
    start, end = find_triggers(sentence.text)[0]
    closed = {office.text: office} if office else {}
    return resolvers.TriggerSite(document, sentence, start, end, here, office, closed, first, before if recent else [])


def names(found) -> list[str] | None:
    return None if found is None else [m.text for m, _ in found]


def test_in_clause_takes_the_nearest_office_before_the_trigger():
    found = resolvers.in_clause(site("[[AGENCY|Dinkes Lebak]] memeriksa [[AGENCY|Disdukcapil Lebak]] yang ditutup."))
    assert names(found) == ["Disdukcapil Lebak"]


def test_in_clause_takes_the_object_of_an_active_closing_verb():
    found = resolvers.in_clause(site("[[AGENCY|Pemerintah Kota Kupang]] menutup kantor [[AGENCY|BPBD]]."))
    assert names(found) == ["BPBD"]


def test_in_clause_passes_on_a_trigger_that_points_back():
    assert resolvers.in_clause(site("[[AGENCY|Dinsos]] tutup. Selama penutupan itu warga menunggu.", "Dinsos")) is None


def test_fronted_office_takes_the_office_the_sentence_opens_with():
    found = resolvers.fronted_office(site("Di [[AGENCY|Kejari Gowa]], pelayanan sudah ditutup sejak pagi."))
    assert names(found) == ["Kejari Gowa"]


def test_speaker_office_takes_the_office_in_the_speakers_title_for_the_first_trigger_only():
    marked = "Kepala [[AGENCY|Bapenda Lebak]], [[OFFICIAL|Budi]], mengatakan pelayanan ditutup."
    assert names(resolvers.speaker_office(site(marked))) == ["Bapenda Lebak"]
    assert resolvers.speaker_office(site(marked, first=False)) is None


def test_other_place_stops_the_search_with_nothing():
    assert resolvers.other_place(site("Menurut dia, toko-toko tutup sejak Kamis.")) == []
    assert resolvers.other_place(site("Kantor itu tutup sejak Kamis.")) is None


def test_current_topic_and_look_back():
    assert names(resolvers.current_topic(site("[[AGENCY|Dinsos]] positif. Kami tutup dulu.", "Dinsos"))) == ["Dinsos"]
    marked = "Pegawai [[AGENCY|Kecamatan Cakung]] positif. Sehingga, harus menutup layanan."
    assert names(resolvers.look_back(site(marked, recent="yes"))) == ["Kecamatan Cakung"]


def test_the_resolvers_run_in_their_documented_order():
    assert [name for name, _ in resolvers.RESOLVERS] == [
        "agency.in_clause",
        "agency.fronted_office",
        "agency.speaker_office",
        "agency.other_place",
        "agency.all_closed_so_far",
        "agency.current_topic",
        "agency.look_back",
    ]


def test_an_event_says_why_it_was_claimed():
    text, spans = parse_markup("[[AGENCY|Samsat Kota Cilegon]] ditutup selama tiga hari mulai [[DATE|Senin (16/11)]].")
    entity_spans = [EntitySpan(s.label, s.start, s.end, text[s.start : s.end]) for s in spans]
    [event] = assemble_events(prepare(text, dt.date(2020, 11, 16)), entity_spans)
    assert event.why == [
        "closure.trigger.ditutup",
        "agency.in_clause",
        "dates.start_in_closure_sentence",
        "dates.end_from_duration",
    ]
