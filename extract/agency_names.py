"""Canonical names for AGENCY mentions, so that the many ways one office is written cluster together.

A single article calls the same office "Disdukcapil Kota Serang", "Disdukcapil", "kantor Disdukcapil" and
"Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Serang". An event needs them as one office and
must report its most complete written form. A mention is read as an office type (expanded from its
abbreviation via agency_aliases.json) followed by region words ("Kota Serang", "Cipocok Jaya").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from closure_extractor.extract.regions import canonical_region_words, find_regions
from closure_extractor.extract.tables_io import load_table

_BRACKETED = re.compile(r"\(([^()]*)\)")
# Punctuation inside names carries no meaning for identity: "Kab." = "Kab", "ATR/BPN" = "ATR BPN".
_PUNCTUATION = re.compile(r"[.,/;:\"'“”‘’()\[\]]")
_REGION_WEIGHT, _MARKER_WEIGHT = 100, 10


@dataclass(frozen=True)
class _AgencyWords:
    """The alias table in the shape the parser needs."""

    aliases: tuple[tuple[tuple[str, ...], str], ...]
    markers: dict[str, str]
    building: frozenset[str]
    qualifiers: frozenset[str]


@dataclass(frozen=True)
class _Parsed:
    """One mention split into its parts.

    ``office`` is the canonical type, or the written words before any region marker when the type is not
    in the table; ``known`` says which. ``rest`` holds every word after the type with region markers
    canonicalised; ``region`` only the words that name a place (no marker, no rank qualifier).
    """

    office: str
    known: bool
    written: int
    marker: str | None
    rest: tuple[str, ...]
    region: frozenset[str]


def _words(text: str) -> list[str]:
    """Lowercase words with punctuation (other than hyphens, as in "Covid-19") removed."""
    return _PUNCTUATION.sub(" ", text.lower()).split()


@functools.cache
def _agency_words() -> _AgencyWords:
    """Build the lookup structures once; the table is static. Aliases are tried longest first so that
    "Dinas Pendidikan dan Kebudayaan" is not read as "Dinas Pendidikan" followed by region words."""
    table = load_table("agency_aliases")
    aliases = [(tuple(_words(alias)), entry["canonical"]) for entry in table["types"] for alias in entry["aliases"]]
    return _AgencyWords(
        aliases=tuple(sorted(aliases, key=lambda pair: len(pair[0]), reverse=True)),
        markers={word: canonical for canonical, words in table["region_markers"].items() for word in words},
        building=frozenset(table["building_words"]),
        qualifiers=frozenset(table["qualifier_words"]),
    )


def _match_alias(words: list[str]) -> tuple[str, int] | None:
    """The canonical type whose alias begins ``words``, with the number of words it covers."""
    for alias, canonical in _agency_words().aliases:
        if tuple(words[: len(alias)]) == alias:
            return canonical, len(alias)
    return None


def _drop_abbreviations(mention: str) -> str:
    """Remove a bracketed abbreviation or expansion written next to a name.

    "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Pandeglang" names the office once;
    the bracket repeats it. A bracket is dropped when it holds a known alias or a single word (an
    abbreviation the table does not know yet); a longer unknown bracket is kept as words.
    """

    def replace(match: re.Match[str]) -> str:
        inner = _words(match.group(1))
        alias = _match_alias(inner)
        whole_alias = alias is not None and alias[1] == len(inner)
        return " " if len(inner) <= 1 or whole_alias else f" {match.group(1)} "

    return _BRACKETED.sub(replace, mention)


def _parse(mention: str) -> _Parsed:
    """Split a mention into office type and region; see ``_Parsed``."""
    table = _agency_words()
    words = _words(_drop_abbreviations(mention))
    matched = _match_alias(words)
    while matched is None and words and words[0] in table.building:
        words = words[1:]
        matched = _match_alias(words)
    if matched is not None:
        office, written = matched
        rest_words = words[written:]
    else:
        regions_at = [hit.start for hit in find_regions(words) if hit.start > 0]
        marker_at = next((i for i, w in enumerate(words) if w in table.markers), len(words))
        marker_at = min([marker_at, *regions_at])
        office, written, rest_words = " ".join(words[:marker_at]), marker_at, words[marker_at:]
    rest_words = list(canonical_region_words(rest_words))
    rest = tuple(table.markers.get(w, w) for w in rest_words)
    marker = next((table.markers[w] for w in rest_words if w in table.markers), None)
    region = frozenset(w for w in rest_words if w not in table.markers and w not in table.qualifiers)
    return _Parsed(office, matched is not None, written, marker, rest, region)


def agency_key(mention: str) -> str:
    """A canonical key for an AGENCY mention: expanded office type plus region words, lowercase.

    "Disdukcapil Kota Serang" and "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Serang" get
    the same key. Mentions that differ only by a missing region marker ("Dinsos Serang") do not; use
    ``same_agency`` for that looser comparison.
    """
    parsed = _parse(mention)
    return " ".join(filter(None, (parsed.office, *parsed.rest)))


def agency_parts(mention: str) -> tuple[str, bool, tuple[str, ...]]:
    """The office type, whether the alias table knows it, and the words after it (region markers
    canonicalised: 'Kab.' → 'kabupaten'); the closure register reads the region from those words."""
    parsed = _parse(mention)
    return parsed.office, parsed.known, parsed.rest


def agency_type(mention: str) -> str | None:
    """The canonical office type ("dinas sosial" for "Dinsos Serang"), or None when not in the table."""
    parsed = _parse(mention)
    return parsed.office if parsed.known else None


def bracket_expansions(mention: str) -> list[tuple[str, str]]:
    """``(abbreviation, what it stands for)`` pairs a name defines with brackets.

    "Badan Pengelolaan Keuangan dan Aset Daerah (BPKAD) Provinsi Sulawesi Tenggara (Sultra)" defines
    BPKAD (the words before it) and Sultra (the words since the previous bracket), so another
    mention of the story, "BPKAD Sultra", can be read in full.

    >>> bracket_expansions("Kementerian Sosial (Kemensos) RI")
    [('Kemensos', 'Kementerian Sosial')]
    """
    pairs, since = [], 0
    for match in _BRACKETED.finditer(mention):
        inner, before = match.group(1).strip(), mention[since : match.start()].strip()
        if inner and before and len(inner.split()) == 1 and len(before.split()) > 1:
            pairs.append((inner, before))
        since = match.end()
    return pairs


def _expand(mention: str, other: str) -> str:
    """``mention`` with the abbreviations that ``other`` defines in brackets written out."""
    for short, full in bracket_expansions(other):
        mention = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", full, mention)
    return mention


def same_agency(a: str, b: str) -> bool:
    """True when two mentions plausibly name the same office.

    Both must name the same office type; their region markers (kota, kabupaten, provinsi) must not differ
    when both are written; and the region words of one must be contained in the other's, so a mention
    without a region ("Dinsos") matches any region ("Dinas Sosial Kota Serang") while "Kota Serang" and
    "Kabupaten Lebak" never match. An abbreviation one of them defines in brackets is written out in the
    other first ("BPKAD Sultra" and "Badan ... (BPKAD) Provinsi Sulawesi Tenggara (Sultra)").
    """
    if _strict_same(a, b):
        return True
    expanded_a, expanded_b = _expand(a, b), _expand(b, a)
    return (expanded_a, expanded_b) != (a, b) and _strict_same(expanded_a, expanded_b)


def _strict_same(a: str, b: str) -> bool:
    first, second = _align_unknown(_parse(a), _parse(b))
    if not first.office or first.office != second.office:
        return False
    if first.marker and second.marker and first.marker != second.marker:
        return False
    return first.region <= second.region or second.region <= first.region


_CONNECTORS = frozenset({"dan", "serta", "&"})


def initials(words: list[str]) -> str:
    """The initialism of a spelled-out name, connectors skipped.

    >>> initials("badan kepegawaian pendidikan dan pelatihan daerah".split())
    'bkppd'
    """
    return "".join(word[0] for word in words if word not in _CONNECTORS)


def _split_unknown(parsed: _Parsed, office: str) -> _Parsed | None:
    """``parsed`` read as office ``office`` followed by region words, when its unknown type allows it.

    A type the alias table does not know swallows every word up to a region marker, so
    "Badan Pengelola Pajak dan Retribusi Daerah Palangka Raya" and "RSUPP Betun" hide their regions
    in the type. They are read against another mention's shorter type: its words, or its initialism,
    at the start of this one's.
    """
    words = parsed.office.split()
    for size in range(len(words) - 1, 0, -1):
        head, tail = words[:size], words[size:]
        if tail[0] in _CONNECTORS:
            continue
        if " ".join(head) == office or (" " not in office and initials(head) == office):
            region = parsed.region | frozenset(canonical_region_words(tail))
            return _Parsed(office, False, parsed.written, parsed.marker, (*tail, *parsed.rest), region)
    return None


def _align_unknown(first: _Parsed, second: _Parsed) -> tuple[_Parsed, _Parsed]:
    """Two mentions of types the table does not know, read with one type where the words allow.

    >>> a, b = _align_unknown(_parse("BKPPD"), _parse("Badan Kepegawaian Pendidikan dan Pelatihan Daerah"))
    >>> a.office == b.office
    True
    """
    if first.known or second.known or first.office == second.office:
        return first, second
    if " " not in first.office and initials(second.office.split()) == first.office:
        return first, _Parsed(first.office, False, second.written, second.marker, second.rest, second.region)
    if " " not in second.office and initials(first.office.split()) == second.office:
        return _Parsed(second.office, False, first.written, first.marker, first.rest, first.region), second
    longer_second = _split_unknown(second, first.office)
    if longer_second is not None:
        return first, longer_second
    longer_first = _split_unknown(first, second.office)
    return (longer_first, second) if longer_first is not None else (first, second)


def names_place(mention: str) -> bool:
    """True when a mention says which office it is ('Puskesmas Dungingi'), not only its type ('Puskesmas')."""
    return bool(_parse(mention).region)


def agency_completeness(mention: str) -> int:
    """A score for choosing "the most complete mention" of an office among those that name it.

    Region words weigh most (they identify the office), then a written region marker ("Kota"), then the
    number of words the type is written with, so a spelled-out name beats its abbreviation.
    """
    parsed = _parse(mention)
    qualifiers = sum(1 for w in parsed.rest if w in _agency_words().qualifiers)
    marker = 1 if parsed.marker else 0
    return _REGION_WEIGHT * len(parsed.region) + _MARKER_WEIGHT * marker + parsed.written + qualifiers


@functools.cache
def _head_title_pattern() -> re.Pattern[str]:
    titles = sorted(load_table("agency_aliases")["head_titles"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, t.split())) for t in titles)
    return re.compile(rf"\b({alternatives})\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){{0,2}})", re.IGNORECASE)


def offices_headed_in(text: str) -> list[str]:
    """Offices whose heads a sentence names by place-bearing title: 'Camat Cibadak' → 'kecamatan Cibadak'.

    A head's title stands for the office in topic tracking, for sentences that name no AGENCY.
    The place must be capitalised, so 'lurah dan camat' names no office.
    """
    heads = load_table("agency_aliases")["head_titles"]
    offices = []
    for match in _head_title_pattern().finditer(text):
        place = match.group(2)
        if not place[0].isupper():
            continue
        offices.append(f"{heads[' '.join(match.group(1).lower().split())]} {place}")
    return offices
