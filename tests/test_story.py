"""The story walker on one small document per Word construct."""

from __future__ import annotations

from pairkit.ooxml.package import Package
from pairkit.ooxml.story import paragraphs
from tests.docxgen import make_docx, p


def texts(path) -> list[str]:
    return [para.text for para in paragraphs(Package.open(path))]


def test_body_paragraphs_in_order(tmp_path):
    doc = make_docx(tmp_path / "a.docx", p("one") + p("two") + p("three"))
    assert texts(doc) == ["one", "two", "three"]


def test_nested_tables_in_reading_order_with_cells(tmp_path):
    inner = "<w:tbl><w:tr><w:tc>" + p("inner a") + "</w:tc><w:tc>" + p("inner b") + \
        "</w:tc></w:tr></w:tbl>"
    body = "<w:tbl><w:tr><w:tc>" + p("r1c1") + "</w:tc><w:tc>" + inner + p("after inner") + \
        "</w:tc></w:tr><w:tr><w:tc>" + p("r2c1") + "</w:tc></w:tr></w:tbl>" + p("end")
    doc = make_docx(tmp_path / "t.docx", body)
    paras = list(paragraphs(Package.open(doc)))
    assert [x.text for x in paras] == ["r1c1", "inner a", "inner b", "after inner", "r2c1", "end"]
    assert paras[0].cell == (0, 0, 0)
    assert paras[1].cell == (1, 0, 0) and paras[2].cell == (1, 0, 1)
    assert paras[3].cell == (0, 0, 1)
    assert paras[4].cell == (0, 1, 0)
    assert paras[5].cell is None


TEXTBOX = (
    '<w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
    '<w:drawing><wp:anchor><wp:docPr id="1" name="Box One"/><a:graphic><a:graphicData '
    'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    "<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
    "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
    "<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def test_text_box_is_read_once_and_knows_its_fallback(tmp_path):
    doc = make_docx(tmp_path / "b.docx", TEXTBOX.format(inner=p("in the box")))
    paras = list(paragraphs(Package.open(doc)))
    assert [x.text for x in paras] == ["anchor", "in the box"]
    box = paras[1].textbox
    assert box is not None and box.name == "Box One"
    assert box.fallback is not None and box.fallback is not box.content
    assert paras[1].place == "text box 'Box One'"


def test_vml_only_text_box_is_read(tmp_path):
    body = ("<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + p("old style box")
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
    doc = make_docx(tmp_path / "v.docx", body)
    assert texts(doc) == ["", "old style box"]


def test_edit_goes_to_both_copies_of_a_text_box(tmp_path):
    from pairkit.ooxml.edit import set_text
    from pairkit.ooxml.story import sync_textbox
    from pairkit.ooxml.xml import W

    doc = make_docx(tmp_path / "b.docx", TEXTBOX.format(inner=p("PAIR box")))
    pkg = Package.open(doc)
    para = list(paragraphs(pkg))[1]
    set_text(para, 0, 4, "PIEW")
    assert sync_textbox(para.textbox)
    pkg.mark_changed(pkg.main_part)
    out = tmp_path / "out.docx"
    pkg.save(out)
    root = Package.open(out).xml("word/document.xml")
    boxes = list(root.iter(W + "txbxContent"))
    assert len(boxes) == 2
    assert ["".join(b.itertext()) for b in boxes] == ["PIEW box", "PIEW box"]


def _sdt(tag: str, inner: str) -> str:
    return (f'<w:sdt><w:sdtPr><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>{inner}'
            "</w:sdtContent></w:sdt>")


def test_content_controls_block_row_cell_and_run(tmp_path):
    run_level = ("<w:p><w:r><w:t xml:space=\"preserve\">Owner: </w:t></w:r>"
                 + _sdt("run-tag", "<w:r><w:t>Dr Ng</w:t></w:r>") + "</w:p>")
    cell_level = _sdt("cell-tag", "<w:tc>" + p("in a cell control") + "</w:tc>")
    row_level = _sdt("row-tag", "<w:tr>" + cell_level + "</w:tr>")
    body = (_sdt("block-tag", p("in a block control"))
            + "<w:tbl>" + row_level + "</w:tbl>" + run_level)
    doc = make_docx(tmp_path / "c.docx", body)
    paras = list(paragraphs(Package.open(doc)))
    assert [x.text for x in paras] == ["in a block control", "in a cell control", "Owner: Dr Ng"]
    assert paras[0].tags == ("block-tag",)
    assert paras[1].cell == (0, 0, 0)
    assert paras[2].run_tags == [(7, 12, "run-tag")]


def test_hyperlinks_by_relationship_and_by_field_code(tmp_path):
    rel_link = ('<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:hyperlink r:id="rIdL1">'
                "<w:r><w:t>our site</w:t></w:r></w:hyperlink></w:p>")
    field = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
             'xml:space="preserve"> HYPERLINK "https://example.org/field" </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>field link</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    simple = ('<w:p><w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/simple&quot; ">'
              "<w:r><w:t>simple</w:t></w:r></w:fldSimple></w:p>")
    doc = make_docx(tmp_path / "h.docx", rel_link + field + simple,
                    links={"rIdL1": "https://example.org/rel"})
    paras = list(paragraphs(Package.open(doc)))
    assert [x.text for x in paras] == ["See our site", "field link", "simple"]
    assert [(lk.start, lk.end, lk.url) for lk in paras[0].links] == [
        (4, 12, "https://example.org/rel")]
    assert [lk.url for lk in paras[1].links] == ["https://example.org/field"]
    assert [lk.url for lk in paras[2].links] == ["https://example.org/simple"]


def test_field_instructions_are_not_text(tmp_path):
    body = ('<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar '
            'w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r>'
            '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar '
            'w:fldCharType="end"/></w:r></w:p>')
    assert texts(make_docx(tmp_path / "f.docx", body)) == ["Page 2"]


def test_headers_footers_footnotes_comments(tmp_path):
    doc = make_docx(
        tmp_path / "s.docx", p("body"),
        header=p("the header"), footer=p("the footer"),
        footnotes='<w:footnote w:id="1">' + p("a footnote") + "</w:footnote>",
        comments='<w:comment w:id="0" w:author="x">' + p("a comment") + "</w:comment>",
    )
    paras = list(paragraphs(Package.open(doc)))
    assert [(x.story, x.text) for x in paras] == [
        ("body", "body"), ("header", "the header"), ("footer", "the footer"),
        ("footnote", "a footnote"), ("comment", "a comment")]


def test_images_are_reported_by_part_name(tmp_path):
    body = ('<w:p><w:r><w:t>QR</w:t></w:r><w:r><w:drawing><wp:inline><wp:docPr id="3" '
            'name="Picture"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/'
            'drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/'
            'drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")
    doc = make_docx(tmp_path / "i.docx", body, image=True)
    paras = list(paragraphs(Package.open(doc)))
    assert paras[0].images == ["word/media/image1.png"]


def test_tracked_changes_are_read_accepted(tmp_path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Keep </w:t></w:r>'
        '<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>moved-away </w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>moved-here</w:t></w:r></w:moveTo></w:p>'
    )
    assert texts(make_docx(tmp_path / "tc.docx", body)) == ["Keep inserted moved-here"]


def test_tabs_breaks_symbols_and_bold_prefix(tmp_path):
    body = ('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Name</w:t></w:r><w:r><w:tab/><w:t>a</w:t>'
            '<w:br/><w:t>b</w:t><w:sym w:font="Symbol" w:char="2022"/></w:r></w:p>')
    para = next(paragraphs(Package.open(make_docx(tmp_path / "x.docx", body))))
    assert para.text == "Name\ta\nb\u2022"
    assert para.bold_prefix_end() == 4


def test_set_text_across_runs_keeps_formatting_and_drawings(tmp_path):
    from pairkit.ooxml.edit import set_text
    from pairkit.ooxml.xml import W

    body = ('<w:p><w:r><w:t xml:space="preserve">a P</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
            '<w:t>AI</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t xml:space="preserve">R'
            ' team</w:t><w:drawing/></w:r></w:p>')
    pkg = Package.open(make_docx(tmp_path / "e.docx", body))
    para = next(paragraphs(pkg))
    set_text(para, 2, 6, "PIEW")
    p_el = para.element
    assert "".join(t.text for t in p_el.iter(W + "t")) == "a PIEW team"
    runs = p_el.findall(W + "r")
    assert runs[0].find(W + "t").text == "a PIEW"  # took the first character's formatting
    assert p_el.find(W + "bookmarkStart") is not None
    assert p_el.find(f"{W}r/{W}drawing") is not None
