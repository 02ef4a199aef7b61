"""Turn command-line paths into pathways: expand folders and globs, read JSON or Word."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pairkit import pointer as jp
from pairkit.errors import PairkitError
from pairkit.findings import Finding

SUFFIXES = (".docx", ".json")


@dataclass
class LoadedPathway:
    """One input file read: its pathway, source map (Word only) and reading findings."""

    path: Path
    pathway: Any
    sourcemap: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # JSON pointer -> line (JSON only)

    @property
    def is_docx(self) -> bool:
        return self.path.suffix.lower() == ".docx"


def _wanted(path: Path, base: Path | None = None) -> bool:
    """A pathway-looking file; hidden folders below `base` and Word lock files are skipped."""
    inside = path.relative_to(base).parts if base is not None else ()
    return (
        path.suffix.lower() in SUFFIXES
        and not path.name.startswith("~$")  # Word's lock file
        and not any(part.startswith(".") for part in inside)
    )


def _excluded(path: Path, exclude: list[str], root: Path) -> bool:
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        relative = path
    return any(relative.match(pattern) or path.match(pattern) for pattern in exclude)


def expand_paths(
    args: list[str], *, exclude: Sequence[str] = (), root: Path | None = None
) -> list[Path]:
    """Files to check, in a stable order; folders are searched recursively."""
    root = root or Path.cwd()
    found: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, path))
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise PairkitError(f"{arg}: pairkit checks .docx and .json files only.")
            found.append(path)
        elif glob.has_magic(arg):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            files = [m for m in matches if m.is_file() and _wanted(m)]
            if not files:
                raise PairkitError(f"{arg}: no .docx or .json files match this pattern.")
            found += files
        else:
            raise PairkitError(f"{arg}: no such file or folder.")
    unique = list(dict.fromkeys(found))
    return [p for p in unique if not _excluded(p, list(exclude), root)]


def read_json_pathway(path: Path) -> LoadedPathway:
    """Read a pathway JSON file (bounded, strict); a repeated key is a finding, and every
    value's line is kept so CI annotations land on the line at fault."""
    from pairkit.model.json_lines import value_lines
    from pairkit.model.load import parse_json, read_json_text

    text = read_json_text(path)
    repeats: list[tuple[dict, str]] = []
    data = parse_json(path, text, on_duplicate=lambda obj, key: repeats.append((obj, key)))
    findings = []
    if repeats:
        where = _pointers_of_objects(data)
        for obj, key in repeats:
            pointer = where.get(id(obj), "") + "/" + jp.escape(key)
            findings.append(
                Finding(
                    "duplicate-key",
                    "error",
                    f"The key '{key}' appears more than once here; only its last value is used.",
                    pointer,
                )
            )
    return LoadedPathway(path, data, {}, findings, value_lines(text))


def _pointers_of_objects(node: Any, pointer: str = "", out: dict | None = None) -> dict[int, str]:
    out = {} if out is None else out
    if isinstance(node, dict):
        out[id(node)] = pointer
        for key, value in node.items():
            _pointers_of_objects(value, f"{pointer}/{jp.escape(key)}", out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _pointers_of_objects(value, f"{pointer}/{i}", out)
    return out


def read_docx_pathway(path: Path) -> LoadedPathway:
    """Extract a pathway from Word through pairkit.api (imported lazily: it pulls in lxml)."""
    try:
        from pairkit.api import extract_document
    except ImportError as exc:
        raise PairkitError(
            f"{path}: reading Word documents needs pairkit's extractor, which is missing here."
        ) from exc
    pathway, sourcemap = extract_document(path)
    return LoadedPathway(path, pathway, dict(sourcemap or {}), [])


def read_pathway(path: Path) -> LoadedPathway:
    """Read a .docx or .json pathway."""
    if path.suffix.lower() == ".docx":
        return read_docx_pathway(path)
    if path.suffix.lower() == ".json":
        return read_json_pathway(path)
    raise PairkitError(f"{path}: pairkit reads .docx and .json files only.")
