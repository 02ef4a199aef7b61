"""Replace a character range of a paragraph's visible text, across runs.

:func:`replace_range` works on a :class:`pairkit.ooxml.story.Paragraph` from the
story walker: ``para.text[start:end]`` becomes ``new``. Formatting stays with the
characters: each new character takes the formatting of the old character at the
same relative place (so an equal-length swap keeps every character's formatting,
and a longer or shorter one spreads over the same runs). Untouched characters keep
their runs, nodes and bytes.

With ``revision`` the edit is a tracked change: the old characters are wrapped in
``w:del`` (their text becomes ``w:delText``) and the new text is a ``w:ins`` run
with the first old character's formatting, so Word shows it for review.

Several edits to one paragraph must be made from the last to the first (as
:func:`replace_ranges` does): an edit keeps the offsets before it valid.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from pairkit.ooxml.story import Paragraph, Piece
from pairkit.ooxml.xml import Element, W

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Revision:
    """Author and date for tracked changes; ``next_id`` hands out w:id values."""

    author: str = "pairkit"
    date: str = ""
    next_id: int = 90000

    def __post_init__(self) -> None:
        if not self.date:
            self.date = datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    def new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    @classmethod
    def for_part(cls, root: Element, author: str = "pairkit", date: str = "") -> Revision:
        """A revision whose ids start above every w:id already in the part."""
        top = 0
        for el in root.iter():
            value = el.get(W + "id") if isinstance(el.tag, str) else None
            if value and value.lstrip("-").isdigit():
                top = max(top, int(value))
        return cls(author=author, date=date, next_id=top)


def replace_ranges(
    para: Paragraph, edits: list[tuple[int, int, str]], revision: Revision | None = None
) -> None:
    """Make several non-overlapping (start, end, new) edits, last first."""
    for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        replace_range(para, start, end, new, revision)


def replace_range(
    para: Paragraph, start: int, end: int, new: str, revision: Revision | None = None
) -> None:
    """Replace ``para.text[start:end]`` with NEW in the paragraph's XML."""
    if not 0 <= start < end <= len(para.text):
        raise ValueError(f"range {start}-{end} is not inside the paragraph's text")
    pieces = [p for p in para.pieces if p.start < end and p.start + len(p.text) > start]
    if any(p.run is None or p.node is None for p in pieces):
        raise ValueError("the range holds text pairkit cannot edit")
    if revision is None:
        _replace_plain(para, pieces, start, end, new)
    else:
        _replace_tracked(para, pieces, start, end, new, revision)
    para.text = para.text[:start] + new + para.text[end:]


# --- plain edits ------------------------------------------------------------------


def _allocate(pieces: list[Piece], start: int, end: int, new: str) -> list[str]:
    """Split NEW over the pieces, spreading it evenly over the old characters.

    The first new character goes where the first old one was and the last where the
    last was, so a span's formatting at both ends is kept whatever the lengths.
    """
    old_len = end - start
    owners = []
    for piece in pieces:
        a = max(start, piece.start) - start
        b = min(end, piece.start + len(piece.text)) - start
        owners.append((a, b))
    slices = ["" for _ in pieces]
    for i, ch in enumerate(new):
        pos = 0 if len(new) == 1 else (2 * i * (old_len - 1) + len(new) - 1) // (2 * (len(new) - 1))
        for k, (a, b) in enumerate(owners):
            if a <= pos < b:
                slices[k] += ch
                break
    return slices


def _replace_plain(para: Paragraph, pieces: list[Piece], start: int, end: int, new: str) -> None:
    slices = _allocate(pieces, start, end, new)
    for piece, part in zip(pieces, slices, strict=True):
        a = max(start, piece.start) - piece.start
        b = min(end, piece.start + len(piece.text)) - piece.start
        node = piece.node
        if node.tag == W + "t":
            text = piece.text[:a] + part + piece.text[b:]
            if text:
                _set_text(node, text)
            else:
                node.getparent().remove(node)
            piece.text = text
        else:  # a tab, break, non-breaking hyphen or symbol: one character
            if part:
                t = etree.Element(W + "t")
                _set_text(t, part)
                node.addprevious(t)
                piece.node = t
            node.getparent().remove(node)
            piece.text = part
    _reindex(para)


def _set_text(node: Element, text: str) -> None:
    node.text = text
    if text != text.strip() or "  " in text:
        node.set(_XML_SPACE, "preserve")


def _reindex(para: Paragraph) -> None:
    pos = 0
    for piece in para.pieces:
        piece.start = pos
        pos += len(piece.text)


# --- tracked edits ----------------------------------------------------------------


def _split_run_at(piece: Piece, offset: int) -> None:
    """Split PIECE's run so that a new run starts at OFFSET characters into the piece."""
    node = piece.node
    if offset <= 0 or offset >= len(piece.text) or node.tag != W + "t":
        return
    left, right = piece.text[:offset], piece.text[offset:]
    _set_text(node, left)
    tail = etree.Element(W + "t")
    _set_text(tail, right)
    node.addnext(tail)
    piece.text = left


def _run_of(node: Element) -> Element:
    run = node.getparent()
    while run is not None and run.tag != W + "r":
        run = run.getparent()
    return run


def _isolate(node: Element) -> Element:
    """Put NODE in a run of its own (same formatting) and return that run."""
    run = _run_of(node)
    content = [c for c in run if c.tag != W + "rPr"]
    if content == [node]:
        return run
    rpr = run.find(W + "rPr")
    idx = content.index(node)
    before, after = content[:idx], content[idx + 1 :]
    if after:
        tail = etree.Element(W + "r")
        if rpr is not None:
            tail.append(copy.deepcopy(rpr))
        for c in after:
            tail.append(c)
        run.addnext(tail)
    if before:
        mine = etree.Element(W + "r")
        if rpr is not None:
            mine.append(copy.deepcopy(rpr))
        mine.append(node)
        run.addnext(mine)
        return mine
    return run


def _replace_tracked(
    para: Paragraph, pieces: list[Piece], start: int, end: int, new: str, rev: Revision
) -> None:
    first, last = pieces[0], pieces[-1]
    # Split text nodes at the range's ends so the range is whole nodes.
    last_end = last.start + len(last.text)
    if end < last_end and last.node.tag == W + "t":
        _split_run_at(last, end - last.start)
    if start > first.start and first.node.tag == W + "t":
        _split_run_at(first, start - first.start)
        node = first.node.getnext()
    else:
        node = first.node
    nodes = [node] + [p.node for p in pieces[1:]]
    runs = [_isolate(n) for n in nodes]
    # One run per node now; wrap each deleted run in w:del.
    rpr = runs[0].find(W + "rPr")
    ins = etree.Element(
        W + "ins", {W + "id": rev.new_id(), W + "author": rev.author, W + "date": rev.date}
    )
    r = etree.SubElement(ins, W + "r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = etree.SubElement(r, W + "t")
    _set_text(t, new)
    for run in runs:
        for child in run:
            if child.tag == W + "t":
                child.tag = W + "delText"
        wrapper = etree.Element(
            W + "del", {W + "id": rev.new_id(), W + "author": rev.author, W + "date": rev.date}
        )
        run.addprevious(wrapper)
        wrapper.append(run)
    runs[-1].getparent().addnext(ins)
    # Offsets before START stay valid (the split trimmed the first piece); the rest go.
    keep = [p for p in para.pieces if p.start < start]
    para.pieces[:] = keep


# --- whole values, for the writer ---------------------------------------------------


def set_text(para: Paragraph, start: int, end: int, text: str) -> None:
    """Replace ``para.text[start:end]`` by TEXT, all of it in the first character's format.

    The writer uses this for whole values (a title, an owner's name): unlike
    :func:`replace_range` it also inserts into an empty range, and it does not spread
    the new text over the old runs. Runs holding drawings, fields or bookmarks stay.
    The paragraph's pieces and text are kept current, so several edits to one
    paragraph can follow each other (last first, as their offsets were read).
    """
    hits = [p for p in para.pieces if p.start < end and p.start + len(p.text) > start]
    host = next((p for p in hits if p.node is not None and p.node.tag == W + "t"), None)
    gone: list[Piece] = []
    if host is None:
        before = [p for p in para.pieces
                  if p.start + len(p.text) <= start and p.node is not None]
        if text and before:
            t = _append_t(before[-1].node, text)
            anchor = before[-1]
            para.pieces.insert(para.pieces.index(anchor) + 1,
                               Piece(text, start, anchor.run, t, anchor.bold, anchor.link))
        elif text:
            run = etree.SubElement(para.element, W + "r")
            t = etree.SubElement(run, W + "t")
            _set_text(t, text)
            para.pieces.append(Piece(text, start, run, t, False, None))
        for p in hits:
            _drop_node(p.node)
            gone.append(p)
    else:
        for p in hits:
            lo = max(start - p.start, 0)
            hi = min(end - p.start, len(p.text))
            keep = p.text[:lo] + (text if p is host else "") + p.text[hi:]
            if p.node is None:
                continue
            if p.node.tag == W + "t":
                if keep:
                    _set_text(p.node, keep)
                    p.text = keep
                else:
                    _drop_node(p.node)
                    gone.append(p)
            elif lo == 0 and hi == len(p.text):
                _drop_node(p.node)
                gone.append(p)
    for p in gone:
        para.pieces.remove(p)
    para.text = para.text[:start] + text + para.text[end:]
    _reindex(para)


def _append_t(node: Element, text: str) -> Element:
    t = node.makeelement(W + "t", {})
    _set_text(t, text)
    node.addnext(t)
    return t


def _drop_node(node: Element | None) -> None:
    """Remove a text node; remove its run too when nothing but properties is left."""
    if node is None or node.getparent() is None:
        return
    run = node.getparent()
    run.remove(node)
    if run.tag == W + "r" and not any(c.tag != W + "rPr" for c in run):
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
