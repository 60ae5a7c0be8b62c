"""Reopening and extension reports: not new closures, but what the register ends and extends closures with."""

from closure_extractor.extract.types import EntitySpan
from closure_extractor.extract.updates import updates_of_text


def spans_of(text: str, *labelled: tuple[str, str]) -> list[EntitySpan]:
    found = []
    for label, words in labelled:
        start = text.index(words)
        found.append(EntitySpan(label, start, start + len(words), words))
    return found


def test_a_reopening_gives_its_day_and_an_extension_its_new_last_day():
    text = (
        "SERANG – Kantor Disdukcapil Kota Serang kembali dibuka pada Senin (23/11) setelah ditutup sepekan. "
        "Sementara itu, penutupan kantor Dinsos diperpanjang hingga Jumat (27/11)."
    )
    spans = spans_of(
        text,
        ("AGENCY", "Disdukcapil Kota Serang"),
        ("DATE", "Senin (23/11)"),
        ("AGENCY", "Dinsos"),
        ("DATE", "Jumat (27/11)"),
    )
    updates = [u.to_dict() for u in updates_of_text(text, "2020-11-20", spans)]
    assert [(u["kind"], u["agency"], u["date"]) for u in updates] == [
        ("reopening", "Disdukcapil Kota Serang", "2020-11-23"),
        ("extension", "Dinsos", "2020-11-27"),
    ]
    assert updates[1]["evidence"]["text"].startswith("Sementara itu, penutupan kantor Dinsos")


def test_the_office_of_an_update_may_be_named_in_the_sentence_before():
    text = "Kantor BPBD Kota Depok ditutup sejak Senin (7/9). Kantor itu akan dibuka lagi Senin (14/9)."
    spans = spans_of(text, ("AGENCY", "BPBD Kota Depok"), ("DATE", "Senin (7/9)"), ("DATE", "Senin (14/9)"))
    [update] = updates_of_text(text, "2020-09-09", spans)
    assert (update.kind, update.agency, update.date) == ("reopening", "BPBD Kota Depok", "2020-09-14")


def test_not_yet_reopened_and_an_extension_of_something_else_are_no_updates():
    text = "Kantor Samsat belum dibuka kembali. Masa berlaku STNK diperpanjang hingga Jumat (11/12)."
    spans = spans_of(text, ("AGENCY", "Samsat"), ("DATE", "Jumat (11/12)"))
    assert updates_of_text(text, "2020-12-07", spans) == []


def test_the_extractor_offers_updates_beside_events(tiny_model_dir):
    from closure_extractor.extract.api import Extractor

    found = Extractor.from_pretrained(tiny_model_dir).extract_updates(
        "Kantor Kecamatan Cibadak kembali dibuka pada Senin (23/11).", published="2020-11-20"
    )
    assert all(set(update) == {"kind", "agency", "date", "evidence"} for update in found)
    assert [update["kind"] for update in found] == ["reopening"]
