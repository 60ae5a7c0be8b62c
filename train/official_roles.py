"""Fit the learned official check (``extract/official_roles.py``) on the corpus's gold events.

    python -m closure_extractor.train.official_roles --model runs/default [--data data/corpus]

Each official the article names is a candidate of each matched event, labelled by whether the
gold event lists them; fitting, threshold and cross-validation as ``train/membership.py`` says.
"""

from __future__ import annotations

from closure_extractor.extract.official_roles import OfficialRoles, official_options
from closure_extractor.train.membership import Membership, Offer, run_cli

OFFICIALS = Membership(
    what="official",
    offer=lambda gold, offered: Offer(*offered.officials, [o["name"] for o in gold["officials"]]),
    options=official_options,
    value=lambda option: option if isinstance(option, str) else option.name,
    build=OfficialRoles,
)
fit_and_report = OFFICIALS.fit_and_report

if __name__ == "__main__":
    raise SystemExit(run_cli(OFFICIALS, "official_roles"))
