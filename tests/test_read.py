"""The reader finds the pathway in areas' own edits: tags gone, boxes turned into
tables, boxes reordered, runs split, tracked changes left in."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

from pairkit.api import extract
from pairkit.ooxml.xml import NS, W

MC = "{%s}" % NS["mc"]


def rewrite(src: Path, dest: Path, change,
            parts: tuple[str, ...] = ("word/document.xml", "word/footer1.xml")) -> Path:
    """Copy a .docx, passing each of `parts` through `change`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in parts:
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zout.writestr(info, data)
    return dest


def unwrap_content_controls(root):
    for sdt in list(root.iter(W + "sdt")):
        content = sdt.find(W + "sdtContent")
        parent = sdt.getparent()
        i = parent.index(sdt)
        for child in list(content):
            parent.insert(i, child)
            i += 1
        parent.remove(sdt)


def test_without_content_controls_labels_find_everything(tmp_path, northshire_docx,
                                                         northshire_json):
    out = rewrite(northshire_docx, tmp_path / "untagged.docx", unwrap_content_controls)
    assert extract(out) == northshire_json


def boxes_to_table(root):
    """Turn every floating text box into a cell of a one-row table in the body."""
    body = root.find(W + "body")
    cells = []
    for ac in list(root.iter(MC + "AlternateContent")):
        content = next(ac.iter(W + "txbxContent"))
        cells.append(list(content))
        run = ac.getparent()
        run.getparent().remove(run)
    tbl = etree.SubElement(body, W + "tbl")
    tr = etree.SubElement(tbl, W + "tr")
    for children in cells:
        tc = etree.SubElement(tr, W + "tc")
        for child in children:
            tc.append(child)
    body.insert(0, tbl)


def test_boxes_turned_into_table_cells(tmp_path, northshire_docx, northshire_json):
    def change(root):
        unwrap_content_controls(root)
        boxes_to_table(root)

    out = rewrite(northshire_docx, tmp_path / "table.docx", change, ("word/document.xml",))
    assert extract(out) == northshire_json


def test_boxes_reordered(tmp_path, northshire_docx, northshire_json):
    def change(root):
        unwrap_content_controls(root)
        anchor = next(root.iter(W + "p"))
        runs = [r for r in anchor if r.tag == W + "r"]
        for r in runs:
            anchor.remove(r)
        for r in reversed(runs):
            anchor.append(r)

    out = rewrite(northshire_docx, tmp_path / "reordered.docx", change, ("word/document.xml",))
    assert extract(out) == northshire_json


def split_runs(root):
    """Split every run into one run per character, as Word's editing history does."""
    for t in list(root.iter(W + "t")):
        run = t.getparent()
        if run.tag != W + "r" or len(t.text or "") < 2 or len(run) > 2:
            continue
        text = t.text
        t.text = text[0]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        prev = run
        for ch in text[1:]:
            new = copy.deepcopy(run)
            new.find(W + "t").text = ch
            prev.addnext(new)
            prev = new


def test_runs_split_character_by_character(tmp_path, northshire_docx, northshire_json):
    out = rewrite(northshire_docx, tmp_path / "split.docx", split_runs)
    assert extract(out) == northshire_json


def test_tracked_changes_read_as_accepted(tmp_path, northshire_docx, northshire_json):
    def change(root):
        # Wrap the first service name's run in an insertion and add a deleted word.
        for t in root.iter(W + "t"):
            if t.text == "Health Visiting Service":
                run = t.getparent()
                ins = etree.Element(W + "ins", {W + "id": "900", W + "author": "x"})
                run.addprevious(ins)
                ins.append(run)
                dele = etree.Element(W + "del", {W + "id": "901", W + "author": "x"})
                r = etree.SubElement(dele, W + "r")
                etree.SubElement(r, W + "delText").text = "Old name "
                ins.addprevious(dele)
                break

    out = rewrite(northshire_docx, tmp_path / "tracked.docx", change)
    assert extract(out) == northshire_json


def test_an_emptied_level_name_still_gives_schema_valid_json(tmp_path, northshire_docx):
    """Found by fuzzing: a blanked level-name cell made extract emit name '' against the
    schema. The JSON now follows the schema and validation names the gap."""
    from datetime import date

    from pairkit.model.schema import validator
    from pairkit.validate import validate_pathway

    def blank_first_level_name(root):
        for t in root.iter(W + "t"):
            if t.text == "Thriving":
                t.text = ""
                break

    out = rewrite(northshire_docx, tmp_path / "blank.docx", blank_first_level_name,
                  ("word/document.xml",))
    pathway = extract(out)
    assert pathway["section_c"]["levels"][0]["name"] == ""
    assert list(validator().iter_errors(pathway)) == []
    findings = validate_pathway(pathway, today=date(2026, 11, 26))
    assert any(f.pointer == "/section_c/levels/0/name" and f.rule == "levels-populated"
               for f in findings)
