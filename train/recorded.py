"""What the learned decisions are fitted from: the rules' events on gold spans, with what each
event was offered, matched to the gold events of its document.

Assembly runs once per document with a ``Recorder`` standing in for every learned decision:
it keeps each event's candidates and the rules' choice and hands the rules' choice back, so the
events are exactly the rules' own. Only events that match a gold event teach.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from closure_extractor.data.schema import AnnotatedDocument
from closure_extractor.extract.date_roles import DateCandidate
from closure_extractor.extract.document import parse_published, prepare
from closure_extractor.extract.evaluate import gold_spans
from closure_extractor.extract.event_dates import EventDates
from closure_extractor.extract.event_officials import OfficialCandidate
from closure_extractor.extract.events import assemble_events
from closure_extractor.extract.headcounts import CountCandidate
from closure_extractor.extract.learned import SlotModel
from closure_extractor.extract.scoring import match_events
from closure_extractor.extract.types import Headcount

FOLDS = 5


@dataclass
class Offered:
    """What one event was offered during assembly, and what the rules chose."""

    dates: tuple[list[DateCandidate], EventDates] | None = None
    officials: tuple[list[OfficialCandidate], list[str]] = field(default_factory=lambda: ([], []))
    counts: tuple[list[CountCandidate], list[Headcount]] = field(default_factory=lambda: ([], []))

    def key(self) -> tuple:
        rules = self.dates[1] if self.dates else None
        days = (rules.start, rules.end, rules.duration) if rules else (None, None, None)
        return (*(d.isoformat() if hasattr(d, "isoformat") else d for d in days), tuple(self.officials[1]))


class Recorder:
    """Stands in for the learned decisions during assembly (they are taken in this order per event)."""

    def __init__(self) -> None:
        self.offered: list[Offered] = []

    def revise_dates(self, candidates: list[DateCandidate], rules: EventDates) -> EventDates:
        self.offered.append(Offered(dates=(candidates, rules)))
        return rules

    def choose_officials(self, candidates: list[OfficialCandidate], rules: list[str]) -> list[str]:
        self.offered[-1].officials = (candidates, rules)
        return rules

    def choose_counts(self, candidates: list[CountCandidate], rules: list[Headcount]) -> list[Headcount]:
        self.offered[-1].counts = (candidates, rules)
        return rules


_CACHE: dict[tuple[str, str], list[tuple[dict, Offered]]] = {}


def matched_offers(document: AnnotatedDocument) -> list[tuple[dict, Offered]]:
    """Each gold event the rules found, with what the matching event was offered (computed once)."""
    key = (document.id, document.text)
    if key not in _CACHE:
        recorder = Recorder()
        prepared = prepare(document.text, parse_published(document.published))
        events = assemble_events(prepared, gold_spans(document), decisions=recorder)
        as_dicts = [e.to_dict() for e in events]
        offered = _align(as_dicts, recorder.offered)
        _CACHE[key] = [(document.events[g], offered[p]) for g, p in match_events(document.events, as_dicts)]
    return _CACHE[key]


def _align(events: list[dict], offered: list[Offered]) -> list[Offered]:
    """Each returned event's record (assembly drops long-over events after building them, in order)."""
    records, position = [], 0
    for event in events:
        wanted = (event["start_date"], event["end_date"], event["duration_days"])
        wanted += (tuple(o["name"] for o in event["officials"]),)
        while offered[position].key() != wanted:
            position += 1
        records.append(offered[position])
        position += 1
    return records


def folds(documents: list[AnnotatedDocument]) -> Iterator[tuple[list[AnnotatedDocument], list[AnnotatedDocument]]]:
    """Training and held-out documents of each of ``FOLDS`` folds, grouped by document."""
    from sklearn.model_selection import GroupKFold

    ids = [d.id for d in documents]
    for train_index, held_index in GroupKFold(n_splits=FOLDS).split(ids, groups=ids):
        yield [documents[i] for i in train_index], [documents[i] for i in held_index]


def fit_logistic(rows: list[tuple[dict[str, float], bool]], regularisation: float) -> SlotModel:
    """A logistic regression over named features (threshold 0.5 until one is chosen)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [int(right) for _, right in rows]
    if len(set(labels)) < 2:
        raise ValueError("the candidates are all right or all wrong: nothing to learn")
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=regularisation, max_iter=3000)
    model.fit(vectorizer.fit_transform([features for features, _ in rows]), labels)
    weights = {name: float(w) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])}
    return SlotModel(weights, float(model.intercept_[0]), 0.5)


def run_fit_cli(fit_and_report, module: str, description: str | None, argv: list[str] | None = None) -> int:
    """``python -m closure_extractor.train.<module> --model DIR [--data ...]``: load the corpus, fit
    a learned decision on its train split, choose on dev, save into DIR and print the report."""
    import argparse
    from pathlib import Path

    from closure_extractor.data.dataset import corpus_files
    from closure_extractor.data.schema import load_corpus

    parser = argparse.ArgumentParser(prog=f"python -m closure_extractor.train.{module}", description=description)
    parser.add_argument("--model", required=True, help="model directory to save the fitted decision into")
    parser.add_argument("--data", nargs="+", default=["data/corpus"], help="corpus JSONL files or folder")
    args = parser.parse_args(argv)
    try:
        documents = load_corpus(corpus_files(args.data))
    except (OSError, ValueError) as exc:
        parser.exit(2, f"error: {exc}\n")
    train = [d for d in documents if d.split == "train"]
    dev = [d for d in documents if d.split == "dev"]
    print(fit_and_report(train, dev, Path(args.model)))
    return 0
