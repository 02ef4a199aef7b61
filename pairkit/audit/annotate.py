"""A copy of the Word pathway with each finding as a comment, for people who work in Word.

Each comment is anchored on the paragraph its finding is about (author "pairkit").
Word shows no comment inside a text box, header or footer, so a finding about one
is anchored on the nearest paragraph Word can show (see pairkit.ooxml.comments) and
its comment names the box and quotes the paragraph. The original is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pairkit import pointer as jp
from pairkit.audit import Audit
from pairkit.errors import PairkitError
from pairkit.findings import Finding
from pairkit.ooxml.comments import CommentWriter, word_anchor
from pairkit.ooxml.story import Paragraph
from pairkit.rules import get_rule

SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Note"}


@dataclass(frozen=True)
class Placed:
    """A finding written as a comment: its id, and whether it sits on its own paragraph."""

    finding: Finding
    comment_id: int
    exact: bool


def _paragraph_for(anchors: dict[str, Paragraph], pointer: str) -> Paragraph | None:
    """The paragraph of the longest pointer prefix that has one (as validation locates)."""
    tokens = jp.split(pointer)
    for end in range(len(tokens), -1, -1):
        found = anchors.get(jp.join(*tokens[:end]))
        if found is not None:
            return found
    return None


def comment_text(finding: Finding, exact: bool) -> list[str]:
    """The comment's paragraphs: what is wrong, where (when not on its paragraph), what to do."""
    from pairkit.audit.gaps import GAP_FIXES

    lines = [f"{SEVERITY_WORDS[finding.severity]}: {finding.message}"]
    loc = finding.location
    if not exact and loc is not None:
        where = loc.box or ("the footer" if "footer" in loc.part else loc.part)
        lines.append(f"About the {where}: “{loc.text}”" if loc.text else f"About the {where}.")
    elif loc is None:
        lines.append("About the whole pathway.")
    rule = get_rule(finding.rule)
    fix = rule.fix if rule is not None else GAP_FIXES.get(finding.rule)
    if fix:
        lines.append(f"What to do: {fix}")
    lines.append(f"(pairkit check: {finding.rule})")
    return lines


def annotate(audit: Audit, dest: Path, *, when: datetime | None = None) -> list[Placed]:
    """Write a copy of the audited .docx to `dest` with one comment per finding."""
    from pairkit.api import same_file

    if audit.layout is None:
        raise PairkitError(f"{audit.name}: --annotate needs a Word document (.docx), "
                           "not a JSON file.")
    if same_file(audit.path, dest):
        raise PairkitError(f"{dest}: this is the document being audited; choose another "
                           "file for the annotated copy (the original is never changed).")
    pkg = audit.layout.package
    writer = CommentWriter(pkg, author="pairkit", initials="pk", when=when)
    placed = []
    for finding in audit.findings:
        paragraph = _paragraph_for(audit.layout.anchors, finding.pointer)
        anchor = word_anchor(pkg, paragraph)
        exact = anchor.exact and finding.location is not None
        cid = writer.add(anchor.element, comment_text(finding, exact))
        placed.append(Placed(finding, cid, exact))
    writer.finish()
    pkg.save(dest)
    return placed
