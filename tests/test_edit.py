"""Replacing character ranges across runs, as text and as tracked changes."""

import io
import zipfile

from pairkit.ooxml.edit import Revision, replace_ranges
from pairkit.ooxml.package import Package
from pairkit.ooxml.story import paragraphs
from pairkit.terms.matcher import plan_replacements
from pairkit.terms.profiles import load_profile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def make_docx(tmp_path, runs_xml: str):
    doc = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"<w:p>{runs_xml}</w:p></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)
    path = tmp_path / "t.docx"
    path.write_bytes(buf.getvalue())
    return path


def r(text: str, fmt: str = "") -> str:
    rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


SPLIT = (
    r("Ask a ")
    + r("PA", "<w:b/>")
    + r("IR", "<w:i/>")
    + r(" about Parent-Infant Rela")
    + r("tionships.", '<w:u w:val="single"/>')
)


def localised(tmp_path, target, revision=False):
    path = make_docx(tmp_path, SPLIT)
    pkg = Package.open(path)
    para = next(iter(paragraphs(pkg)))
    reps = plan_replacements(para.text, load_profile("england"), load_profile(target))
    rev = (
        Revision.for_part(pkg.xml(pkg.main_part), "T", "2026-01-01T00:00:00Z") if revision else None
    )
    replace_ranges(para, [(x.start, x.end, x.new) for x in reps], rev)
    pkg.mark_changed(pkg.main_part)
    out = tmp_path / "out.docx"
    pkg.save(out)
    return next(iter(paragraphs(Package.open(out)))), para


def test_plain_edit_across_runs_keeps_formatting(tmp_path):
    para, edited = localised(tmp_path, "dudley")
    assert para.text == "Ask a PIEW about Parent-Infant Emotional Wellbeing."
    assert edited.text == para.text
    # "PI" stays bold and "EW" italic: each new character takes its old character's format.
    styled = [(p.text, p.run.find(f"{{{W_NS}}}rPr") is not None) for p in para.pieces]
    assert ("PI", True) in styled and ("EW", True) in styled


def test_article_and_term_in_different_runs(tmp_path):
    para, _ = localised(tmp_path, "scotland")
    assert para.text == "Ask an IMH about Infant Mental Health."


def test_tracked_edit(tmp_path):
    para, _ = localised(tmp_path, "scotland", revision=True)
    assert para.text == "Ask an IMH about Infant Mental Health."  # the accepted view
    xml = para.element.getroottree().getroot()
    dels = [el for el in xml.iter(f"{{{W_NS}}}delText")]
    assert "".join(d.text for d in dels) == "aPAIRParent-Infant Relationships"
    ids = [
        el.get(f"{{{W_NS}}}id")
        for el in xml.iter()
        if el.tag in (f"{{{W_NS}}}ins", f"{{{W_NS}}}del")
    ]
    assert len(ids) == len(set(ids))
