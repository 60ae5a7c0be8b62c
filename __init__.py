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

__all__ = ["ClosureEvent", "EntitySpan", "Extractor", "extract", "extract_entities"]


def __getattr__(name: str) -> Any:
    """The API names, from the subpackage ``extract`` (itself torch-free until one is used)."""
    if name not in __all__:
        raise AttributeError(f"module 'closure_extractor' has no attribute {name!r}")
    package = import_module("closure_extractor.extract")
    # ``extract`` is the callable subpackage (see extract/__init__.py): Python binds it here anyway.
    return package if name == "extract" else getattr(package, name)
