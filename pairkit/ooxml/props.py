"""The document's properties (docProps/core.xml): its title.

Word shows the title in File > Info and uses it as the PDF's title; a ``TITLE``
field in the text shows it too. The core-properties part is found by its
relationship from the package, falling back to ``docProps/core.xml``.
"""

from __future__ import annotations

from pairkit.ooxml.package import Package
from pairkit.ooxml.xml import qn

RT_CORE = "/metadata/core-properties"


def core_part(pkg: Package) -> str | None:
    """The name of the core-properties part, or None when the package has none."""
    for rel in pkg.rels("").values():
        if rel.type.endswith(RT_CORE) and not rel.external and pkg.has(rel.target):
            return rel.target
    return "docProps/core.xml" if pkg.has("docProps/core.xml") else None


def title(pkg: Package) -> str | None:
    """The document's title (dc:title), or None when it has none."""
    part = core_part(pkg)
    if part is None:
        return None
    el = pkg.xml(part).find(qn("dc:title"))
    return None if el is None else (el.text or "")


def set_title(pkg: Package, text: str) -> None:
    """Change the document's title (only when it already has one); marks the part."""
    part = core_part(pkg)
    el = pkg.xml(part).find(qn("dc:title")) if part else None
    if el is None:
        raise ValueError("the document has no title to change")
    if el.text != text:
        el.text = text
        pkg.mark_changed(part)
