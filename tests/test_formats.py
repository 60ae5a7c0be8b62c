"""Round trips through doccano, Label Studio and CoNLL keep every document exactly."""

import pytest

from closure_extractor.data.formats import read_documents, write_documents
from closure_extractor.data.markup import parse_markup, to_markup


@pytest.mark.parametrize(
    "fmt, suffix", [("doccano", "jsonl"), ("labelstudio", "json"), ("conll", "conll"), ("corpus", "jsonl")]
)
def test_round_trip_is_lossless_on_the_whole_corpus(tmp_path, corpus, fmt, suffix):
    path = tmp_path / f"export.{suffix}"
    write_documents(corpus, path, fmt)
    assert read_documents(path, fmt) == corpus


def test_doccano_accepts_dict_style_labels():
    from closure_extractor.data.formats import from_doccano

    document = from_doccano(
        {"text": "Dinkes tutup", "label": [{"start_offset": 0, "end_offset": 6, "label": "AGENCY"}]}
    )
    assert document.mention(document.spans[0]) == "Dinkes"


def test_plain_conll_without_metadata_is_read_into_text_and_spans():
    from closure_extractor.data.formats import from_conll

    document = from_conll("Kepala\tO\nDinsos\tB-AGENCY\nSerang\tI-AGENCY\n\nIa\tO\n")
    assert document.text == "Kepala Dinsos Serang\nIa"
    assert [document.mention(s) for s in document.spans] == ["Dinsos Serang"]


def test_inline_markup_round_trip():
    text, spans = parse_markup("[[OFFICIAL|Arif Rahman]] dari [[AGENCY|Disdukcapil]]")
    assert text == "Arif Rahman dari Disdukcapil"
    assert to_markup(text, spans) == "[[OFFICIAL|Arif Rahman]] dari [[AGENCY|Disdukcapil]]"


def test_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown format 'brat'"):
        read_documents(tmp_path / "x", "brat")
