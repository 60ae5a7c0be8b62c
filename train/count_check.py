"""Fit the learned headcount check (``extract/count_check.py``) on the corpus's gold events.

    python -m closure_extractor.train.count_check --model runs/default [--data data/corpus]

Each staff count of a matched event's story is a candidate, labelled by whether the gold event
lists its number; fitting, threshold and cross-validation as ``train/membership.py`` says.
"""

from __future__ import annotations

from closure_extractor.extract.count_check import CountCheck, count_options
from closure_extractor.extract.types import Headcount
from closure_extractor.train.membership import Membership, Offer, run_cli

COUNTS = Membership(
    what="headcount",
    offer=lambda gold, offered: Offer(*offered.counts, [h["count"] for h in gold["headcounts"]]),
    options=count_options,
    value=lambda option: option.count if isinstance(option, Headcount) else option.headcount.count,
    build=CountCheck,
)
fit_and_report = COUNTS.fit_and_report

if __name__ == "__main__":
    raise SystemExit(run_cli(COUNTS, "count_check"))
