"""Loading the JSON Schemas that are pairkit's contracts.

The schemas live in the repository's top-level ``schemas/`` folder and are shipped
inside the wheel as ``pairkit/schemas``; this finds them either way.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def schema_path(name: str) -> Path:
    packaged = resources.files("pairkit") / "schemas" / name
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schemas" / name


@cache
def load_schema(name: str = "pathway.schema.json") -> dict[str, Any]:
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


@cache
def validator(name: str = "pathway.schema.json"):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))
