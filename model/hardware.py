"""What this CPU can do fast, read once from ``/proc/cpuinfo`` (no torch import needed)."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def cpu_flags() -> frozenset[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return frozenset()
    return frozenset(word for line in text.splitlines() if line.startswith("flags") for word in line.split()[2:])


def bf16_supported() -> bool:
    """True when this CPU has native bf16 matrix units (AVX-512 BF16 or AMX).

    Without them torch emulates bf16, and training or tagging in bf16 is many times slower
    than fp32 (measured: about 40 s a training step against under 1 s on an AVX2-only CPU).
    """
    return bool({"avx512_bf16", "amx_bf16"} & cpu_flags())


def resolve_precision(precision: str) -> str:
    """Training precision: ``auto`` becomes ``bf16`` where the CPU multiplies bf16 natively, else ``fp32``."""
    if precision == "auto":
        return "bf16" if bf16_supported() else "fp32"
    return precision


def resolve_inference_precision(precision: str, int8_available: bool) -> str:
    """Tagging precision: ``auto`` picks the fastest mode this machine has, as measured.

    int8 (ONNX Runtime, the ``[onnx]`` extra) when installed: ``benchmarks/throughput.py``
    measured it fastest on CPUs without native bf16, at test entity F1 within 0.5 points of
    fp32. Without it, bf16 where the CPU multiplies bf16 natively, else fp32.

    >>> resolve_inference_precision("fp32", True)
    'fp32'
    >>> resolve_inference_precision("auto", True)
    'int8'
    """
    if precision != "auto":
        return precision
    if int8_available:
        return "int8"
    return resolve_precision("auto")
