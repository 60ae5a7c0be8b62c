"""Build a ``datasets.DatasetDict`` of sentences (word tokens + BIO tags) from the corpus.

Splits come from each document's ``split`` field, so no document ever has sentences on
both sides of a train/test boundary. A directory of CoNLL files (``train.txt``,
``valid.txt``/``dev.txt``, ``test.txt``; e.g. NERGrit) is read the same way.
"""

from __future__ import annotations

from itertools import accumulate
from pathlib import Path

from closure_extractor.data.schema import LABELS, SPLITS, AnnotatedDocument, load_corpus
from closure_extractor.data.sentence_examples import corpus_examples

CONLL_SPLIT_FILES = {"train": ("train.txt",), "dev": ("dev.txt", "valid.txt"), "test": ("test.txt",)}


def bio_tags(labels: tuple[str, ...] | list[str]) -> list[str]:
    """``O`` then ``B-X``, ``I-X`` for each label, in a fixed order (the model's label ids)."""
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in ("B", "I")]


def documents_to_rows(documents: list[AnnotatedDocument]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {split: [] for split in SPLITS}
    by_id = {d.id: d for d in documents}
    for example in corpus_examples(documents):
        rows[by_id[example.doc_id].split].append(
            {
                "id": f"{example.doc_id}#{example.index}",
                "doc_id": example.doc_id,
                "tokens": example.tokens,
                "starts": example.token_starts,
                "tags": example.tags,
            }
        )
    return rows


def read_conll_sentences(path: Path, doc_prefix: str) -> list[dict]:
    """Sentences of a plain CoNLL file; each sentence is its own group (document)."""
    rows: list[dict] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sid = f"{doc_prefix}-{len(rows)}"
            starts = [0, *accumulate(len(t) + 1 for t in tokens[:-1])]  # offsets if joined by spaces
            rows.append({"id": sid, "doc_id": sid, "tokens": list(tokens), "starts": starts, "tags": list(tags)})
            tokens.clear()
            tags.clear()

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) < 2:
            raise ValueError(f"{path}:{number}: expected 'token<TAB>tag', got {line!r}")
        tokens.append(parts[0])
        tags.append(parts[-1])
    flush()
    return rows


def conll_dir_rows(directory: Path) -> dict[str, list[dict]]:
    rows = {}
    for split, names in CONLL_SPLIT_FILES.items():
        found = [directory / n for n in names if (directory / n).is_file()]
        if not found:
            raise ValueError(f"{directory}: no {' or '.join(names)} file for the {split} split")
        rows[split] = read_conll_sentences(found[0], split)
    return rows


def labels_in(rows: dict[str, list[dict]]) -> list[str]:
    """Entity types used by the tags, in first-seen order of the sorted tag set."""
    types = sorted({tag[2:] for split in rows.values() for row in split for tag in row["tags"] if tag != "O"})
    return types


CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


def default_corpus_files() -> list[Path]:
    """The bundled corpus, ``data/corpus/*.jsonl``."""
    return sorted(CORPUS_DIR.glob("*.jsonl"))


def corpus_files(data: list[str | Path]) -> list[Path]:
    """Corpus JSONL files named directly or found in a named directory."""
    files: list[Path] = []
    for path in map(Path, data):
        files += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return files


def load_rows(data: list[str | Path]) -> tuple[dict[str, list[dict]], list[str]]:
    """Rows per split and the label set, from corpus JSONL files or one CoNLL directory.

    Raises ``ValueError`` with a readable message for missing, empty or malformed data.
    """
    paths = [Path(p) for p in data]
    if not paths:
        raise ValueError("no data given")
    if len(paths) == 1 and paths[0].is_dir():
        jsonl = sorted(paths[0].glob("*.jsonl"))
        if not jsonl:
            rows = conll_dir_rows(paths[0])
            return rows, labels_in(rows)
        paths = jsonl
    for path in paths:
        if not path.is_file():
            raise ValueError(f"{path}: no such file")
        if path.stat().st_size == 0:
            raise ValueError(f"{path}: the file is empty")
    rows = documents_to_rows(load_corpus(paths))
    if not any(rows.values()):
        raise ValueError(f"{', '.join(map(str, paths))}: no sentences found")
    return rows, list(LABELS)


def build_dataset(data: list[str | Path]):
    """A ``DatasetDict`` with ``train``/``dev``/``test`` of ``{id, doc_id, tokens, starts, tags}``.

    ``starts`` are the tokens' character offsets in their document, so predictions map back to text.

    ``tags`` is a sequence of ``ClassLabel`` so the label names travel with the data.
    """
    from datasets import ClassLabel, Dataset, DatasetDict, Features, Sequence, Value

    rows, labels = load_rows(data)
    names = bio_tags(labels)
    index = {tag: i for i, tag in enumerate(names)}
    features = Features(
        {
            "id": Value("string"),
            "doc_id": Value("string"),
            "tokens": Sequence(Value("string")),
            "starts": Sequence(Value("int64")),
            "tags": Sequence(ClassLabel(names=names)),
        }
    )
    splits = {}
    for split, split_rows in rows.items():
        for row in split_rows:
            unknown = [t for t in row["tags"] if t not in index]
            if unknown:
                raise ValueError(f"sentence {row['id']}: unknown tag {unknown[0]!r}; known: {', '.join(names)}")
        columns = {name: [row[name] for row in split_rows] for name in ("id", "doc_id", "tokens", "starts")}
        columns["tags"] = [[index[t] for t in row["tags"]] for row in split_rows]
        splits[split] = Dataset.from_dict(columns, features=features)
    return DatasetDict(splits)
