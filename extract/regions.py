"""Indonesian regions (provinces, kabupaten, kota) with their Kemendagri codes, found in words and text.

The closure register keys an office by its region, so it must tell "Kota Serang" (36.73) from
"Kabupaten Serang" (36.04) and read "SERANG –" at the head of a story. The names, codes and the
words that mark a level live in ``tables/regions.json``; this module only looks them up.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from closure_extractor.extract.tables_io import load_table

LEVELS = ("kota", "kabupaten", "provinsi")
_WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Region:
    """A province or a kabupaten/kota; ``province_code`` is the code itself for a province."""

    code: str
    name: str
    kind: str
    province_code: str
    province: str

    @property
    def label(self) -> str:
        """The name as a reader writes it: 'Kota Serang', 'Kabupaten Lebak', 'Banten'."""
        return self.name if self.kind == "provinsi" else f"{self.kind.title()} {self.name}"


@dataclass(frozen=True)
class RegionHit:
    """Where a region name sits in a word list, the level a cue before it asks for, and its readings."""

    start: int
    end: int
    level: str | None
    candidates: tuple[Region, ...]


@dataclass(frozen=True)
class _RegionTable:
    by_words: dict[tuple[str, ...], tuple[Region, ...]]
    by_code: dict[str, Region]
    longest: int
    level_cues: tuple[tuple[tuple[str, ...], str], ...]
    type_levels: dict[str, str]
    ignored: frozenset[str]
    unit_types: frozenset[str]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text.replace(".", " "))]


@functools.cache
def _table() -> _RegionTable:
    """Index every written form of every region once; the table is static."""
    table = load_table("regions")
    provinces = {p["code"]: p for p in table["provinces"]}
    by_words: dict[tuple[str, ...], list[Region]] = {}
    by_code: dict[str, Region] = {}
    for entry in table["provinces"]:
        region = Region(entry["code"], entry["name"], "provinsi", entry["code"], entry["name"])
        by_code[region.code] = region
        for alias in {entry["name"].lower(), *entry["aliases"]}:
            by_words.setdefault(tuple(_words(alias)), []).append(region)
    for entry in table["regions"]:
        province = provinces[entry["code"][:2]]
        region = Region(entry["code"], entry["name"], entry["kind"], province["code"], province["name"])
        by_code[region.code] = region
        for alias in {entry["name"].lower(), *entry.get("aliases", [])}:
            by_words.setdefault(tuple(_words(alias)), []).append(region)
    cues = [(tuple(_words(cue)), level) for level, words in table["level_cues"].items() for cue in words]
    return _RegionTable(
        by_words={key: tuple(value) for key, value in by_words.items()},
        by_code=by_code,
        longest=max(len(key) for key in by_words),
        level_cues=tuple(sorted(cues, key=lambda pair: len(pair[0]), reverse=True)),
        type_levels=dict(table["type_levels"]),
        ignored=frozenset(table["ignored_words"]),
        unit_types=frozenset(table["unit_types"]),
    )


def region_by_code(code: str) -> Region | None:
    return _table().by_code.get(code)


def type_level(office_type: str) -> str | None:
    """The level an office type sits at ('kejaksaan tinggi' → 'provinsi'), or None when any."""
    return _table().type_levels.get(office_type)


def is_unit_type(office_type: str) -> bool:
    """Office types whose following words name the unit itself ('Puskesmas Batu Aji'), not a region."""
    return office_type in _table().unit_types


def is_ignored_word(word: str) -> bool:
    """Words such as 'cabang' or 'UPT' that never tell two offices apart."""
    return word in _table().ignored


def level_before(words: Sequence[str], index: int) -> tuple[str | None, int]:
    """The level a cue just before ``words[index]`` names ('pemkot', 'kabupaten'), and where it starts."""
    for cue, level in _table().level_cues:
        start = index - len(cue)
        if start >= 0 and tuple(words[start:index]) == cue:
            return level, start
    return None, index


def find_regions(words: Sequence[str], capitalised: Sequence[bool] | None = None) -> list[RegionHit]:
    """Every region name in ``words``, longest first at each position, with the level cue before it.

    With ``capitalised``, a name counts only where its first word is capitalised in the text, so that
    'batu' or 'solo' as ordinary words are not read as Kota Batu or Surakarta.
    """
    table = _table()
    hits, index = [], 0
    while index < len(words):
        if capitalised is not None and not capitalised[index]:
            index += 1
            continue
        for size in range(min(table.longest, len(words) - index), 0, -1):
            candidates = table.by_words.get(tuple(words[index : index + size]))
            if candidates:
                level, _ = level_before(words, index)
                hits.append(RegionHit(index, index + size, level, candidates))
                index += size
                break
        else:
            index += 1
    return hits


def is_region_name(text: str) -> bool:
    """True when ``text`` is only a region's name ('NTT', 'Kota Kupang'): a place, not a body.
    A government word ('Pemkab Kupang') makes it the body.

    >>> [is_region_name(t) for t in ("NTT", "Kota Kupang", "Dinkes NTT", "Pemkot Kupang")]
    [True, True, False, False]
    """
    words = _words(text)
    if words and words[0] in _place_markers():
        words = words[1:]
    return bool(words) and tuple(words) in _table().by_words


@functools.cache
def _place_markers() -> frozenset[str]:
    """'kota', 'kab.', 'provinsi': words that only say which level the region name after them is."""
    return frozenset(word for group in load_table("agency_aliases")["region_markers"].values() for word in group)


def canonical_region_words(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` with each region's written form replaced by its name, so that two ways of writing
    one place compare equal; a form that names places of different names is left as written.

    >>> canonical_region_words(["kobar"])
    ('kotawaringin', 'barat')
    >>> canonical_region_words(["kota", "solo"])
    ('kota', 'surakarta')
    """
    out: list[str] = []
    index = 0
    for hit in find_regions(words):
        out += words[index : hit.start]
        names = {region.name for region in hit.candidates}
        out += _words(names.pop()) if len(names) == 1 else words[hit.start : hit.end]
        index = hit.end
    return tuple(out + list(words[index:]))


def choose(
    candidates: Sequence[Region], level: str | None = None, preferred: Sequence[Region] = ()
) -> tuple[Region | None, bool]:
    """One reading of a region name, and whether it was a guess among several.

    A level cue decides first ('Kabupaten Serang'); then a reading the article itself supports
    (``preferred``: its dateline and other region mentions, most frequent first, or regions of the
    same province); else a kota before a kabupaten before a province, as news writes bare city names.
    """
    fitting = [c for c in candidates if level is None or c.kind == level] or list(candidates)
    if len(fitting) == 1:
        return fitting[0], False
    for region in preferred:
        if region in fitting:
            return region, False
    for region in preferred:
        same_province = [c for c in fitting if c.province_code == region.province_code]
        if len(same_province) == 1:
            return same_province[0], False
    order = {kind: rank for rank, kind in enumerate(LEVELS)}
    return sorted(fitting, key=lambda c: (order[c.kind], c.code))[0], True


def text_regions(text: str) -> list[Region]:
    """Regions an article names, most often named first (ties: the first named); capitalised names only.

    A name written with a level cue ('Kota Serang', 'Pemkab Serang') is read at that level; a bare
    ambiguous one is read the way the same article reads it elsewhere.
    """
    matches = list(_WORD.finditer(text))
    words = [m.group(0).lower() for m in matches]
    capitalised = [m.group(0)[:1].isupper() for m in matches]
    hits = find_regions(words, capitalised)
    settled = [h.candidates[0] for h in hits if len(h.candidates) == 1] + [
        r for h in hits if h.level for r, guessed in [choose(h.candidates, h.level)] if not guessed
    ]
    counts: Counter[Region] = Counter()
    first_seen: dict[Region, int] = {}
    for position, hit in enumerate(hits):
        region, _ = choose(hit.candidates, hit.level, settled)
        if region is not None:
            counts[region] += 1
            first_seen.setdefault(region, position)
    return sorted(counts, key=lambda r: (-counts[r], first_seen[r]))


def dateline_region(text: str, preferred: Sequence[Region] = ()) -> Region | None:
    """The place of a story's dateline: 'SERANG –', 'KOMPAS.com, BANJARBARU -', 'PADANG, SUMBARNEWS –'.

    Only the first ``dateline_reach`` characters of the first line are read, up to the first dash
    that stands between spaces; each comma-separated part is tried as a region name.
    """
    table = load_table("regions")
    head = text.lstrip()[: table["dateline_reach"]].split("\n", 1)[0]
    separator = re.search(table["dateline_separator"], head)
    if separator is None:
        return None
    for part in head[: separator.start()].split(","):
        words = _words(part)
        if words and (candidates := _table().by_words.get(tuple(words))):
            return choose(candidates, None, preferred)[0]
    return None
