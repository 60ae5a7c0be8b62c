"""Batch jobs: one line per record in order, per-record errors, formats, workers, kill -9 and resume."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from closure_extractor.extract.batch import JobOptions, main, run_job
from closure_extractor.extract.batch_io import resume_output

ARTICLE = (
    "Kantor {name} ditutup sementara sejak Senin (16/11) setelah seorang pegawai positif Covid-19. "
    "Kepala Dinas, Budi Santoso, mengatakan 40 pegawai akan diswab."
)


def write_jsonl(path: Path, count: int, extra: list[str] = ()) -> list[str]:
    ids = []
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(count):
            ids.append(f"doc-{n}")
            handle.write(
                json.dumps({"id": f"doc-{n}", "text": ARTICLE.format(name=f"Kecamatan {n}"), "published": "2020-11-16"})
                + "\n"
            )
        for line in extra:
            handle.write(line + "\n")
    return ids


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def without_scores(lines: list[dict]) -> list[dict]:
    return [
        {k: v for k, v in line.items() if k != "entities"}
        | {"entities": [(e["label"], e["start"], e["end"]) for e in line["entities"]]}
        for line in lines
    ]


def test_every_record_gets_one_line_in_input_order_and_bad_ones_an_error(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_jsonl(
        source,
        5,
        ['{"id": "n", "text": 42}', '{"id": "m"}', "not json", '{"id": "d", "text": "x", "published": "kemarin"}'],
    )
    with open(source, "ab") as handle:
        handle.write(b'\xff{"id": "bytes"}\n')
    summary = run_job(source, target, JobOptions(model=str(tiny_model_dir), chunk_size=2), progress=False)
    lines = read_lines(target)
    assert [line["id"] for line in lines] == [*ids, "n", "m", "#7", "d", "#9"]
    assert all(line["error"] is None for line in lines[:5])
    assert [line["error"].split(" (")[0] for line in lines[5:]] == [
        "text field 'text' must be a string, got int",
        "missing text field 'text'",
        "line 8: not valid JSON",
        "published must be a YYYY-MM-DD date, got 'kemarin'",
        "line 10: not UTF-8",
    ]
    assert summary.records == 10 and summary.errors == 5


def test_csv_and_parquet_inputs_with_custom_field_names(tmp_path, tiny_model_dir):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"key": f"r{n}", "body": ARTICLE.format(name=f"Kelurahan {n}"), "date": "2020-11-16"} for n in range(3)]
    with open(tmp_path / "in.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["key", "body", "date"])
        writer.writeheader()
        writer.writerows(rows)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    options = JobOptions(model=str(tiny_model_dir), text_field="body", id_field="key", published_field="date")
    for name in ("in.csv", "in.parquet"):
        run_job(tmp_path / name, tmp_path / f"{name}.out", options, progress=False)
        assert [line["id"] for line in read_lines(tmp_path / f"{name}.out")] == ["r0", "r1", "r2"]


def test_two_workers_give_the_same_lines_as_one(tmp_path, tiny_model_dir):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 12)
    run_job(source, tmp_path / "one.jsonl", JobOptions(model=str(tiny_model_dir), chunk_size=3), progress=False)
    run_job(
        source, tmp_path / "two.jsonl", JobOptions(model=str(tiny_model_dir), chunk_size=3, workers=2), progress=False
    )
    assert read_lines(tmp_path / "one.jsonl") == read_lines(tmp_path / "two.jsonl")


def test_a_torn_last_line_is_cut_and_the_job_continues(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_jsonl(source, 6)
    run_job(source, target, JobOptions(model=str(tiny_model_dir), chunk_size=2), progress=False)
    complete = target.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text("".join(complete[:3]) + complete[3][:17], encoding="utf-8")
    assert resume_output(target) == ids[:3]
    summary = run_job(source, target, JobOptions(model=str(tiny_model_dir), chunk_size=2), progress=False)
    assert summary.skipped == 3 and [line["id"] for line in read_lines(target)] == ids


def test_kill_dash_nine_mid_run_then_resume_loses_and_repeats_nothing(tmp_path, tiny_model_dir):
    source, target, reference = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    ids = write_jsonl(source, 400)
    command = [
        sys.executable,
        "-m",
        "closure_extractor.extract.batch",
        str(source),
        str(target),
        "--model",
        str(tiny_model_dir),
        "--chunk-size",
        "1",
        "--precision",
        "fp32",
        "--quiet",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and (not target.exists() or target.read_text().count("\n") < 20):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = target.read_text().count("\n")
    assert 20 <= written < 400, "the job should have been killed part way"
    assert subprocess.run(command, capture_output=True).returncode == 0
    lines = read_lines(target)
    assert [line["id"] for line in lines] == ids
    run_job(source, reference, JobOptions(model=str(tiny_model_dir), chunk_size=7, precision="fp32"), progress=False)
    assert without_scores(lines) == without_scores(read_lines(reference))


def test_output_of_another_input_is_refused(tmp_path, tiny_model_dir, capsys):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, 2)
    target.write_text('{"id": "other", "events": [], "entities": [], "error": null}\n')
    assert main([str(source), str(target), "--model", str(tiny_model_dir), "--quiet"]) == 2
    assert "holds results of other input records" in capsys.readouterr().err


def test_missing_input_and_missing_model_are_clear_errors(tmp_path, capsys):
    assert main([str(tmp_path / "none.jsonl"), str(tmp_path / "out.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 1)
    assert main([str(source), str(tmp_path / "out.jsonl"), "--model", str(tmp_path / "nomodel"), "--quiet"]) == 2
    assert "no trained model" in capsys.readouterr().err


def test_ray_engine_gives_the_same_lines_as_the_local_engine(tmp_path, tiny_model_dir):
    pytest.importorskip("ray", reason="the ray extra is not installed (pip install .[ray])")
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 10)
    # fp32: int8 scales activations per batch, and the engines batch records differently
    options = JobOptions(model=str(tiny_model_dir), chunk_size=4, workers=1, precision="fp32")
    run_job(source, tmp_path / "local.jsonl", options, progress=False)
    from closure_extractor.extract.batch_ray import run_ray_job

    summary = run_ray_job(source, tmp_path / "ray.jsonl", options)
    assert summary.records == 10
    assert without_scores(read_lines(tmp_path / "ray.jsonl")) == without_scores(read_lines(tmp_path / "local.jsonl"))


def test_max_chars_cuts_long_texts_and_the_line_says_so(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    long_text = "Kantor Dinas Sosial ditutup sementara. " * 100
    source.write_text(
        json.dumps({"id": "long", "text": long_text})
        + "\n"
        + json.dumps({"id": "short", "text": "Dinsos buka."})
        + "\n",
        encoding="utf-8",
    )
    options = JobOptions(model=str(tiny_model_dir), precision="fp32", max_chars=200)
    run_job(source, target, options, progress=False)
    long_line, short_line = read_lines(target)
    assert long_line["truncated"] == {"chars": len(long_text), "kept": 194}  # cut at the last space
    assert all(e["end"] <= 194 for e in long_line["entities"])
    assert "truncated" not in short_line
    assert resume_output(target) == ["long", "short"]  # a cut line is still a result line of this job


def test_events_only_leaves_entities_out_and_keeps_the_events(tmp_path, tiny_model_dir):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 5)
    full, events_only = tmp_path / "full.jsonl", tmp_path / "events.jsonl"
    run_job(source, full, JobOptions(model=str(tiny_model_dir), precision="fp32"), progress=False)
    run_job(
        source, events_only, JobOptions(model=str(tiny_model_dir), precision="fp32", events_only=True), progress=False
    )
    assert all(line["entities"] == [] for line in read_lines(events_only))
    assert [line["events"] for line in read_lines(events_only)] == [line["events"] for line in read_lines(full)]


def test_max_chars_and_events_only_are_command_flags(tmp_path, tiny_model_dir):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, 2)
    args = [str(source), str(target), "--model", str(tiny_model_dir), "--quiet", "--max-chars", "30", "--events-only"]
    assert main(args) == 0
    assert all(line["truncated"]["kept"] <= 30 and line["entities"] == [] for line in read_lines(target))
