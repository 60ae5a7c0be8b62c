"""Event confidence calibrated on dev: a saved map, applied by the extractor, checked by reliability."""

import json

from test_fast_paths import WordRuleTagger

from closure_extractor.extract import Extractor
from closure_extractor.extract.calibration import CALIBRATION_FILE, Calibration, fit, labelled, right_above
from closure_extractor.extract.evaluate import calibrate

TEXT = "SERANG - Kantor Dinas Sosial Kota Serang ditutup sementara mulai Senin (16/11)."


def test_a_calibration_survives_saving_and_a_broken_file_means_none(tmp_path):
    calibration = Calibration((0.2, 0.9), (0.1, 0.8), "dev split", 12)
    calibration.save(tmp_path)
    assert Calibration.load(tmp_path) == calibration
    (tmp_path / CALIBRATION_FILE).write_text("{not json", encoding="utf-8")
    assert Calibration.load(tmp_path) is None
    (tmp_path / CALIBRATION_FILE).write_text(json.dumps({"x": [0.9, 0.2], "y": [0, 1]}), encoding="utf-8")
    assert Calibration.load(tmp_path) is None  # not increasing: refused


def test_the_fitted_map_never_decreases_and_matches_the_rates():
    events = [(c / 20, c >= 10) for c in range(20)] + [(0.95, False)]
    calibration = fit(events, "synthetic")
    values = [calibration(c / 100) for c in range(101)]
    assert values == sorted(values)
    assert calibration(0.1) == 0.0 and calibration(0.9) > 0.8


def test_events_are_labelled_right_when_they_match_a_gold_office():
    gold = [[{"agency": "Dinas Sosial"}]]
    predicted = [[{"agency": "Dinas Sosial", "confidence": 0.9}, {"agency": "Samsat", "confidence": 0.7}]]
    assert labelled(gold, predicted) == [(0.9, True), (0.7, False)]
    assert right_above(labelled(gold, predicted)) == (1, 1.0)


def test_the_extractor_applies_its_calibration():
    raw = Extractor(WordRuleTagger()).extract(TEXT)
    flat = Extractor(WordRuleTagger(), Calibration((0.0, 1.0), (0.42, 0.42), "test", 2)).extract(TEXT)
    assert raw and [e.agency for e in flat] == [e.agency for e in raw]
    assert {e.confidence for e in flat} == {0.42}


def test_calibrating_on_dev_writes_the_map_and_a_reliability_plot(tmp_path, corpus):
    dev = [d for d in corpus if d.split == "dev"]
    lines = calibrate(dev, Extractor(WordRuleTagger()), tmp_path, "dev split")
    assert (tmp_path / CALIBRATION_FILE).is_file() and (tmp_path / "reliability.png").stat().st_size > 1000
    assert any("confidence >= 0.8" in line for line in lines)


def test_training_calibrates_on_the_dev_split_of_a_corpus_directory(monkeypatch, tmp_path):
    from closure_extractor.data.dataset import CORPUS_DIR
    from closure_extractor.train.run import calibrate_confidence

    seen = []
    monkeypatch.setattr("closure_extractor.extract.evaluate.calibrate", lambda docs, *_: seen.extend(docs) or [])
    monkeypatch.setattr("closure_extractor.extract.api.Extractor.from_pretrained", lambda *_: None)
    calibrate_confidence(tmp_path, [str(CORPUS_DIR)])
    assert seen and {d.split for d in seen} == {"dev"}
