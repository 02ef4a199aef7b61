"""`pairkit audit --annotate`: each finding as a Word comment on its paragraph."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pairkit.api import extract, write
from pairkit.audit import audit_file
from pairkit.audit.annotate import annotate
from pairkit.errors import PairkitError
from pairkit.ooxml.comments import CT_COMMENTS, read_comments
from pairkit.ooxml.package import Package
from tests.conftest import TODAY, load_sample, members

# Members that adding the first comments may change; every other stays byte-identical.
MAY_CHANGE = {"word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels",
              "word/comments.xml"}


@pytest.fixture(scope="module")
def gaps_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gaps") / "gaps.docx"
    write(load_sample("gaps.json"), out)
    return out


@pytest.fixture(scope="module")
def annotated(gaps_docx, tmp_path_factory):
    """(audit, placed comments, annotated path) for the gaps sample."""
    before = gaps_docx.read_bytes()
    audit = audit_file(gaps_docx, today=TODAY)
    out = tmp_path_factory.mktemp("annotated") / "gaps-annotated.docx"
    placed = annotate(audit, out)
    assert gaps_docx.read_bytes() == before, "the original must be untouched"
    return audit, placed, out


def test_one_comment_per_finding_on_the_right_paragraph(annotated):
    audit, placed, out = annotated
    comments = {c.id: c for c in read_comments(Package.open(out))}
    assert len(comments) == len(audit.findings) == len(placed) >= 6
    assert {p.finding for p in placed} == set(audit.findings)
    for p in placed:
        comment = comments[str(p.comment_id)]
        finding = p.finding
        assert comment.author == "pairkit"
        assert finding.message in comment.text
        assert comment.anchor_part == "word/document.xml"
        if p.exact:
            # On its own paragraph: the anchored text is the finding's place in Word.
            assert comment.anchor_text == finding.location.text
        else:
            # In a text box or the footer, where Word shows no comment: anchored on the
            # paragraph holding the box (or the first one), quoting the paragraph meant.
            assert f"“{finding.location.text}”" in comment.text
            assert (finding.location.box or "footer") in comment.text


def test_which_findings_sit_on_their_own_paragraph(annotated):
    _, placed, _ = annotated
    exact = {p.finding.rule: p.exact for p in placed}
    assert exact["levels-populated"] is True  # a table cell of the levels band
    assert exact["what-else-links"] is True  # the 'What else' table
    assert exact["no-placeholders"] is False  # the Step 2 text box
    assert exact["specialists-listed"] is False  # the specialists text box
    assert exact["review-due"] is False  # the footer


def test_comment_says_what_to_do(annotated):
    _, placed, out = annotated
    comments = {c.id: c for c in read_comments(Package.open(out))}
    by_rule = {p.finding.rule: comments[str(p.comment_id)].text for p in placed}
    assert by_rule["levels-populated"].startswith("Error: The level 'Getting More Help'")
    assert "What to do:" in by_rule["levels-populated"]
    assert "What to do:" in by_rule["related-pathways"]
    assert "(pairkit check: specialists-listed)" in by_rule["specialists-listed"]


def test_only_the_document_and_comments_parts_change(gaps_docx, annotated):
    _, _, out = annotated
    old, new = members(gaps_docx), members(out)
    assert "word/comments.xml" not in old
    with zipfile.ZipFile(gaps_docx) as a, zipfile.ZipFile(out) as b:
        assert b.namelist() == a.namelist() + ["word/comments.xml"]
    for name, data in old.items():
        if name not in MAY_CHANGE:
            assert new[name] == data, name
    types = new["[Content_Types].xml"].decode()
    assert re.search(r'PartName="/word/comments.xml"\s+ContentType="%s"' % re.escape(CT_COMMENTS),
                     types)
    rels = new["word/_rels/document.xml.rels"].decode()
    assert 'relationships/comments" Target="comments.xml"' in rels


def test_annotated_copy_reads_as_the_same_pathway(gaps_docx, annotated):
    _, _, out = annotated
    assert extract(out) == extract(gaps_docx)


def test_annotating_again_adds_to_the_existing_comments(annotated, tmp_path):
    audit, placed, out = annotated
    again = audit_file(out, today=TODAY)
    twice = tmp_path / "twice.docx"
    placed2 = annotate(again, twice)
    comments = read_comments(Package.open(twice))
    assert len(comments) == 2 * len(placed)
    assert len({c.id for c in comments}) == len(comments)
    assert min(p.comment_id for p in placed2) == len(placed)
    with zipfile.ZipFile(twice) as z:
        assert z.namelist().count("word/comments.xml") == 1
        assert z.read("[Content_Types].xml").count(b"/word/comments.xml") == 1


def test_northshire_gets_its_one_note(northshire_docx, tmp_path):
    audit = audit_file(northshire_docx, today=TODAY)
    placed = annotate(audit, tmp_path / "n.docx")
    [comment] = read_comments(Package.open(tmp_path / "n.docx"))
    assert placed[0].exact
    assert comment.anchor_text.startswith("Health Visiting Service")
    assert comment.text.startswith("Note: 'Health Visiting Service' is listed at 2 levels")


def test_refuses_to_overwrite_the_input_and_json(gaps_docx, samples, tmp_path):
    before = gaps_docx.read_bytes()
    with pytest.raises(PairkitError, match="never changed"):
        annotate(audit_file(gaps_docx, today=TODAY), gaps_docx)
    assert gaps_docx.read_bytes() == before
    with pytest.raises(PairkitError, match="needs a Word document"):
        annotate(audit_file(samples / "gaps.json", today=TODAY), tmp_path / "x.docx")


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_copy_and_sees_the_comments(annotated, libreoffice):
    _, placed, out = annotated
    pdf = libreoffice(out, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    odt = libreoffice(out, "odt")
    with zipfile.ZipFile(odt) as z:
        content = z.read("content.xml").decode("utf-8")
    assert len(re.findall(r"<office:annotation[ >]", content)) == len(placed)
    assert content.count("<dc:creator>pairkit</dc:creator>") == len(placed)
