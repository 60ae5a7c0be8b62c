"""``python -m train.evaluate`` writes the seqeval report as JSON and a confusion-matrix PNG."""

import json

from closure_extractor.train.evaluate import main


def test_report_and_plot_are_written(tmp_path, tiny_model_dir, capsys):
    assert main(["--model", str(tiny_model_dir), "--split", "dev", "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "eval_dev.json").read_text())
    assert set(report) >= {"micro"} and 0.0 <= report["micro"]["f1"] <= 1.0
    assert (tmp_path / "confusion_dev.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "precision" in capsys.readouterr().out


def test_a_missing_model_is_a_clear_error(tmp_path, capsys):
    assert main(["--model", str(tmp_path / "none")]) == 2
    assert "does not exist" in capsys.readouterr().err
