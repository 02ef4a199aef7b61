"""Reading pathway JSON that came from anywhere: bounded, strict, plain-English errors.

Limits: 16 MB, 64 levels of nesting, numbers that fit a float (no NaN or Infinity),
strings Word can hold (no control characters or lone surrogates), no duplicate keys.
A UTF-8 byte-order mark is accepted, since Windows editors add one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pairkit.errors import PairkitError

MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
# Characters XML 1.0 (and so Word) cannot hold: C0 controls but tab/newline/CR,
# lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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


class _NumberError(ValueError):
    """A number JSON (or a pathway) cannot hold; str() is the plain reason."""


def _no_constant(name: str) -> Any:
    raise _NumberError(f"it holds {name}, which is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NumberError(f"it holds a number too large to be real ({text[:20]}...)")
    return value


def read_json_text(path: Path) -> str:
    """A JSON file's text: a regular file, bounded in size, UTF-8 (a BOM is accepted)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise PairkitError(
                f"{path}: the file is {size // 2**20} MB; pairkit reads pathway JSON up to "
                f"{MAX_JSON_BYTES // 2**20} MB")
        if not path.is_file() and not path.is_dir():
            raise PairkitError(f"{path}: is not a regular file (a device or pipe); "
                               "give a .json file")
        with path.open("rb") as f:
            data = f.read(MAX_JSON_BYTES + 1)
        if len(data) > MAX_JSON_BYTES:
            raise PairkitError(f"{path}: the file is over {MAX_JSON_BYTES // 2**20} MB; "
                               "pairkit reads pathway JSON up to that size")
    except FileNotFoundError:
        raise PairkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PairkitError(f"{path}: is a folder, not a JSON file") from None
    except OSError as e:
        raise PairkitError(f"{path}: cannot be read ({e.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PairkitError(
            f"{path}: the file is not UTF-8 text (bad byte at position {e.start}); "
            "save it as UTF-8") from None


def parse_json(path: Path, text: str,
               on_duplicate: Callable[[dict[str, Any], str], None] | None = None) -> Any:
    """Parse JSON text strictly: no NaN or infinities, bounded nesting. A repeated key
    is refused, or passed to `on_duplicate(object, key)` (the last value is kept)."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if on_duplicate is None:
            return _no_duplicates(items)
        made: dict[str, Any] = {}
        for key, value in items:
            if key in made:
                on_duplicate(made, key)
            made[key] = value
        return made

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant,
                           parse_float=_finite)
    except DuplicateKeyError as e:
        raise PairkitError(
            f"{path}: the key {e.args[0]!r} appears twice in one object; keep one") from None
    except json.JSONDecodeError as e:
        raise PairkitError(
            f"{path}: not valid JSON at line {e.lineno}, column {e.colno} ({e.msg})") from None
    except RecursionError:
        raise PairkitError(f"{path}: the JSON is nested too deeply to be a pathway") from None
    except _NumberError as e:
        raise PairkitError(f"{path}: {e}; fix that value") from None
    except ValueError:  # an integer with thousands of digits (Python's 4,300-digit limit)
        raise PairkitError(f"{path}: it holds a number with thousands of digits, too long to be "
                           "real; fix that value") from None
    if _depth(value, MAX_DEPTH) > MAX_DEPTH:
        raise PairkitError(f"{path}: the JSON is nested over {MAX_DEPTH} levels deep; "
                           "a pathway never is")
    return value


def load_json(path: Path) -> Any:
    """Parse a JSON file: bounded, strict, no duplicate keys."""
    return parse_json(Path(path), read_json_text(Path(path)))


def _short(value: Any) -> str:
    """A value as the user wrote it, cut short: messages stay one readable line."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_WORDS = {"string": "text", "array": "a list", "object": "an object ({...})",
               "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "null": "null"}


def _plain(e: Any) -> str:
    """A jsonschema error in words for non-programmers, never the whole instance."""
    v, expected = e.validator, e.validator_value
    if v == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)
        return f"should be {words}, not {_short(e.instance)}"
    if v == "required":
        missing = [k for k in expected if isinstance(e.instance, dict) and k not in e.instance]
        return f"is missing {', '.join(repr(k) for k in missing) or 'a required key'}"
    if v == "additionalProperties" and isinstance(e.instance, dict):
        known = set(e.schema.get("properties", {}))
        extra = [k for k in e.instance if k not in known][:3]
        return f"has keys pairkit does not know: {', '.join(repr(k) for k in extra)}"
    if v in ("enum", "const"):
        options = expected if v == "enum" else [expected]
        return (f"is {_short(e.instance)}, but should be one of "
                f"{', '.join(_short(o) for o in options[:8])}")
    message = e.message
    return message if len(message) <= 160 else message[:157] + "..."


def _text_problem(value: Any, where: str = "") -> str | None:
    """The first string Word cannot hold (control characters, lone surrogates)."""
    stack = [(value, where)]
    while stack:
        v, at = stack.pop()
        if isinstance(v, str):
            m = _NOT_XML.search(v)
            if m:
                return (f"at {at or '/'}: the text holds the character U+{ord(m.group()):04X}, "
                        "which a Word document cannot hold; remove it")
        elif isinstance(v, dict):
            stack.extend((x, f"{at}/{k}") for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((x, f"{at}/{i}") for i, x in enumerate(v))
    return None


def schema_problem(pathway: Any) -> str | None:
    """The first way `pathway` breaks the schema, in words; None when it follows it."""
    from pairkit.model.schema import validator

    errors = sorted(validator().iter_errors(pathway), key=lambda e: list(e.absolute_path))
    if not errors:
        return _text_problem(pathway)
    e = errors[0]
    where = "/" + "/".join(str(x) for x in e.absolute_path)
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"at {where}: {_plain(e)}{more}"


def load_pathway(path: Path) -> dict[str, Any]:
    """A pathway JSON file, checked against the schema."""
    value = load_json(path)
    problem = schema_problem(value)
    if problem:
        raise PairkitError(
            f"{path}: this is not a pathway pairkit can write: {problem}; "
            "run 'pairkit validate' on it for the full list")
    return value
