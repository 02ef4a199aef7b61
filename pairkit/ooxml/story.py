"""The normalised text view of a document: paragraphs in reading order.

A :class:`Paragraph` is what everything above the OOXML layer sees: its visible text
in the *accepted* view of tracked changes (insertions in, deletions out), with field
codes resolved to their results, hyperlinks (relationship and ``HYPERLINK`` field),
images, content-control tags and the place it sits (body, table cell, text box,
header, footer, footnote, comment). Each character of ``text`` maps to a
:class:`Piece` of a run, so editors can change a character range across runs.

Word stores a floating text box twice (``mc:AlternateContent``: a ``wps:txbx`` shape
and a VML ``v:textbox`` fallback). The walker reads one copy and records the other in
:class:`TextBox`, so an edit can be mirrored into both (:func:`sync_textbox`).
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pairkit.ooxml.package import Package
from pairkit.ooxml.xml import NS, Element, W, has_ancestor, qn

_MC = "{%s}" % NS["mc"]
_R_ID = qn("r:id")
_R_EMBED = qn("r:embed")
_R_LINK = qn("r:link")
_TXBX = W + "txbxContent"
_DOCPR = qn("wp:docPr")
_BLIP = qn("a:blip")
_IMAGEDATA = qn("v:imagedata")
# Tags compared in the hot loops, built once (not `W + "t"` at every comparison).
_P, _TBL, _SDT, _SDTCONTENT, _R, _HYPERLINK = (
    W + "p", W + "tbl", W + "sdt", W + "sdtContent", W + "r", W + "hyperlink")
_T, _TAB, _PTAB, _BR, _CR = W + "t", W + "tab", W + "ptab", W + "br", W + "cr"
_RPR, _B, _RSTYLE, _VAL, _TYPE = W + "rPr", W + "b", W + "rStyle", W + "val", W + "type"
_FLDCHAR, _INSTRTEXT, _FLDSIMPLE = W + "fldChar", W + "instrText", W + "fldSimple"
_ALTERNATE = _MC + "AlternateContent"
_PPR, _TR, _TC = W + "pPr", W + "tr", W + "tc"
_PSTYLE, _NUMPR, _NUMID = W + "pStyle", W + "numPr", W + "numId"

# Containers whose children are walked inline, as if they were not there.
_INLINE_TRANSPARENT = {
    W + "ins", W + "moveTo", W + "smartTag", W + "customXml", W + "bdo", W + "dir",
}
# Everything else inline (w:del, w:moveFrom, w:pPr ...) is not visible text and is skipped.
_HYPERLINK_RE = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+"[^"]*"\s+)*"?([^"\s]+)"?(.*)$', re.S)
_ANCHOR_RE = re.compile(r'\\l\s+"([^"]*)"')

STORY_TYPES = {
    "header": "header",
    "footer": "footer",
    "footnotes": "footnote",
    "endnotes": "endnote",
    "comments": "comment",
}


@dataclass(slots=True)
class Piece:
    """A stretch of visible text from one node of one run."""

    text: str
    start: int
    run: Element | None
    node: Element | None
    bold: bool
    link: str | None


@dataclass(slots=True)
class Link:
    start: int
    end: int
    url: str


@dataclass(slots=True)
class TextBox:
    """A floating text box: the copy that is read, and Word's VML fallback copy."""

    content: Element
    fallback: Element | None
    name: str


@dataclass
class Paragraph:
    """One paragraph of the document, in the accepted view."""

    element: Element
    part: str
    story: str  # "body", "header", "footer", "footnote", "endnote", "comment"
    index: int
    pieces: list[Piece] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    run_tags: list[tuple[int, int, str]] = field(default_factory=list)
    textbox: TextBox | None = None
    cell: tuple[int, int, int] | None = None  # (table number in part, row, column)
    cell_element: Element | None = None
    table_element: Element | None = None
    text: str = ""

    @property
    def style(self) -> str | None:
        ps = _find_path(self.element, _PPR, _PSTYLE)
        return ps.get(_VAL) if ps is not None else None

    @property
    def is_list(self) -> bool:
        num = _find_path(self.element, _PPR, _NUMPR, _NUMID)
        if num is not None:
            return num.get(_VAL) not in ("0", None)
        style = self.style or ""
        return "List" in style or "Bullet" in style

    @property
    def container(self) -> Element:
        """The element that holds this paragraph's box or cell (for grouping)."""
        if self.textbox is not None:
            return self.textbox.content
        if self.cell_element is not None:
            return self.cell_element
        return self.element.getparent()

    @property
    def place(self) -> str:
        """Where a Word user finds this paragraph, in plain words."""
        if self.textbox is not None:
            return f"text box '{self.textbox.name}'"
        if self.cell is not None:
            t, r, c = self.cell
            return f"table {t + 1}, row {r + 1}, column {c + 1}"
        return {"body": "main text"}.get(self.story, self.story)

    def bold_prefix_end(self) -> int:
        """Offset where the paragraph's leading bold phrase ends (0 if it starts plain)."""
        end = 0
        for p in self.pieces:
            if p.bold and p.text:
                end = p.start + len(p.text)
            elif p.text.strip():
                break
        return end


@dataclass
class _Field:
    instr: list[str]
    in_result: bool = False
    url: str | None = None


class _Walker:
    """Walks one part's story; yields paragraphs; keeps numbering for tables."""

    def __init__(self, pkg: Package, part: str, story: str, start_index: int) -> None:
        self.pkg = pkg
        self.part = part
        self.story = story
        self.index = start_index
        self.tables = 0
        self._rels = None
        self.out: list[Paragraph] = []

    def rels(self):
        if self._rels is None:
            self._rels = self.pkg.rels(self.part)
        return self._rels

    # -- blocks ------------------------------------------------------------------
    # The walk appends to ``self.out`` rather than yielding: a paragraph deep in a
    # table in a content control would otherwise pass through a chain of generators.
    def blocks(self, container: Element, ctx: dict) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, ctx)
            elif tag == _TBL:
                self.table(child, ctx)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    self.blocks(content, _with_tag(ctx, child))
            elif tag in _INLINE_TRANSPARENT:
                self.blocks(child, ctx)
            elif tag == _ALTERNATE:
                branch = _choose(child)
                if branch is not None:
                    self.blocks(branch, ctx)

    def table(self, tbl: Element, ctx: dict) -> None:
        number = self.tables
        self.tables += 1
        for r, tr in enumerate(_children(tbl, _TR)):
            for c, tc in enumerate(_children(tr, _TC)):
                cctx = dict(ctx, cell=(number, r, c), cell_element=tc, table_element=tbl)
                self.blocks(tc, cctx)

    # -- paragraphs --------------------------------------------------------------
    def paragraph(self, p: Element, ctx: dict) -> None:
        para = Paragraph(
            element=p,
            part=self.part,
            story=self.story,
            index=self.index,
            tags=ctx.get("tags", ()),
            textbox=ctx.get("textbox"),
            cell=ctx.get("cell"),
            cell_element=ctx.get("cell_element"),
            table_element=ctx.get("table_element"),
        )
        self.index += 1
        boxes: list[TextBox] = []
        state = _InlineState(para, boxes, [])
        self.inline(p, state, None)
        para.text = "".join(state.chars)
        if state.linked:
            _merge_links(para)
        self.out.append(para)
        for box in boxes:
            bctx = {"tags": para.tags, "textbox": box}
            self.blocks(box.content, bctx)

    def inline(self, elem: Element, st: _InlineState, link: str | None) -> None:
        for child in elem:
            tag = child.tag
            if tag == _R:
                self.run(child, st, link)
            elif tag == _PPR or not isinstance(tag, str):
                continue
            elif tag == _HYPERLINK:
                url = self._hyperlink_url(child)
                self.inline(child, st, url or link)
            elif tag in _INLINE_TRANSPARENT:
                self.inline(child, st, link)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    start = st.length
                    self.inline(content, st, link)
                    t = _sdt_tag(child)
                    if t:
                        st.para.run_tags.append((start, st.length, t))
            elif tag == _FLDSIMPLE:
                m = _HYPERLINK_RE.match(child.get(W + "instr", ""))
                self.inline(child, st, _field_url(m) if m else link)
            elif tag == _ALTERNATE:
                branch = _choose(child)
                if branch is not None:
                    self.inline(branch, st, link)

    def run(self, r: Element, st: _InlineState, link: str | None) -> None:
        nodes = list(r)  # one pass of lxml proxies, shared by _is_bold and the loop
        bold = _is_bold(nodes)
        for node in nodes:
            tag = node.tag
            if tag == _T:
                text = node.text or ""
                if st.fields:
                    self._text(st, text, r, node, bold, link)
                else:  # the common case, inlined: plain text outside any field
                    st.para.pieces.append(Piece(text, st.length, r, node, bold, link))
                    st.chars.append(text)
                    st.length += len(text)
                    if link:
                        st.linked = True
            elif tag == _RPR:
                continue
            elif tag in (_TAB, _PTAB):
                self._text(st, "\t", r, node, bold, link)
            elif tag in (_BR, _CR):
                if node.get(_TYPE) in (None, "textWrapping") or tag == _CR:
                    self._text(st, "\n", r, node, bold, link)
            elif tag == W + "noBreakHyphen":
                self._text(st, "-", r, node, bold, link)
            elif tag == W + "sym":
                ch = node.get(W + "char", "")
                with contextlib.suppress(ValueError):
                    self._text(st, chr(int(ch, 16)), r, node, bold, link)
            elif tag == _FLDCHAR:
                kind = node.get(W + "fldCharType")
                if kind == "begin":
                    st.fields.append(_Field([]))
                elif kind == "separate" and st.fields:
                    f = st.fields[-1]
                    f.in_result = True
                    m = _HYPERLINK_RE.match("".join(f.instr))
                    if m:
                        f.url = _field_url(m)
                elif kind == "end" and st.fields:
                    st.fields.pop()
            elif tag == _INSTRTEXT:
                if st.fields and not st.fields[-1].in_result:
                    st.fields[-1].instr.append(node.text or "")
            elif tag == W + "drawing":
                self._drawing(node, st)
            elif tag == W + "pict" or tag == W + "object":
                self._vml(node, st)
            elif tag == _ALTERNATE:
                self._alternate(node, st, r, link)
            elif tag in _INLINE_TRANSPARENT:
                self.run(node, st, link)

    def _text(self, st, text, r, node, bold, link) -> None:
        if st.fields:
            if any(not f.in_result for f in st.fields):
                return  # field instruction: not visible
            for f in reversed(st.fields):
                if f.url:
                    link = f.url
                    break
        start = st.length
        st.chars.append(text)
        st.length += len(text)
        st.para.pieces.append(Piece(text, start, r, node, bold, link))
        if link:
            st.linked = True

    def _hyperlink_url(self, h: Element) -> str | None:
        rid = h.get(_R_ID)
        anchor = h.get(W + "anchor")
        if rid:
            rel = self.rels().get(rid)
            if rel is not None:
                return rel.target + (f"#{anchor}" if anchor else "")
        if anchor:
            return f"#{anchor}"
        return None

    def _image(self, rid: str | None, st: _InlineState) -> None:
        if not rid:
            return
        rel = self.rels().get(rid)
        if rel is not None:
            st.para.images.append(rel.target)

    def _drawing(self, drawing: Element, st: _InlineState) -> None:
        for blip in drawing.iter(_BLIP):
            if _inside_textbox(blip, drawing):
                continue
            self._image(blip.get(_R_EMBED) or blip.get(_R_LINK), st)
        for content in _top_level(drawing, _TXBX):
            st.boxes.append(TextBox(content, None, _box_name(content)))

    def _vml(self, pict: Element, st: _InlineState) -> None:
        for img in pict.iter(_IMAGEDATA):
            if not _inside_textbox(img, pict):
                self._image(img.get(_R_ID), st)
        for content in _top_level(pict, _TXBX):
            st.boxes.append(TextBox(content, None, _box_name(content)))

    def _alternate(self, ac: Element, st: _InlineState, r: Element, link) -> None:
        """A run's AlternateContent: read the Choice, remember the Fallback's boxes."""
        choice = _choose(ac)
        fallback = ac.find(_MC + "Fallback")
        before = len(st.boxes)
        if choice is not None:
            self.run(choice, st, link)
        elif fallback is not None:
            self.run(fallback, st, link)
            return
        if fallback is not None:
            twins = list(_top_level(fallback, _TXBX))
            mine = st.boxes[before:]
            if len(twins) == len(mine):
                for box, twin in zip(mine, twins, strict=True):
                    box.fallback = twin


@dataclass
class _InlineState:
    para: Paragraph
    boxes: list[TextBox]
    fields: list[_Field]
    chars: list[str] = field(default_factory=list)
    length: int = 0
    linked: bool = False  # any piece with a link (else there are no links to merge)


def _children(elem: Element, tag: str) -> Iterator[Element]:
    """Children with `tag`, looking through content controls and revision wrappers."""
    for child in elem:
        if child.tag == tag:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _INLINE_TRANSPARENT:
            yield from _children(child, tag)


def _find_path(elem: Element, *tags: str) -> Element | None:
    """``elem.find("a/b/...")`` for tags a, b, ...: the first match in document order.

    A loop over children: lxml's find() parses its path on every call, and the reader
    asks every paragraph for its style."""
    if not tags:
        return elem
    first, rest = tags[0], tags[1:]
    for child in elem:
        if child.tag == first:
            found = _find_path(child, *rest)
            if found is not None:
                return found
    return None


def _top_level(root: Element, tag: str) -> Iterator[Element]:
    """Descendants with `tag` that are not inside another element with that tag."""
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        if el.tag == tag:
            yield el
            continue
        if el.tag == _MC + "Fallback" and root.tag != _MC + "Fallback":
            continue
        stack.extend(reversed(el))


def _inside_textbox(el: Element, stop: Element) -> bool:
    return has_ancestor(el, _TXBX, stop)


def _choose(ac: Element) -> Element | None:
    """The branch of mc:AlternateContent that a consumer like Word reads."""
    choice = ac.find(_MC + "Choice")
    if choice is not None and len(choice):
        return choice
    return ac.find(_MC + "Fallback")


def _box_name(content: Element) -> str:
    """A text box's name from its drawing properties, else 'text box'."""
    el = content.getparent()
    while el is not None:
        if el.tag == W + "drawing" or el.tag == W + "pict":
            pr = next(el.iter(_DOCPR), None)
            if pr is not None:
                return pr.get("descr") or pr.get("name") or "text box"
            shape = next((s for s in el.iter() if s.get("id") and "vml" in str(s.tag)), None)
            if shape is not None:
                return shape.get("alt") or shape.get("id") or "text box"
            break
        el = el.getparent()
    return "text box"


def _is_bold(nodes: list[Element]) -> bool:
    """Whether a run (given as its list of children) is bold, directly or by style."""
    # Plain child loops: lxml's find() parses its path on every call, and this runs per run.
    for rpr in nodes:
        if rpr.tag == _RPR:
            break
    else:
        return False
    style = None
    for c in rpr:
        tag = c.tag
        if tag == _B:
            return c.get(_VAL, "true") not in ("0", "false", "off")
        if tag == _RSTYLE and style is None:
            style = c
    return style is not None and style.get(_VAL, "").lower() in ("strong", "bold")


def _sdt_tag(sdt: Element) -> str | None:
    tag = sdt.find(f"{W}sdtPr/{W}tag")
    return tag.get(W + "val") if tag is not None else None


def _with_tag(ctx: dict, sdt: Element) -> dict:
    t = _sdt_tag(sdt)
    return dict(ctx, tags=ctx.get("tags", ()) + (t,)) if t else ctx


def _field_url(m: re.Match[str]) -> str:
    url = m.group(1)
    a = _ANCHOR_RE.search(m.group(2) or "")
    if url == "\\l" and a:
        return "#" + a.group(1)
    if a:
        url += "#" + a.group(1)
    return url


def _merge_links(para: Paragraph) -> None:
    """Join consecutive pieces with the same link into one :class:`Link` range."""
    cur: Link | None = None
    for p in para.pieces:
        if p.link and cur is not None and cur.url == p.link and cur.end == p.start:
            cur.end = p.start + len(p.text)
        elif p.link:
            cur = Link(p.start, p.start + len(p.text), p.link)
            para.links.append(cur)
        else:
            cur = None


def story_parts(pkg: Package) -> list[tuple[str, str]]:
    """(part, story kind) for the main document and every related story part."""
    main = pkg.main_part
    out = [(main, "body")]
    for rel_type, kind in STORY_TYPES.items():
        for part in pkg.related(main, rel_type):
            out.append((part, kind))
    return out


def paragraphs(pkg: Package, stories: tuple[str, ...] | None = None) -> Iterator[Paragraph]:
    """Every paragraph of the document in reading order: body first, then the rest."""
    index = 0
    for part, kind in story_parts(pkg):
        if stories is not None and kind not in stories:
            continue
        root = pkg.xml(part)
        walker = _Walker(pkg, part, kind, index)
        body = root.find(W + "body") if kind == "body" else root
        if body is None:
            continue
        if kind in ("footnote", "endnote", "comment"):
            for note in body:
                walker.blocks(note, {})
        else:
            walker.blocks(body, {})
        yield from walker.out  # one part is walked whole, then handed out
        index = walker.index


def sync_textbox(box: TextBox) -> bool:
    """Make Word's VML fallback copy of a text box hold the same paragraphs as the
    copy that was edited. Returns True when the fallback changed."""
    if box.fallback is None:
        return False
    fb = box.fallback
    for child in list(fb):
        fb.remove(child)
    for child in box.content:
        fb.append(copy.deepcopy(child))
    return True
