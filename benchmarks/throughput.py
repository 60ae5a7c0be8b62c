"""Throughput, memory and the machine's limit, measured in one run against the HF pipeline.

    python benchmarks/throughput.py --model runs/default [--articles 200] [--long-mb 1]

Everything below is measured in this run, each mode in a fresh process on the same articles
(a fixed sample of the bundled corpus and the real-news sample):

1. **This CPU's peaks**: fp32, bf16 and int8 matrix products (GFLOP/s or GOP/s), with torch
   and ONNX Runtime, on as many threads as torch uses.
2. **The model's cost**: FLOPs per token (2 x non-embedding parameters, plus attention at the
   articles' mean sentence length), hence **the limit** in tokens/s for each peak.
3. **Each mode**: docs/s, tokens/s, share of the limits, ratio to the HF pipeline, peak memory:
   (a) ``pipeline("token-classification", aggregation_strategy="simple")`` over the same sentences
   (b-d) ``Extractor.from_pretrained(dir, precision=...).extract_many(texts)`` for fp32, int8
   (ONNX Runtime, when installed) and bf16 (only where the CPU has native bf16)
   (e) the default: ``Extractor.from_pretrained(dir)`` with no flags
   (f) the batch job (``closures batch``, its defaults) on the same articles as JSONL
4. **Where the default's time goes**: clean-up and sentences, word tokens, tokenizer and
   decoding, the model, the post-processor.
5. **Long input**: one article of ``--long-mb`` megabytes through the default API (seconds, peak
   memory), and through the batch job with ``--max-chars`` unset.
6. **Quality of the fast modes**: test entity micro-F1 against fp32 (allowed: 0.5 points).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_NEWS = ROOT.parent / "shared" / "data" / "real-news" / "articles.jsonl"


def load_articles(real_news: Path, count: int) -> list[tuple[str, str | None]]:
    """A fixed sample (seed 0) of the bundled corpus and the real-news articles."""
    from closure_extractor.data.dataset import default_corpus_files
    from closure_extractor.data.schema import load_corpus

    articles = [(d.text, d.published) for d in load_corpus(default_corpus_files())]
    if real_news.is_file():
        for line in real_news.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append((record["text"], record.get("published")))
    random.Random(0).shuffle(articles)
    return articles[:count]


def sentences_of(text: str) -> list[str]:
    from closure_extractor.extract.document import prepare

    return [s.text for s in prepare(text).sentences]


def peak_rate(kind: str, size: int = 1024, seconds: float = 2.0) -> float | None:
    """Best GFLOP/s (GOP/s for int8) of a size x size matrix product, repeated for ``seconds``."""
    import torch

    if kind == "int8":
        return _ort_int8_rate(size, seconds)
    dtype = torch.float32 if kind == "fp32" else torch.bfloat16
    a, b = torch.randn(size, size).to(dtype), torch.randn(size, size).to(dtype)
    best, deadline = 0.0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        torch.mm(a, b)
        best = max(best, 2 * size**3 / (time.perf_counter() - started) / 1e9)
    return best


def _ort_int8_rate(size: int, seconds: float) -> float | None:
    """int8 products as ONNX Runtime runs them for the quantised model (MatMulInteger)."""
    try:
        import numpy as np
        import onnxruntime as ort
        from onnx import TensorProto, helper
    except ImportError:
        return None
    import torch

    node = helper.make_node("MatMulInteger", ["a", "b"], ["c"])
    graph = helper.make_graph(
        [node],
        "mm",
        [
            helper.make_tensor_value_info("a", TensorProto.UINT8, [size, size]),
            helper.make_tensor_value_info("b", TensorProto.INT8, [size, size]),
        ],
        [helper.make_tensor_value_info("c", TensorProto.INT32, [size, size])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = ort.SessionOptions()
    options.intra_op_num_threads = torch.get_num_threads()
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feeds = {
        "a": np.random.randint(0, 255, (size, size), dtype=np.uint8),
        "b": np.random.randint(-127, 127, (size, size), dtype=np.int8),
    }
    best, deadline = 0.0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        session.run(["c"], feeds)
        best = max(best, 2 * size**3 / (time.perf_counter() - started) / 1e9)
    return best


def flops_per_token(model: str, mean_tokens: float) -> float:
    """2 x non-embedding parameters, plus attention scores and context at the mean length."""
    from closure_extractor.model.loading import load_token_classifier

    network = load_token_classifier(model)
    dense = sum(p.numel() for name, p in network.named_parameters() if "embeddings" not in name)
    config = network.config
    attention = 4 * config.num_hidden_layers * mean_tokens * config.hidden_size
    return 2 * dense + attention


def run_mode(mode: str, model: str, articles: list[tuple[str, str | None]]) -> dict:
    """Time one mode in this process (a child of ``main``)."""
    import torch

    texts = [t for t, _ in articles]
    dates = [p for _, p in articles]
    if mode == "pipeline":
        from transformers import pipeline

        pipe = pipeline("token-classification", model=model, aggregation_strategy="simple", device=-1)
        work = [sentences_of(t) for t in texts]
        pipe(work[0][:2])
        started = time.perf_counter()
        for sentences in work:
            pipe(sentences)
        seconds = time.perf_counter() - started
        precision, tagged = "fp32", None
    else:
        from closure_extractor.extract.api import Extractor

        options = {} if mode == "default" else {"precision": mode}
        extractor = Extractor.from_pretrained(model, **options)
        precision = extractor.tagger.precision
        extractor.extract_many(texts[:2], dates[:2])
        extractor.tagger.tokens_tagged = 0
        started = time.perf_counter()
        for start in range(0, len(texts), 32):
            extractor.extract_many(texts[start : start + 32], dates[start : start + 32])
        seconds = time.perf_counter() - started
        tagged = extractor.tagger.tokens_tagged
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mode": mode,
        "tagged": tagged,
        "precision": precision,
        "docs": len(texts),
        "seconds": seconds,
        "peak_mb": peak_mb,
        "threads": torch.get_num_threads(),
    }


def time_split(model: str, articles: list[tuple[str, str | None]]) -> dict[str, float]:
    """Seconds spent in each step of the default API over the articles."""
    from closure_extractor.extract.api import Extractor
    from closure_extractor.extract.document import parse_published, prepare
    from closure_extractor.extract.entities import document_words, spans_from_tags
    from closure_extractor.extract.events import assemble_events

    extractor = Extractor.from_pretrained(model)
    tagger = extractor.tagger
    timed = _TimedModel(tagger.model)
    tagger.model = timed
    split = dict.fromkeys(
        ("clean-up and sentences", "word tokens", "tokenizer and decoding", "model", "post-processor"), 0.0
    )
    for start in range(0, len(articles), 32):
        chunk = articles[start : start + 32]
        clock = time.perf_counter()
        documents = [prepare(t, parse_published(p)) for t, p in chunk]
        split["clean-up and sentences"] += time.perf_counter() - clock
        clock = time.perf_counter()
        words = [document_words(d) for d in documents]
        split["word tokens"] += time.perf_counter() - clock
        clock, before = time.perf_counter(), timed.seconds
        tags = iter(tagger.tag([[t.text for t in s] for sentences in words for s in sentences]))
        split["tokenizer and decoding"] += time.perf_counter() - clock - (timed.seconds - before)
        clock = time.perf_counter()
        for document, sentences in zip(documents, words):
            spans = [span for tokens in sentences for span in spans_from_tags(document, tokens, next(tags))]
            assemble_events(document, spans)
        split["post-processor"] += time.perf_counter() - clock
    split["model"] = timed.seconds
    return split


class _TimedModel:
    """Wraps the tagger's model to add up the seconds spent inside it."""

    def __init__(self, inner) -> None:
        self.inner, self.config, self.seconds = inner, inner.config, 0.0

    def eval(self):
        return self

    def __call__(self, **inputs):
        started = time.perf_counter()
        output = self.inner(**inputs)
        self.seconds += time.perf_counter() - started
        return output


def long_article(megabytes: float, real_news: Path) -> str:
    """Real-news articles joined into one text of about ``megabytes`` MB."""
    parts = [json.loads(line)["text"] for line in real_news.read_text(encoding="utf-8").splitlines()]
    text, target = [], int(megabytes * 1_000_000)
    size, index = 0, 0
    while size < target:
        text.append(parts[index % len(parts)])
        size += len(text[-1].encode("utf-8")) + 2
        index += 1
    return "\n\n".join(text)


def run_long(model: str, megabytes: float, real_news: Path) -> dict:
    from closure_extractor.extract.api import Extractor

    extractor = Extractor.from_pretrained(model)
    text = long_article(megabytes, real_news)
    started = time.perf_counter()
    events = extractor.extract(text, "2020-11-16")
    seconds = time.perf_counter() - started
    return {
        "mb": megabytes,
        "chars": len(text),
        "seconds": seconds,
        "events": len(events),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_batch_job(model: str, articles: list[tuple[str, str | None]]) -> dict:
    """``closures batch`` with its defaults, in this (child) process: time from start-up to the last line."""
    from closure_extractor.extract.batch import main as batch_main

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        source, target = Path(work) / "in.jsonl", Path(work) / "out.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for n, (text, published) in enumerate(articles):
                handle.write(json.dumps({"id": n, "text": text, "published": published}, ensure_ascii=False) + "\n")
        if batch_main([str(source), str(target), "--model", model, "--quiet"]):
            raise RuntimeError("the batch job failed")
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": "batch", "precision": "auto", "docs": len(articles), "seconds": seconds, "peak_mb": peak_mb}


def quality(model: str, modes: list[str]) -> dict[str, float]:
    from closure_extractor.data.dataset import build_dataset, default_corpus_files
    from closure_extractor.model.tagger import TokenTagger
    from closure_extractor.train.evaluate_words import evaluate_split

    test = build_dataset(default_corpus_files())["test"]
    return {p: evaluate_split(TokenTagger.from_dir(model, precision=p), test)["micro"]["f1"] for p in modes}


def child(task: str, args) -> dict:
    """Run one task in a fresh process, so that memory and warm caches are its own."""
    command = [
        sys.executable,
        __file__,
        "--task",
        task,
        "--model",
        args.model,
        "--real-news",
        str(args.real_news),
        "--articles",
        str(args.articles),
        "--long-mb",
        str(args.long_mb),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"{task} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def do_task(task: str, args) -> dict:
    articles = load_articles(args.real_news, args.articles)
    if task == "peaks":
        return {kind: peak_rate(kind) for kind in ("fp32", "bf16", "int8")}
    if task == "split":
        return time_split(args.model, articles)
    if task == "batch":
        return run_batch_job(args.model, articles)
    if task == "long":
        return run_long(args.model, args.long_mb, args.real_news)
    if task.startswith("mode:"):
        return run_mode(task[5:], args.model, articles)
    raise ValueError(task)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="runs/default")
    parser.add_argument("--real-news", type=Path, default=REAL_NEWS)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--long-mb", type=float, default=1.0, help="size of the long article (0: skip)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds; each mode's fastest is kept")
    parser.add_argument("--task", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.task:
        print(json.dumps(do_task(args.task, args)))
        return 0

    from transformers import AutoTokenizer

    from closure_extractor.model.hardware import bf16_supported
    from closure_extractor.model.onnx_int8 import onnx_available

    articles = load_articles(args.real_news, args.articles)
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    lengths = [len(tokenizer(s)["input_ids"]) for text, _ in articles for s in sentences_of(text)]
    tokens = sum(lengths)
    cost = flops_per_token(args.model, tokens / len(lengths))
    peaks = child("peaks", args)
    limits = {kind: rate * 1e9 / cost for kind, rate in peaks.items() if rate}
    print(
        f"{len(articles)} articles, {len(lengths)} sentences, {tokens} model tokens "
        f"(mean {tokens / len(lengths):.1f} a sentence)"
    )
    print(f"model cost: {cost / 1e6:.1f} MFLOP per token")
    for kind, rate in peaks.items():
        if rate:
            print(
                f"peak {kind}: {rate:.0f} G{'OP' if kind == 'int8' else 'FLOP'}/s -> limit {limits[kind]:.0f} tokens/s"
            )

    modes = ["pipeline", "fp32"] + (["int8"] if onnx_available() else []) + (["bf16"] if bf16_supported() else [])
    # Interleaved rounds, the fastest of each mode kept: the machine is shared, and a slow minute
    # should not decide a ratio.
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for mode in modes + ["default", "batch"]:
            row = child("batch" if mode == "batch" else f"mode:{mode}", args)
            if mode not in best or row["seconds"] < best[mode]["seconds"]:
                best[mode] = row
    rows = [best[mode] for mode in modes + ["default", "batch"]]
    print(f"fastest of {args.rounds} interleaved rounds per mode")
    base = rows[0]["docs"] / rows[0]["seconds"]
    print(
        "\n| mode | precision | docs/s | article tokens/s | model tokens/s | vs (a) | of fp32 limit | of int8 limit "
        "| of bf16 limit | peak memory (MB) |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for letter, row in zip("abcdefgh", rows):
        rate, per_token = row["docs"] / row["seconds"], tokens / row["seconds"]
        through_model = (row.get("tagged") or tokens) / row["seconds"]  # what the model itself ran
        shares = " | ".join(
            f"{through_model / limits[k]:.0%}" if k in limits else "-" for k in ("fp32", "int8", "bf16")
        )
        print(
            f"| ({letter}) {row['mode']} | {row['precision']} | {rate:.2f} | {per_token:.0f} | {through_model:.0f} "
            f"| {rate / base:.2f}x | {shares} | {row['peak_mb']:.0f} |"
        )
    print(
        "article tokens/s: all the articles' tokens over the time; model tokens/s: the tokens the model ran "
        "(extract_many skips articles without closure wording); the limits' shares use the latter"
    )

    split = child("split", args)
    total = sum(split.values())
    print("\nwhere the default's time goes: " + ", ".join(f"{k} {v / total:.1%}" for k, v in split.items()))
    print(f"everything but the model: {(total - split['model']) / total:.1%}")

    if args.long_mb:
        long = child("long", args)
        print(
            f"\none {long['mb']:g} MB article ({long['chars']} characters): {long['seconds']:.1f} s, "
            f"{long['events']} events, peak memory {long['peak_mb']:.0f} MB (default API)"
        )

    fast = [m for m in modes if m not in ("pipeline", "fp32")]
    if fast:
        scores = quality(args.model, ["fp32", *fast])
        for mode in fast:
            delta = (scores[mode] - scores["fp32"]) * 100
            verdict = "OK" if abs(delta) <= 0.5 else "TOO LARGE"
            print(
                f"test entity micro-F1: fp32 {scores['fp32']:.4f}, {mode} {scores[mode]:.4f} "
                f"(difference {delta:+.2f} points; allowed 0.5): {verdict}"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
