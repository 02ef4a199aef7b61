"""Change a character range of a paragraph's visible text, across runs.

The new text goes into the node of the first character it replaces, so it takes that
character's formatting; the other runs in the range are trimmed, never merged, and
runs holding drawings, field characters, comments or bookmarks are left in place.
"""

from __future__ import annotations

from pairkit.ooxml.story import Paragraph, Piece
from pairkit.ooxml.xml import Element, W

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CONTENT_TAGS = {W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "sym",
                 W + "ptab"}


def _set_t(node: Element, text: str) -> None:
    node.text = text
    if text != text.strip() or "  " in text:
        node.set(_XML_SPACE, "preserve")


def _drop_node(node: Element) -> None:
    run = node.getparent()
    if run is None:
        return
    run.remove(node)
    if run.tag == W + "r" and not any(c.tag != W + "rPr" for c in run):
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)


def set_text(para: Paragraph, start: int, end: int, text: str) -> None:
    """Replace para.text[start:end] by `text` in the XML (the Paragraph is stale after)."""
    hits = [p for p in para.pieces if p.start < end and p.start + len(p.text) > start]
    if not hits:
        _insert_at(para, start, text)
        return
    first = hits[0]
    host: Piece | None = next((p for p in hits if p.node is not None and p.node.tag == W + "t"),
                              None)
    for p in hits:
        lo = max(start - p.start, 0)
        hi = min(end - p.start, len(p.text))
        keep = p.text[:lo] + (text if p is host else "") + p.text[hi:]
        if p.node is None:
            continue
        if p.node.tag == W + "t":
            if keep:
                _set_t(p.node, keep)
            else:
                _drop_node(p.node)
        elif lo == 0 and hi == len(p.text):
            _drop_node(p.node)
    if host is None and text:
        _new_t_after(first, text)


def _insert_at(para: Paragraph, start: int, text: str) -> None:
    before = [p for p in para.pieces if p.start + len(p.text) <= start and p.node is not None]
    if before:
        _new_t_after(before[-1], text)
        return
    run = Element_run(para.element)
    t = run.makeelement(W + "t", {})
    _set_t(t, text)
    run.append(t)


def _new_t_after(piece: Piece, text: str) -> None:
    node = piece.node
    t = node.makeelement(W + "t", {})
    _set_t(t, text)
    node.addnext(t)


def Element_run(p: Element) -> Element:  # noqa: N802 - mirrors the OOXML name
    """A new empty run at the end of paragraph `p`."""
    run = p.makeelement(W + "r", {})
    p.append(run)
    return run


def has_content(node: Element) -> bool:
    return node.tag in _CONTENT_TAGS
