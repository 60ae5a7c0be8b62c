"""Sentences, word tokens and BIO tags: each step keeps offsets into the original text."""

from closure_extractor.data.bio import repair_tags, spans_to_tags, tags_to_spans
from closure_extractor.data.schema import Span
from closure_extractor.data.sentences import split_sentences
from closure_extractor.data.tokens import tokenize_words


def test_sentences_split_on_punctuation_and_lines_but_not_on_titles():
    text = 'Kata dr. H. Ahmad, M.Kes. kemarin. Ia hadir pukul 10.00 WIB.\n"Ya," ujarnya.'
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Kata dr. H. Ahmad, M.Kes. kemarin.",
        "Ia hadir pukul 10.00 WIB.",
        '"Ya," ujarnya.',
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_shortened_first_names_do_not_end_a_sentence():
    text = "Kepala Bapenda, Moh. Arif Lamakampali, hadir. Camat Muh. Yusuf juga."
    assert [s.text for s in split_sentences(text)] == [
        "Kepala Bapenda, Moh. Arif Lamakampali, hadir.",
        "Camat Muh. Yusuf juga.",
    ]


def test_words_cut_dates_into_pieces_a_span_can_end_on():
    tokens = tokenize_words("Senin (16/11), Covid-19 Jum'at di-lockdown", offset=100)
    words = ["Senin", "(", "16", "/", "11", ")", ",", "Covid", "-", "19", "Jum'at", "di-lockdown"]
    assert [t.text for t in tokens] == words
    assert tokens[0].start == 100


def test_a_hyphen_beside_a_digit_splits_so_a_range_of_two_dates_is_two_spans():
    text = "25 Juni-2 Juli 2021 dan 7-9 Desember"
    assert [t.text for t in tokenize_words(text)][:6] == ["25", "Juni", "-", "2", "Juli", "2021"]
    assert [t.text for t in tokenize_words(text)][-4:] == ["7", "-", "9", "Desember"]


def test_spans_to_tags_and_back():
    text = "Kepala Dinsos Serang, Moch Poppy"
    tokens = tokenize_words(text)
    spans = [Span(7, 20, "AGENCY"), Span(22, 32, "OFFICIAL")]
    tags = spans_to_tags(tokens, spans)
    assert tags == ["O", "B-AGENCY", "I-AGENCY", "O", "B-OFFICIAL", "I-OFFICIAL"]
    assert tags_to_spans(tokens, tags) == spans


def test_invalid_bio_is_repaired_into_spans():
    assert repair_tags(["I-DATE", "I-DATE", "O", "I-AGENCY", "B-AGENCY", "I-OFFICIAL"]) == [
        "B-DATE",
        "I-DATE",
        "O",
        "B-AGENCY",
        "B-AGENCY",
        "B-OFFICIAL",
    ]
