"""Where each value of a JSON file starts: JSON pointer -> line number.

CI annotations (GitHub, SARIF) land on a line of the file at fault; for a pathway
kept as JSON that is the line of the value a finding's pointer names. The text has
already been parsed by :mod:`json`, so this scanner can trust its shape.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from json.decoder import scanstring

from pairkit import pointer as jp

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def value_lines(text: str) -> dict[str, int]:
    """Every pointer in `text` (valid JSON) mapped to the 1-based line where it starts."""
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    out: dict[str, int] = {}

    def skip(pos: int) -> int:
        return _WS.match(text, pos).end()

    def value(pos: int, pointer: str) -> int:
        pos = skip(pos)
        out[pointer] = bisect_right(newlines, pos - 1) + 1
        c = text[pos]
        if c == '"':
            return scanstring(text, pos + 1)[1]
        if c == "{":
            pos = skip(pos + 1)
            if text[pos] == "}":
                return pos + 1
            while True:
                key, pos = scanstring(text, skip(pos) + 1)
                pos = value(skip(pos) + 1, f"{pointer}/{jp.escape(key)}")  # past ':'
                pos = skip(pos)
                if text[pos] == "}":
                    return pos + 1
                pos += 1  # ','
        if c == "[":
            pos = skip(pos + 1)
            if text[pos] == "]":
                return pos + 1
            i = 0
            while True:
                pos = skip(value(pos, f"{pointer}/{i}"))
                i += 1
                if text[pos] == "]":
                    return pos + 1
                pos += 1  # ','
        return _SCALAR.match(text, pos).end()

    value(0, "")
    return out


def line_of(lines: dict[str, int], pointer: str) -> int | None:
    """The line of `pointer`, or of its longest prefix that exists (a missing key)."""
    tokens = jp.split(pointer)
    while True:
        p = jp.join(*tokens) if tokens else ""
        if p in lines:
            return lines[p]
        if not tokens:
            return None
        tokens.pop()
