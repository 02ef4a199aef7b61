"""Pictures in the document: add a PNG as an inline or floating picture, find and
remove the pictures a tool marked as its own.

A picture is a run holding ``w:drawing`` with a DrawingML ``pic:pic`` whose
``a:blip r:embed`` points, through a relationship of the story part, to an image
part (``word/media/...``); the package's content types need a ``Default`` for its
extension. Pictures are marked by their ``wp:docPr name`` (e.g. ``pairkit-qr``), so
the tool that made them can find and replace them without touching anyone else's.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from pairkit.ooxml.package import RT_IMAGE, Package
from pairkit.ooxml.story import Paragraph, story_parts
from pairkit.ooxml.xml import NS, Element, W, has_ancestor, qn

EMU_PER_MM = 36000
#: The wp:docPr name of the QR codes pairkit places (regenerated, never carried along).
QR_MARK = "pairkit-qr"
_WP = "{%s}" % NS["wp"]
_A = "{%s}" % NS["a"]
_PIC = "{%s}" % NS["pic"]
_MC_FALLBACK = "{%s}Fallback" % NS["mc"]
_R_EMBED = qn("r:embed")
_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


@dataclass(frozen=True)
class Picture:
    """A picture to place: PNG bytes, its part name, size and accessible description."""

    data: bytes
    media_name: str  # e.g. "word/media/pairkit-qr-1a2b3c.png"
    width_emu: int
    height_emu: int
    name: str  # the mark, written as wp:docPr/@name
    descr: str  # alternative text, read aloud by screen readers
    floating: bool = False  # float at the right of the paragraph's column, text wrapping left
    #: For a float: its left edge this far from the column's left (instead of at the right)
    offset_x_emu: int | None = None
    #: For a float: its top this far below its paragraph's top (negative: above)
    offset_y_emu: int = 0


def ensure_png_type(pkg: Package) -> None:
    """Make sure [Content_Types].xml has a Default for .png."""
    ct_name = "[Content_Types].xml"
    if pkg.content_type("x.png") == "image/png" or not pkg.has(ct_name):
        return
    root = pkg.xml(ct_name)
    default = root.makeelement(qn("ct:Default"), {"Extension": "png", "ContentType": "image/png"})
    defaults = [el for el in root if el.tag == qn("ct:Default")]
    if defaults:
        defaults[-1].addnext(default)
    else:
        root.insert(0, default)
    pkg.mark_changed(ct_name)


def _next_docpr_id(pkg: Package) -> int:
    top = 0
    for part, _kind in story_parts(pkg):
        root = pkg.xml(part)
        for pr in root.iter(_WP + "docPr"):
            if _in_fallback(pr, root):
                continue
            try:
                top = max(top, int(pr.get("id", "0")))
            except ValueError:
                continue
    return top + 1


def _el(parent_maker: Element, tag: str, attrib: dict[str, str] | None = None,
        parent: Element | None = None) -> Element:
    el = parent_maker.makeelement(tag, attrib or {})
    if parent is not None:
        parent.append(el)
    return el


_PREFIXES = {k: NS[k] for k in ("wp", "a", "pic", "r")}


def _drawing(maker: Element, pic: Picture, rid: str, docpr_id: int) -> Element:
    cx, cy = str(pic.width_emu), str(pic.height_emu)
    root = maker.getroottree().getroot()
    missing = {k: v for k, v in _PREFIXES.items() if root.nsmap.get(k) != v}
    drawing = maker.makeelement(W + "drawing", {}, nsmap=missing) if missing else _el(
        maker, W + "drawing")
    if pic.floating:
        frame = _el(maker, _WP + "anchor", {
            "distT": "0", "distB": "36000", "distL": "72000", "distR": "0",
            "simplePos": "0", "relativeHeight": str(251658240 + docpr_id), "behindDoc": "0",
            "locked": "0", "layoutInCell": "1", "allowOverlap": "0",
        }, drawing)
        _el(maker, _WP + "simplePos", {"x": "0", "y": "0"}, frame)
        pos_h = _el(maker, _WP + "positionH", {"relativeFrom": "column"}, frame)
        if pic.offset_x_emu is None:
            _el(maker, _WP + "align", None, pos_h).text = "right"
        else:
            _el(maker, _WP + "posOffset", None, pos_h).text = str(pic.offset_x_emu)
        pos_v = _el(maker, _WP + "positionV", {"relativeFrom": "paragraph"}, frame)
        _el(maker, _WP + "posOffset", None, pos_v).text = str(pic.offset_y_emu)
    else:
        frame = _el(maker, _WP + "inline",
                    {"distT": "0", "distB": "0", "distL": "0", "distR": "0"}, drawing)
    _el(maker, _WP + "extent", {"cx": cx, "cy": cy}, frame)
    _el(maker, _WP + "effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}, frame)
    if pic.floating:
        _el(maker, _WP + "wrapSquare", {"wrapText": "left"}, frame)
    _el(maker, _WP + "docPr", {"id": str(docpr_id), "name": pic.name, "descr": pic.descr}, frame)
    locks_parent = _el(maker, _WP + "cNvGraphicFramePr", None, frame)
    _el(maker, _A + "graphicFrameLocks", {"noChangeAspect": "1"}, locks_parent)
    graphic = _el(maker, _A + "graphic", None, frame)
    data = _el(maker, _A + "graphicData", {"uri": _PICTURE_URI}, graphic)
    p = _el(maker, _PIC + "pic", None, data)
    nv = _el(maker, _PIC + "nvPicPr", None, p)
    _el(maker, _PIC + "cNvPr", {"id": "0", "name": posixpath.basename(pic.media_name),
                                "descr": pic.descr}, nv)
    _el(maker, _PIC + "cNvPicPr", None, nv)
    fill = _el(maker, _PIC + "blipFill", None, p)
    _el(maker, _A + "blip", {_R_EMBED: rid}, fill)
    stretch = _el(maker, _A + "stretch", None, fill)
    _el(maker, _A + "fillRect", None, stretch)
    sp = _el(maker, _PIC + "spPr", None, p)
    xfrm = _el(maker, _A + "xfrm", None, sp)
    _el(maker, _A + "off", {"x": "0", "y": "0"}, xfrm)
    _el(maker, _A + "ext", {"cx": cx, "cy": cy}, xfrm)
    geom = _el(maker, _A + "prstGeom", {"prst": "rect"}, sp)
    _el(maker, _A + "avLst", None, geom)
    return drawing


def insert_picture(pkg: Package, para: Paragraph, pic: Picture, *, at_start: bool) -> Element:
    """Add `pic` to a paragraph, as its first run (after the paragraph properties) or its
    last; the image part, relationship and content type are added as needed."""
    ensure_png_type(pkg)
    if not pkg.has(pic.media_name) or pkg.read(pic.media_name) != pic.data:
        pkg.set_bytes(pic.media_name, pic.data)
    rid = pkg.add_relationship(para.part, RT_IMAGE, pic.media_name, external=False)
    p = para.element
    run = _el(p, W + "r")
    run.append(_drawing(p, pic, rid, _next_docpr_id(pkg)))
    if not pic.floating:
        _single_spacing(p)
    if at_start:
        ppr = p.find(W + "pPr")
        p.insert(p.index(ppr) + 1 if ppr is not None else 0, run)
    else:
        p.append(run)
    pkg.mark_changed(para.part)
    return run


def is_marked(drawing: Element, mark: str = QR_MARK) -> bool:
    """Whether a w:drawing is a picture with this mark (docPr name)."""
    return _marked(drawing, mark)


_AFTER_SPACING = {W + t for t in (
    "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
    "pPrChange")}


def _ppr(p: Element) -> Element:
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = p.makeelement(W + "pPr", {})
        p.insert(0, ppr)
    return ppr


def _spacing(p: Element) -> Element:
    ppr = _ppr(p)
    spacing = ppr.find(W + "spacing")
    if spacing is None:
        spacing = ppr.makeelement(W + "spacing", {})
        later = next((c for c in ppr if c.tag in _AFTER_SPACING), None)
        (later.addprevious(spacing) if later is not None else ppr.append(spacing))
    return spacing


def _single_spacing(p: Element) -> None:
    """Give a paragraph at least single line spacing: Word and LibreOffice crop an inline
    picture at the top when the spacing is exact or a multiple below one."""
    spacing = _spacing(p)
    spacing.set(W + "line", "240")
    spacing.set(W + "lineRule", "auto")


def set_exact_spacing(pkg: Package, para: Paragraph, line_twips: int) -> None:
    """Make a paragraph's lines exactly `line_twips` apart, with no space before or after,
    so that the pictures floated beside a run of such paragraphs can be lined up."""
    spacing = _spacing(para.element)
    for key, value in (("before", "0"), ("after", "0"), ("line", str(line_twips)),
                       ("lineRule", "exact")):
        spacing.set(W + key, value)
    pkg.mark_changed(para.part)


_BEFORE_NUMPR = {W + t for t in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}
_RT_NUMBERING = "numbering"


def _numbered_list(pkg: Package, name: str) -> str | None:
    """The w:numId of a one-level decimal list ("1.", "2.", ...) named `name` in the
    document's numbering part, added on first use; None with no numbering part."""
    parts = pkg.related(pkg.main_part, _RT_NUMBERING)
    if not parts:
        return None
    part = parts[0]
    root = pkg.xml(part)
    abstract_id = None
    for an in root.findall(W + "abstractNum"):
        el = an.find(W + "name")
        if el is not None and el.get(W + "val") == name:
            abstract_id = an.get(W + "abstractNumId")
    nums = root.findall(W + "num")
    if abstract_id is not None:
        for num in nums:
            ref = num.find(W + "abstractNumId")
            if ref is not None and ref.get(W + "val") == abstract_id:
                return num.get(W + "numId")

    def top(els: list[Element], attr: str) -> int:
        vals = [int(v) for e in els if (v := e.get(W + attr, "")).isdigit()]
        return max(vals, default=0)

    if abstract_id is None:
        abstracts = root.findall(W + "abstractNum")
        abstract_id = str(top(abstracts, "abstractNumId") + 1)
        an = root.makeelement(W + "abstractNum", {W + "abstractNumId": abstract_id})
        _el(root, W + "multiLevelType", {W + "val": "singleLevel"}, an)
        _el(root, W + "name", {W + "val": name}, an)
        lvl = _el(root, W + "lvl", {W + "ilvl": "0"}, an)
        for tag, val in (("start", "1"), ("numFmt", "decimal"), ("lvlText", "%1."),
                         ("lvlJc", "left")):
            _el(root, W + tag, {W + "val": val}, lvl)
        ppr = _el(root, W + "pPr", None, lvl)
        _el(root, W + "ind", {W + "left": "227", W + "hanging": "227"}, ppr)
        if abstracts:
            abstracts[-1].addnext(an)
        elif nums:
            nums[0].addprevious(an)
        else:
            root.append(an)
    num_id = str(top(nums, "numId") + 1)
    num = root.makeelement(W + "num", {W + "numId": num_id})
    _el(root, W + "abstractNumId", {W + "val": abstract_id}, num)
    later = root.find(W + "numIdMacAtCleanup")
    (later.addprevious(num) if later is not None else root.append(num))
    pkg.mark_changed(part)
    return num_id


def number_paragraphs(pkg: Package, paras: list[Paragraph], name: str) -> bool:
    """Number these paragraphs 1, 2, 3... (a decimal list named `name`, shared by them);
    False, and nothing changed, when the document has no numbering part."""
    num_id = _numbered_list(pkg, name)
    if num_id is None:
        return False
    for para in paras:
        ppr = _ppr(para.element)
        old = ppr.find(W + "numPr")
        if old is not None:
            ppr.remove(old)
        numpr = ppr.makeelement(W + "numPr", {})
        _el(ppr, W + "ilvl", {W + "val": "0"}, numpr)
        _el(ppr, W + "numId", {W + "val": num_id}, numpr)
        before = [c for c in ppr if c.tag in _BEFORE_NUMPR]
        (before[-1].addnext(numpr) if before else ppr.insert(0, numpr))
        pkg.mark_changed(para.part)
    return True


def _marked(drawing: Element, mark: str) -> bool:
    pr = next(drawing.iter(_WP + "docPr"), None)
    return pr is not None and pr.get("name") == mark


def _own_paragraph(el: Element) -> Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != W + "p":
        parent = parent.getparent()
    return parent


def _in_fallback(el: Element, stop: Element) -> bool:
    return has_ancestor(el, _MC_FALLBACK, stop)


def marked_pictures(para: Paragraph, mark: str) -> list[Element]:
    """The `w:drawing` elements of this paragraph (not of boxes inside it) with the mark."""
    out = []
    for drawing in para.element.iter(W + "drawing"):
        if (_marked(drawing, mark) and _own_paragraph(drawing) is para.element
                and not _in_fallback(drawing, para.element)):
            out.append(drawing)
    return out


def remove_picture(pkg: Package, para: Paragraph, drawing: Element) -> None:
    """Remove a picture (its run, when the run holds nothing else)."""
    run = drawing.getparent()
    if run is not None and run.tag == W + "r" and all(
            c is drawing or c.tag == W + "rPr" for c in run):
        run.getparent().remove(run)
    elif run is not None:
        run.remove(drawing)
    pkg.mark_changed(para.part)


def prune_images(pkg: Package, prefix: str) -> None:
    """Drop relationships to image parts named `prefix`* that no picture uses any more,
    and the parts themselves once nothing points at them."""
    still_used: set[str] = set()
    for part, _kind in story_parts(pkg):
        rels = pkg.rels(part)
        used = {blip.get(_R_EMBED) for blip in pkg.xml(part).iter(_A + "blip")}
        used |= {el.get(qn("r:id")) for el in pkg.xml(part).iter(qn("v:imagedata"))}
        for rel in list(rels.values()):
            if rel.type != RT_IMAGE or rel.external:
                continue
            if not posixpath.basename(rel.target).startswith(prefix):
                continue
            if rel.rid in used:
                still_used.add(rel.target)
            else:
                pkg.remove_relationship(part, rel.rid)
    for name in pkg.member_names():
        if posixpath.basename(name).startswith(prefix) and name not in still_used:
            pkg.remove(name)


__all__ = ["EMU_PER_MM", "QR_MARK", "Picture", "ensure_png_type", "insert_picture",
           "is_marked", "marked_pictures", "number_paragraphs", "prune_images",
           "remove_picture", "set_exact_spacing"]
