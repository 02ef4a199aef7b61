"""Fuzzing the reader and writer with mutated Word XML.

Hypothesis deletes, duplicates and reorders elements of the samples' XML, splits
runs, rewrites texts, and inserts unknown elements and attributes; every operation
in OPERATIONS must then either work or raise a PairkitError (one plain line for the
user), never anything else. To fuzz another command, add one line to OPERATIONS.
"""

from __future__ import annotations

import copy
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from pairkit import api
from pairkit.errors import PairkitError
from pairkit.inputs import read_docx_pathway
from pairkit.localise import localise
from pairkit.model.load import schema_problem
from pairkit.validate import validate_pathway

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {
    "northshire": ROOT / "samples" / "northshire.docx",
    "template": ROOT / "samples" / "pair-pathway-template.docx",
}
NORTHSHIRE_JSON = json.loads((ROOT / "samples" / "northshire.json").read_text("utf-8"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FUZZ_NS = "urn:pairkit:fuzz"
PARTS = ("word/document.xml", "word/footer1.xml")
# Texts the reader looks for, so mutations reach its heuristics, not only its guards.
TEXTS = ["Section A", "Section B", "Step 2", "Step 9", "Access to specialists",
         "What else do families need?", "Universal", "Targeted", "Pathway owner: X",
         "Next review: 31/02/2025", "Version: ", "Access: GP", "Web: http://x", "Contact:",
         "", " ", "\t", "–", "Infant Mental Health (IMH)", "x" * 300]


# -- what every mutated document is put through -------------------------------------
def _extract(doc: Path, tmp: Path) -> Any:
    """Extract; the result must be JSON (it may break the schema: a level's name can be
    emptied in Word, and validation is what reports that)."""
    pathway = api.extract(doc)
    json.dumps(pathway, allow_nan=False)
    schema_problem(pathway)  # must not raise either
    return pathway


def _write(doc: Path, tmp: Path) -> Any:
    """Write the sample's own pathway into the mutated document, then read the result."""
    out = tmp / "out.docx"
    api.write(NORTHSHIRE_JSON, out, into=doc)
    return api.extract(out)


def _validate(doc: Path) -> Any:
    loaded = read_docx_pathway(doc)
    return validate_pathway(loaded.pathway, sourcemap=loaded.sourcemap, today=date(2026, 11, 26))


def _write_own_changed(doc: Path, tmp: Path) -> Any:
    """Write the document's own pathway back, changed a little, then read the result."""
    try:
        pathway = api.extract(doc)
    except PairkitError:
        return None
    pathway["title"] += " (revised)"
    for level in pathway["section_c"]["levels"][:1]:
        level["services"] = level["services"][1:] + [
            {"name": "New service", "description": "Added", "access": "", "url": "",
             "contact": "", "qr": None}]
    out = tmp / "own.docx"
    api.write(pathway, out, into=doc)
    return api.extract(out)


OPERATIONS: dict[str, Callable[[Path, Path], Any]] = {
    "extract": _extract,
    "write": _write,
    "write-own-changed": _write_own_changed,
    "validate": lambda doc, tmp: _validate(doc),
    "localise": lambda doc, tmp: localise(doc, tmp / "dudley.docx", "dudley"),
    "localise-tracked": lambda doc, tmp: localise(doc, tmp / "t.docx", "scotland",
                                                  track_changes=True),
}


# -- mutations -------------------------------------------------------------------------
def _elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str) and el is not root]


def _mutate(root: etree._Element, op: str, a: int, b: int, text: str) -> None:
    els = _elements(root)
    if not els:
        return
    el = els[a % len(els)]
    parent = el.getparent()
    if op == "delete" and parent is not None:
        parent.remove(el)
    elif op == "duplicate" and parent is not None:
        el.addnext(copy.deepcopy(el))
    elif op == "reorder" and parent is not None:
        siblings = list(parent)
        parent.remove(el)
        parent.insert(b % len(siblings), el)
    elif op == "move" and parent is not None:
        target = els[b % len(els)]
        if el not in target.iterancestors() and target is not el:
            target.append(el)
    elif op == "split-run":
        runs = [r for r in root.iter(f"{{{W}}}r") if r.find(f"{{{W}}}t") is not None]
        if runs:
            r = runs[a % len(runs)]
            t = r.find(f"{{{W}}}t")
            s = t.text or ""
            cut = b % (len(s) + 1)
            twin = copy.deepcopy(r)
            t.text = s[:cut]
            twin.find(f"{{{W}}}t").text = s[cut:]
            r.addnext(twin)
    elif op == "unknown-element":
        new = etree.Element(f"{{{FUZZ_NS}}}thing")
        new.text = text or None
        el.insert(b % (len(el) + 1), new)
    elif op == "unknown-w-element":
        el.insert(b % (len(el) + 1), etree.Element(f"{{{W}}}notInTheSchema"))
    elif op == "unknown-attribute":
        el.set(f"{{{FUZZ_NS}}}attr", text)
    elif op == "garble-attribute" and el.attrib:
        key = list(el.attrib)[b % len(el.attrib)]
        el.set(key, text)
    elif op == "text":
        ts = list(root.iter(f"{{{W}}}t"))
        if ts:
            ts[a % len(ts)].text = text


OPS = ["delete", "duplicate", "reorder", "move", "split-run", "unknown-element",
       "unknown-w-element", "unknown-attribute", "garble-attribute", "text"]
mutation = st.tuples(st.sampled_from(OPS), st.integers(0, 10_000), st.integers(0, 10_000),
                     st.one_of(st.sampled_from(TEXTS), st.text(
                         st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)))


def _mutated_docx(sample: Path, part: str, muts: list[tuple[str, int, int, str]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(sample) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                root = etree.fromstring(data)
                for m in muts:
                    _mutate(root, *m)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            out.writestr(info, data)
    return buf.getvalue()


def _check(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        doc = tmp / "fuzzed.docx"
        doc.write_bytes(data)
        for name, operation in OPERATIONS.items():
            try:
                operation(doc, tmp)
            except PairkitError as e:
                assert "\n" not in str(e), f"{name}: a message of more than one line: {e}"


# PAIRKIT_FUZZ_EXAMPLES=5000 for a longer hunt; 60 keeps the suite fast.
EXAMPLES = int(os.environ.get("PAIRKIT_FUZZ_EXAMPLES", "60"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=st.sampled_from(sorted(SAMPLES)), part=st.sampled_from(PARTS),
       muts=st.lists(mutation, min_size=1, max_size=8))
def test_mutated_documents_fail_only_with_pairkit_errors(sample: str, part: str,
                                                         muts: list) -> None:
    _check(_mutated_docx(SAMPLES[sample], part, muts))


# -- crashes the fuzzer found, kept as regressions ------------------------------------
REGRESSIONS: list[tuple[str, str, list[tuple[str, int, int, str]]]] = [
    # write: after adding level columns, the re-read table had fewer levels (zip strict).
    ("template", "word/document.xml", [("delete", 5802, 0, "Section A")]),
]


@pytest.mark.parametrize("sample,part,muts", REGRESSIONS)
def test_regression(sample: str, part: str, muts: list) -> None:
    _check(_mutated_docx(SAMPLES[sample], part, muts))
