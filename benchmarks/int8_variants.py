"""Which matrix products to keep in fp32 when quantising the tagger to int8, measured.

    python benchmarks/int8_variants.py --model runs/default [--split test]

Exports the model once, quantises it several ways (every product int8; the feed-forward
outputs, feed-forward inputs, attention outputs, or first and last layers kept in fp32), and
prints for each the entity micro-F1 on the split, its difference to fp32 in points, and the
seconds the split took. ``model/onnx_int8.py`` ships the variant that measured best.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
import warnings
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="runs/default")
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    logging.getLogger().setLevel(logging.ERROR)

    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from closure_extractor.data.dataset import build_dataset, default_corpus_files
    from closure_extractor.model.loading import load_config
    from closure_extractor.model.onnx_int8 import OnnxTokenClassifier
    from closure_extractor.model.tagger import TokenTagger
    from closure_extractor.train.evaluate_words import evaluate_split

    model = Path(args.model)
    data = build_dataset(default_corpus_files())[args.split]
    tagger = TokenTagger.from_dir(model, precision="fp32")
    baseline = evaluate_split(tagger, data)["micro"]["f1"]
    print(f"fp32: entity micro-F1 {baseline:.4f} on the {args.split} split")
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "fp32.onnx"
        example = torch.tensor([[0, 5, 6, 2]])
        axes = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "logits")}
        torch.onnx.export(
            tagger.model,
            (example, torch.ones_like(example)),
            str(plain),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
        products = [n.name for n in onnx.load(str(plain)).graph.node if n.op_type == "MatMul"]
        variants = {
            "every product int8": [],
            "feed-forward outputs in fp32": [n for n in products if "output/dense" in n and "attention" not in n],
            "feed-forward inputs in fp32": [n for n in products if "intermediate" in n],
            "attention outputs in fp32": [n for n in products if "attention/output/dense" in n],
            "first and last layers in fp32": [n for n in products if "layer.0/" in n or "layer.11/" in n],
        }
        config = load_config(model)
        for name, kept in variants.items():
            graph = Path(work) / f"{len(kept)}-{abs(hash(name))}.onnx"
            quantize_dynamic(
                str(plain), str(graph), per_channel=True, weight_type=QuantType.QInt8, nodes_to_exclude=kept
            )
            tagger.model = OnnxTokenClassifier(graph, config)
            started = time.perf_counter()
            score = evaluate_split(tagger, data)["micro"]["f1"]
            seconds = time.perf_counter() - started
            print(f"{name}: {score:.4f} ({(score - baseline) * 100:+.2f} points), {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
