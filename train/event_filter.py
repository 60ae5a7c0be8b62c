"""Fit the learned event check (``extract/event_filter.py``) on the corpus's gold events.

    python -m closure_extractor.train.event_filter --model runs/default [--data data/corpus]

Candidate events are the rules' own events on gold entity spans ("oracle"), so the check
learns the rules' mistakes, not the tagger's. Each candidate is labelled right when it matches
a gold event of its document (by office, as the scorer matches). The regression is fitted on
the train split; the threshold is the one that gives the best event F1 on the dev split; a
5-fold cross-validation grouped by document (train and dev pooled) reports how steady that is.
The test split is never read. Rules alone, the regression alone at 0.5, and rules with the
check at the chosen threshold are reported side by side. The check drops events only when that
beats the rules on dev and in cross-validation; either way its probability scales each event's
raw confidence, which calibration then maps to a rate.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from closure_extractor.data.schema import AnnotatedDocument
from closure_extractor.extract.decisions import RULES_ONLY, LearnedDecisions
from closure_extractor.extract.document import parse_published, prepare
from closure_extractor.extract.evaluate import gold_spans
from closure_extractor.extract.event_filter import EventFilter, event_features
from closure_extractor.extract.scoring import match_events
from closure_extractor.extract.types import ClosureEvent
from closure_extractor.train.recorded import run_fit_cli

THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]
FOLDS = 5
REGULARISATION = 1.0  # inverse strength (scikit-learn's C); the features are few and bounded


_ASSEMBLED: dict[tuple[str, str], tuple[LearnedDecisions, list[ClosureEvent], list[int]]] = {}


def _candidates(document: AnnotatedDocument, decisions: LearnedDecisions) -> tuple[list[ClosureEvent], list[int]]:
    key = (document.id, document.text)
    if key not in _ASSEMBLED or _ASSEMBLED[key][0] is not decisions:
        prepared = prepare(document.text, parse_published(document.published))
        events = decisions.assemble(prepared, gold_spans(document))
        matched = {p for _, p in match_events(document.events, [e.to_dict() for e in events])}
        _ASSEMBLED[key] = (decisions, events, [int(i in matched) for i in range(len(events))])
    return _ASSEMBLED[key][1:]


def candidates(
    document: AnnotatedDocument, decisions: LearnedDecisions = RULES_ONLY
) -> tuple[list[ClosureEvent], list[int]]:
    """The rules' events of one document on gold spans (with the model's learned decisions, where it has
    date roles), and 1/0 for whether each matches a gold event (assembled once per document: the
    folds and thresholds reuse them)."""
    events, right = _candidates(document, decisions)
    return list(events), list(right)


def fit(documents: list[AnnotatedDocument], decisions: LearnedDecisions = RULES_ONLY) -> EventFilter:
    """A logistic regression over the candidates of ``documents`` (threshold 0.5 until chosen)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for document in documents:
        events, right = candidates(document, decisions)
        rows += [event_features(e) for e in events]
        labels += right
    if len(set(labels)) < 2:
        raise ValueError("the candidates are all right or all wrong: nothing to learn")
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=REGULARISATION, max_iter=2000, class_weight="balanced")
    model.fit(vectorizer.fit_transform(rows), labels)
    weights = {name: float(w) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])}
    return EventFilter(weights, float(model.intercept_[0]), 0.5, {})


def event_f1(
    documents: list[AnnotatedDocument],
    check: EventFilter | None,
    threshold: float,
    decisions: LearnedDecisions = RULES_ONLY,
) -> float:
    """Event F1 over ``documents`` of the rules' events, kept when the check scores them ≥ threshold."""
    tp = fp = fn = 0
    for document in documents:
        events, right = candidates(document, decisions)
        kept = [r for e, r in zip(events, right) if check is None or check.probability(e) >= threshold]
        tp += sum(kept)
        fp += len(kept) - sum(kept)
        fn += len(document.events) - sum(kept)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold(
    check: EventFilter, dev: list[AnnotatedDocument], decisions: LearnedDecisions = RULES_ONLY
) -> float:
    """The threshold with the best dev F1; ties go to the lowest, which drops the fewest events."""
    return max(THRESHOLDS, key=lambda t: (round(event_f1(dev, check, t, decisions), 6), -t))


def cross_validate(
    documents: list[AnnotatedDocument], decisions: LearnedDecisions = RULES_ONLY
) -> dict[str, tuple[float, float]]:
    """Mean and standard deviation over folds of held-out F1: rules, check at 0.5, rules + check at the
    threshold chosen on each fold's training part."""
    from sklearn.model_selection import GroupKFold

    results: dict[str, list[float]] = {"rules": [], "learned_0.5": [], "combined": []}
    ids = [d.id for d in documents]
    for train_index, held_index in GroupKFold(n_splits=FOLDS).split(ids, groups=ids):
        train = [documents[i] for i in train_index]
        held = [documents[i] for i in held_index]
        check = fit(train, decisions)
        threshold = choose_threshold(check, train, decisions)
        results["rules"].append(event_f1(held, None, 0.0, decisions))
        results["learned_0.5"].append(event_f1(held, check, 0.5, decisions))
        results["combined"].append(event_f1(held, check, threshold, decisions))
    return {name: (statistics.mean(v), statistics.stdev(v)) for name, v in results.items()}


def main(argv: list[str] | None = None) -> int:
    return run_fit_cli(fit_and_report, "event_filter", __doc__, argv)


def fit_and_report(train: list[AnnotatedDocument], dev: list[AnnotatedDocument], model_dir: Path) -> str:
    """Fit on train, choose the threshold on dev, cross-validate, and save the check when it helps.
    Events are assembled as the model will assemble them: with its learned decisions, where it has any."""
    decisions = LearnedDecisions.load(model_dir)
    check = fit(train, decisions)
    threshold = choose_threshold(check, dev, decisions)
    dev_scores = {
        "rules": event_f1(dev, None, 0.0, decisions),
        "learned_0.5": event_f1(dev, check, 0.5, decisions),
        "combined": event_f1(dev, check, threshold, decisions),
    }
    folds = cross_validate(train + dev, decisions)
    lines = [f"event check, oracle entities: dev F1 and {FOLDS}-fold CV (train + dev, by document)"]
    for name in dev_scores:
        mean, spread = folds[name]
        lines.append(f"  {name:<12} dev {dev_scores[name]:.3f}   CV {mean:.3f} ± {spread:.3f}")
    helps = dev_scores["combined"] > dev_scores["rules"] and folds["combined"][0] > folds["rules"][0]
    scores = {"dev": dev_scores, "cv_mean": {k: v[0] for k, v in folds.items()}, "threshold": threshold}
    path = EventFilter(check.weights, check.intercept, threshold if helps else None, scores).save(model_dir)
    if helps:
        lines.append(f"  threshold {threshold:.2f} chosen on dev: events scored under it are dropped ({path})")
    else:
        lines.append(f"  no threshold beats the rules on dev and in CV: the check only scores events ({path})")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
