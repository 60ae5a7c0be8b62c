"""Sentence splitting that keeps character offsets into the original text.

Indonesian news breaks sentences at ``.``, ``!`` and ``?`` but also uses many dotted
abbreviations in names and titles (``dr.``, ``Hj.``, ``Kab.``, ``M.Kes.``); those must not
end a sentence, or an official's name would be cut in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    [
        "dr",
        "drg",
        "h",
        "hj",
        "drs",
        "dra",
        "ir",
        "prof",
        "st",
        "no",
        "kab",
        "kec",
        "kel",
        "jl",
        "jln",
        "tb",
        "m",
        "s",
        "sos",
        "kes",
        "si",
        "pd",
        "hum",
        "ak",
        "ph",
        "mm",
        "mt",
        "ma",
        "sh",
        "se",
        "sp",
        "spd",
        "skm",
        "amd",
        "kh",
        "ust",
        "dll",
        "dsb",
        "dkk",
        "tsb",
        "yth",
        "bpk",
        "bu",
        "pak",
        "sdr",
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "i",
        "j",
        "k",
        "l",
        "n",
        "o",
        "p",
        "q",
        "r",
        "t",
        "u",
        "v",
        "w",
        "x",
        "y",
        "z",
        "tn",
        "ny",
        "nn",
        "kol",
        "let",
        "jend",
        "brig",
        "mayjen",
        "ipda",
        "iptu",
        "aiptu",
        "akp",
        "kompol",
        "akbp",
        "kombes",
        "moh",
        "muh",
        "mhd",
        "moch",
        "abd",
        "drh",
        "apt",
        "ns",
        "dt",
    ]
)
BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    """A sentence as a character range of the text it came from."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences: every line break ends one, and so does end punctuation."""
    sentences: list[Sentence] = []
    for line in LINE.finditer(text):
        cursor = line.start()
        for match in BOUNDARY.finditer(line.group()):
            end = line.start() + match.end()
            if _ends_in_abbreviation(text, line.start() + match.start(), cursor):
                continue
            _append(sentences, text, cursor, end)
            cursor = end
        _append(sentences, text, cursor, line.end())
    return sentences


def _ends_in_abbreviation(text: str, dot: int, floor: int) -> bool:
    """True when the dot at ``dot`` closes an abbreviation such as ``dr.`` or ``M.Kes.``."""
    if text[dot] != ".":
        return False
    word = re.search(r"[\w.]*$", text[floor:dot]).group()
    last = word.split(".")[-1].lower()
    return last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))
