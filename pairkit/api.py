"""What Python users import: extract, validate, localise and write.

Each function takes paths or the pathway dict and returns plain data; the CLI is a
thin layer over these. Heavy modules are imported inside the functions that use them.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from pairkit.errors import PairkitError
from pairkit.model.location import Location
from pairkit.ooxml.package import Package

PathLike = str | os.PathLike[str]


def template_path() -> Path:
    """The bundled official template (a faithful reconstruction)."""
    packaged = resources.files("pairkit") / "data" / "pair-pathway-template.docx"
    return Path(str(packaged))


def extract(path: PathLike) -> dict[str, Any]:
    """The pathway in a .docx, as a dict that follows schemas/pathway.schema.json."""
    return extract_document(path)[0]


def extract_document(path: PathLike) -> tuple[dict[str, Any], dict[str, Location]]:
    """The pathway and a source map from JSON pointers to places in the Word document."""
    from pairkit.read.docx import read_layout

    layout = read_layout(Package.open(Path(path)))
    return layout.pathway, layout.sourcemap


def validate(source: PathLike | dict[str, Any], *, today: Any = None) -> list[Any]:
    """The findings for a pathway (.docx, .json or a dict), schema errors first.

    Each finding has a rule id, a severity, a plain-English message, a JSON pointer and,
    for a .docx, where to look in Word. `today` (a date) fixes the review-date rules.
    """
    from pairkit.inputs import read_pathway
    from pairkit.validate import validate_pathway

    if isinstance(source, dict):
        return validate_pathway(source, today=today)
    loaded = read_pathway(Path(source))
    return validate_pathway(loaded.pathway, sourcemap=loaded.sourcemap, today=today,
                            extra_findings=loaded.findings)


def localise(source: PathLike, dest: PathLike | None, profile: str, **options: Any) -> Any:
    """Turn a .docx or .json into another area's wording; see pairkit.localise.localise."""
    from pairkit.localise import localise as run

    return run(source, dest, profile, **options)


def same_file(a: PathLike, b: PathLike) -> bool:
    """True when both paths name the same file (a refused overwrite needs this)."""
    try:
        return Path(a).resolve() == Path(b).resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def write(pathway: dict[str, Any], dest: PathLike, *, into: PathLike | None = None,
          in_place: bool = False, qr: bool = False, area_url: str | None = None) -> list[str]:
    """Write `pathway` into `into` (default: the bundled template), saved as `dest`.

    Returns warnings about content the document had no place for. Refuses to
    overwrite `into` unless `in_place`, which first keeps a backup beside it. With
    `qr`, places a QR code beside every service and 'What else' link, and one for
    `area_url` (else the pathway's ``meta.qr.decoded_url``) in the QR slot.
    """
    from pairkit.model.load import schema_problem
    from pairkit.write.fill import write as fill

    source = Path(into) if into is not None else template_path()
    if into is not None and same_file(into, dest) and not in_place:
        raise PairkitError(
            f"{dest}: this is the document being written into; choose another output file, "
            "or add --in-place to overwrite it (a backup is kept)")
    problem = schema_problem(pathway)
    if problem:
        raise PairkitError(f"the pathway does not follow the schema {problem}")
    if area_url is not None:
        check_area_url(area_url)
    pkg = Package.open(source)
    result = fill(pathway, pkg)
    warnings = list(result.warnings)
    if qr:
        from pairkit.qr.place import place_codes

        area = area_url or ((pathway["meta"].get("qr") or {}).get("decoded_url") or None)
        warnings += place_codes(pkg, area_url=area).warnings
    if in_place and into is not None and same_file(into, dest) and pkg.changed:
        backup_of(Path(into))
    pkg.save(dest)
    return warnings


def check_area_url(url: str) -> None:
    """Refuse an --area-url that a phone could not open."""
    from pairkit.qr.place import codable

    if not codable(url):
        raise PairkitError(
            f"--area-url {url}: give a full web address starting https:// (or http://)")


def backup_of(path: Path) -> Path:
    """Copy `path` to `path.bak` (atomically) before it is overwritten in place."""
    from pairkit.ooxml.package import atomic_write

    backup = path.with_name(path.name + ".bak")
    atomic_write(backup, path.read_bytes())
    return backup
