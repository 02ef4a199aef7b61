"""Validation of real Word documents: every finding points at the right JSON and at text
that is really in the document, so a Word user can find it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pairkit import pointer as jp
from pairkit.api import extract_document, write
from pairkit.ooxml.package import Package
from pairkit.ooxml.story import paragraphs
from pairkit.validate import validate_pathway


def _resolves(doc: dict, pointer: str) -> bool:
    node = doc
    for token in jp.split(pointer):
        if isinstance(node, list):
            if not token.isdigit() or int(token) >= len(node):
                return False
            node = node[int(token)]
        elif isinstance(node, dict):
            if token not in node:
                return False
            node = node[token]
        else:
            return False
    return True


@pytest.fixture(params=["template", "gaps"])
def document(request, tmp_path, samples):
    if request.param == "template":
        return samples / "pair-pathway-template.docx"
    out = tmp_path / "gaps.docx"
    write(json.loads((samples / "gaps.json").read_text(encoding="utf-8")), out)
    return out


def test_every_finding_points_into_the_json_and_at_real_text(document):
    pathway, sourcemap = extract_document(document)
    findings = validate_pathway(pathway, sourcemap=sourcemap, today=date(2026, 11, 26))
    assert findings, "these documents have gaps to report"
    texts = {p.text.strip() for p in paragraphs(Package.open(document))}
    for f in findings:
        assert _resolves(pathway, f.pointer), f"{f.rule}: {f.pointer} is not in the JSON"
        assert f.location is not None, f"{f.rule} at {f.pointer} has no place in Word"
        assert f.location.text in texts, f"{f.rule}: {f.location.text!r} is not in the document"


def test_gaps_docx_gets_exactly_its_gaps(tmp_path, samples):
    out = tmp_path / "gaps.docx"
    write(json.loads((samples / "gaps.json").read_text(encoding="utf-8")), out)
    pathway, sourcemap = extract_document(out)
    found = {(f.rule, f.pointer) for f in validate_pathway(pathway, sourcemap=sourcemap,
                                                            today=date(2026, 11, 26))}
    assert found == {
        ("levels-populated", "/section_c/levels/3/services"),
        ("specialists-listed", "/section_b/specialists"),
        ("what-else-links", "/section_c/what_else/links"),
        ("no-placeholders", "/section_b/steps/1/items/1/description"),
        ("review-due", "/meta/next_review"),
    }
