"""Throughput and memory of extraction, against the Hugging Face pipeline a user would write.

    python benchmarks/throughput.py --model runs/default

Runs each mode in a fresh process on the same articles (the corpus plus the real-news
sample: 206 articles) and prints docs/s, tokens/s and peak resident memory:

  (a) pipeline("token-classification", aggregation_strategy="simple") over the same sentences
  (b) our extractor, fp32 (entities and events)
  (c) our fast path: bf16 autocast on CPUs with AVX-512 BF16 / AMX
  (d) the batch job (python -m extract.batch, fast path) on the same articles as JSONL

and checks the fast path's quality: entity micro-F1 on the test split, fp32 vs bf16.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_NEWS = ROOT.parent / "shared" / "data" / "real-news" / "articles.jsonl"


def load_articles(real_news: Path) -> list[tuple[str, str | None]]:
    from closure_extractor.data.dataset import default_corpus_files
    from closure_extractor.data.schema import load_corpus

    corpus = load_corpus(default_corpus_files())
    articles = [(d.text, d.published) for d in corpus]
    if real_news.is_file():
        for line in real_news.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append((record["text"], record.get("published")))
    return articles


def sentences_of(text: str) -> list[str]:
    from closure_extractor.extract.document import prepare

    return [s.text for s in prepare(text).sentences]


def run_mode(mode: str, model: str, real_news: Path) -> dict:
    """Time one mode in this process (called in a child process by ``main``)."""
    import torch

    articles = load_articles(real_news)
    texts = [t for t, _ in articles]
    if mode == "pipeline":
        from transformers import pipeline

        pipe = pipeline("token-classification", model=model, aggregation_strategy="simple", device=-1)
        work = [sentences_of(t) for t in texts]
        pipe(work[0][:2])
        started = time.perf_counter()
        for sentences in work:
            pipe(sentences)
        seconds = time.perf_counter() - started
    else:
        from closure_extractor.extract.api import Extractor

        extractor = Extractor.from_pretrained(model, precision="bf16" if mode == "fast" else "fp32")
        extractor.analyze_many(texts[:2])
        started = time.perf_counter()
        for start in range(0, len(articles), 32):
            chunk = articles[start : start + 32]
            extractor.analyze_many([t for t, _ in chunk], [p for _, p in chunk])
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mode": mode,
        "docs": len(texts),
        "seconds": seconds,
        "peak_mb": peak_mb,
        "threads": torch.get_num_threads(),
    }


def count_tokens(model: str, articles: list[tuple[str, str | None]]) -> int:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model)
    return sum(len(tokenizer(s)["input_ids"]) for text, _ in articles for s in sentences_of(text))


def run_batch_job(model: str, articles: list[tuple[str, str | None]]) -> dict:
    with tempfile.TemporaryDirectory() as work:
        source, target = Path(work) / "in.jsonl", Path(work) / "out.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for n, (text, published) in enumerate(articles):
                handle.write(json.dumps({"id": n, "text": text, "published": published}, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "closure_extractor.extract.batch",
                str(source),
                str(target),
                "--model",
                model,
                "--precision",
                "bf16",
                "--quiet",
            ],
            check=True,
            cwd=ROOT,
        )
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"mode": "batch", "docs": len(articles), "seconds": seconds, "peak_mb": peak_mb}


def quality(model: str) -> dict[str, float]:
    from closure_extractor.data.dataset import build_dataset, default_corpus_files
    from closure_extractor.model.tagger import TokenTagger
    from closure_extractor.train.evaluate_words import evaluate_split

    test = build_dataset(default_corpus_files())["test"]
    return {p: evaluate_split(TokenTagger.from_dir(model, precision=p), test)["micro"]["f1"] for p in ("fp32", "bf16")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="runs/default")
    parser.add_argument("--real-news", type=Path, default=REAL_NEWS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.model, args.real_news)))
        return 0
    articles = load_articles(args.real_news)
    tokens = count_tokens(args.model, articles)
    rows = []
    for mode in ("pipeline", "fp32", "fast"):
        child = subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--model", args.model, "--real-news", str(args.real_news)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if child.returncode:
            print(child.stderr[-2000:], file=sys.stderr)
            return 1
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
    rows.append(run_batch_job(args.model, articles))
    base = rows[0]["docs"] / rows[0]["seconds"]
    names = {
        "pipeline": "(a) HF pipeline, simple aggregation",
        "fp32": "(b) extractor fp32",
        "fast": "(c) extractor fast path (bf16)",
        "batch": "(d) batch job, fast path",
    }
    print(f"{len(articles)} articles, {tokens} model tokens, torch threads {rows[0].get('threads')}\n")
    print("| mode | docs/s | tokens/s | peak memory (MB) | vs (a) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        rate = row["docs"] / row["seconds"]
        print(
            f"| {names[row['mode']]} | {rate:.2f} | {tokens / row['seconds']:.0f} | {row['peak_mb']:.0f} "
            f"| {rate / base:.2f}x |"
        )
    scores = quality(args.model)
    delta = (scores["fp32"] - scores["bf16"]) * 100
    print(
        f"\ntest entity micro-F1: fp32 {scores['fp32']:.4f}, bf16 {scores['bf16']:.4f} "
        f"(difference {delta:+.2f} points; allowed 0.5): {'OK' if abs(delta) <= 0.5 else 'TOO LARGE'}"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
