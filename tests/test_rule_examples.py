"""Every regular expression of the language tables, run against its own named examples.

The tables under ``extract/tables`` are edited as data, often by someone who did not write the pattern at hand,
and a regex only shows what it is for through the texts it must and must not match. ``rule_examples.json`` gives
each one an id, a one-line meaning and such texts; these tests run them, and fail when a table gains a pattern
without examples or an entry outlives the pattern it was written for.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from closure_extractor.extract.normalize_date import _range_rules
from closure_extractor.extract.tables_io import load_table

# Keys the code reads as plain words, phrases or numbers (never compiled), so they need no examples. Every other
# key of these tables must hold regular expressions: a new key fails the tests until it has examples or is listed.
NOT_REGEX = {
    "closure_cues": {"actor_types", "not_staff_heads", "task_force_types"},
    "headcount_roles": {"before_words", "object_words", "weak_roles", "generic_heads"},
    "boilerplate": {"char_map", "drop_chars"},
    "date_ranges": set(),
    "reason_categories": set(),
    "duration_units": {
        "units",
        "qualifiers",
        "lead_markers",
        "forward_markers",
        "past_after",
        "past_before",
        "until_markers",  # escaped with re.escape before it is joined into a pattern
        "until_rejects",
    },
    "relative_days": {
        "offsets",
        "weekday_past",
        "weekday_future",
        "weekday_this",
        "times_of_day",
        "prefixes",
        "weekday_last_week",
        "weekday_next_week",
    },
    "titles": {"titles", "acting", "name_particles", "honorifics", "degrees", "stop_words"},
}
RULES = load_table("rule_examples")["rules"]


def table_patterns(name: str) -> list[tuple[str, str]]:
    """``(key, pattern)`` of every regex in table ``name``, keyed the way ``rule_examples.json`` writes them."""
    found = []
    for key, value in load_table(name).items():
        if key.startswith("_") or key in NOT_REGEX[name]:
            continue
        if isinstance(value, str):
            found.append((key, value))
        elif isinstance(value, dict) and all(isinstance(p, str) for p in value.values()):
            found += [(f"{key}/{entry}", pattern) for entry, pattern in value.items()]
        elif isinstance(value, list) and all(isinstance(p, str) for p in value):
            found += [(key, pattern) for pattern in value]
        elif isinstance(value, list) and all(isinstance(r, dict) and "pattern" in r for r in value):
            found += [(f"{key}/{rule['id']}/pattern", rule["pattern"]) for rule in value]
        else:
            pytest.fail(f"{name}/{key} holds neither regexes nor words listed in NOT_REGEX")
    return found


def current_patterns() -> set[tuple[str, str, str]]:
    return {(name, key, pattern) for name in NOT_REGEX for key, pattern in table_patterns(name)}


def with_date_fills(pattern: str) -> str:
    """A date_ranges rule with its {MONTH} ... slots filled as ``extract/normalize_date.py`` fills them."""
    months = [name for entry in load_table("months")["months"] for name in entry["names"]]
    ranges = load_table("date_ranges")
    fills = {
        "{MONTH}": "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True)),
        "{WEEKDAY}": "|".join(re.escape(n) for n in sorted(load_table("weekdays")["weekdays"], key=len, reverse=True)),
        "{CONNECTOR}": "|".join(ranges["connectors"]),
        "{DAY_WORD}": "|".join(ranges["day_words"]),
    }
    for slot, value in fills.items():
        pattern = pattern.replace(slot, value)
    return pattern


def compiled(entry: dict) -> re.Pattern:
    pattern = with_date_fills(entry["pattern"]) if entry["table"] == "date_ranges" else entry["pattern"]
    return re.compile(pattern, re.IGNORECASE if entry["flags"] == "i" else 0)


def test_every_table_regex_has_named_examples():
    """A pattern without examples is one whose intent nobody can check: name each one that lacks them."""
    covered = {(e["table"], e["key"], e["pattern"]) for e in RULES}
    missing = [f"{name}/{key}: {pattern}" for name, key, pattern in sorted(current_patterns() - covered)]
    assert not missing, "regexes without an entry in rule_examples.json:\n" + "\n".join(missing)
    repeated = [rule_id for rule_id, count in Counter(e["id"] for e in RULES).items() if count > 1]
    assert not repeated, f"ids used more than once: {repeated}"
    incomplete = [e["id"] for e in RULES if not (e["meaning"].strip() and e["match"] and e["no_match"])]
    assert not incomplete, f"entries without a meaning, a match or a no_match example: {incomplete}"
    assert {e["flags"] for e in RULES} <= {"i", ""}


def test_every_entry_points_at_a_current_pattern():
    """An entry whose pattern was edited or removed tests nothing the code runs, so it must be updated."""
    current = current_patterns()
    stale = [e["id"] for e in RULES if (e["table"], e["key"], e["pattern"]) not in current]
    assert not stale, f"entries whose pattern is no longer in its table: {stale}"


def test_date_range_fills_are_the_ones_the_code_uses():
    """The date_ranges examples are only worth something if they run the regexes the normaliser runs."""
    rules = load_table("date_ranges")["rules"]
    assert [with_date_fills(r["pattern"]) for r in rules] == [p.pattern for p in _range_rules()]


@pytest.mark.parametrize("entry", RULES, ids=[e["id"] for e in RULES])
def test_rule_examples(entry):
    """The pattern finds every text it is meant for and none of the near misses that mark its edge."""
    pattern = compiled(entry)
    missed = [text for text in entry["match"] if not pattern.search(text)]
    wrongly = [text for text in entry["no_match"] if pattern.search(text)]
    assert not missed and not wrongly, f"{entry['meaning']}\n  missed: {missed}\n  matched anyway: {wrongly}"
