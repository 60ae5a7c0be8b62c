"""Which office an event's agency is, as a key that every article about it shares: body + unit + region.

"Dukcapil Serang" in a story datelined "SERANG –" that also speaks of "Pemkot Serang" and
"Disdukcapil Kota Serang" in another are one office: ``dinas kependudukan dan pencatatan sipil|36.73``.
The region comes from the agency's own words when it names one, else from the article (its
dateline, then the regions it names most); how it was found and how sure that is are kept.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from closure_extractor.extract.agency_names import agency_parts
from closure_extractor.extract.regions import (
    LEVELS,
    Region,
    choose,
    dateline_region,
    find_regions,
    is_ignored_word,
    is_unit_type,
    region_by_code,
    text_regions,
    type_level,
)

# How sure a region is, by how it was found (a guess among several readings costs GUESS_PENALTY).
CONFIDENCE = {"agency": 0.95, "dateline": 0.8, "article": 0.6, "none": 0.0}
GUESS_PENALTY = 0.25
_QUALIFIERS = frozenset({"pratama", "madya", "kelas", "tipe", "i", "ii", "iii", "ia", "ib", "a", "b", "c", "d"})


@dataclass(frozen=True)
class ArticleContext:
    """What an article says about where it happens, read once per article."""

    dateline: Region | None = None
    regions: tuple[Region, ...] = ()

    @property
    def preferred(self) -> tuple[Region, ...]:
        """Readings to prefer for an ambiguous name: the dateline first, then the most named."""
        return ((self.dateline,) if self.dateline else ()) + self.regions


def article_context(text: str | None) -> ArticleContext:
    """The dateline region and the regions an article names (none for an empty text)."""
    if not text:
        return ArticleContext()
    regions = tuple(text_regions(text))
    return ArticleContext(dateline_region(text, regions), regions)


@dataclass(frozen=True)
class OfficeIdentity:
    """An office as the register keys it; ``how`` is agency|dateline|article|none."""

    office_key: str
    body: str
    unit: str
    region: Region | None
    how: str
    confidence: float

    @property
    def loose_key(self) -> str:
        """The office without its region ('pengadilan negeri'), for finding candidates to compare."""
        return self.office_key.rsplit("|", 1)[0]

    @property
    def firm(self) -> bool:
        """True when the agency names its region itself; a region read from the article is soft."""
        return self.how == "agency"


@dataclass(frozen=True)
class _AgencyReading:
    body: str
    unit: str
    level: str | None
    hit_candidates: tuple[Region, ...]
    hit_level: str | None


@functools.lru_cache(maxsize=65536)
def _read_agency(agency: str) -> _AgencyReading:
    """Split an agency into body, unit words and the region it names (if any).

    After most office types the words name a region, perhaps followed by a unit ('KPP Pratama
    Padang Satu'): the first region name counts. After a unit type ('Puskesmas', 'Kecamatan') they
    name the unit, so only a region with a level cue counts ('Puskesmas Cipocok Jaya Kota Serang');
    'Kecamatan Serang' is a unit whose region comes from the article. For a type the alias table
    does not know, a region name may also stand among the words taken for the type.
    """
    body, known, rest = agency_parts(agency)
    if not known:
        body, known, rest = agency_parts(_without_leading_ignored(agency))
    kept = [w for w in rest if not is_ignored_word(w) and w not in _QUALIFIERS]
    if not known:
        type_words = [w for w in body.split() if not is_ignored_word(w) and w not in _QUALIFIERS] or body.split()
        words = type_words + kept
        named = [h for h in find_regions(words) if h.start > 0]
        cut = named[0].start if named else len(type_words)
        while cut > 1 and words[cut - 1] in LEVELS:
            cut -= 1
        body, kept = " ".join(words[:cut]), words[cut:]
    words = kept
    unit_type = is_unit_type(body)
    hits = [h for h in find_regions(words) if h.level or not unit_type]
    if not hits:
        return _AgencyReading(body, _unit(words), type_level(body), (), None)
    hit = hits[-1] if unit_type else hits[0]
    unit = _unit(words[: hit.start] + words[hit.end :])
    return _AgencyReading(body, unit, type_level(body), hit.candidates, hit.level or type_level(body))


_PARENTHESES = re.compile(r"\([^()]*\)")


def _unit(words: list[str]) -> str:
    return " ".join(w for w in words if w not in LEVELS)


def _without_leading_ignored(agency: str) -> str:
    """'UPT Samsat Pekanbaru' → 'Samsat Pekanbaru': a unit prefix hides the office type."""
    parts = agency.split()
    while len(parts) > 1 and is_ignored_word(parts[0].lower().strip(".")):
        parts = parts[1:]
    return " ".join(parts)


def identify_office(agency: str, context: ArticleContext = ArticleContext()) -> OfficeIdentity:
    """The office key of one agency mention read in its article's context. What stands in
    parentheses restates the office ('(PN Jakpus)', '(Disdukcapil)') or places it ('(Kebon
    Sirih)'), so it does not count: one office written with and without it keeps one key.

    >>> identify_office("Pengadilan Negeri Jakarta Pusat (PN Jakpus)").office_key
    'pengadilan negeri|31.73'
    """
    reading = _read_agency(_PARENTHESES.sub(" ", agency).strip() or agency)
    if reading.hit_candidates:
        region, guessed = choose(reading.hit_candidates, reading.hit_level, context.preferred)
        how = "agency"
    else:
        region, guessed, how = _region_from_article(context, reading.level)
    confidence = max(0.0, CONFIDENCE[how] - (GUESS_PENALTY if guessed else 0.0))
    key = " ".join(filter(None, (reading.body, reading.unit))) + "|" + (region.code if region else "")
    return OfficeIdentity(key, reading.body, reading.unit, region, how, round(confidence, 2))


def _region_from_article(context: ArticleContext, level: str | None) -> tuple[Region | None, bool, str]:
    """An office without a region in its name is where the story is: its dateline, else the region
    it names most. A province-level office ('Kejati') takes the province of that place."""
    for region, how in ((context.dateline, "dateline"), (context.regions[0] if context.regions else None, "article")):
        if region is None:
            continue
        if level == "provinsi" and region.kind != "provinsi":
            return region_by_code(region.province_code), False, how
        return region, False, how
    return None, False, "none"


def _contains(outer: str | None, inner: str | None) -> bool:
    """True when region ``outer`` is unknown or is the province ``inner`` lies in (codes '36' ⊃ '36.73')."""
    return outer is None or (inner is not None and "." not in outer and inner.startswith(outer + "."))


def regions_compatible(code: str | None, firm: bool, other: str | None, other_firm: bool) -> bool:
    """Whether two reports of one office type can be of one office, judged by their regions.

    Equal regions always are. A soft region (read from the dateline or article, or unknown) may also
    hold the other: 'Kejaksaan Negeri' in a story datelined 'JAKARTA' (31) fits 'Kejari Jakarta Pusat'
    (31.73). Two regions the agencies name themselves must be equal: 'DPRD Banten' is not 'DPRD Kota
    Serang'.
    """
    if code == other:
        return True
    return (not firm and _contains(code, other)) or (not other_firm and _contains(other, code))


def specificity(code: str | None, firm: bool) -> tuple[bool, int]:
    """How much a region says: a firm one over a soft one, a kabupaten/kota over a province over none."""
    return firm, 0 if code is None else 1 if "." not in code else 2
