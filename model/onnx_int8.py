"""int8 inference through ONNX Runtime: exported and quantised once, cached next to the model.

Why: on CPUs without native bf16 (this project's AVX2 machine) the model is the whole cost
of extraction, and ONNX Runtime's dynamically quantised int8 matrix products run it about
1.6 times as fast as torch fp32 at the same quality (``benchmarks/throughput.py`` prints
both). Weights are quantised per output channel, activations per batch at run time, so
no calibration data is needed.

The cache file holds only a graph and tensors (protobuf); nothing in it is executed as
Python, so loading it keeps the project's rule of never unpickling. It is keyed by the
sha256 of ``model.safetensors``: new weights make a new export.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import tempfile
import warnings
from pathlib import Path
from types import SimpleNamespace

from closure_extractor.model.loading import weights_sha256

INT8_FILE = "model.int8.onnx"
GRAPH_VERSION = 2  # how the graph is quantised; a cache of another version is made again
FFN_OUTPUT = re.compile(r"layer\.\d+/output/dense/MatMul$")
INT8_INFO = "model.int8.json"
CACHE_ENV = "CLOSURE_CACHE"


def onnx_available() -> bool:
    """True when the optional ``[onnx]`` extra (onnxruntime and onnx) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))


def cache_dir(model_dir: Path, key: str) -> Path:
    """The model directory when writable, else ``$CLOSURE_CACHE`` or ``~/.cache/closure-extractor/<key>``."""
    if os.access(model_dir, os.W_OK):
        return model_dir
    root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "closure-extractor")
    return root / key[:16]


def cached_int8(model_dir: Path, key: str | None = None) -> Path | None:
    """The cached int8 graph for these weights (``key``: their sha256), or None when there is none
    yet (or it is stale)."""
    key = key or weights_sha256(model_dir)
    folder = cache_dir(model_dir, key)
    try:
        info = json.loads((folder / INT8_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    path = folder / INT8_FILE
    fresh = info.get("weights_sha256") == key and info.get("version") == GRAPH_VERSION
    return path if fresh and path.is_file() else None


def export_int8(model_dir: Path, torch_model, key: str | None = None) -> Path:
    """Export ``torch_model`` to ONNX, quantise its matrix products to int8, cache the result."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    key = key or weights_sha256(model_dir)
    folder = cache_dir(model_dir, key)
    folder.mkdir(parents=True, exist_ok=True)
    example = torch.tensor([[0, 5, 6, 2]])
    axes = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory(dir=folder) as work:
        plain, quantised = Path(work) / "fp32.onnx", Path(work) / INT8_FILE
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # exporter notes about traced control flow; the graph is checked by tests
            torch.onnx.export(
                torch_model.eval(),
                (example, torch.ones_like(example)),
                str(plain),
                input_names=["input_ids", "attention_mask"],
                output_names=["logits"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "logits": axes},
                opset_version=17,
                dynamo=False,
            )
        logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # "consider pre-processing"
        quantize_dynamic(
            str(plain),
            str(quantised),
            per_channel=True,
            weight_type=QuantType.QInt8,
            nodes_to_exclude=ffn_output_products(plain),
        )
        os.replace(quantised, folder / INT8_FILE)  # atomic: a reader never sees half a file
    info = {
        "weights_sha256": key,
        "quantisation": "dynamic int8, per-channel weights; feed-forward output products kept in fp32",
        "opset": 17,
        "version": GRAPH_VERSION,
    }
    (folder / INT8_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return folder / INT8_FILE


def ffn_output_products(path: Path) -> list[str]:
    """The feed-forward output products (1536 -> 384, after GELU), which stay in fp32.

    Why: their inputs carry GELU's outliers, and quantising them cost most of int8's error.
    Measured on a CI-trained model (test entity micro-F1 against fp32): everything int8 -0.60
    points; these kept in fp32 -0.13, for about 15% more model time; keeping the first and last
    layers, or the attention outputs, in fp32 instead helped less.
    """
    import onnx

    graph = onnx.load(str(path), load_external_data=False).graph
    return [n.name for n in graph.node if n.op_type == "MatMul" and FFN_OUTPUT.search(n.name)]


class OnnxTokenClassifier:
    """Runs an exported token classifier in ONNX Runtime behind the call the tagger makes on torch.

    ``model(input_ids=..., attention_mask=...).logits`` returns a torch tensor, so the tagger's
    batching and decoding stay the same for every precision.
    """

    def __init__(self, path: Path, config, threads: int | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _torch_threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # warnings about unused initialisers are noise to users
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.config = config

    def eval(self) -> OnnxTokenClassifier:
        return self

    def __call__(self, input_ids, attention_mask) -> SimpleNamespace:
        import torch

        feeds = {"input_ids": input_ids.numpy(), "attention_mask": attention_mask.numpy()}
        (logits,) = self.session.run(["logits"], feeds)
        return SimpleNamespace(logits=torch.from_numpy(logits))


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()
