"""Closure-event extraction: clean-up, entities, event assembly, API, batch jobs.

This subpackage shares its name with the API function ``closure_extractor.extract``. Python sets
a package's attribute to its subpackage once that is imported, so ``from closure_extractor import
extract`` may hand back this module: it is therefore callable, with the signature of
:func:`closure_extractor.extract.api.extract`. Everything here loads on first use, so the rule
tables and normalisers of this subpackage stay importable without torch.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import Any

_LAZY = {
    "Extractor": "closure_extractor.extract.api",
    "extract": "closure_extractor.extract.api",
    "extract_entities": "closure_extractor.extract.api",
    "ClosureEvent": "closure_extractor.extract.types",
    "EntitySpan": "closure_extractor.extract.types",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name == "__signature__":
        import inspect

        return inspect.signature(__getattr__("extract"))
    if name not in _LAZY:
        raise AttributeError(f"module 'closure_extractor.extract' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)


class _CallablePackage(ModuleType):
    """``closure_extractor.extract(text, ...)`` runs the API function of the same name."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return __getattr__("extract")(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
