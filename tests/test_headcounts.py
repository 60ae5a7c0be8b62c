"""Which counted groups of people an event lists: roles read from the sentence, then one per group."""

import re

import pytest

from closure_extractor.extract.agency_names import offices_headed_in
from closure_extractor.extract.headcount_roles import count_roles
from closure_extractor.extract.headcounts import event_headcounts


def marked(sentence: str) -> tuple[str, list[tuple[int, int]]]:
    """A sentence with its counts in braces, as (plain text, count spans)."""
    text, spans = "", []
    for piece in re.split(r"(\{[^}]*\})", sentence):
        if piece.startswith("{"):
            spans.append((len(text), len(text) + len(piece) - 2))
            text += piece[1:-1]
        else:
            text += piece
    return text, spans


def roles(sentence: str) -> list[str]:
    return count_roles(*marked(sentence))


def counts(*sentences: str) -> list[int | None]:
    return [h.count for h in event_headcounts([marked(s) for s in sentences])]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Penutupan dilakukan setelah {tiga pegawai} dinyatakan positif Covid-19.", ["positive"]),
        ("Ia menyebut {14 pegawai} kelurahan akan diswab besok.", ["tested"]),
        ("Sebanyak {72 orang} yang hasilnya negatif kini bekerja dari rumah.", ["home"]),
        ("Pihaknya sudah melakukan swab kepada {83 pegawai} BPBD pada Kamis.", ["tested"]),
        ("Dari {42 pegawai} yang diperiksa, delapan dinyatakan positif.", ["tested"]),
        ("{36 pegawai} dan {delapan kurir} mitra telah menjalani tes swab.", ["tested", "tested"]),
        ("setelah {sepuluh pegawai}, termasuk {seorang kepala seksi}, dinyatakan positif.", ["positive", "part"]),
        (
            "Sebanyak {64 orang}, terdiri atas {50 anggota dewan} dan {14 pegawai}, akan menjalani tes usap.",
            ["tested", "part", "part"],
        ),
        ("Tim telah menelusuri {14 orang} yang sempat kontak erat.", ["traced"]),
        ("{21 orang} yang kontak erat telah diswab oleh petugas puskesmas.", ["tested"]),
        ("{35 pegawai} yang kontak erat sedang menjalani karantina mandiri.", ["quarantined"]),
        ("{Dua perawat} itu hasil rapid test-nya reaktif.", ["positive"]),
        ("{Semua pegawai} termasuk Pamdal dan para OB sejumlah {80 pegawai} diusulkan swab.", ["tested", "tested"]),
        ("Hingga kini tercatat {212 orang} positif di kota itu.", ["other"]),
        ("Penutupan dipicu oleh {satu pegawai} bidang penagihan yang terkonfirmasi positif.", ["positive"]),
        ("Sampel diambil oleh {tiga petugas} laboratorium.", ["other"]),
        ("Dari {17 pegawai} yang positif, baru {enam orang} yang sudah negatif.", ["positive", "other"]),
        ("Hasil swab massal yang diikuti {47 orang pegawai} belum keluar.", ["tested"]),
        ("Pihaknya menambah {enam petugas} di tempat pelayanan.", ["other"]),
        ("Kepala UPT, Yulian, mengatakan pihaknya memeriksa {35 petugas} pada Jumat.", ["tested"]),
        ("Dinkes masih menelusuri {31 orang} yang sempat berkontak erat dengan pegawai itu.", ["traced"]),
        ("Ada {sembilan petugas} lain yang hasilnya negatif, namun sempat satu ruangan dengan pasien.", ["cleared"]),
        ("{55 pegawai} yang hasilnya negatif diminta bekerja dari rumah.", ["home"]),
        (
            "Khusus {sembilan pegawai} yang satu ruangan dengan {dua staf} itu, kami minta isolasi mandiri.",
            ["isolated", "other"],
        ),
        ("Menurut dia, {dua pegawai} di antaranya harus dirawat di RSUD.", ["part"]),
        ("Ia menyebut jumlah pegawai yang positif mencapai {13 orang}.", ["positive"]),
        ("Kantor tutup sampai hasil swab {19 pegawai} kelurahan keluar.", ["tested"]),
        ("Di luar yang positif, {sebelas pegawai} diminta menjalani karantina mandiri.", ["isolated"]),
    ],
)
def test_a_count_takes_its_role_from_the_words_around_it(sentence, expected):
    assert roles(sentence) == expected


def test_the_positive_group_and_the_tested_group_each_once():
    assert counts(
        "Kantor ditutup setelah {seorang ASN} terkonfirmasi positif Covid-19.",
        "Total yang diusulkan swab, {semua pegawai} termasuk Pamdal sejumlah {80 pegawai}.",
        "Juru bicara membenarkan ada {satu pegawai} yang terkonfirmasi positif.",
    ) == [1, 80]


def test_two_positives_joined_in_one_report_are_two_groups():
    assert counts("Penutupan dilakukan setelah {seorang hakim} dan {seorang panitera} dinyatakan positif.") == [1, 1]


def test_a_vague_positive_count_gives_way_to_a_number_given_later():
    assert counts(
        "Penutupan dilakukan karena {belasan pegawai} terpapar Covid-19.",
        "Ia mengatakan hingga kemarin tercatat {17 pegawai} yang positif.",
    ) == [17]


def test_positives_now_isolated_are_not_a_new_group_but_isolated_contacts_are():
    assert counts(
        "Penutupan dilakukan setelah {sebelas pegawai} terkonfirmasi positif.",
        "Saat ini {tujuh pegawai} menjalani isolasi terpusat di hotel.",
        "Selain itu, {27 pegawai} yang satu ruangan dengan pasien diminta isolasi mandiri.",
    ) == [11, 27]


def test_everyone_stands_in_only_when_no_number_is_given():
    assert counts("{Dua staf} positif.", "{Seluruh pegawai} akan menjalani tes swab.") == [2, None]
    assert counts("{Dua staf} positif.", "{Seluruh pegawai} diswab.", "{40 pegawai} bekerja dari rumah.") == [2, 40]


def test_everyone_takes_the_number_restated_next_to_it():
    assert counts(
        "{Dua staf} positif.",
        "{Seluruh pegawai} akan menjalani tes usap besok.",
        "Jumlahnya sekitar {sembilan puluh orang}, termasuk petugas keamanan.",
    ) == [2, 90]


def test_residents_and_patients_are_never_staff_groups():
    assert counts("{Dua staf} positif.", "Sebanyak {lima warga} yang dilayani akan diswab.") == [2]


def test_a_head_title_names_the_office_it_heads():
    assert offices_headed_in("Di tempat terpisah, Panewu Mlati, Sutopo, mengatakan") == ["kapanewon Mlati"]
    assert offices_headed_in("Ia meminta para camat dan lurah waspada.") == []
