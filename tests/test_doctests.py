"""Every docstring example in the package runs as a test (normalisers, cues, batching helpers)."""

import doctest
import importlib
import pkgutil

import pytest

OPTIONAL = {"closure_extractor.extract.batch_ray": "ray"}  # modules that need an optional extra


def package_modules() -> list[str]:
    names = []
    for sub in ("data", "model", "train", "extract"):
        package = importlib.import_module(f"closure_extractor.{sub}")
        names += [m.name for m in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")]
    return sorted(n for n in names if n not in OPTIONAL and not n.endswith("__main__"))


def test_the_package_has_docstring_examples():
    assert sum(doctest.DocTestFinder().find(importlib.import_module(n)) != [] for n in package_modules()) >= 5


@pytest.mark.parametrize("name", package_modules())
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
