"""RFC 6901 JSON pointers: building, splitting, resolving, ordering."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_MISSING = object()


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join(*tokens: str | int) -> str:
    """join('section_c', 'levels', 2) -> '/section_c/levels/2'."""
    return "".join("/" + escape(t) for t in tokens)


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def resolve(document: Any, pointer: str, default: Any = None) -> Any:
    """The value at `pointer`, or `default` when any step is missing or of the wrong type."""
    node = document
    for token in split(pointer):
        if isinstance(node, dict):
            node = node.get(token, _MISSING)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return default
        if node is _MISSING:
            return default
    return node


def sort_key(pointer: str) -> tuple[tuple[int, int | str], ...]:
    """Document order: array indexes compare as numbers."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in split(pointer))


def walk_strings(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """Every string value in a JSON tree with its pointer, in document order."""
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from walk_strings(value, pointer + "/" + escape(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_strings(value, f"{pointer}/{index}")
