"""The learned event check: features from what the rules recorded, weights in JSON, fitted on gold events."""

import json

import pytest

from closure_extractor.extract.event_filter import FILE_NAME, EventFilter, event_features
from closure_extractor.extract.types import ClosureEvent
from closure_extractor.train.event_filter import candidates, event_f1, fit, fit_and_report


def test_features_say_which_rules_claimed_the_event_and_what_it_names():
    event = ClosureEvent(agency="Pemkot Bekasi", why=["closure.trigger.menutup", "agency.current_topic"])
    features = event_features(event)
    assert features["why=agency.current_topic"] == 1.0 and features["explicit"] == 0.0
    assert features["office_is_government"] == 1.0 and features["has_start"] == 0.0


def test_a_saved_check_loads_back_and_drops_what_it_scores_low(tmp_path):
    check = EventFilter({"explicit": 4.0}, -2.0, 0.5, {"dev": {"rules": 0.9}})
    check.save(tmp_path)
    loaded = EventFilter.load(tmp_path)
    claimed = ClosureEvent(agency="Dinsos", why=["agency.in_clause"])
    only_topic = ClosureEvent(agency="Dinkes", why=["agency.current_topic"])
    assert loaded.keep([claimed, only_topic]) == [claimed]


def test_a_check_without_a_threshold_drops_nothing_and_scales_confidence(tmp_path):
    check = EventFilter({"explicit": 4.0}, -2.0, None, {})
    claimed = ClosureEvent(agency="Dinsos", why=["agency.in_clause"], confidence=1.0)
    only_topic = ClosureEvent(agency="Dinkes", why=["agency.current_topic"], confidence=1.0)
    assert check.keep([claimed, only_topic]) == [claimed, only_topic]
    assert claimed.confidence > 0.85 > 0.15 > only_topic.confidence


def test_no_file_means_no_check_and_a_broken_file_a_clear_error(tmp_path):
    assert EventFilter.load(tmp_path) is None
    (tmp_path / FILE_NAME).write_text(json.dumps({"weights": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="not an event filter"):
        EventFilter.load(tmp_path)


def test_candidates_are_the_rules_events_labelled_by_the_gold(corpus):
    seed = next(d for d in corpus if d.id == "seed-000")
    events, right = candidates(seed)
    assert [e.agency for e in events] == [e["agency"] for e in seed.events] and right == [1] * len(events)


def test_fitting_on_the_corpus_reports_rules_learned_and_combined_and_drops_only_where_that_helps(corpus, tmp_path):
    train = [d for d in corpus if d.split == "train"]
    dev = [d for d in corpus if d.split == "dev"]
    check = fit(train)
    assert check.weights and 0.0 <= event_f1(dev, check, 0.5) <= 1.0
    report = fit_and_report(train, dev, tmp_path)
    assert all(name in report for name in ("rules", "learned_0.5", "combined"))
    saved = EventFilter.load(tmp_path)
    assert saved is not None and (saved.threshold is None) == ("only scores" in report)
