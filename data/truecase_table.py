"""Build ``extract/tables/truecase.json``: how the corpus writes each word in the middle of a sentence.

    python -m closure_extractor.data.truecase_table [--data data/corpus]

Only the train and dev splits are read. A word's usual form is the one it takes most often
where case says something (not the first word of a sentence, not a line in capitals); words
mostly written in lower case are listed, the others keep their form (``Dinas``, ``DPRD``).
The tuned numbers of ``extract/truecase.py`` are kept as they are.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from closure_extractor.data.dataset import corpus_files
from closure_extractor.data.schema import load_corpus
from closure_extractor.data.sentences import split_sentences

TABLE = Path(__file__).resolve().parent.parent / "extract" / "tables" / "truecase.json"
_WORD = re.compile(r"[^\W\d_]+")
PAIR_MIN = 2


def usual_forms(texts: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """For every lower-cased word, its most frequent form inside sentences (ties: the first seen);
    and, for a word after a given word, the form it takes there when that differs and was seen at
    least ``PAIR_MIN`` times (``dinas sosial`` → ``Sosial``, though ``sosial`` alone is lower)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    after: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for sentence in split_sentences(text):
            letters = [c for c in sentence.text if c.isalpha()]
            if letters and sum(c.isupper() for c in letters) > 0.5 * len(letters):
                continue  # a headline or a line in capitals says nothing of case
            words = [m.group() for m in _WORD.finditer(sentence.text)]
            for previous, word in zip(words, words[1:]):
                seen[word.lower()][word] += 1
                after[f"{previous.lower()} {word.lower()}"][word] += 1
    forms = {word: counts.most_common(1)[0][0] for word, counts in seen.items()}
    pairs = {}
    for pair, counts in after.items():
        form, count = counts.most_common(1)[0]
        if count >= PAIR_MIN and form != forms[pair.split()[1]]:
            pairs[pair] = form
    return forms, pairs


def build(texts: list[str], table: dict) -> dict:
    forms, pairs = usual_forms(texts)
    return {
        "_comment": table.get("_comment", ""),
        "shouting_share": table["shouting_share"],
        "shouting_min_letters": table["shouting_min_letters"],
        "lower": sorted(word for word, form in forms.items() if form == word),
        "forms": {word: form for word, form in sorted(forms.items()) if form != word},
        "pair_forms": dict(sorted(pairs.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m closure_extractor.data.truecase_table", description=__doc__)
    parser.add_argument("--data", nargs="+", default=["data/corpus"], help="corpus JSONL files or folder")
    args = parser.parse_args(argv)
    try:
        documents = [d for d in load_corpus(corpus_files(args.data)) if d.split in ("train", "dev")]
        table = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        parser.exit(2, f"error: {exc}\n")
    built = build([d.text for d in documents], table)
    TABLE.write_text(json.dumps(built, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {TABLE}: {len(built['lower'])} lower-case words, {len(built['forms'])} other forms,"
        f" {len(built['pair_forms'])} forms after a given word"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
