"""The validator: clean on good data; a clear, located message for every kind of broken record."""

import subprocess
import sys
from pathlib import Path

import pytest

from closure_extractor.data.validate import validate_files, validate_record

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.jsonl"))
EXPECTED = {
    "bad_split": "is not one of train, dev, test",
    "duplicate_id": "duplicate id",
    "event_agency_not_in_text": "agency 'Disdukcapil Kota Serang' does not occur",
    "event_duration_mismatch": "not duration_days=5",
    "event_end_before_start": "is before start_date",
    "event_headcount_not_in_text": "headcount text 'tiga pegawai' does not occur",
    "event_missing_field": "missing field(s) reason",
    "event_official_not_in_text": "does not name someone in the text",
    "invalid_published": "not a valid YYYY-MM-DD date",
    "missing_published": "missing field 'published'",
    "not_json": "not valid JSON",
    "offsets_outside_text": "fall outside the text",
    "overlapping_spans": "spans overlap",
    "span_cuts_word": "cuts a word token in two",
    "unknown_label": "label 'PERSON' is not one of",
    "whitespace_in_span": "leading or trailing whitespace",
}


def test_a_valid_file_passes():
    assert validate_files([FIXTURES / "valid.jsonl"]) == []


def test_every_broken_fixture_has_an_expected_message():
    assert {p.stem for p in BROKEN} == set(EXPECTED)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_fixture_fails_with_file_line_and_reason(path):
    messages = validate_files([path])
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{path}:2")
    assert EXPECTED[path.stem] in messages[0]


def test_records_of_the_wrong_shape_never_crash_the_validator():
    for record in (
        {},
        {"id": 3},
        {
            "id": "x",
            "text": "a",
            "published": None,
            "source": "",
            "split": "train",
            "spans": [None, {"start": "0"}],
            "events": ["x", {}],
        },
    ):
        assert validate_record(record)


def test_command_line_exits_non_zero_and_names_the_problem():
    bad = FIXTURES / "broken" / "unknown_label.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "closure_extractor.data", "validate", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "unknown_label.jsonl:2 (id=unknown_label)" in result.stderr
    assert "Traceback" not in result.stderr


def test_command_line_reports_a_missing_file_cleanly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "closure_extractor.data", "validate", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "no such file" in result.stderr
