"""Articles written in capitals, put back into ordinary case before anything reads them.

Some outlets print whole stories, or pages scraped from them arrive, in capitals. The tagger
learned names and offices partly from their capitals, and some rules read case, so a shouting
article gives no event at all. Here such a text gets each word's usual form, taken from
``tables/truecase.json`` (how the corpus writes each word mid-sentence: ``dinas`` → ``Dinas``,
``ditutup`` stays lower, ``dprd`` → ``DPRD``; ``sosial`` after ``dinas`` → ``Sosial``); a word
the table does not know is most often a name, so it gets a capital. A sentence's first word
gets a capital too. The text keeps its length, character for character, so every offset stays
as it was.
"""

from __future__ import annotations

import re
from functools import cache

from closure_extractor.extract.tables_io import load_table

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n]\s*|[\"“]\s*)$")


@cache
def _table() -> tuple[float, int, frozenset[str], dict[str, str], dict[str, str]]:
    table = load_table("truecase")
    lower = frozenset(table["lower"])
    return table["shouting_share"], table["shouting_min_letters"], lower, table["forms"], table["pair_forms"]


def is_shouting(text: str) -> bool:
    """True when nearly every letter of a long enough text is a capital.

    >>> is_shouting("KANTOR DINAS SOSIAL KOTA SERANG DITUTUP SEMENTARA MULAI SENIN (16/11).")
    True
    >>> is_shouting("Kantor Dinas Sosial Kota Serang ditutup sementara mulai Senin (16/11).")
    False
    """
    share, minimum, *_ = _table()
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= minimum and sum(c.isupper() for c in letters) >= share * len(letters)


def recase(text: str) -> str:
    """Each word in its usual form, the length of the text unchanged.

    >>> recase("KANTOR DINAS SOSIAL KOTA SERANG DITUTUP SEMENTARA. KATA KEPALA DPRD ARIF RAHMAN.")
    'Kantor Dinas Sosial Kota Serang ditutup sementara. Kata Kepala DPRD Arif Rahman.'
    """
    _, _, lower, forms, pairs = _table()
    previous = {}  # start of each word -> the word before it, in lower case
    words = list(_WORD.finditer(text))
    for before, word in zip(words, words[1:]):
        previous[word.start()] = before.group().lower()

    def usual(match: re.Match) -> str:
        word = match.group()
        key = word.lower()
        form = pairs.get(f"{previous.get(match.start())} {key}") or forms.get(key)
        form = form or (key if key in lower else key.capitalize())
        if form == key and _SENTENCE_START.search(text[: match.start()]):
            form = key.capitalize()
        return form if len(form) == len(word) else word

    return _WORD.sub(usual, text)
