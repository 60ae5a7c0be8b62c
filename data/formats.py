"""Importers and exporters: doccano JSONL, Label Studio JSON export, and CoNLL BIO.

Each exporter keeps the corpus metadata (id, published, source, split, events) in the
place the tool keeps extra data, so ``import(export(doc)) == doc`` for every valid record.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from closure_extractor.data.bio import spans_to_tags, tags_to_spans
from closure_extractor.data.schema import LABELS, AnnotatedDocument, Span, read_jsonl, write_jsonl
from closure_extractor.data.sentences import split_sentences
from closure_extractor.data.tokens import Token, tokenize_words
from closure_extractor.data.validate import validate_record

META_FIELDS = ("id", "published", "source", "split", "events")
BIO_TAG = re.compile(rf"O|[BI]-(?:{'|'.join(LABELS)})")


# --- doccano -------------------------------------------------------------------------------
def to_doccano(document: AnnotatedDocument) -> dict[str, Any]:
    record = {"text": document.text, "label": [[s.start, s.end, s.label] for s in document.spans]}
    record.update({name: getattr(document, name) for name in META_FIELDS})
    return record


def from_doccano(record: dict[str, Any]) -> AnnotatedDocument:
    """Read a doccano record: the older ``label`` lists (``[start, end, label]``) or the newer
    ``entities`` objects (``start_offset``, ``end_offset``, ``label``), never both at once."""
    if record.get("label") and record.get("entities"):
        raise ValueError("the record has both 'label' and 'entities'; keep one of them")
    spans = []
    for item in record.get("label") or record.get("entities") or []:
        if isinstance(item, dict):
            item = [item["start_offset"], item["end_offset"], item["label"]]
        spans.append(Span(int(item[0]), int(item[1]), str(item[2])))
    return AnnotatedDocument(
        id=str(record.get("id", "")),
        text=record["text"],
        published=record.get("published", ""),
        source=record.get("source", "doccano"),
        split=record.get("split", "train"),
        spans=sorted(spans),
        events=record.get("events", []),
    )


# --- Label Studio ----------------------------------------------------------------------------
def to_labelstudio(document: AnnotatedDocument, task_id: int) -> dict[str, Any]:
    results = [
        {
            "id": f"{document.id}-{n}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": s.start, "end": s.end, "text": document.mention(s), "labels": [s.label]},
        }
        for n, s in enumerate(document.spans)
    ]
    data = {"text": document.text} | {name: getattr(document, name) for name in META_FIELDS}
    return {"id": task_id, "data": data, "annotations": [{"result": results}]}


def from_labelstudio(task: dict[str, Any], annotator: str | None = None, notes: list[str] | None = None):
    """Read one task of a Label Studio JSON export.

    Which annotation: the one by ``annotator`` (its ``completed_by`` id or email) if given, else
    the latest (by ``updated_at``/``created_at``, then list order) that was not cancelled
    (``was_cancelled``). Whatever is left out (other annotations, relations, results without a
    label) is described in ``notes``, so nothing is dropped silently.
    """
    notes = notes if notes is not None else []
    data = task["data"]
    tid = data.get("id", task.get("id", ""))
    annotation = _choose_annotation(task.get("annotations") or [], annotator, notes, tid)
    spans = []
    for result in annotation.get("result", []):
        kind = result.get("type", "labels")
        if kind == "relation":
            notes.append(f"task {tid}: relation {result.get('from_id')}->{result.get('to_id')} ignored")
            continue
        if kind != "labels":
            continue
        value = result.get("value", {})
        labels = value.get("labels") or []
        if not labels:
            notes.append(f"task {tid}: region [{value.get('start')},{value.get('end')}) has no label; skipped")
            continue
        spans.append(Span(int(value["start"]), int(value["end"]), labels[0]))
    return AnnotatedDocument(
        id=str(tid),
        text=data["text"],
        published=data.get("published", ""),
        source=data.get("source", "label-studio"),
        split=data.get("split", "train"),
        spans=sorted(spans),
        events=data.get("events", []),
    )


def _choose_annotation(annotations: list[dict], annotator: str | None, notes: list[str], tid: Any) -> dict:
    usable = [a for a in annotations if not a.get("was_cancelled")]
    if annotator is not None:
        usable = [a for a in usable if _annotator_of(a) == annotator]
    if not usable:
        who = f" by {annotator}" if annotator else ""
        notes.append(
            f"task {tid}: no usable annotation{who} ({len(annotations)} in the export); imported without spans"
        )
        return {"result": []}
    order = sorted(
        range(len(usable)), key=lambda i: (usable[i].get("updated_at") or usable[i].get("created_at") or "", i)
    )
    chosen = usable[order[-1]]
    skipped = len(annotations) - 1
    if skipped:
        notes.append(f"task {tid}: kept the annotation by {_annotator_of(chosen)}, skipped {skipped} other(s)")
    return chosen


def _annotator_of(annotation: dict) -> str:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or who.get("id"))
    return str(who)


# --- CoNLL -----------------------------------------------------------------------------------
def to_conll(document: AnnotatedDocument) -> str:
    """Token TAB tag lines, a blank line after each sentence; metadata in ``# key = json`` lines."""
    lines = [f"# {name} = {json.dumps(getattr(document, name), ensure_ascii=False)}" for name in META_FIELDS]
    lines.append(f"# text = {json.dumps(document.text, ensure_ascii=False)}")
    for sentence in split_sentences(document.text):
        tokens = tokenize_words(sentence.text, offset=sentence.start)
        for token, tag in zip(tokens, spans_to_tags(tokens, document.spans)):
            lines.append(f"{token.text}\t{tag}")
        lines.append("")
    return "\n".join(lines) + "\n"


def from_conll(block: str) -> AnnotatedDocument:
    """Read one document written by :func:`to_conll`, or plain CoNLL (text rebuilt from tokens)."""
    meta: dict[str, Any] = {}
    rows: list[tuple[str, str]] = []
    sentence_breaks: set[int] = set()
    for line in block.splitlines():
        if line.startswith("# ") and " = " in line:
            key, _, value = line[2:].partition(" = ")
            meta[key] = json.loads(value)
        elif line.strip():
            word, _, tag = line.rstrip("\n").rpartition("\t")
            if not BIO_TAG.fullmatch(tag):
                raise ValueError(f"token {word!r}: tag {tag!r} is not O, B-X or I-X with X in {', '.join(LABELS)}")
            rows.append((word, tag))
        else:
            sentence_breaks.add(len(rows))
    text = meta.get("text") or _join_tokens(rows, sentence_breaks)
    tokens = _locate_tokens(text, [word for word, _ in rows])
    return AnnotatedDocument(
        id=str(meta.get("id", "")),
        text=text,
        published=meta.get("published", ""),
        source=meta.get("source", "conll"),
        split=meta.get("split", "train"),
        spans=tags_to_spans(tokens, [tag for _, tag in rows]),
        events=meta.get("events", []),
    )


def _join_tokens(rows: list[tuple[str, str]], breaks: set[int]) -> str:
    parts = []
    for index, (word, _) in enumerate(rows):
        if index:
            parts.append("\n" if index in breaks else " ")
        parts.append(word)
    return "".join(parts)


def _locate_tokens(text: str, words: list[str]) -> list[Token]:
    tokens, cursor = [], 0
    for word in words:
        start = text.find(word, cursor)
        if start < 0:
            raise ValueError(f"token {word!r} not found in the document text after offset {cursor}")
        tokens.append(Token(start, start + len(word), word))
        cursor = start + len(word)
    return tokens


def read_conll_documents(path: str | Path) -> list[AnnotatedDocument]:
    """Documents of a CoNLL file written by :func:`to_conll` (split on the ``# id`` lines)."""
    blocks, current = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# id = ") and current:
            blocks.append("\n".join(current))
            current = []
        current.append(line)
    if any(line.strip() for line in current):
        blocks.append("\n".join(current))
    return [from_conll(block) for block in blocks]


# --- files -----------------------------------------------------------------------------------
FORMATS = ("corpus", "doccano", "labelstudio", "conll")


def read_documents(
    path: str | Path, fmt: str, annotator: str | None = None, notes: list[str] | None = None
) -> list[AnnotatedDocument]:
    """Every document of an import file, each checked like a corpus record (``ValueError`` names it)."""
    documents = _read_documents(path, fmt, annotator, notes)
    for number, document in enumerate(documents, start=1):
        problems = validate_record(document.to_dict())
        if problems:
            raise ValueError(f"{path}: record {number} (id={document.id or '?'}): {problems[0]}")
    return documents


def _read_documents(path, fmt: str, annotator: str | None, notes: list[str] | None) -> list[AnnotatedDocument]:
    if fmt == "corpus" or fmt == "doccano":
        reader = AnnotatedDocument.from_dict if fmt == "corpus" else from_doccano
        documents = []
        for number, record, error in read_jsonl(path):
            if error:
                raise ValueError(f"{path}:{number}: {error}")
            try:
                documents.append(reader(record))
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise ValueError(f"{path}:{number}: cannot read record ({exc})") from exc
        return documents
    if fmt == "labelstudio":
        try:
            tasks = json.loads(Path(path).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: not a JSON file ({exc})") from None
        if not isinstance(tasks, list):
            raise ValueError(f"{path}: a Label Studio export is a JSON list of tasks")
        try:
            return [from_labelstudio(task, annotator, notes) for task in tasks]
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"{path}: cannot read a task ({exc!r})") from exc
    if fmt == "conll":
        return read_conll_documents(path)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_documents(documents: list[AnnotatedDocument], path: str | Path, fmt: str) -> None:
    if fmt == "corpus":
        write_jsonl(documents, path)
    elif fmt == "doccano":
        with open(path, "w", encoding="utf-8") as handle:
            for document in documents:
                handle.write(json.dumps(to_doccano(document), ensure_ascii=False) + "\n")
    elif fmt == "labelstudio":
        tasks = [to_labelstudio(d, n) for n, d in enumerate(documents, start=1)]
        Path(path).write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "conll":
        Path(path).write_text("\n".join(to_conll(d) for d in documents), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def convert_file(
    source: str, target: str, source_format: str, target_format: str, annotator: str | None = None
) -> tuple[int, list[str]]:
    """Convert a file; returns the number of documents and notes on what was left out."""
    notes: list[str] = []
    documents = read_documents(source, source_format, annotator, notes)
    write_documents(documents, target, target_format)
    return len(documents), notes
