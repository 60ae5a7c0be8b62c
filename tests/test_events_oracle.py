"""The event assembler on gold entity spans ("oracle entities"), independent of any model."""

import datetime as dt

import pytest

from closure_extractor.data.markup import parse_markup
from closure_extractor.data.schema import EVENT_FIELDS
from closure_extractor.extract.document import prepare
from closure_extractor.extract.evaluate import oracle_events
from closure_extractor.extract.events import assemble_events
from closure_extractor.extract.types import EntitySpan

SCORED = EVENT_FIELDS  # every gold field of an event


def events_of(marked: str, published: str = "2020-11-16") -> list[dict]:
    text, spans = parse_markup(marked)
    entity_spans = [EntitySpan(s.label, s.start, s.end, text[s.start : s.end]) for s in spans]
    return [e.to_dict() for e in assemble_events(prepare(text, dt.date.fromisoformat(published)), entity_spans)]


@pytest.mark.parametrize("seed", ["seed-000", "seed-001"])
def test_seed_articles_give_exactly_their_gold_events(corpus, seed):
    document = next(d for d in corpus if d.id == seed)
    predicted = [{k: e[k] for k in SCORED} for e in oracle_events(document)]
    assert predicted == document.events


def test_a_closure_with_duration_gets_an_inclusive_end_date():
    [event] = events_of("[[AGENCY|Samsat Kota Cilegon]] ditutup selama tiga hari mulai [[DATE|Senin (16/11)]].")
    assert (event["start_date"], event["end_date"], event["duration_days"]) == ("2020-11-16", "2020-11-18", 3)


def test_an_open_ended_closure_has_no_end_date():
    [event] = events_of("[[AGENCY|Kantor Pos Medan]] tutup sementara sejak [[DATE|hari ini]] sampai hasil swab keluar.")
    assert event["start_date"] == "2020-11-16" and event["end_date"] is None and event["duration_days"] is None


@pytest.mark.parametrize(
    "marked",
    [
        "[[AGENCY|Disdukcapil Kota Serang]] tidak ditutup meski [[HEADCOUNT|seorang pegawai]] positif.",
        "Kepala [[AGENCY|BPN Kota Bogor]], [[OFFICIAL|Dadang]], membantah kabar kantornya ditutup.",
        "[[AGENCY|Pemkab Malang]] mempertimbangkan menutup layanan tatap muka.",
        "[[AGENCY|Kecamatan Cakung]] kembali dibuka setelah ditutup selama 14 hari.",
        "Bank Mandiri cabang Serang ditutup sementara setelah [[HEADCOUNT|dua karyawan]] positif.",
        "Baca juga: [[AGENCY|Samsat Kota Cilegon]] Ditutup Tiga Hari",
        "Rupiah ditutup melemah 45 poin pada [[DATE|Senin (16/11)]].",
    ],
)
def test_what_is_not_a_closure_event(marked):
    assert events_of(marked) == []


def test_two_closures_in_one_article_stay_apart():
    events = events_of(
        "[[AGENCY|Kejari Kendari]] menutup layanan sejak [[DATE|Senin (13/7)]], sementara "
        "[[AGENCY|PN Kendari]] menunda seluruh persidangan mulai [[DATE|hari ini]].",
        published="2020-07-15",
    )
    assert [(e["agency"], e["start_date"]) for e in events] == [
        ("Kejari Kendari", "2020-07-13"),
        ("PN Kendari", "2020-07-15"),
    ]


def test_later_mentions_join_the_closure_and_bring_officials_and_headcounts():
    [event] = events_of(
        "[[AGENCY|Dinas Sosial Kota Serang]] ditutup sementara, [[DATE|Rabu (23/9/2020)]].\n"
        "Penutupan dilakukan karena [[HEADCOUNT|seorang pegawai]] terkonfirmasi positif Covid-19.\n"
        "Kepala [[AGENCY|Dinsos]], [[OFFICIAL|Moch Poppy]], mengatakan layanan dialihkan ke kecamatan.\n"
        "Sebanyak [[HEADCOUNT|45 orang]] akan menjalani swab, kata [[OFFICIAL|Poppy]].",
        published="2020-09-23",
    )
    assert event["agency"] == "Dinas Sosial Kota Serang"
    assert event["officials"] == [{"name": "Moch Poppy", "title": "Kepala Dinsos"}]
    assert [h["count"] for h in event["headcounts"]] == [1, 45]
    assert event["redirected_to"] == ["kecamatan"]
    assert event["reason"] == "pegawai terkonfirmasi positif Covid-19"


def test_offices_named_after_a_plural_closure_are_each_an_event():
    events = events_of(
        "Dua kantor pelayanan di Kabupaten Lebak ditutup sementara setelah pegawainya positif.\n"
        "Keduanya adalah kantor [[AGENCY|Kecamatan Cibadak]] dan kantor [[AGENCY|Kelurahan Muara Ciujung Timur]].",
        published="2020-07-20",
    )
    assert [e["agency"] for e in events] == ["Kecamatan Cibadak", "Kelurahan Muara Ciujung Timur"]


def test_an_official_who_only_asks_others_to_act_is_not_an_event_official():
    [event] = events_of(
        "[[AGENCY|Kantor Pos Medan]] ditutup sementara mulai [[DATE|hari ini]].\n"
        "Kepala [[AGENCY|Kantor Pos Medan]], [[OFFICIAL|Bonar Sitorus]], mengatakan layanan dialihkan.\n"
        "Anggota [[AGENCY|DPRD Kota Medan]], [[OFFICIAL|Yohanes Adi]], meminta warga tidak panik.\n"
        "“Jangan sampai pelayanan lumpuh,” tandas [[OFFICIAL|Yohanes]].",
    )
    assert [o["name"] for o in event["officials"]] == ["Bonar Sitorus"]


def test_a_deadline_for_something_else_is_not_the_last_closed_day():
    [event] = events_of(
        "[[AGENCY|Dishub Kabupaten Bogor]] menutup layanan uji KIR mulai [[DATE|hari ini]].\n"
        "Pemilik kendaraan yang masa ujinya habis selama penutupan diberi dispensasi hingga "
        "[[DATE|30 September 2020]].",
        published="2020-08-27",
    )
    assert (event["start_date"], event["end_date"]) == ("2020-08-27", None)


def test_a_reopening_day_told_later_ends_the_closure_the_day_before():
    [event] = events_of(
        "[[AGENCY|Kantor Pertanahan Kota Malang]] ditutup mulai [[DATE|Senin (7/12)]].\n"
        "Kantor itu dijadwalkan kembali dibuka pada [[DATE|Kamis (10/12)]].",
        published="2020-12-07",
    )
    assert (event["start_date"], event["end_date"], event["duration_days"]) == ("2020-12-07", "2020-12-09", None)


def test_the_day_of_the_positive_result_is_not_the_first_closed_day():
    [event] = events_of(
        "Pelayanan di [[AGENCY|Kelurahan Dauh Peken]] dihentikan setelah [[HEADCOUNT|seorang staf]] "
        "dinyatakan positif pada [[DATE|Senin (28/9)]] malam.",
        published="2020-09-29",
    )
    assert event["start_date"] is None


def test_an_office_that_follows_another_into_closure_is_an_event():
    events = events_of(
        "[[AGENCY|Sekretariat DPRD Kabupaten Tabanan]] tutup sejak [[DATE|Senin (28/9)]], sedangkan kantor "
        "[[AGENCY|Kelurahan Dauh Peken]] menyusul [[DATE|hari ini]].",
        published="2020-09-29",
    )
    assert [(e["agency"], e["start_date"]) for e in events] == [
        ("Sekretariat DPRD Kabupaten Tabanan", "2020-09-28"),
        ("Kelurahan Dauh Peken", "2020-09-29"),
    ]


def test_a_plural_closure_that_lists_its_offices_gives_one_event_each():
    events = events_of(
        "Dua kantor di Kabupaten Gowa menghentikan pelayanan tatap muka pekan ini, yakni "
        "[[AGENCY|Kejaksaan Negeri (Kejari) Gowa]] dan [[AGENCY|Sekretariat DPRD Gowa]].\n"
        "Di [[AGENCY|Kejari Gowa]], pelayanan sudah ditutup sejak [[DATE|Senin (18/1)]].",
        published="2021-01-19",
    )
    assert [(e["agency"], e["start_date"]) for e in events] == [
        ("Kejaksaan Negeri (Kejari) Gowa", "2021-01-18"),
        ("Sekretariat DPRD Gowa", None),
    ]


def test_an_extended_closure_ends_on_the_new_last_day():
    [event] = events_of(
        "[[AGENCY|Pengadilan Agama (PA) Tulungagung]] memperpanjang penutupan layanan hingga [[DATE|Jumat (16/7)]].\n"
        "Semula, layanan di kantor itu hanya dihentikan sampai [[DATE|Jumat (9/7)]].\n"
        "Penutupan berlaku sejak [[DATE|Senin (5/7/2021)]] setelah [[HEADCOUNT|belasan pegawai]] positif.",
        published="2021-07-12",
    )
    assert (event["start_date"], event["end_date"]) == ("2021-07-05", "2021-07-16")


def test_the_date_of_a_letter_is_not_the_first_closed_day():
    [event] = events_of(
        "Pelayanan di [[AGENCY|Kapanewon Kalasan]] ditutup sementara mulai [[DATE|hari ini]] selama tiga hari.\n"
        "Izin penutupan diteken Sekda melalui surat tertanggal [[DATE|12 Januari 2021]].",
        published="2021-01-13",
    )
    assert (event["start_date"], event["end_date"], event["duration_days"]) == ("2021-01-13", "2021-01-15", 3)


def test_a_length_told_again_later_is_the_duration_when_it_fits_the_dates():
    [event] = events_of(
        "[[AGENCY|Kelurahan Panjer]] ditutup mulai [[DATE|Senin (18/1)]] hingga [[DATE|Jumat (22/1)]].\n"
        "Selama lima hari itu, surat pengantar dilayani lewat WhatsApp.",
        published="2021-01-18",
    )
    assert event["duration_days"] == 5


def test_an_official_who_keeps_their_own_office_open_is_not_an_event_official():
    [event] = events_of(
        "[[AGENCY|Kantor Imigrasi Bogor]] ditutup mulai [[DATE|hari ini]], "
        "kata Kepala Kanim, [[OFFICIAL|Rudi Hartono]].\n"
        "Kadisdukcapil Kota Bogor [[OFFICIAL|Cecep Hermawan]] memastikan kantornya yang dekat "
        "[[AGENCY|Kanim Bogor]] tetap melayani warga.",
        published="2020-12-08",
    )
    assert [o["name"] for o in event["officials"]] == ["Rudi Hartono"]


def test_an_official_who_approved_or_extended_the_closure_is_an_event_official():
    [event] = events_of(
        "[[AGENCY|Bapenda Kota Palu]] menutup layanan tatap muka mulai [[DATE|hari ini]].\n"
        "Sekretaris Daerah Kota Palu, H. [[OFFICIAL|Rizal Pakamundi]], mengaku sudah memberi lampu hijau.",
        published="2020-12-08",
    )
    assert [o["name"] for o in event["officials"]] == ["Rizal Pakamundi"]


def test_offices_written_in_one_list_close_together():
    events = events_of(
        "[[AGENCY|Pemerintah Kota Kupang]] menutup kantor [[AGENCY|BPBD]] serta [[AGENCY|BKPPD]] "
        "mulai [[DATE|Kamis (14/1/2021)]].",
        published="2021-01-13",
    )
    assert [(e["agency"], e["start_date"]) for e in events] == [("BPBD", "2021-01-14"), ("BKPPD", "2021-01-14")]


def test_a_counted_closure_takes_the_offices_listed_next_not_the_government_that_closed_them():
    events = events_of(
        "[[AGENCY|Pemerintah Kota Bekasi]] meliburkan tiga kantor pelayanan publik mulai [[DATE|Kamis (2/1/2020)]]. "
        '"Tiga layanan yang terganggu ada di [[AGENCY|Dinas Kependudukan dan Pencatatan Sipil]], '
        "[[AGENCY|Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)]], serta "
        '[[AGENCY|Badan Pendapatan Daerah (Bapenda)]]," kata [[OFFICIAL|Sajekti Rubiyah]].',
        published="2020-01-02",
    )
    assert [e["agency"] for e in events] == [
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)",
        "Badan Pendapatan Daerah (Bapenda)",
    ]
    assert {e["start_date"] for e in events} == {"2020-01-02"}


def test_the_list_of_a_counted_closure_may_come_after_a_sentence_on_its_cause():
    events = events_of(
        "Mulai [[DATE|Kamis (2/1/2020)]], [[AGENCY|Pemerintah Kota Bekasi]] menghentikan sementara layanan di tiga "
        "kantor pelayanan publik. Banjir membuat listrik padam di kantor-kantor tersebut. Ketiga layanan itu adalah "
        "[[AGENCY|Dinas Kependudukan dan Pencatatan Sipil]], [[AGENCY|Dinas Sosial]], dan "
        "[[AGENCY|Badan Pendapatan Daerah (Bapenda)]].",
        published="2020-01-02",
    )
    assert [e["agency"] for e in events] == [
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Sosial",
        "Badan Pendapatan Daerah (Bapenda)",
    ]


def test_a_count_with_no_list_of_that_many_keeps_the_office_that_closed():
    [event] = events_of("[[AGENCY|Dinas Sosial Kota Serang]] menutup tiga layanan mulai [[DATE|Senin (16/11)]].")
    assert event["agency"] == "Dinas Sosial Kota Serang"


@pytest.mark.parametrize(
    "marked",
    [
        # only part of an office closed
        "Beberapa ruangan bidang di kantor [[AGENCY|Inspektorat]] juga ikut ditutup.",
        "[[AGENCY|Puskesmas Pulo Armyn]] dan [[AGENCY|Puskesmas Merdeka]] hanya ditutup sebagian layanannya.",
        # a sentence that recalls closures told before
        "Lebih dulu, [[AGENCY|Bappeda]], [[AGENCY|Bapenda]] dan [[AGENCY|Dinas ESDM]] juga sudah di-lockdown.",
    ],
)
def test_partial_and_recalled_closures_are_not_events(marked):
    assert events_of(marked) == []


def test_a_government_named_after_a_passive_trigger_closed_the_office_it_is_not_the_office():
    events = events_of("Kantor [[AGENCY|BPBD]] ditutup [[AGENCY|Pemkot Kupang]] karena COVID-19.")
    assert [e["agency"] for e in events] == ["BPBD"]


def test_the_day_something_was_said_is_not_the_first_closed_day():
    [event] = events_of(
        "[[AGENCY|Kantor Bappeda Kaltim]] tutup sementara karena pegawai positif. "
        "[[OFFICIAL|Muhammad Aswin]], Kepala Bappeda Kaltim, di Samarinda, [[DATE|Kamis]], menjelaskan hal itu.",
        published="2020-09-17",
    )
    assert event["start_date"] is None


def test_a_length_counted_ahead_starts_on_the_day_it_was_said():
    [event] = events_of(
        '"Kantor [[AGENCY|Disdukcapil Kota Serang]] kami tutup tiga hari ke depan," kata [[OFFICIAL|Arif]], '
        "[[DATE|Senin (16/11)]].",
    )
    assert (event["start_date"], event["end_date"]) == ("2020-11-16", "2020-11-18")


def test_a_period_told_in_the_story_dates_a_closure_its_own_sentence_leaves_undated():
    [event] = events_of(
        "Layanan tatap muka [[AGENCY|Disdukcapil Kota Batu]] kami hentikan. "
        "Penghentian itu berlaku dari [[DATE|Senin (8/2)]] sampai [[DATE|Rabu (10/2/2021)]].",
        published="2021-02-08",
    )
    assert (event["start_date"], event["end_date"]) == ("2021-02-08", "2021-02-10")


@pytest.mark.parametrize(
    "marked",
    [
        "[[AGENCY|Pemerintah Kota (Pemkot) Solo]] menutup Pasar Harjodaksino selama sepekan.",
        "[[AGENCY|Pemerintah Kabupaten Sumenep]] menghentikan sementara operasional sebuah pabrik rokok.",
        "[[AGENCY|Pemkot Balikpapan]] menutup sementara sejumlah kantor sejak [[DATE|Senin (10/8)]].",
    ],
)
def test_a_government_that_closes_something_else_is_not_the_closed_office(marked):
    assert events_of(marked) == []


def test_a_government_that_stops_its_own_service_is_the_closed_office():
    [event] = events_of("[[AGENCY|Pemkab Lebak]] menghentikan layanan tatap muka mulai [[DATE|Senin (16/11)]].")
    assert event["agency"] == "Pemkab Lebak"


def test_a_reopening_still_to_come_leaves_the_closure_an_event():
    [event] = events_of(
        "Dukcapil Makassar Dijadwalkan Kembali Melayani Normal 5 Oktober\n\n"
        "Layanan [[AGENCY|Dinas Kependudukan dan Pencatatan Sipil (Dukcapil) Kota Makassar]] "
        "dihentikan untuk sementara.",
        published="2021-09-30",
    )
    assert event["agency"].startswith("Dinas Kependudukan")


def test_a_closure_over_weeks_before_publication_is_only_recalled():
    events = events_of(
        "[[AGENCY|Komnas HAM]] menutup kantor selama satu minggu, dari [[DATE|29 Juli]]-[[DATE|4 Agustus 2020]].",
        published="2020-09-07",
    )
    assert events == []


def test_an_office_whose_activity_stopped_is_closed():
    [event] = events_of(
        "[[AGENCY|Lembaga Perlindungan Saksi dan Korban (LPSK)]] menghentikan aktivitas perkantorannya selama "
        "lima hari kerja, yakni [[DATE|7-11 September 2020]].",
        published="2020-09-07",
    )
    assert (event["start_date"], event["end_date"]) == ("2020-09-07", "2020-09-11")


def test_shops_and_markets_closing_say_nothing_about_the_office_of_the_story():
    events = events_of(
        "[[AGENCY|Disdukcapil Kota Kupang]] ditutup sejak [[DATE|Senin (21/12)]]. "
        "Menurut [[OFFICIAL|Ernest Ludji]], toko-toko tutup sejak [[DATE|Kamis (24/12)]] "
        "sampai [[DATE|Sabtu (26/12)]].",
        published="2020-12-23",
    )
    assert [(e["agency"], e["start_date"], e["end_date"]) for e in events] == [
        ("Disdukcapil Kota Kupang", "2020-12-21", None)
    ]


def test_a_period_stated_in_the_story_beats_a_lone_first_day():
    [event] = events_of(
        "[[AGENCY|Kanwil Kemenkumham Papua]] di-lockdown, [[DATE|Kamis (24/9)]]. "
        "Ia menambahkan, lockdown berlaku sejak [[DATE|Senin (21/9)]] sampai [[DATE|Kamis (1/10)]].",
        published="2020-09-24",
    )
    assert (event["start_date"], event["end_date"]) == ("2020-09-21", "2020-10-01")


def test_a_last_day_and_a_length_give_the_first_day():
    [event] = events_of(
        "[[AGENCY|Pengadilan Agama Kendari]] ditutup. Penutupan berlaku selama empat belas hari, "
        "atau sampai tanggal [[DATE|18 Agustus 2020]].",
        published="2020-08-10",
    )
    assert (event["start_date"], event["end_date"], event["duration_days"]) == ("2020-08-05", "2020-08-18", 14)
