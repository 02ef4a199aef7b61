"""The audit: gap analysis and every validation finding, for pathway owners and commissioners.

:func:`audit_file` reads one pathway (.docx or .json) and returns an :class:`Audit`:
the gap analysis (:mod:`.gaps`) and the findings, each located in Word where the
pathway came from Word. The reports (:mod:`.text`, :mod:`.html`) and the annotated
copy of the Word file (:mod:`.annotate`) all read that one record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pairkit import pointer as jp
from pairkit.audit.gaps import Analysis, analyse, gap_findings
from pairkit.findings import Finding
from pairkit.validate import make_locator, validate_pathway

if TYPE_CHECKING:
    from pairkit.config import Config
    from pairkit.read.docx import Layout


@dataclass
class Audit:
    """One pathway audited: what it says, its gaps, and every finding about it."""

    path: Path
    name: str  # as the user typed it, for headings and links
    pathway: Any
    analysis: Analysis
    findings: list[Finding]
    sourcemap: dict[str, Any] = field(default_factory=dict)
    layout: Layout | None = None  # Word files only: where each finding is, to comment on it

    @property
    def area(self) -> str:
        """The area's name, or the file's name when the pathway does not give one."""
        return self.analysis.area or self.path.stem

    @property
    def is_docx(self) -> bool:
        return self.layout is not None


def audit_file(path: Path, *, today: date, config: Config | None = None,
               name: str | None = None) -> Audit:
    """Read and audit one pathway file (.docx or .json)."""
    from pairkit.inputs import read_json_pathway

    layout = None
    extra: list[Finding] = []
    if path.suffix.lower() == ".docx":
        from pairkit.ooxml.package import Package
        from pairkit.read.docx import read_layout

        layout = read_layout(Package.open(path))
        pathway, sourcemap = layout.pathway, dict(layout.sourcemap)
    else:
        loaded = read_json_pathway(path)
        pathway, sourcemap, extra = loaded.pathway, {}, loaded.findings
    analysis = analyse(pathway, today)
    findings = validate_pathway(pathway, sourcemap=sourcemap, today=today, config=config,
                                extra_findings=extra)
    findings += gap_findings(analysis, make_locator(sourcemap))
    findings.sort(key=lambda f: jp.sort_key(f.pointer))
    return Audit(path, name or path.as_posix(), pathway, analysis, findings, sourcemap, layout)


__all__ = ["Audit", "audit_file", "analyse"]
