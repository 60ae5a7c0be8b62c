"""One installable package: only ``closure_extractor`` in the wheel, a lazy top level, one command."""

from __future__ import annotations

import inspect
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_only_closure_extractor_and_its_dist_info(tmp_path):
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 and "No module named" in built.stderr:
        pytest.skip(f"cannot build a wheel here: {built.stderr.strip().splitlines()[-1]}")
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("closure_extractor-*.whl")
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"closure_extractor", next(t for t in tops if t.endswith(".dist-info"))}
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("closure_extractor/cli.py", "closure_extractor/extract/tables/reason_categories.json",
                   "closure_extractor/data/corpus/written.jsonl", "closure_extractor/data/GUIDELINES.md"):  # fmt: skip
        assert needed in names
    assert not any("/tests/" in n or n.startswith("closure_extractor/benchmarks") for n in names)


def test_tables_and_normalisers_import_without_torch():
    code = (
        "import sys, closure_extractor, closure_extractor.extract.normalize_date, closure_extractor.extract.reasons,"
        " closure_extractor.extract.tables_io, closure_extractor.data.schema, closure_extractor.data.validate;"
        " print('torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_public_api_keeps_its_names_and_signatures():
    from closure_extractor import Extractor, extract, extract_entities
    from closure_extractor.extract import api

    assert list(inspect.signature(extract).parameters) == ["text", "published", "model"]
    assert inspect.signature(extract_entities) == inspect.signature(api.extract_entities)
    assert Extractor is api.Extractor
    assert inspect.signature(Extractor.from_pretrained).parameters["precision"].default == "auto"


def test_extract_is_callable_even_after_its_subpackage_is_imported(tmp_path, tiny_model_dir):
    import closure_extractor.extract.cleanup  # noqa: F401 - makes Python bind the subpackage
    from closure_extractor import ClosureEvent, extract

    events = extract("Kantor Dinsos ditutup sementara.", "2020-11-16", model=tiny_model_dir)
    assert isinstance(events, list) and all(isinstance(e, ClosureEvent) for e in events)


def test_python_dash_m_is_the_closures_command():
    result = subprocess.run([sys.executable, "-m", "closure_extractor", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "closures" in result.stdout and "batch" in result.stdout
