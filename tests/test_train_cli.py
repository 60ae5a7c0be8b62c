"""``python -m train``: real (tiny) runs end to end, and clear refusals for bad input."""

import json

import pytest

from closure_extractor.train.__main__ import main

FIXTURE = "tests/fixtures/valid.jsonl"


def tiny_corpus(tmp_path, corpus, documents=6):
    """A few real documents, re-split so that train and dev both have some."""
    from dataclasses import replace

    from closure_extractor.data.schema import write_jsonl

    picked = [replace(d, split="train" if i % 3 else "dev") for i, d in enumerate(corpus[:documents])]
    path = tmp_path / "tiny.jsonl"
    write_jsonl(picked, path)
    return path


def run(args, capsys):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_tiny_run_saves_a_self_describing_safetensors_model(tmp_path, corpus, tiny_model_dir, capsys):
    data = tiny_corpus(tmp_path, corpus)
    out = tmp_path / "run"
    code, output = run(
        [
            "--base-model",
            tiny_model_dir,
            "--data",
            data,
            "--out",
            out,
            "--max-steps",
            3,
            "--precision",
            "fp32",
            "--batch-size",
            8,
        ],
        capsys,
    )
    assert code == 0, output
    assert (out / "model.safetensors").is_file() and not list(out.glob("*.bin"))
    config = json.loads((out / "config.json").read_text())
    assert config["id2label"]["1"] == "B-OFFICIAL"
    card = (out / "README.md").read_text()
    assert "data_version" in card and "seed" in card and "| dev |" in card
    info = json.loads((out / "training_info.json").read_text())
    assert set(info["scores"]) == {"dev", "test"} or set(info["scores"]) == {"dev"}


def test_the_same_run_resumes_and_a_different_one_is_refused(tmp_path, corpus, tiny_model_dir, capsys):
    data = tiny_corpus(tmp_path, corpus)
    out = tmp_path / "run"
    args = ["--base-model", tiny_model_dir, "--data", data, "--out", out, "--max-steps", 2, "--precision", "fp32"]
    assert run(args, capsys)[0] == 0
    assert run(args, capsys)[0] == 0  # resumes from its own checkpoint
    code, output = run([*args, "--learning-rate", "0.1"], capsys)
    assert code == 2 and "holds a different training run" in output and "--overwrite" in output
    assert run([*args, "--learning-rate", "0.1", "--overwrite"], capsys)[0] == 0


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("missing", "no such file"),
        ("empty", "the file is empty"),
        ("unknown_label", "label 'PERSON' is not one of"),
    ],
)
def test_bad_data_is_reported_without_a_traceback(tmp_path, tiny_model_dir, capsys, problem, expected):
    if problem == "missing":
        data = tmp_path / "absent.jsonl"
    elif problem == "empty":
        data = tmp_path / "empty.jsonl"
        data.write_text("")
    else:
        data = "tests/fixtures/broken/unknown_label.jsonl"
    code, output = run(["--base-model", tiny_model_dir, "--data", data, "--out", tmp_path / "o"], capsys)
    assert code == 2 and expected in output and "Traceback" not in output


def test_a_base_model_directory_without_weights_is_refused(tmp_path, capsys):
    empty = tmp_path / "model"
    empty.mkdir()
    (empty / "config.json").write_text("{}")
    code, output = run(["--base-model", empty, "--data", FIXTURE, "--out", tmp_path / "o"], capsys)
    assert code == 2 and "no model.safetensors" in output
    code, output = run(["--base-model", tmp_path / "nowhere", "--data", FIXTURE, "--out", tmp_path / "p"], capsys)
    assert code == 2 and "does not exist" in output


def test_a_foreign_output_directory_is_refused(tmp_path, corpus, tiny_model_dir, capsys):
    out = tmp_path / "someone-else"
    out.mkdir()
    (out / "config.json").write_text("{}")
    code, output = run(["--base-model", tiny_model_dir, "--data", tiny_corpus(tmp_path, corpus), "--out", out], capsys)
    assert code == 2 and "not empty" in output


def test_a_refitted_part_replaces_its_section_of_the_model_card(tmp_path):
    from closure_extractor.model.card import add_card_section

    (tmp_path / "README.md").write_text("# Model\n\nscores\n", encoding="utf-8")
    add_card_section(tmp_path, "Learned date roles", "first fit")
    add_card_section(tmp_path, "Learned event check", "check")
    add_card_section(tmp_path, "Learned date roles", "second fit")
    card = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "first fit" not in card and card.count("## Learned date roles") == 1
    assert card.index("## Learned event check") < card.index("second fit")
