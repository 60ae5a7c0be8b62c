"""An article written in capitals is read in ordinary case; offsets and the caller's text stay as they were."""

import datetime as dt

from closure_extractor.data.truecase_table import build, usual_forms
from closure_extractor.extract.document import prepare
from closure_extractor.extract.truecase import is_shouting, recase

SHOUTING = (
    "SERANG - KANTOR DINAS SOSIAL KOTA SERANG DITUTUP SEMENTARA MULAI SENIN (16/11). "
    "HAL ITU DISAMPAIKAN KEPALA DINSOS MOCH POPPY."
)


def test_a_shouting_article_is_read_in_ordinary_case_with_its_offsets_kept():
    document = prepare(SHOUTING, dt.date(2020, 11, 16))
    assert document.clean.text.startswith("Serang - kantor Dinas Sosial Kota Serang ditutup sementara mulai Senin")
    assert "Kepala Dinsos Moch Poppy" in document.clean.text
    assert len(document.clean.text) == len(SHOUTING) and document.original == SHOUTING
    start = document.clean.text.index("Moch Poppy")
    assert document.original[slice(*document.clean.to_original(start, start + 10))] == "MOCH POPPY"


def test_ordinary_text_and_short_capitals_are_left_alone():
    ordinary = "Kantor Dinas Sosial Kota Serang ditutup sementara mulai Senin (16/11)."
    assert prepare(ordinary).clean.text == ordinary
    assert (
        not is_shouting("BERITA TERKINI: DPRD") and prepare("BERITA TERKINI: DPRD").clean.text == "BERITA TERKINI: DPRD"
    )


def test_recasing_never_changes_the_length_of_a_word():
    text = "STRASSE ᾼ İSTANBUL ÇANKAYA Ǆ"  # letters whose case forms differ in length keep their own
    assert len(recase(text)) == len(text)


def test_the_table_keeps_each_words_usual_form_and_forms_after_a_given_word():
    texts = [
        "Pelayanan di Dinas Sosial ditutup. Bantuan sosial tetap jalan. Bantuan sosial cair.",
        "Kepala Dinas Sosial menutup kantor. Kepala DPRD hadir dan jarak sosial dijaga.",
    ]
    forms, pairs = usual_forms(texts)
    assert forms["sosial"] == "sosial" and forms["dprd"] == "DPRD" and forms["ditutup"] == "ditutup"
    assert pairs == {"dinas sosial": "Sosial"}
    table = build(texts, {"shouting_share": 0.9, "shouting_min_letters": 40})
    assert "sosial" in table["lower"] and table["forms"]["dprd"] == "DPRD"
