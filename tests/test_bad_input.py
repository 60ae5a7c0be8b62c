"""Bad input and interrupted jobs, as a new user meets them: a clear line, exit 2, nothing lost."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from test_batch import read_lines, write_jsonl

from closure_extractor.data.formats import from_labelstudio, read_documents
from closure_extractor.data.validate import validate_files
from closure_extractor.extract.batch import JobOptions, main, run_job
from closure_extractor.extract.batch_io import JobLock


def closures(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "closure_extractor", *args], capture_output=True, text=True)


# --- batch: OUTPUT is not ours, OUTPUT is INPUT, two jobs at once ------------------------------------
def test_an_output_file_of_something_else_is_refused_untouched(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "notes.jsonl"
    write_jsonl(source, 3)
    target.write_text('{"title": "my notes"}\n{"title": "more"}\n', encoding="utf-8")
    before = target.read_bytes()
    assert main([str(source), str(target), "--model", str(tiny_model_dir), "--quiet"]) == 2
    assert target.read_bytes() == before


def test_output_equal_to_input_is_refused(tmp_path, tiny_model_dir, capsys):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 3)
    before = source.read_bytes()
    assert main([str(source), str(source), "--model", str(tiny_model_dir), "--quiet"]) == 2
    assert source.read_bytes() == before
    assert "is the INPUT file" in capsys.readouterr().err


def test_a_second_job_on_the_same_output_is_refused(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, 3)
    with JobLock(target), pytest.raises(ValueError, match="another job is writing"):
        run_job(source, target, JobOptions(model=str(tiny_model_dir)), progress=False)
    run_job(source, target, JobOptions(model=str(tiny_model_dir)), progress=False)  # free again afterwards
    assert len(read_lines(target)) == 3


# --- batch: records that are not valid Unicode -----------------------------------------------------------
def test_a_lone_surrogate_is_one_record_error_and_the_job_goes_on(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_jsonl(
        source, 3, ['{"id": "bad", "text": "Dinsos \\ud800 tutup"}', '{"id": "bad\\udc80id", "text": "x"}']
    )
    run_job(source, target, JobOptions(model=str(tiny_model_dir), chunk_size=8), progress=False)
    lines = read_lines(target)
    assert [line["id"] for line in lines] == [*ids, "bad", "bad\ufffdid"]
    assert "lone surrogate" in lines[3]["error"] and lines[4]["error"] is None


def test_a_csv_field_with_a_non_utf8_byte_is_one_record_error(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.csv", tmp_path / "out.jsonl"
    source.write_bytes(b"id,text\na,Kantor Dinsos tutup.\nb,Kantor \xff tutup.\nc,Kantor Dinkes tutup.\n")
    run_job(source, target, JobOptions(model=str(tiny_model_dir)), progress=False)
    lines = read_lines(target)
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert "not UTF-8" in lines[1]["error"] and lines[2]["error"] is None


def test_precision_auto_is_accepted_by_the_command(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, 2)
    assert main([str(source), str(target), "--model", str(tiny_model_dir), "--precision", "auto", "--quiet"]) == 0


# --- batch: Ctrl-C and SIGTERM leave a resumable output and one line ----------------------------------
def default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_job_says_how_to_resume_and_resumes(tmp_path, tiny_model_dir, signum):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_jsonl(source, 1000)  # enough that the job is still running when the signal comes
    command = [sys.executable, "-m", "closure_extractor", "batch", str(source), str(target)]
    command += ["--model", str(tiny_model_dir), "--chunk-size", "1", "--quiet"]
    # as from a terminal: a shell's background job (CI runners, nohup) starts with SIGINT ignored
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, preexec_fn=default_sigint)
    deadline = time.time() + 120
    while time.time() < deadline and (not target.exists() or target.stat().st_size < 2000):
        time.sleep(0.05)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip().count("\n") == 0 and "run the same command to resume" in err
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert [line["id"] for line in read_lines(target)] == ids


# --- the extract command: unreadable input, unwritable page, CSV ------------------------------------------
def test_unreadable_input_and_unwritable_html_are_one_line_with_exit_2(tmp_path, tiny_model_dir):
    missing = closures("extract", str(tmp_path / "nope.txt"), "--model", str(tiny_model_dir))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    article = tmp_path / "a.txt"
    article.write_text("Kantor Dinsos ditutup.", encoding="utf-8")
    page = tmp_path / "no-such-dir" / "out.html"
    unwritable = closures("extract", str(article), "--model", str(tiny_model_dir), "--html", str(page))
    assert (
        unwritable.returncode == 2
        and unwritable.stderr.startswith("error: cannot write")
        and unwritable.stderr.count("\n") == 1
    )


def test_every_subcommand_has_help_with_an_example():
    from closure_extractor.cli import COMMANDS

    assert closures("--help").returncode == 0
    for name in COMMANDS:
        result = closures(name, "--help")
        assert result.returncode == 0 and "example" in result.stdout, name
    assert closures("no-such-command").returncode == 2


# --- corpus files and importers ----------------------------------------------------------------------------
def test_validate_refuses_an_empty_agency_an_empty_file_and_bytes_that_are_not_utf8(tmp_path):
    record = {
        "id": "x", "text": "Dinsos tutup.", "published": "2020-11-16", "source": "s", "split": "train",
        "spans": [], "events": [{"agency": "", "start_date": None, "end_date": None, "duration_days": None,
                                 "officials": [], "headcounts": [], "redirected_to": [], "reason": None,
                                 "reason_category": "other"}],
    }  # fmt: skip
    (tmp_path / "agency.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "latin1.jsonl").write_bytes(b'{"id": "caf\xe9"}\n')
    messages = validate_files([tmp_path / n for n in ("agency.jsonl", "empty.jsonl", "latin1.jsonl")])
    assert any("agency ''" in m for m in messages)
    assert any("empty.jsonl: holds no records" in m for m in messages)
    assert any("latin1.jsonl:1: not UTF-8" in m for m in messages)
    result = closures("data", "validate", str(tmp_path / "latin1.jsonl"))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def doccano_file(tmp_path, record: dict):
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "record, problem",
    [
        ({"id": 1, "text": "Dinsos tutup.", "label": [[0, 6, "AGENCY"]]}, "published"),
        ({"id": 1, "text": "Dinsos", "published": "2020-11-16", "label": [[0, 60, "AGENCY"]]}, "outside the text"),
        (
            {"id": 1, "text": "Dinsos", "published": "2020-11-16", "label": [[0, 6, "AGENCY"]],
             "entities": [{"start_offset": 0, "end_offset": 6, "label": "AGENCY"}]},
            "both 'label' and 'entities'",
        ),
    ],
)  # fmt: skip
def test_doccano_records_that_would_make_a_broken_corpus_are_refused(tmp_path, record, problem):
    with pytest.raises(ValueError, match=problem):
        read_documents(doccano_file(tmp_path, record), "doccano")


def test_doccano_newer_entities_form_is_read(tmp_path):
    record = {"id": 1, "text": "Dinsos tutup.", "published": "2020-11-16",
              "entities": [{"id": 7, "start_offset": 0, "end_offset": 6, "label": "AGENCY"}]}  # fmt: skip
    (document,) = read_documents(doccano_file(tmp_path, record), "doccano")
    assert document.mention(document.spans[0]) == "Dinsos"


def test_a_conll_tag_outside_the_scheme_is_an_error(tmp_path):
    path = tmp_path / "x.conll"
    path.write_text("Dinsos\tX-FOO\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'X-FOO' is not O, B-X or I-X"):
        read_documents(path, "conll")


def labelstudio_task(*annotations: dict) -> dict:
    return {"id": 3, "data": {"id": "t3", "text": "Dinsos dan Dinkes tutup.", "published": "2020-11-16"},
            "annotations": list(annotations)}  # fmt: skip


def region(start: int, end: int, labels: list[str]) -> dict:
    return {"type": "labels", "value": {"start": start, "end": end, "labels": labels}}


def test_labelstudio_takes_the_latest_annotation_that_was_not_cancelled_and_says_what_it_skipped():
    task = labelstudio_task(
        {"completed_by": 1, "updated_at": "2021-01-01", "result": [region(0, 6, ["AGENCY"])]},
        {"completed_by": 2, "updated_at": "2021-01-03", "was_cancelled": True, "result": []},
        {"completed_by": 3, "updated_at": "2021-01-02", "result": [region(0, 6, ["AGENCY"]), region(11, 17, ["AGENCY"]),
         {"type": "relation", "from_id": "a", "to_id": "b"}, region(18, 23, [])]},
    )  # fmt: skip
    notes: list[str] = []
    document = from_labelstudio(task, notes=notes)
    assert [document.mention(s) for s in document.spans] == ["Dinsos", "Dinkes"]
    assert any("skipped 2 other" in n for n in notes)
    assert any("relation" in n for n in notes) and any("has no label" in n for n in notes)
    by_first = from_labelstudio(task, annotator="1")
    assert [by_first.mention(s) for s in by_first.spans] == ["Dinsos"]
