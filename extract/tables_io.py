"""Loading of the JSON language tables shipped in ``extract/tables``.

All language knowledge (month names, number words, aliases, ...) lives in data files so that linguists can
extend it without touching code; this module is the single door to those files.
"""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any


@functools.cache
def load_table(name: str) -> Any:
    """Return the parsed JSON table ``name`` (with or without ``.json``).

    Cached because every normaliser consults its tables on each call and the files never change while the
    process runs. Callers must treat the result as read-only: it is shared by all of them.
    """
    file_name = name if name.endswith(".json") else f"{name}.json"
    text = (files("closure_extractor.extract") / "tables" / file_name).read_text(encoding="utf-8")
    return json.loads(text)
