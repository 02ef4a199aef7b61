"""Reading pathway JSON that came from anywhere: bounded, strict, plain-English errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pairkit.errors import PairkitError

MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64


class DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKeyError(key)
        out[key] = value
    return out


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        v, d = stack.pop()
        deepest = max(deepest, d)
        if d > limit:
            return d
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return deepest


def load_json(path: Path) -> Any:
    """Parse a JSON file: UTF-8 (a BOM is accepted), no duplicate keys, bounded size."""
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise PairkitError(
                f"{path}: the file is {size // 2**20} MB; pairkit reads pathway JSON up to "
                f"{MAX_JSON_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PairkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PairkitError(f"{path}: is a folder, not a JSON file") from None
    except OSError as e:
        raise PairkitError(f"{path}: cannot be read ({e.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PairkitError(
            f"{path}: the file is not UTF-8 text (bad byte at position {e.start}); "
            "save it as UTF-8") from None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates)
    except DuplicateKeyError as e:
        raise PairkitError(
            f"{path}: the key {e.args[0]!r} appears twice in one object; keep one") from None
    except json.JSONDecodeError as e:
        raise PairkitError(
            f"{path}: not valid JSON at line {e.lineno}, column {e.colno} ({e.msg})") from None
    except RecursionError:
        raise PairkitError(f"{path}: the JSON is nested too deeply to be a pathway") from None
    except ValueError as e:  # e.g. an integer with thousands of digits
        raise PairkitError(f"{path}: the JSON holds a value pairkit cannot read ({e})") from None
    if _depth(value, MAX_DEPTH) > MAX_DEPTH:
        raise PairkitError(f"{path}: the JSON is nested over {MAX_DEPTH} levels deep; "
                           "a pathway never is")
    return value


def schema_problem(pathway: Any) -> str | None:
    """The first way `pathway` breaks the schema, in words; None when it follows it."""
    from pairkit.model.schema import validator

    errors = sorted(validator().iter_errors(pathway), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    e = errors[0]
    where = "/" + "/".join(str(x) for x in e.absolute_path)
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"at {where}: {e.message}{more}"


def load_pathway(path: Path) -> dict[str, Any]:
    """A pathway JSON file, checked against the schema."""
    value = load_json(path)
    problem = schema_problem(value)
    if problem:
        raise PairkitError(
            f"{path}: this is not a pathway pairkit can write: {problem}; "
            "run 'pairkit validate' on it for the full list")
    return value
