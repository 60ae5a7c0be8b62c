"""Closure events from Indonesian news: ``extract``, ``extract_entities``, ``Extractor``.

The repository root is this package (``pyproject.toml`` maps ``closure_extractor`` to it), and
``data``, ``model``, ``train`` and ``extract`` are its subpackages. The public API is loaded on
first use, so that importing the rule tables or the normalisers never imports torch.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from closure_extractor.extract.api import Extractor, extract, extract_entities
    from closure_extractor.extract.types import ClosureEvent, EntitySpan

_LAZY = {
    "Extractor": "closure_extractor.extract.api",
    "extract": "closure_extractor.extract.api",
    "extract_entities": "closure_extractor.extract.api",
    "ClosureEvent": "closure_extractor.extract.types",
    "EntitySpan": "closure_extractor.extract.types",
}

__all__ = ["ClosureEvent", "EntitySpan", "Extractor", "extract", "extract_entities"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        # The callable subpackage (see extract/__init__.py): Python would put it here anyway.
        return import_module("closure_extractor.extract")
    if name not in _LAZY:
        raise AttributeError(f"module 'closure_extractor' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)
