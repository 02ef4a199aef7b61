"""Issue 4: localising a Word file keeps every character's formatting and every object.

Checked on the template, the samples and their LibreOffice re-saved copies; on small
generated documents for each story; on randomly split runs (hypothesis); on tracked
changes read by LibreOffice; and on the foreign corpus (a no-op is byte-identical).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from pairkit.cli import app
from pairkit.localise import STORIES, localise
from pairkit.ooxml.package import Package
from pairkit.ooxml.props import title
from pairkit.ooxml.story import paragraphs
from pairkit.terms.matcher import apply, plan_replacements, protected_spans
from pairkit.terms.profiles import load_profile
from tests.conftest import CORPUS, ROOT, SAMPLES, members
from tests.docxgen import make_docx, p

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OBJECTS = ("drawing", "fldChar", "commentRangeStart", "bookmarkStart", "hyperlink", "sdt")
SAMPLE_FILES = ["pair-pathway-template.docx", "northshire.docx", "dudley.docx", "glenmorven.docx"]
URLISH = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)


def stories(path: Path):
    return list(paragraphs(Package.open(path), STORIES))


def all_text(path: Path) -> list[str]:
    return [para.text for para in stories(path)]


def char_formats(para) -> list[bytes | None]:
    """The rPr of the run holding each character of the paragraph's text."""
    out = []
    for piece in para.pieces:
        rpr = piece.run.find(W + "rPr") if piece.run is not None else None
        fmt = None if rpr is None else etree.tostring(rpr)
        out.extend([fmt] * len(piece.text))
    return out


def object_counts(path: Path) -> dict[tuple[str, str], int]:
    counts = {}
    for name, data in members(path).items():
        if name.endswith(".xml"):
            for obj in OBJECTS:
                counts[(name, obj)] = len(re.findall(rb"<w:%s[ />]" % obj.encode(), data))
    return counts


def check_fidelity(src: Path, out: Path, source: str, target: str) -> int:
    """Every term replaced, formatting per character kept, objects kept; returns #edits."""
    before, after = stories(src), stories(out)
    assert len(before) == len(after)
    s, t = load_profile(source), load_profile(target)
    edits = 0
    for b, a in zip(before, after, strict=True):
        reps = plan_replacements(b.text, s, t)
        assert apply(b.text, reps) == a.text
        # Nothing left to replace (only names kept on purpose), and no URL or e-mail touched.
        assert plan_replacements(a.text, s, t) == []
        assert URLISH.findall(b.text) == URLISH.findall(a.text)
        fb, fa = char_formats(b), char_formats(a)
        pos_b = pos_a = 0
        for r in reps:
            # Characters between replacements: same formatting, same text.
            n = r.start - pos_b
            assert fb[pos_b : r.start] == fa[pos_a : pos_a + n]
            pos_a += n
            old, new = fb[r.start : r.end], fa[pos_a : pos_a + len(r.new)]
            assert set(new) <= set(old), (b.text, r)
            assert new[0] == old[0] and new[-1] == old[-1]
            pos_a += len(r.new)
            pos_b = r.end
            edits += 1
        assert fb[pos_b:] == fa[pos_a:]
    assert object_counts(src) == object_counts(out)
    # Relationships (hyperlink targets, images) are never touched.
    mb, ma = members(src), members(out)
    assert {n: d for n, d in mb.items() if n.endswith(".rels")} == {
        n: d for n, d in ma.items() if n.endswith(".rels")
    }
    return edits


@pytest.mark.parametrize("name", SAMPLE_FILES)
@pytest.mark.parametrize("target", ["dudley", "scotland", "england"])
def test_samples_keep_formatting_and_objects(tmp_path, name, target):
    src = SAMPLES / name
    result = localise(src, tmp_path / "out.docx", target)
    out = tmp_path / "out.docx"
    edits = check_fidelity(src, out, result.source_profile, target)
    text_changes = [c for c in result.made if not c.place.startswith("document properties")]
    assert edits == len(text_changes)
    if target != "england" and result.source_profile == "england":
        # Every PAIR left is inside a name that was kept (and reported) on purpose.
        left = sum(len(re.findall(r"\bPAIR\b", t)) for t in all_text(out))
        assert left == sum(c.old == "PAIR" for c in result.kept)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["pair-pathway-template.docx", "northshire.docx"])
@pytest.mark.parametrize("target", ["dudley", "scotland"])
def test_libreoffice_resaved_copies(libreoffice, tmp_path, name, target):
    src = libreoffice(SAMPLES / name, "docx")
    result = localise(src, tmp_path / "out.docx", target, source="england")
    assert check_fidelity(src, tmp_path / "out.docx", "england", target) > 0
    assert result.made


def test_every_story_is_reached_but_no_target(tmp_path):
    link = (
        '<w:p><w:hyperlink r:id="rIdL"><w:r><w:rStyle w:val="Hyperlink"/><w:t>the PAIR guide'
        "</w:t></w:r></w:hyperlink></w:p>"
    )
    field = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' HYPERLINK "https://example.org/PAIR" </w:instrText></w:r><w:r><w:fldChar '
        'w:fldCharType="separate"/></w:r><w:r><w:t>PAIR page</w:t></w:r><w:r><w:fldChar '
        'w:fldCharType="end"/></w:r></w:p>'
    )
    body = (
        p("Our PAIR offer")
        + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>PAIR cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        + '<w:sdt><w:sdtPr><w:tag w:val="x"/></w:sdtPr><w:sdtContent>'
        + p("PAIR control")
        + "</w:sdtContent></w:sdt>"
        + link
        + field
        + p("Mail pair@PAIR.org or see https://www.pair.org/PAIR and PAIR guide.pdf")
    )
    src = make_docx(
        tmp_path / "in.docx",
        body,
        header=p("PAIR header"),
        footer=p("PAIR footer"),
        footnotes='<w:footnote w:id="1">' + p("PAIR footnote") + "</w:footnote>",
        comments='<w:comment w:id="0" w:author="x">' + p("PAIR comment") + "</w:comment>",
        links={"rIdL": "https://example.org/PAIR_guide"},
        title="Northshire PAIR pathway",
    )
    out = tmp_path / "out.docx"
    localise(src, out, "dudley")
    got = all_text(out)
    for text in ["Our PIEW offer", "PIEW cell", "PIEW control", "the PIEW guide", "PIEW page",
                 "PIEW header", "PIEW footer", "PIEW footnote", "PIEW comment",
                 "Mail pair@PAIR.org or see https://www.pair.org/PAIR and PAIR guide.pdf"]:
        assert text in got
    assert title(Package.open(out)) == "Northshire PIEW pathway"
    xml = members(out)
    assert b"https://example.org/PAIR_guide" in xml["word/_rels/document.xml.rels"]
    assert b'HYPERLINK "https://example.org/PAIR"' in xml["word/document.xml"]
    check_fidelity(src, out, "england", "dudley")


def test_language_care():
    e, d, s = load_profile("england"), load_profile("dudley"), load_profile("scotland")

    def loc(text, target=d):
        return apply(text, plan_replacements(text, e, target))

    assert loc("repair pairs PAIRS Lambeth PAIRS") == "repair pairs PAIRS Lambeth PAIRS"
    assert loc("Two PAIRs and PAIR's team; PAIR-informed, non-PAIR") == (
        "Two PIEWs and PIEW's team; PIEW-informed, non-PIEW"
    )
    assert loc("A PAIR PRACTITIONER, a PAIR practitioner", s) == (
        "AN IMH PRACTITIONER, an IMH practitioner"
    )
    assert loc("PARENT-INFANT RELATIONSHIPS, parent-infant relationships") == (
        "PARENT-INFANT EMOTIONAL WELLBEING, parent-infant emotional wellbeing"
    )
    text = "Read 'PAIR guide.pdf', the PAIR guide.pdf or PAIR_guide.pdf"
    assert loc(text) == text
    short = "see the PAIR guide.pdf"
    assert [short[a:b] for a, b in protected_spans(short)] == ["PAIR guide.pdf"]


def test_proper_names_are_kept_unless_asked(tmp_path):
    src = make_docx(
        tmp_path / "in.docx",
        p("Northshire Parent-Infant Relationship Team", bold=True)
        + p("Refer to a parent-infant relationship team. Consult a PAIR Specialist.")
        + p("Northshire PAIR Pathway"),
    )
    out = tmp_path / "out.docx"
    result = localise(src, out, "scotland")
    assert all_text(out) == [
        "Northshire Parent-Infant Relationship Team",
        "Refer to an infant mental health team. Consult an IMH Specialist.",
        "Northshire IMH Pathway",
    ]
    assert [c.old for c in result.kept] == ["Parent-Infant Relationship"]
    localise(src, out, "scotland", keep_names=False)
    assert all_text(out)[0] == "Northshire Infant Mental Health Team"


# --- random run splits ----------------------------------------------------------------

SENTENCES = [
    "Ask a PAIR practitioner about Parent-Infant Relationships (PAIR) and PAIRs.",
    "Our Parent-Infant Relationships team repairs pairs; see www.pair.org/PAIR today.",
    "PAIR-informed care: the PAIR's reach, PARENT-INFANT RELATIONSHIPS and a PAIR.",
]
FORMATS = ["", "<w:b/>", "<w:i/>", '<w:color w:val="FF0000"/>', "<w:b/><w:i/>"]
BETWEEN = ["", '<w:proofErr w:type="spellStart"/>', '<w:bookmarkStart w:id="7" w:name="bm"/>'
           '<w:bookmarkEnd w:id="7"/>', '<w:proofErr w:type="spellEnd"/>']


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def split_paragraph(draw):
    text = draw(st.sampled_from(SENTENCES))
    cuts = sorted(draw(st.sets(st.integers(1, len(text) - 1), max_size=12)))
    xml, pos = "", 0
    for end in [*cuts, len(text)]:
        fmt = draw(st.sampled_from(FORMATS))
        rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
        xml += f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text[pos:end])}</w:t></w:r>'
        xml += draw(st.sampled_from(BETWEEN))
        pos = end
    return text, f"<w:p>{xml}</w:p>"


@settings(max_examples=25, deadline=None)
@given(split_paragraph(), st.sampled_from(["dudley", "scotland"]), st.booleans())
def test_split_runs_localise_like_one_run(tmp_path_factory, case, target, track):
    text, para_xml = case
    tmp = tmp_path_factory.mktemp("split")
    whole = make_docx(tmp / "whole.docx", p(esc(text)))
    split = make_docx(tmp / "split.docx", para_xml)
    localise(whole, tmp / "whole-out.docx", target, source="england")
    localise(split, tmp / "split-out.docx", target, source="england", track_changes=track)
    assert all_text(tmp / "split-out.docx") == all_text(tmp / "whole-out.docx")
    if not track:
        check_fidelity(split, tmp / "split-out.docx", "england", target)
    assert object_counts(split) == object_counts(tmp / "split-out.docx")


# --- tracked changes ------------------------------------------------------------------


def test_track_changes_accepted_equals_plain(tmp_path):
    for name in SAMPLE_FILES[:2]:
        plain, tracked = tmp_path / "plain.docx", tmp_path / "tracked.docx"
        localise(SAMPLES / name, plain, "scotland")
        localise(SAMPLES / name, tracked, "scotland", track_changes=True)
        assert all_text(tracked) == all_text(plain)
        xml = members(tracked)["word/document.xml"].decode()
        assert 'w:author="pairkit"' in xml and re.search(r'w:date="\d{4}-\d\d-\d\dT', xml)


def changed_regions(odt: Path) -> tuple[int, int, int]:
    """<text:changed-region>, deletions and insertions in the .odt (headers and footers
    are in styles.xml)."""
    z = zipfile.ZipFile(odt)
    content = z.read("content.xml").decode() + z.read("styles.xml").decode()
    return (content.count("<text:changed-region"), content.count("<text:deletion>"),
            content.count("<text:insertion>"))


@pytest.mark.libreoffice
@pytest.mark.parametrize("target", ["dudley", "scotland"])
def test_libreoffice_reads_one_tracked_change_per_replacement(libreoffice, tmp_path, target):
    # LibreOffice turns the first paragraph of a Word content control into an input
    # field and drops tracked changes there, so the count is checked on its own
    # re-saved copy of the sample (no content controls) and on a generated document.
    resaved = libreoffice(SAMPLES / "northshire.docx", "docx")
    generated = make_docx(
        tmp_path / "gen.docx",
        p("A PAIR practitioner, Parent-Infant Relationships (PAIR).")
        + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>PAIR cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        + p("Parent-Infant Relationships"),
    )
    for i, src in enumerate([resaved, generated]):
        out = tmp_path / f"tracked-{target}-{i}.docx"
        dry = localise(src, None, target, source="england", dry_run=True)
        n = len([c for c in dry.made if not c.place.startswith("document properties")])
        localise(src, out, target, source="england", track_changes=True)
        assert n > 0
        # LibreOffice keeps each replacement as two changed regions: a deletion and an
        # insertion.
        assert changed_regions(libreoffice(out, "odt")) == (2 * n, n, n)
    pdf = libreoffice(out, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.libreoffice
def test_track_changes_samples_convert_to_pdf(libreoffice, tmp_path):
    out = tmp_path / "northshire-tracked.docx"
    localise(SAMPLES / "northshire.docx", out, "scotland", track_changes=True)
    pdf = libreoffice(out, "pdf")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert re.search(r"Pages:\s+2\b", info.stdout)
    _, deletions, insertions = changed_regions(libreoffice(out, "odt"))
    assert deletions == insertions > 0


# --- round trips and no-ops -------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_FILES[:2])
def test_england_dudley_england_gives_the_original_text(tmp_path, name):
    there, back = tmp_path / "d.docx", tmp_path / "e.docx"
    localise(SAMPLES / name, there, "dudley")
    localise(there, back, "england")
    assert all_text(back) == all_text(SAMPLES / name)
    assert title(Package.open(back)) == title(Package.open(SAMPLES / name))
    # Twice is the same as once.
    again = tmp_path / "d2.docx"
    assert localise(there, again, "dudley").made == []
    assert members(again) == members(there)


CORPUS_FILES = sorted(CORPUS.rglob("*.docx"))


@pytest.mark.skipif(not CORPUS_FILES, reason="the foreign corpus is not available")
def test_noop_profile_on_foreign_corpus_is_byte_identical(tmp_path):
    custom = tmp_path / "same.toml"
    custom.write_text(
        'id = "same"\nname = "Same"\nshort_term = "PAIR"\n'
        'long_term = "Parent-Infant Relationships"\n'
    )
    assert len(CORPUS_FILES) >= 80
    for src in CORPUS_FILES:
        for profile, source in (("england", None), (str(custom), "england")):
            out = tmp_path / "out.docx"
            result = localise(src, out, profile, source=source)
            assert result.made == [], src
            assert members(out) == members(src), src


def test_samples_are_reproducible(tmp_path):
    (tmp_path / "samples").mkdir()
    for name in ("northshire.docx", "make_localised.sh"):
        shutil.copy(SAMPLES / name, tmp_path / "samples" / name)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    subprocess.run(["sh", str(tmp_path / "samples" / "make_localised.sh")], check=True,
                   capture_output=True, env=env, timeout=300)
    for name in ("dudley.docx", "glenmorven.json", "glenmorven.docx"):
        assert (tmp_path / "samples" / name).read_bytes() == (SAMPLES / name).read_bytes(), name


def test_glenmorven_is_scottish():
    got = " ".join(all_text(SAMPLES / "glenmorven.docx"))
    assert "Glenmorven" in got and "Infant Mental Health (IMH)" in got
    for level in ("Universal", "Additional", "Targeted", "Intensive"):
        assert level in got


# --- the command's messages ---------------------------------------------------------


def test_cli_prints_a_summary_by_default_and_the_list_on_request(tmp_path):
    out = tmp_path / "o.docx"
    args = ["localise", str(SAMPLES / "northshire.docx"), "-p", "scotland", "-o", str(out)]
    short = CliRunner().invoke(app, args)
    assert short.exit_code == 0, short.output
    assert len(short.output.strip().splitlines()) == 1
    assert "made 14 changes" in short.output and "kept 3" in short.output
    full = CliRunner().invoke(app, [*args, "--report", "text"])
    assert len(full.output.strip().splitlines()) == 18
    renamed = CliRunner().invoke(app, [*args, "--rename-names"])
    assert "made 17 changes" in renamed.output and "kept" not in renamed.output
