"""The Python API and CLI on a tiny random model: contracts, offsets, and no crash on any input."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closure_extractor.extract import ClosureEvent, EntitySpan, Extractor, extract, extract_entities
from closure_extractor.extract.api import resolve_model_dir
from closure_extractor.model.loading import ModelLoadError

SEED = (
    "SERANG - Seorang ASN Disdukcapil Kota Serang positif Covid-19, Senin (16/11). "
    "Layanan tatap muka ditutup selama tiga hari."
)
ODD_INPUTS = [
    "",
    " ",
    "\n\n\t",
    "a",
    ".",
    "😷🏢 ditutup 😷",
    "<p>Kantor &amp; <b>Dinsos</b> ditutup</p>",
    "The office was closed on Monday.",
    "\x00\x01\x02\ufffd\udcff" * 50,
    "ditutup " * 2000,
    "Senin (16/11) (32/13) 0/0/0000",
    "“”‘’«»–—…",
    "A" * 5000,
]


@pytest.fixture(scope="module")
def extractor(tiny_model_dir):
    return Extractor.from_pretrained(tiny_model_dir)


def assert_well_formed(text, spans, events):
    for span in spans:
        assert isinstance(span, EntitySpan)
        assert text[span.start : span.end] == span.text and span.start < span.end
    for event in events:
        assert isinstance(event, ClosureEvent)
        for evidence in event.evidence:
            assert text[evidence.start : evidence.end] == evidence.text
    json.dumps([s.to_dict() for s in spans] + [e.to_dict() for e in events])


def test_the_three_entry_points_agree(tiny_model_dir, extractor):
    spans = extract_entities(SEED, model=tiny_model_dir)
    assert [s.to_dict() for s in spans] == [s.to_dict() for s in extractor.extract_entities(SEED)]
    events = extract(SEED, published="2020-11-16", model=tiny_model_dir)
    assert [e.to_dict() for e in events] == [e.to_dict() for e in extractor.extract(SEED, published="2020-11-16")]
    assert len(extractor.extract_many([SEED, "", SEED], published=["2020-11-16", None, "2020-11-16"])) == 3


def test_span_dict_has_the_documented_keys(extractor):
    for span in extractor.extract_entities(SEED):
        assert set(span.to_dict()) == {"label", "start", "end", "text", "score"}


@pytest.mark.parametrize("text", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_strings_never_crash(extractor, text):
    spans, events = extractor.analyze_many([text])[0]
    assert_well_formed(text, spans, events)


def test_a_megabyte_of_text_is_handled(extractor):
    text = (SEED + "\n") * (1_000_000 // (len(SEED) + 1))
    spans, events = extractor.analyze_many([text])[0]
    assert_well_formed(text, spans, events)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
    | st.sampled_from(ODD_INPUTS[:8]).map(lambda s: s + SEED)
)
def test_property_offsets_slice_the_input_and_output_serialises(extractor, text):
    spans, events = extractor.analyze_many([text], ["2020-11-16"])[0]
    assert_well_formed(text, spans, events)


def test_none_and_bad_dates_are_clear_errors(extractor):
    with pytest.raises(TypeError, match="text must be a str, got NoneType"):
        extractor.extract(None)
    with pytest.raises(TypeError, match="text must be a str"):
        extract(b"bytes")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        extractor.extract(SEED, published="16/11/2020")
    with pytest.raises(ValueError, match="2 texts but 1 published"):
        extractor.extract_many([SEED, SEED], published=["2020-11-16"])


def test_missing_model_says_how_to_train_one(tmp_path, monkeypatch):
    monkeypatch.delenv("CLOSURE_MODEL", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelLoadError, match="closures train"):
        resolve_model_dir(None)
    monkeypatch.setenv("CLOSURE_MODEL", str(tmp_path / "elsewhere"))
    with pytest.raises(ModelLoadError, match="elsewhere"):
        extract(SEED)


def test_cli_prints_json_lines_and_writes_a_page(tmp_path, tiny_model_dir):
    article = tmp_path / "article.txt"
    article.write_text(SEED, encoding="utf-8")
    page = tmp_path / "out.html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "closure_extractor.extract",
            str(article),
            "--model",
            str(tiny_model_dir),
            "--published",
            "2020-11-16",
            "--html",
            str(page),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        assert json.loads(line)["source"] == str(article)
    assert "<mark" in page.read_text() or "No closure event" in page.read_text()


def test_cli_reports_a_missing_model_without_a_traceback(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED)
    result = subprocess.run(
        [sys.executable, "-m", "closure_extractor.extract", str(article), "--model", str(tmp_path / "none")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "no trained model" in result.stderr and "Traceback" not in result.stderr
