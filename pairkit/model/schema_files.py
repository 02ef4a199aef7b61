"""Find and load the JSON Schemas that ship with pairkit (repo checkout or wheel)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent.parent  # the pairkit package
_CANDIDATES = (_HERE / "schemas", _HERE.parent / "schemas")


@cache
def load_schema(filename: str) -> dict[str, Any]:
    """The parsed schema `filename` (e.g. 'pathway.schema.json')."""
    for folder in _CANDIDATES:
        path = folder / filename
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"pairkit is missing its schema file {filename}")
