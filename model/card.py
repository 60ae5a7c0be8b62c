"""The model card: what a saved model was trained from, how, and how well it scores."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def data_version(paths: list[Path]) -> str:
    """A short sha256 over the training files (sorted, contents only), naming the data version."""
    digest = hashlib.sha256()
    files = sorted(p for path in paths for p in (sorted(path.rglob("*")) if path.is_dir() else [path]))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _scores_table(scores: dict[str, Any]) -> list[str]:
    lines = ["| split | label | precision | recall | F1 | support |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for split, report in scores.items():
        for label, row in report.items():
            if isinstance(row, dict):
                lines.append(
                    f"| {split} | {label} | {row['precision']:.3f} | {row['recall']:.3f} | "
                    f"{row['f1']:.3f} | {row['support']} |"
                )
    return lines


def write_model_card(out_dir: Path, info: dict[str, Any], scores: dict[str, Any]) -> Path:
    """Write ``README.md`` (human) and ``training_info.json`` (machine) into ``out_dir``."""
    lines = [
        "# Closure-news token classifier",
        "",
        "Tags `OFFICIAL`, `AGENCY`, `DATE`, `HEADCOUNT` (BIO) in Indonesian news sentences.",
        "Load it with `extract.Extractor.from_pretrained(<this directory>)`.",
        "",
        "| setting | value |",
        "| --- | --- |",
    ]
    lines += [f"| {key} | `{value}` |" for key, value in info.items()]
    lines += ["", "## Entity scores (seqeval, exact span)", ""] + _scores_table(scores)
    path = out_dir / "README.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "training_info.json").write_text(
        json.dumps({"info": info, "scores": scores}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return path


def add_card_section(out_dir: Path, title: str, body: str) -> None:
    """Add a section to a model card written earlier (scores of parts fitted after the tagger); a
    section of the same title, from an earlier fit, is replaced, so refitting leaves one report."""
    path = out_dir / "README.md"
    if not path.is_file():
        return
    text, heading = path.read_text(encoding="utf-8"), f"\n## {title}\n"
    if heading in text:
        before, _, rest = text.partition(heading)
        following = rest.find("\n## ")
        text = before + (rest[following:] if following >= 0 else "\n")
    path.write_text(text.rstrip("\n") + f"\n{heading}\n```\n{body}\n```\n", encoding="utf-8")
