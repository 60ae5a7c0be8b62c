"""Examples of use for the normalisers: dates, counts, durations, agency names and titles."""

from __future__ import annotations

import datetime

import pytest

from closure_extractor.extract.agency_names import agency_completeness, agency_key, agency_type, same_agency
from closure_extractor.extract.durations import Duration, end_date_from, find_duration
from closure_extractor.extract.normalize_date import normalize_date
from closure_extractor.extract.numbers import number_value, parse_count
from closure_extractor.extract.tables_io import load_table
from closure_extractor.extract.titles import is_title_fragment, split_title

MONDAY = datetime.date(2020, 11, 16)  # seed article 000 was published on Monday 16 November 2020
WEDNESDAY = datetime.date(2020, 9, 23)  # seed article 001
GARBAGE = [
    "",
    "   ",
    "xyz",
    "32/13",
    "😷",
    "🦠😷🏥",
    "(((",
    "0/0",
    "Foo 99 bar",
    "\x00",
    "Senin Senin Senin",
]
TABLES = [
    "months",
    "weekdays",
    "number_words",
    "duration_units",
    "relative_days",
    "titles",
    "agency_aliases",
]


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# --- tables -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_and_is_cached(name: str) -> None:
    assert load_table(name) is load_table(name)
    assert load_table(name) == load_table(f"{name}.json")


def test_agency_table_has_at_least_thirty_office_types() -> None:
    assert len(load_table("agency_aliases")["types"]) >= 30


# --- normalize_date ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "published", "expected"),
    [
        ("Senin (16/11)", MONDAY, "2020-11-16"),
        ("Rabu (23/9/2020)", MONDAY, "2020-09-23"),
        ("(23/9/20)", MONDAY, "2020-09-23"),
        ("Senin, 16 November 2020", MONDAY, "2020-11-16"),
        ("16 November 2020", MONDAY, "2020-11-16"),
        ("12 Oktober", MONDAY, "2020-10-12"),
        ("12 Okt 2020", MONDAY, "2020-10-12"),
        ("Selasa, 5 Januari 2021", MONDAY, "2021-01-05"),
        ("3 Desember 2020", MONDAY, "2020-12-03"),
        ("Jumat (11/12)", MONDAY, "2020-12-11"),
        ("16 Nopember 2020", MONDAY, "2020-11-16"),
    ],
)
def test_explicit_dates(mention: str, published: datetime.date, expected: str) -> None:
    assert normalize_date(mention, published) == d(expected)


@pytest.mark.parametrize(
    ("mention", "published", "expected"),
    [
        # A late-December day in a January article belongs to the previous year ...
        ("Senin (28/12)", d("2021-01-04"), "2020-12-28"),
        # ... and an early-January day in a December article to the next one.
        ("Selasa (5/1)", d("2020-12-30"), "2021-01-05"),
        ("(16/11)", d("2021-04-01"), "2020-11-16"),
        ("(16/11)", d("2021-06-01"), "2021-11-16"),
    ],
)
def test_year_is_the_one_nearest_to_publication(mention: str, published: datetime.date, expected: str) -> None:
    assert normalize_date(mention, published) == d(expected)


def test_numeric_date_wins_over_a_disagreeing_weekday() -> None:
    # 16 November 2020 was a Monday, not a Wednesday.
    assert normalize_date("Rabu (16/11)", MONDAY) == d("2020-11-16")


def test_explicit_date_wins_over_hari_ini() -> None:
    assert normalize_date("Hari ini (23/9/2020)", MONDAY) == d("2020-09-23")


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("hari ini", "2020-11-16"),
        ("Hari ini", "2020-11-16"),
        ("besok", "2020-11-17"),
        ("kemarin", "2020-11-15"),
        ("lusa", "2020-11-18"),
        ("kemarin lusa", "2020-11-14"),
        ("kemarin sore", "2020-11-15"),
        ("pada hari ini", "2020-11-16"),
        ("  PADA   hari  ini ", "2020-11-16"),
    ],
)
def test_relative_days(mention: str, expected: str) -> None:
    assert normalize_date(mention, MONDAY) == d(expected)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Senin", "2020-11-16"),  # the publication day's own weekday is the publication day
        ("Selasa", "2020-11-17"),
        ("Rabu", "2020-11-18"),
        ("Kamis", "2020-11-19"),  # three days ahead is nearer than four days back
        ("Jumat", "2020-11-13"),  # three days back is nearer than four days ahead
        ("Jum'at", "2020-11-13"),
        ("Jum’at", "2020-11-13"),
        ("Sabtu", "2020-11-14"),
        ("Minggu", "2020-11-15"),
        ("Ahad", "2020-11-15"),
        ("pada hari Jumat", "2020-11-13"),
        ("hari Minggu", "2020-11-15"),
        ("Senin malam", "2020-11-16"),
    ],
)
def test_bare_weekday_is_the_nearest_one(mention: str, expected: str) -> None:
    assert normalize_date(mention, MONDAY) == d(expected)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Senin lalu", "2020-11-09"),  # strictly before publication, even on a Monday
        ("Senin kemarin", "2020-11-09"),
        ("Jumat lalu", "2020-11-13"),
        ("Jumat mendatang", "2020-11-20"),
        ("Jumat depan", "2020-11-20"),
        ("Jumat nanti", "2020-11-20"),
        ("Senin depan", "2020-11-23"),  # strictly after publication
        ("Rabu mendatang", "2020-11-18"),
    ],
)
def test_weekday_with_past_or_future_word(mention: str, expected: str) -> None:
    assert normalize_date(mention, MONDAY) == d(expected)


def test_weekday_in_seed_article_001() -> None:
    assert normalize_date("Rabu", WEDNESDAY) == WEDNESDAY
    assert normalize_date("Hari ini (23/9/2020)", WEDNESDAY) == WEDNESDAY


@pytest.mark.parametrize("mention", ["hari ini", "besok", "Jumat", "Senin lalu", "Senin (16/11)", "12 Oktober"])
def test_relative_or_yearless_mentions_need_a_publication_date(mention: str) -> None:
    assert normalize_date(mention, None) is None


def test_full_date_needs_no_publication_date() -> None:
    assert normalize_date("Senin, 16 November 2020", None) == d("2020-11-16")


@pytest.mark.parametrize("mention", [*GARBAGE, "31/11", "Rabu (31/2/2021)", "2020", "pukul 10.00 WIB", "pekan depan"])
def test_unresolvable_date_mentions_give_none(mention: str) -> None:
    assert normalize_date(mention, MONDAY) is None


def test_date_at_the_end_of_the_calendar_does_not_raise() -> None:
    assert normalize_date("besok", datetime.date.max) is None


# --- numbers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("80 pegawai", 80),
        ("1.250 orang", 1250),
        ("satu pegawai", 1),
        ("seorang ASN", 1),
        ("Seorang ASN", 1),
        ("salah satu koordinator", 1),
        ("dua orang staf", 2),
        ("tiga petugas", 3),
        ("sebelas", 11),
        ("dua belas", 12),
        ("dua puluh lima tenaga honorer", 25),
        ("seratus", 100),
        ("seratus dua puluh", 120),
        ("seribu", 1000),
        ("tiga ratus", 300),
        ("sepuluh", 10),
        ("seribu dua ratus lima puluh pegawai", 1250),
        ("45 orang", 45),
        ("sebanyak 45 orang", 45),
        ("sejumlah 80 pegawai", 80),
    ],
)
def test_parse_count(mention: str, expected: int) -> None:
    assert parse_count(mention) == expected


@pytest.mark.parametrize(
    "mention",
    [
        "belasan pegawai",
        "puluhan warga",
        "ratusan",
        "seluruh pegawai",
        "Semua pegawai",
        "para pegawai",
        "pegawai",
    ],
)
def test_vague_counts_are_none(mention: str) -> None:
    assert parse_count(mention) is None


@pytest.mark.parametrize("mention", [*GARBAGE, "dua tiga orang", "lima puluh ratus", "belas"])
def test_parse_count_of_garbage_is_none(mention: str) -> None:
    assert parse_count(mention) is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("80", 80),
        ("1.250", 1250),
        ("sebelas", 11),
        ("dua puluh lima", 25),
        ("seratus dua puluh", 120),
        ("dua ribu tiga ratus", 2300),
        ("Empat", 4),
    ],
)
def test_number_value(words: str, expected: int) -> None:
    assert number_value(words) == expected


@pytest.mark.parametrize("words", [*GARBAGE, "dua pegawai", "1,5", "ratus", "dua belas puluh"])
def test_number_value_rejects_anything_but_a_number(words: str) -> None:
    assert number_value(words) is None


# --- durations --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Sehingga pelayanan dokumen kependudukan dihentikan sementara, selama tiga hari ke depan.", 3),
        ("Kantor ditutup selama tiga hari.", 3),
        ("Kantor ditutup tiga hari ke depan.", 3),
        ("Pelayanan dihentikan selama 14 hari.", 14),
        ("Pelayanan dihentikan 14 hari ke depan.", 14),
        ("Kantor ditutup sepekan.", 7),
        ("Kantor ditutup satu pekan.", 7),
        ("Kantor ditutup seminggu.", 7),
        ("Kantor ditutup dua pekan.", 14),
        ("Kantor ditutup selama lima hari kerja.", 5),
        ("Kantor ditutup selama dua puluh satu hari.", 21),
        ("Pasien isolasi 14 hari, dan kantor ditutup selama tiga hari.", 3),  # "selama" marks the closure
    ],
)
def test_find_duration_days(sentence: str, days: int) -> None:
    assert find_duration(sentence) == Duration(days=days, until_phrase=None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Koordinator PKH dinyatakan positif, setelah beberapa hari sebelumnya melakukan swab.",
        "Pegawai itu dinyatakan positif tiga hari lalu.",
        "Penyemprotan cairan disinfektan sudah dilakukan hingga empat kali.",
        "Kantor sudah dibuka sejak tiga hari.",
        "Hingga saat ini belum ada pegawai lain yang positif.",
        "Pasien Covid-19 hari ini bertambah.",
        "Layanan buka hingga pukul 15.00 WIB.",
        *GARBAGE,
    ],
)
def test_sentences_without_a_closure_duration(sentence: str) -> None:
    assert find_duration(sentence) is None


def test_until_a_date_is_kept_as_a_phrase_for_normalize_date() -> None:
    duration = find_duration("Pelayanan ditutup hingga Jumat (11/12).")
    assert duration == Duration(days=None, until_phrase="Jumat (11/12)")
    assert normalize_date(duration.until_phrase or "", MONDAY) == d("2020-12-11")


def test_until_a_full_date_keeps_the_comma_after_the_weekday() -> None:
    duration = find_duration("Kantor ditutup hingga Senin, 16 November 2020, kata dia.")
    assert duration == Duration(days=None, until_phrase="Senin, 16 November 2020")


def test_open_ended_closure_has_an_until_phrase_and_no_days() -> None:
    sentence = (
        "Ia menyatakan, penutupan pelayanan tatap muka di Dinsos dimulai pada Hari ini (23/9/2020) sampai "
        "semua pegawai Dinsos melakukan swab masal dan hasilnya dinyatakan negatif."
    )
    expected = "semua pegawai Dinsos melakukan swab masal dan hasilnya dinyatakan negatif"
    assert find_duration(sentence) == Duration(days=None, until_phrase=expected)


def test_duration_and_end_date_together() -> None:
    assert find_duration("Kantor ditutup selama 14 hari sampai 30 November 2020.") == Duration(
        days=14, until_phrase="30 November 2020"
    )


def test_end_date_is_inclusive() -> None:
    # A three-day closure from Monday 16 November ends Wednesday 18 November.
    assert end_date_from(MONDAY, 3) == d("2020-11-18")
    assert end_date_from(MONDAY, 1) == MONDAY
    assert end_date_from(d("2020-12-30"), 14) == d("2021-01-12")


def test_end_date_rejects_empty_closures() -> None:
    with pytest.raises(ValueError):
        end_date_from(MONDAY, 0)


def test_duration_is_frozen() -> None:
    duration = Duration(days=3, until_phrase=None)
    with pytest.raises(AttributeError):
        duration.days = 4  # type: ignore[misc]


# --- agency names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "key"),
    [
        ("Disdukcapil Kota Serang", "dinas kependudukan dan pencatatan sipil kota serang"),
        ("Dispendukcapil Kota Serang", "dinas kependudukan dan pencatatan sipil kota serang"),
        (
            "Dinas Kependudukan dan Pencatatan Sipil Kota Serang",
            "dinas kependudukan dan pencatatan sipil kota serang",
        ),
        (
            "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Pandeglang",
            "dinas kependudukan dan pencatatan sipil kabupaten pandeglang",
        ),
        ("Disdukcapil Kab. Pandeglang", "dinas kependudukan dan pencatatan sipil kabupaten pandeglang"),
        ("Dinsos Serang", "dinas sosial serang"),
        ("Dinas  Sosial   KOTA Serang", "dinas sosial kota serang"),
        ("Kantor Dinas Sosial Kota Serang", "dinas sosial kota serang"),
        ("kantor BPN", "badan pertanahan nasional"),
        ("Kantor Pertanahan Kota Bogor", "badan pertanahan nasional kota bogor"),
        ("Pemkot Serang", "pemerintah kota serang"),
        ("Pemerintah Kota Serang", "pemerintah kota serang"),
        ("Pemkab Lebak", "pemerintah kabupaten lebak"),
        ("Setda Kota Serang", "sekretariat daerah kota serang"),
        ("KPP Pratama Serang", "kantor pelayanan pajak pratama serang"),
        ("PN Serang", "pengadilan negeri serang"),
        ("PA Serang", "pengadilan agama serang"),
        ("Kejari Serang", "kejaksaan negeri serang"),
        ("Kantor Kementerian Agama Kabupaten Garut", "kementerian agama kabupaten garut"),
        ("Kemenag Kabupaten Garut", "kementerian agama kabupaten garut"),
        ("MPP Kota Serang", "mal pelayanan publik kota serang"),
        ("Dinkes", "dinas kesehatan"),
        ("Dinas Pertanian Kota Serang", "dinas pertanian kota serang"),
        ("", ""),
    ],
)
def test_agency_key(mention: str, key: str) -> None:
    assert agency_key(mention) == key


@pytest.mark.parametrize(
    ("mention", "office"),
    [
        ("Dinsos Serang", "dinas sosial"),
        ("Disdukcapil", "dinas kependudukan dan pencatatan sipil"),
        ("BPBD Kota Serang", "badan penanggulangan bencana daerah"),
        ("Bapenda Kota Serang", "badan pendapatan daerah"),
        ("Bappeda", "badan perencanaan pembangunan daerah"),
        ("Dishub Kota Cilegon", "dinas perhubungan"),
        ("Disdik Kabupaten Lebak", "dinas pendidikan"),
        ("Dinas Pendidikan dan Kebudayaan Kota Serang", "dinas pendidikan dan kebudayaan"),
        ("Pemprov Banten", "pemerintah provinsi"),
        ("RSUD dr. Loekmono Hadi Kudus", "rumah sakit umum daerah"),
        ("Puskesmas Cipocok Jaya", "pusat kesehatan masyarakat"),
        ("Samsat Kota Cilegon", "samsat"),
        ("DPRD Kota Serang", "dewan perwakilan rakyat daerah"),
        ("gugus tugas penanganan Covid-19", "satuan tugas penanganan covid-19"),
        ("Satgas Covid-19 Kabupaten Lebak", "satuan tugas penanganan covid-19"),
        ("Kantor Imigrasi Kelas I Balikpapan", "kantor imigrasi"),
        ("Kantor Pelayanan Pajak Pratama Medan Barat", "kantor pelayanan pajak"),
        ("BPJS Kesehatan", "badan penyelenggara jaminan sosial kesehatan"),
        ("Kecamatan Walantaka", "kecamatan"),
        ("Dinas Pertanian Kota Serang", None),
        ("", None),
        ("😷", None),
    ],
)
def test_agency_type(mention: str, office: str | None) -> None:
    assert agency_type(mention) == office


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dinsos", "Dinas Sosial Kota Serang"),
        ("Dinsos Serang", "Dinas Sosial Kota Serang"),
        ("Disdukcapil", "Disdukcapil Kota Serang"),
        ("Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Pandeglang", "Disdukcapil"),
        ("Pemkot Serang", "Pemerintah Kota Serang"),
        ("KPP Serang", "KPP Pratama Serang"),
        ("kantor BPN", "Kantor Pertanahan Kota Bogor"),
        # a regional short form is the region's name
        ("Pemkab Kobar", "Pemerintah Kabupaten Kotawaringin Barat"),
        ("Samsat Kobar", "Satuan Administrasi Manunggal Satu Atap (Samsat) Kotawaringin Barat"),
        # a type the table does not know, written out once and as its initials elsewhere
        ("BKPPD", "Badan Kepegawaian Pendidikan dan Pelatihan Daerah"),
        ("BPPRD Palangka Raya", "Badan Pengelola Pajak dan Retribusi Daerah (BPPRD) Kota Palangka Raya"),
        ("Rumah Sakit Umum Penyangga Perbatasan", "Rumah Sakit Umum Penyangga Perbatasan (RSUPP) Betun"),
    ],
)
def test_same_agency(a: str, b: str) -> None:
    assert same_agency(a, b)
    assert same_agency(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dinkes Kota Serang", "Disdukcapil Kota Serang"),
        ("Disdukcapil Kota Serang", "Disdukcapil Kabupaten Lebak"),
        ("Dinsos Kota Serang", "Dinsos Kabupaten Serang"),
        ("Pemkot Serang", "Pemkab Serang"),
        ("Puskesmas Cipocok Jaya", "Puskesmas Ciruas"),
        ("BPBD", "BKPPD"),
        ("Badan Pengelolaan Keuangan", "Badan Pengelolaan Keuangan dan Aset Daerah"),
        ("Samsat Kobar", "Samsat Kotim"),
        ("", ""),
        ("😷", "xyz"),
    ],
)
def test_different_agencies(a: str, b: str) -> None:
    assert not same_agency(a, b)
    assert not same_agency(b, a)


def test_most_complete_mention_wins() -> None:
    mentions = ["Disdukcapil", "Disdukcapil Kota Serang", "kantor Disdukcapil", "Dinkes Kota Serang"]
    same = [m for m in mentions if same_agency(m, "Disdukcapil")]
    assert max(same, key=agency_completeness) == "Disdukcapil Kota Serang"


def test_completeness_prefers_region_then_marker_then_spelled_out_name() -> None:
    assert agency_completeness("Dinas Sosial Kota Serang") > agency_completeness("Dinsos Serang")
    assert agency_completeness("Dinsos Serang") > agency_completeness("Dinas Sosial")
    assert agency_completeness("Dinas Sosial") > agency_completeness("Dinsos")
    assert agency_completeness(
        "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Pandeglang"
    ) > agency_completeness("Disdukcapil Kabupaten Pandeglang")
    assert agency_completeness("") == 0


# --- titles -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "title"),
    [
        ("Sekretaris Disdukcapil Kota Serang, ", ", mengungkapkan", "Sekretaris Disdukcapil Kota Serang"),
        ("“Kejadian terbaru,” ujar Kepala Dinsos Serang, ", " ditemui di", "Kepala Dinsos Serang"),
        ("Seizin pimpinan, Walikota Serang ", ", Wakil", "Walikota Serang"),
        ("Walikota Serang Syafrudin, Wakil Walikota Serang ", ", dan", "Wakil Walikota Serang"),
        ("Wakil Walikota Serang Subadri Usuludin, dan Sekda Tb ", ", pelayanan", "Sekda"),
        ("Sementara itu, Walikota Serang, ", " juga membenarkan", "Walikota Serang"),
        (
            "Sementara itu, juru bicara gugus tugas penanganan Covid-19, ",
            " membenarkan",
            "juru bicara gugus tugas penanganan Covid-19",
        ),
        ("Menurut Plt Kepala Dinkes Kab. Lebak, dr. Hj. ", ", M.Kes, ", "Plt Kepala Dinkes Kab. Lebak"),
        ("Kepala Bagian Humas Setda Kota Serang, ", "", "Kepala Bagian Humas Setda Kota Serang"),
        ("Bupati meminta Kepala Dinkes Lebak ", " untuk", "Kepala Dinkes Lebak"),
        ("Wali Kota Bogor ", "", "Wali Kota Bogor"),
        ("Kapolres Serang AKBP ", "", "Kapolres Serang"),
        ("SERANG – Kepala Dinkes ", "", "Kepala Dinkes"),
    ],
)
def test_title_before_the_name(before: str, after: str, title: str) -> None:
    assert split_title(before, after) == title


@pytest.mark.parametrize(
    ("before", "after", "title"),
    [
        ("", ", Sekretaris Disdukcapil Kota Serang, mengatakan", "Sekretaris Disdukcapil Kota Serang"),
        ("kata ", ", Kepala Dinkes Lebak mengatakan bahwa", "Kepala Dinkes Lebak"),
        ("", ", M.Kes, Kepala Puskesmas Cipocok Jaya, mengatakan", "Kepala Puskesmas Cipocok Jaya"),
        ("", " (Kepala Dinkes Lebak) mengatakan", "Kepala Dinkes Lebak"),
        ("", ", Plt Camat Walantaka, menjelaskan", "Plt Camat Walantaka"),
    ],
)
def test_title_after_the_name(before: str, after: str, title: str) -> None:
    assert split_title(before, after) == title


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("“Iya, kita tutup karena ada pegawai yang positif,” ujar ", " kepada awak media."),
        ("“No komen saya,” kata ", ", saat ditanyai pasien merupakan bidang apa."),
        ("Saat ini, ", " menyebutkan bahwa pasien sedang melakukan isolasi mandiri."),
        ("", " mengatakan, Kepala Dinkes"),
        ("", ""),
        *((g, g) for g in GARBAGE),
    ],
)
def test_no_title_close_by(before: str, after: str) -> None:
    assert split_title(before, after) is None


@pytest.mark.parametrize(
    ("name", "before", "fragment"),
    [
        ("Sos", "Andi Tenriola Batari, S.", True),
        ("M.Si", "Batari, S.Sos, ", True),
        ("Hj", "Sekwan Gowa, ", True),
        ("Rahman", "Kepala Dinas, A. ", False),
        ("Arif Rahman", "Sekretaris, ", False),
    ],
)
def test_a_degree_or_honorific_alone_is_no_official_name(name, before, fragment):
    assert is_title_fragment(name, before) is fragment
