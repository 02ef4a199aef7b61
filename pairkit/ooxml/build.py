"""Create and replace paragraphs for the writer, cloning formatting from prototypes.

A new paragraph is built from segments (name, text, label, link). Each segment's run
formatting is copied from the prototype paragraph's first piece of the same kind, so
lists grow in the formatting the document already uses. Runs that hold drawings
(anchored text boxes) are never dropped when a paragraph is replaced.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from pairkit.ooxml.package import RT_HYPERLINK, Package
from pairkit.ooxml.story import Paragraph, TextBox, sync_textbox
from pairkit.ooxml.xml import NS, Element, W

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_R_ID = "{%s}id" % NS["r"]
_ANCHORS = {W + "drawing", W + "pict", W + "object", "{%s}AlternateContent" % NS["mc"]}


@dataclass(frozen=True)
class Segment:
    """A stretch of a new paragraph: kind is 'name' (bold), 'text', 'label' or 'link'."""

    text: str
    kind: str = "text"
    url: str | None = None


def _rpr(run: Element | None) -> Element | None:
    if run is None:
        return None
    r = run.find(W + "rPr")
    return copy.deepcopy(r) if r is not None else None


def _piece_kind(para: Paragraph, i: int) -> str:
    piece = para.pieces[i]
    if piece.link:
        return "link"
    if piece.bold:
        return "name"
    if i == 0 and piece.text.rstrip().endswith(":"):
        return "label"
    return "text"


def _formats(proto: Paragraph | None) -> dict[str, Element | None]:
    """Run properties for each segment kind, taken from the prototype's pieces."""
    found: dict[str, Element | None] = {}
    if proto is not None:
        for i, piece in enumerate(proto.pieces):
            if piece.run is None or piece.run.tag != W + "r" or not piece.text.strip():
                continue
            kind = _piece_kind(proto, i)
            if kind not in found:
                found[kind] = _rpr(piece.run)
    text = found.get("text")
    if "text" not in found:
        base = next((found[k] for k in ("label", "name", "link") if found.get(k) is not None),
                    None)
        text = _without(base, (W + "b", W + "bCs", W + "i", W + "iCs", W + "rStyle", W + "u",
                               W + "color"))
        found["text"] = text
    if "name" not in found:
        found["name"] = _with_bold(found["text"])
    if "label" not in found:
        found["label"] = copy.deepcopy(found["text"])
    if "link" not in found:
        found["link"] = _with_link_style(found["text"])
    return found


def _without(rpr: Element | None, tags: tuple[str, ...]) -> Element | None:
    if rpr is None:
        return None
    r = copy.deepcopy(rpr)
    for child in list(r):
        if child.tag in tags:
            r.remove(child)
    return r


def _ensure_rpr(rpr: Element | None) -> Element:
    if rpr is not None:
        return copy.deepcopy(rpr)
    from lxml import etree

    return etree.Element(W + "rPr", nsmap={"w": NS["w"]})


def _with_bold(rpr: Element | None) -> Element:
    r = _ensure_rpr(rpr)
    if r.find(W + "b") is None:
        b = r.makeelement(W + "b", {})
        style = r.find(W + "rStyle")
        (style.addnext(b) if style is not None else r.insert(0, b))
    return r


def _with_link_style(rpr: Element | None) -> Element:
    r = _ensure_rpr(rpr)
    if r.find(W + "rStyle") is None:
        style = r.makeelement(W + "rStyle", {W + "val": "Hyperlink"})
        r.insert(0, style)
    return r


def _run(rpr: Element | None, text: str, parent_maker: Element) -> Element:
    run = parent_maker.makeelement(W + "r", {})
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    parts = text.split("\n")
    for i, part in enumerate(parts):
        if i:
            run.append(run.makeelement(W + "br", {}))
        if part or len(parts) == 1:
            t = run.makeelement(W + "t", {})
            t.text = part
            if part != part.strip() or "  " in part:
                t.set(_XML_SPACE, "preserve")
            run.append(t)
    return run


def new_paragraph(pkg: Package, part: str, proto: Paragraph | None,
                  segments: list[Segment], fallback: Element | None = None) -> Element:
    """A paragraph with the prototype's paragraph properties and these segments."""
    source = proto.element if proto is not None else fallback
    if source is None:
        raise ValueError("a new paragraph needs a prototype")
    p = source.makeelement(W + "p", {})
    ppr = source.find(W + "pPr")
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        mark = ppr.find(W + "rPr")
        if mark is not None:
            for child in list(mark):
                if child.tag in (W + "ins", W + "del"):
                    mark.remove(child)
        for child in list(ppr):
            if child.tag == W + "pPrChange":
                ppr.remove(child)
        p.append(ppr)
    formats = _formats(proto)
    for seg in segments:
        if not seg.text:
            continue
        rpr = formats.get(seg.kind, formats["text"])
        if seg.kind == "link" and seg.url:
            rid = pkg.add_relationship(part, RT_HYPERLINK, seg.url, external=True)
            h = p.makeelement(W + "hyperlink", {_R_ID: rid, W + "history": "1"})
            h.append(_run(rpr, seg.text, p))
            p.append(h)
        else:
            p.append(_run(rpr, seg.text, p))
    return p


def _anchor_runs(p: Element) -> list[Element]:
    """Runs of `p` that hold drawings or objects (anchored boxes, images).

    pairkit's own QR codes are not kept: they belong beside the item they were made
    for, and ``pairkit qr`` makes them again for the item's new paragraphs.
    """
    from pairkit.ooxml.images import is_marked

    out = []
    for run in p.iter(W + "r"):
        anchors = [child for child in run if child.tag in _ANCHORS]
        if anchors and not all(a.tag == W + "drawing" and is_marked(a) for a in anchors):
            out.append(run)
    return out


def replace_paragraphs(old: list[Paragraph], new: list[Element],
                       after: Paragraph | None = None) -> None:
    """Put `new` where `old` were (or after `after` when `old` is empty).

    Drawings anchored in a removed paragraph move to the first new paragraph (or to
    `after`), so no text box or image is lost. A cell or box keeps one paragraph.
    """
    if old:
        anchor_el = old[0].element
        parent = anchor_el.getparent()
        pos = parent.index(anchor_el)
    elif after is not None:
        parent = after.element.getparent()
        pos = parent.index(after.element) + 1
    else:
        raise ValueError("nowhere to put the paragraphs")
    kept_anchors: list[Element] = []
    new_ids = {id(el) for el in new}
    for para in old:
        el = para.element
        if id(el) in new_ids:
            continue
        kept_anchors.extend(_anchor_runs(el))
    for para in old:
        el = para.element
        if id(el) in new_ids:
            continue
        ep = el.getparent()
        if ep is not None:
            ep.remove(el)
    for i, el in enumerate(new):
        ep = el.getparent()
        if ep is not None:
            ep.remove(el)
        parent.insert(pos + i, el)
    if kept_anchors:
        host = new[0] if new else (after.element if after is not None else None)
        if host is None:
            host = parent.makeelement(W + "p", {})
            parent.insert(pos, host)
        for run in kept_anchors:
            host.append(run)
    if not len([c for c in parent if c.tag in (W + "p", W + "tbl", W + "sdt")]) and (
        parent.tag in (W + "tc", W + "txbxContent", W + "sdtContent")
    ):
        parent.append(parent.makeelement(W + "p", {}))


def sync_boxes(boxes: list[TextBox]) -> None:
    """Mirror edited text boxes into Word's VML fallback copies."""
    seen: set[int] = set()
    for box in boxes:
        if id(box.content) not in seen:
            seen.add(id(box.content))
            sync_textbox(box)


def set_table_columns(table: Element, count: int) -> None:
    """Give a table `count` columns: clone the last column, or drop columns from the end,
    and share the table's width equally."""
    grid = table.find(W + "tblGrid")
    cols = grid.findall(W + "gridCol") if grid is not None else []
    total = sum(int(c.get(W + "w", "0")) for c in cols) or 15704
    rows = [tr for tr in table.iter(W + "tr") if _owner_table(tr) is table]
    for tr in rows:
        cells = [tc for tc in tr if tc.tag == W + "tc" or tc.tag == W + "sdt"]
        while len(cells) > count:
            tr.remove(cells.pop())
        while len(cells) < count and cells:
            clone = copy.deepcopy(cells[-1])
            cells[-1].addnext(clone)
            cells.append(clone)
    width = total // count
    if grid is not None:
        for c in cols:
            grid.remove(c)
        for _ in range(count):
            grid.append(grid.makeelement(W + "gridCol", {W + "w": str(width)}))
    for tcw in table.iter(W + "tcW"):
        if tcw.get(W + "type") == "dxa":
            tcw.set(W + "w", str(width))


def _owner_table(tr: Element) -> Element | None:
    el = tr.getparent()
    while el is not None and el.tag != W + "tbl":
        el = el.getparent()
    return el
