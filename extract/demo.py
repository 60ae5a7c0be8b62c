"""The main job, end to end: train ``runs/default`` if it does not exist yet, then extract the
closure events of the two seed articles, print them, and write ``runs/default/seeds.html``.

``python -m extract.demo [--model runs/default] [--base-model ID_OR_DIR]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from closure_extractor.data.dataset import default_corpus_files
from closure_extractor.data.schema import load_corpus
from closure_extractor.extract.api import DEFAULT_MODEL_DIR, Extractor
from closure_extractor.extract.html_report import render_page
from closure_extractor.model.loading import ModelLoadError, resolve_base_model


def ensure_model(model_dir: Path, base_model: str | None) -> None:
    """Train the default model with the standard settings when none is there yet."""
    if (model_dir / "model.safetensors").is_file():
        print(f"using the trained model in {model_dir}", file=sys.stderr)
        return
    from closure_extractor.train.__main__ import main as train_main

    print(f"no model in {model_dir}: training one from {resolve_base_model(base_model)}", file=sys.stderr)
    code = train_main(["--base-model", resolve_base_model(base_model), "--out", str(model_dir)])
    if code:
        raise SystemExit(code)


def main(argv: list[str] | None = None, prog: str = "python -m closure_extractor.extract.demo") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        epilog="example:\n  CLOSURE_BASE_MODEL=../shared/models/multilingual-e5-small-id closures demo",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--model", default=str(DEFAULT_MODEL_DIR))
    parser.add_argument("--base-model", help="encoder to fine-tune (default: $CLOSURE_BASE_MODEL or IndoBERT)")
    args = parser.parse_args(argv)
    model_dir = Path(args.model)
    ensure_model(model_dir, args.base_model)
    try:
        extractor = Extractor.from_pretrained(model_dir)
    except ModelLoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    seeds = [d for d in load_corpus(default_corpus_files()) if d.id.startswith("seed-")]
    results = extractor.analyze_many([d.text for d in seeds], [d.published for d in seeds])
    for seed, (_, events) in zip(seeds, results):
        for event in events:
            print(
                json.dumps(
                    {"article": seed.id, "published": seed.published} | event.to_dict(), ensure_ascii=False, indent=2
                )
            )
    page = render_page([(f"{d.id} ({d.source})", d.text, spans, events) for d, (spans, events) in zip(seeds, results)])
    (model_dir / "seeds.html").write_text(page, encoding="utf-8")
    print(f"wrote {model_dir / 'seeds.html'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
