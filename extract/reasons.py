"""The reason category of a closure (``covid_case`` ... ``other``), read from its sentences.

The categories and their cues are data (``tables/reason_categories.json``); this module only
applies them: the rule with the lowest priority number that matches any sentence of the event
decides, so a Covid case in the office outranks the pandemic rules the story also mentions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from closure_extractor.extract.tables_io import load_table

OTHER = "other"


@dataclass(frozen=True)
class ReasonRule:
    id: str
    category: str
    priority: int
    pattern: re.Pattern


@functools.cache
def reason_rules() -> tuple[ReasonRule, ...]:
    rules = [
        ReasonRule(r["id"], r["category"], r["priority"], re.compile(r["pattern"], re.IGNORECASE))
        for r in load_table("reason_categories")["rules"]
    ]
    return tuple(sorted(rules, key=lambda rule: rule.priority))


def reason_category(sentences: Iterable[str], fallback: Iterable[str] = ()) -> str:
    """The category of the first (by priority) rule that any sentence matches, else ``other``.

    When the event's own sentences give no reason, the ``fallback`` sentences (the article's body)
    are read the same way: a story often tells why once, away from each closure sentence.

    >>> reason_category(["Kantor Disdukcapil terendam banjir sejak Senin (1/3)."])
    'disaster'
    >>> reason_category(["Selama PPKM darurat kantor tutup.", "Dua pegawai positif Covid-19."])
    'covid_case'
    >>> reason_category(["Pelayanan ditutup sementara."])
    'other'
    >>> reason_category(["Pelayanan ditutup sementara."], fallback=["Warga memprotes hasil seleksi."])
    'security'
    """
    for texts in (list(sentences), list(fallback)):
        for rule in reason_rules():
            if any(rule.pattern.search(text) for text in texts):
                return rule.category
    return OTHER
