"""Build ``samples/pair-pathway-template.docx``: a faithful reconstruction of the
official PAIR Pathway Template (the Word file itself is not redistributable here).

Two sides of A4 landscape. Side 1: title, the QR slot, the introduction, Section A,
Section B's heading, four steps and the access-to-specialists box, all floating
text boxes written the way Word writes them (a DrawingML shape and its VML fallback
in ``mc:AlternateContent``). Side 2: Section C, the levels of need as a band of
columns (a table), and the "What else do families need?" box; the ownership footer
on both. Every fillable region is wrapped in a content control tagged ``pair:...``
so Word users can fill it and tools can find it.

The output is deterministic (fixed zip dates and order), so anyone can rebuild it
byte-for-byte with ``python -m pairkit.template.build``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from pairkit.ooxml.package import write_zip

EMU_PER_CM = 360000
TEAL = "1F6F78"
LEVEL_COLOURS = ["DDEFE6", "CFE6EE", "FCE9C8", "F9D5C5", "F2C4CE"]

ITHRIVE = [
    ("thriving", "Thriving", "[Describe the need at this level: promotion and prevention for all]"),
    ("getting-advice", "Getting Advice", "[Describe the need at this level]"),
    ("getting-help", "Getting Help", "[Describe the need at this level]"),
    ("getting-more-help", "Getting More Help", "[Describe the need at this level]"),
    ("getting-risk-support", "Getting Risk Support",
     "[Describe the need at this level, including the safeguarding route]"),
]

STEPS = [
    "Step 1 – PAIR training and consultation",
    "Step 2 – Gathering information",
    "Step 3 – Synthesising information and creating a support plan",
    "Step 4 – Matching support to the family's needs",
]
STEP_PROMPTS = [
    ("[Insert local PAIR training offer]", "[Add what it covers]"),
    ("[Insert assessment and screening tools]", "[Add practice prompts: multiple perspectives, "
     "the baby's voice, risk]"),
    ("[Insert how information is pulled together]", "[Add who to consult]"),
    ("[Insert how to decide which support fits]", "[Add local decision-making guidance]"),
]
PRINCIPLES = [
    "Working in partnership with families and other practitioners/services leads to better "
    "outcomes for babies.",
    "It is essential to consider the baby's voice throughout the pathway.",
    "The experiences of marginalised and minoritised families need to be constantly held in mind.",
    "Risk should be considered in relation to the infant, the parents/carers and the "
    "parent-infant relationship.",
    "[Add your own agreed values and principles]",
]
INTRO = [
    "This pathway is for everyone working with families in the first 1001 days, including in "
    "pregnancy. It relates to the emotional wellbeing of babies and their relationships with "
    "their parents and carers.",
    "See the supporting guidance for implementing this template locally, and for further "
    "information or support contact the Parent-Infant Foundation: "
    "admin@parentinfantfoundation.org.uk",
]

NSDECL = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 wp14"'
)
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class _Ids:
    """Deterministic ids for content controls and drawings."""

    def __init__(self) -> None:
        self.sdt = 1000
        self.shape = 0

    def next_sdt(self) -> int:
        self.sdt += 1
        return self.sdt

    def next_shape(self) -> int:
        self.shape += 1
        return self.shape


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def run(text: str, *, bold: bool = False, italic: bool = False, style: str | None = None,
        size: int | None = None, colour: str | None = None) -> str:
    props = ""
    if style:
        props += f'<w:rStyle w:val="{style}"/>'
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if colour:
        props += f'<w:color w:val="{colour}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_t(text)}</w:r>"


def para(content: str, style: str | None = None, extra_ppr: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += extra_ppr
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"


def sdt_block(ids: _Ids, tag: str, alias: str, inner: str) -> str:
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{escape(alias)}"/><w:tag w:val="{tag}"/>'
        f'<w:id w:val="{ids.next_sdt()}"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'
    )


def sdt_run(ids: _Ids, tag: str, alias: str, inner: str) -> str:
    return sdt_block(ids, tag, alias, inner)


def item_paragraphs(name: str, description: str, access: str, contact: str, web: str) -> str:
    """A service or item in the template's own shape: the name in bold, then its details."""
    out = para(run(name, bold=True) + run(" – ") + run(description), "PairItem")
    out += para(run("Access: ", italic=True) + run(access), "PairDetail")
    out += para(run("Contact: ", italic=True) + run(contact), "PairDetail")
    out += para(run("Web: ", italic=True) + run(web), "PairDetail")
    return out


def textbox(ids: _Ids, name: str, x_cm: float, y_cm: float, w_cm: float, h_cm: float,
            inner: str, *, fill: str = "FFFFFF", line: str | None = TEAL) -> str:
    """A floating text box as Word writes it: DrawingML shape plus VML fallback."""
    n = ids.next_shape()
    x, y = int(x_cm * EMU_PER_CM), int(y_cm * EMU_PER_CM)
    cx, cy = int(w_cm * EMU_PER_CM), int(h_cm * EMU_PER_CM)
    z = 251659264 + n * 1024
    ln = (
        f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>'
        if line else "<a:ln><a:noFill/></a:ln>"
    )
    pt = lambda emu: f"{emu / 12700:.1f}pt"  # noqa: E731
    vml_stroke = f'strokecolor="#{line.lower()}" strokeweight="1pt"' if line else 'stroked="f"'
    shapetype = (
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        if n == 1 else ""
    )
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="margin"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{n}" name="{escape(name)}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>{ln}</wps:spPr>'
        f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="72000" tIns="36000" rIns="72000" '
        'bIns="36000" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{shapetype}"
        f'<v:shape id="{escape(name)}" o:spid="_x0000_s{1025 + n}" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:{pt(x)};margin-top:{pt(y)};width:{pt(cx)};'
        f"height:{pt(cy)};z-index:{z};mso-position-horizontal-relative:margin;"
        f'mso-position-vertical-relative:margin" fillcolor="#{fill.lower()}" {vml_stroke}>'
        f'<v:textbox inset="2mm,1mm,2mm,1mm"><w:txbxContent>{inner}</w:txbxContent></v:textbox>'
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def page_one(ids: _Ids) -> str:
    title = sdt_block(ids, "pair:title", "Title", (
        para(run("Parent-Infant Relationships (PAIR) Pathway"), "PairTitle")
        + para(sdt_run(ids, "pair:area", "Local area",
                       run("[Insert local area name]")), "PairArea")
    ))
    qr = sdt_block(ids, "pair:qr", "QR code", para(run("Add your own QR code here"), "PairQR"))
    intro = sdt_block(ids, "pair:introduction", "Introduction",
                      "".join(para(run(t), "PairIntro") for t in INTRO))
    section_a = sdt_block(ids, "pair:section-a", "Section A", (
        para(run("Section A – Ways of Working"), "PairHeading")
        + "".join(para(run(t), "PairBullet") for t in PRINCIPLES)
    ))
    section_b = sdt_block(ids, "pair:section-b", "Section B", para(
        run("Section B – Information Gathering and Decision Making"), "PairHeading"))
    boxes = [
        textbox(ids, "Title", 0, 0, 22.5, 1.9, title, line=None),
        textbox(ids, "QR code", 23.4, 0, 4.3, 3.6, qr),
        textbox(ids, "Introduction", 0, 2.0, 23.0, 1.6, intro, fill="F3F8F8"),
        textbox(ids, "Section A", 0, 3.9, 8.4, 14.6, section_a),
        textbox(ids, "Section B", 8.7, 3.9, 19.0, 0.8, section_b, fill="E4F1F2", line=None),
    ]
    for i, heading in enumerate(STEPS):
        prompt = STEP_PROMPTS[i]
        inner = sdt_block(ids, f"pair:step-{i + 1}", f"Step {i + 1}", (
            para(run(heading), "PairHeading")
            + item_paragraphs(prompt[0], prompt[1], "[How to access it]",
                              "[Contact details]", "[Add weblink]")
        ))
        boxes.append(textbox(ids, f"Step {i + 1}", 8.7 + i * 4.775, 4.9, 4.575, 9.3, inner))
    specialists = sdt_block(ids, "pair:specialists", "Access to specialists", (
        para(run("Access to specialists"), "PairHeading")
        + para(run("[Add specialist team or role]", bold=True) + run(" – ")
               + run("[What they offer]"), "PairItem")
        + para(run("Contact: ", italic=True) + run("[Contact details]"), "PairDetail")
        + para(run("Web: ", italic=True) + run("[Add weblink]"), "PairDetail")
    ))
    boxes.append(textbox(ids, "Access to specialists", 8.7, 14.4, 19.0, 4.1, specialists,
                         fill="FDF6E7"))
    anchor = para("".join(boxes), "PairAnchor")
    return anchor


def page_two(ids: _Ids) -> str:
    heading = sdt_block(ids, "pair:section-c", "Section C", para(
        run("Section C – Parent-Infant Relationship Services and Interventions"),
        "PairHeading", '<w:pageBreakBefore/>'))
    width = 15704
    col = width // len(ITHRIVE)
    grid = "".join(f'<w:gridCol w:w="{col}"/>' for _ in ITHRIVE)
    borders = (
        "<w:tblBorders>" + "".join(
            f'<w:{s} w:val="single" w:sz="8" w:space="0" w:color="{TEAL}"/>'
            for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        ) + "</w:tblBorders>"
    )
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/>{borders}<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    names = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" '
        f'w:fill="{LEVEL_COLOURS[i]}"/></w:tcPr>'
        + sdt_block(ids, "pair:level-name", "Level of need", para(run(name), "PairLevelName"))
        + "</w:tc>"
        for i, (_id, name, _need) in enumerate(ITHRIVE)
    )
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/></w:tcPr>'
        + sdt_block(ids, "pair:level", "Services at this level", (
            para(run(need), "PairNeed")
            + item_paragraphs("[Add service name]", "[What it offers]", "[How to access it]",
                              "[Contact details]", "[Add weblink]")
        ))
        + "</w:tc>"
        for (_id, _name, need) in ITHRIVE
    )
    table = sdt_block(ids, "pair:levels", "Levels of need", (
        f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>"
        f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{names}</w:tr><w:tr>{cells}</w:tr></w:tbl>'
    ))
    spacer = para("", "PairSpacer")
    what_else_inner = sdt_block(ids, "pair:what-else", "What else do families need?", (
        para(run("What else do families need?"), "PairHeading")
        + para(run("[Add links to other local pathways: perinatal mental health, parental "
                   "mental health, family support, infant feeding, domestic abuse, "
                   "substance use]"), "PairBullet")
    ))
    what_else = (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/>{borders}'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid><w:tr><w:tc><w:tcPr>'
        f'<w:tcW w:w="{width}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="F3F8F8"/>'
        f"</w:tcPr>{what_else_inner}</w:tc></w:tr></w:tbl>"
    )
    return heading + table + spacer + what_else


def document_xml() -> str:
    ids = _Ids()
    body = page_one(ids) + page_two(ids)
    sect = (
        '<w:sectPr><w:footerReference w:type="default" r:id="rId8"/>'
        '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        '<w:pgMar w:top="567" w:right="567" w:bottom="680" w:left="567" w:header="284" '
        'w:footer="284" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr>"
    )
    return f"{XML_DECL}<w:document {NSDECL}><w:body>{body}{sect}</w:body></w:document>"


def footer_xml() -> str:
    ids = _Ids()
    ids.sdt = 5000

    def field(label: str, tag: str, value: str, last: bool = False) -> str:
        sep = "" if last else run("  |  ")
        return run(f"{label}: ", bold=True) + sdt_run(ids, tag, label, run(value)) + sep

    content = (
        field("Pathway owner", "pair:owner", "[Insert pathway owner]")
        + field("Version", "pair:version", "[Insert version]")
        + field("Last reviewed", "pair:last-reviewed", "[Insert date]")
        + field("Next review", "pair:next-review", "[Insert date]", last=True)
    )
    return f"{XML_DECL}<w:ftr {NSDECL}>{para(content, 'Footer')}</w:ftr>"


def _style(sid: str, name: str, ppr: str = "", rpr: str = "", kind: str = "paragraph",
           based: str | None = "Normal") -> str:
    b = f'<w:basedOn w:val="{based}"/>' if based and kind == "paragraph" else ""
    return (
        f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'{b}<w:qFormat/>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}'
        f'{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}</w:style>'
    )


def styles_xml() -> str:
    sp = '<w:spacing w:before="0" w:after="20" w:line="220" w:lineRule="auto"/>'
    return (
        f'{XML_DECL}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" '
        'w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="14"/><w:szCs w:val="14"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{sp}</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        + _style("PairTitle", "PAIR Title", "", f'<w:b/><w:bCs/><w:color w:val="{TEAL}"/>'
                 '<w:sz w:val="36"/><w:szCs w:val="36"/>')
        + _style("PairArea", "PAIR Area", "", '<w:sz w:val="26"/><w:szCs w:val="26"/>')
        + _style("PairQR", "PAIR QR Slot", '<w:jc w:val="center"/>', '<w:i/><w:color w:val="666666"/>')
        + _style("PairIntro", "PAIR Introduction", '<w:spacing w:after="40"/>',
                 '<w:sz w:val="15"/><w:szCs w:val="15"/>')
        + _style("PairHeading", "PAIR Heading", '<w:keepNext/><w:spacing w:before="0" w:after="60"/>',
                 f'<w:b/><w:bCs/><w:color w:val="{TEAL}"/><w:sz w:val="18"/><w:szCs w:val="18"/>')
        + _style("PairBullet", "PAIR Bullet", '<w:numPr><w:numId w:val="1"/></w:numPr>'
                 '<w:spacing w:after="40"/><w:ind w:left="170" w:hanging="170"/>')
        + _style("PairItem", "PAIR Item", '<w:numPr><w:numId w:val="1"/></w:numPr>'
                 '<w:spacing w:before="40" w:after="0"/><w:ind w:left="170" w:hanging="170"/>')
        + _style("PairDetail", "PAIR Item Detail", '<w:ind w:left="170"/>'
                 '<w:spacing w:after="0"/>', '<w:sz w:val="13"/><w:szCs w:val="13"/>')
        + _style("PairLevelName", "PAIR Level Name", '<w:jc w:val="center"/>',
                 '<w:b/><w:bCs/><w:sz w:val="18"/><w:szCs w:val="18"/>')
        + _style("PairNeed", "PAIR Level Need", '<w:spacing w:after="40"/>',
                 '<w:i/><w:iCs/><w:color w:val="444444"/>')
        + _style("PairAnchor", "PAIR Anchor", "", '<w:sz w:val="2"/><w:szCs w:val="2"/>')
        + _style("PairSpacer", "PAIR Spacer", "", '<w:sz w:val="8"/><w:szCs w:val="8"/>')
        + _style("Footer", "footer", '<w:tabs><w:tab w:val="center" w:pos="7852"/></w:tabs>',
                 '<w:sz w:val="14"/>')
        + _style("Hyperlink", "Hyperlink", "", '<w:color w:val="0563C1"/><w:u w:val="single"/>',
                 kind="character")
        + "</w:styles>"
    )


NUMBERING = (
    f'{XML_DECL}<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="170" w:hanging="170"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)

SETTINGS = (
    f'{XML_DECL}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
)

CONTENT_TYPES = (
    f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/></Types>'
)

ROOT_RELS = (
    f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/extended-properties" Target="docProps/app.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

DOC_RELS = (
    f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/footer" Target="footer1.xml"/></Relationships>'
)

CORE = (
    f'{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Parent-Infant Relationships (PAIR) Pathway</dc:title>"
    "<dc:creator>pairkit</dc:creator><cp:lastModifiedBy>pairkit</cp:lastModifiedBy>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)

APP = (
    f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>pairkit</Application><Pages>2</Pages></Properties>'
)


def members() -> list[tuple[str, bytes]]:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", CORE),
        ("docProps/app.xml", APP),
        ("word/document.xml", document_xml()),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS),
        ("word/numbering.xml", NUMBERING),
        ("word/footer1.xml", footer_xml()),
        ("word/_rels/document.xml.rels", DOC_RELS),
    ]
    return [(name, text.encode("utf-8")) for name, text in parts]


def build(dest: Path) -> None:
    write_zip(dest, members())


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    dest = Path(args[0]) if args else Path("samples/pair-pathway-template.docx")
    build(dest)
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
