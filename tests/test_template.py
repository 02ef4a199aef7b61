"""The official template reconstruction: reproducible, tagged, boxes written as Word does."""

from __future__ import annotations

from pairkit.api import extract, template_path
from pairkit.ooxml.package import Package
from pairkit.ooxml.story import paragraphs
from pairkit.ooxml.xml import NS, W
from pairkit.template.build import build

TAGS = {"pair:title", "pair:area", "pair:qr", "pair:introduction", "pair:section-a",
        "pair:section-b", "pair:step-1", "pair:step-2", "pair:step-3", "pair:step-4",
        "pair:specialists", "pair:section-c", "pair:levels", "pair:level-name", "pair:level",
        "pair:what-else"}
FOOTER_TAGS = {"pair:owner", "pair:version", "pair:last-reviewed", "pair:next-review"}


def test_builder_reproduces_the_committed_template_byte_for_byte(tmp_path, template_docx):
    out = tmp_path / "t.docx"
    build(out)
    assert out.read_bytes() == template_docx.read_bytes()
    assert template_path().read_bytes() == template_docx.read_bytes()


def test_every_fillable_region_has_a_content_control(template_docx):
    pkg = Package.open(template_docx)
    tags = {t.get(W + "val") for t in pkg.xml("word/document.xml").iter(W + "tag")}
    assert tags >= TAGS
    footer_tags = {t.get(W + "val") for t in pkg.xml("word/footer1.xml").iter(W + "tag")}
    assert footer_tags >= FOOTER_TAGS


def test_text_boxes_have_a_shape_and_an_identical_vml_fallback(template_docx):
    pkg = Package.open(template_docx)
    root = pkg.xml("word/document.xml")
    alternates = list(root.iter("{%s}AlternateContent" % NS["mc"]))
    assert len(alternates) == 10  # title, QR, intro, A, B, 4 steps, specialists
    for ac in alternates:
        boxes = list(ac.iter(W + "txbxContent"))
        assert len(boxes) == 2
        assert "".join(boxes[0].itertext()) == "".join(boxes[1].itertext())
    boxed = [p for p in paragraphs(pkg) if p.textbox is not None]
    assert boxed and all(p.textbox.fallback is not None for p in boxed)


def test_template_has_placeholders_in_every_part(template_docx):
    t = extract(template_docx)
    assert t["meta"]["area"].startswith("[")
    assert all(s["items"][0]["name"].startswith("[") for s in t["section_b"]["steps"])
    assert [lv["id"] for lv in t["section_c"]["levels"]] == [
        "thriving", "getting-advice", "getting-help", "getting-more-help",
        "getting-risk-support"]
    assert all(lv["services"][0]["name"] == "[Add service name]"
               for lv in t["section_c"]["levels"])
    assert t["meta"]["framework"] == "ithrive"
