"""Word comments: add a comment anchored on a paragraph, and read comments back.

A comment has two halves: its anchor in the document (``w:commentRangeStart`` and
``w:commentRangeEnd`` around the paragraph's content, then a run holding
``w:commentReference``) and its text in the comments part (``word/comments.xml``),
which the main document must relate to and ``[Content_Types].xml`` must register.
Both are created when the document has no comments yet, and extended when it has.

Word ignores comment anchors inside text boxes, headers and footers (MS-OI29500,
commentRangeStart), and most of the template's boxes are text boxes. So a comment
about such a paragraph is anchored where Word shows it: the body paragraph that holds
the text box, or the first paragraph of the document for a header or footer. The
caller says in the comment's words which paragraph it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from pairkit.ooxml.package import Package
from pairkit.ooxml.story import Paragraph, paragraphs
from pairkit.ooxml.xml import NS, Element, W, qn, serialize

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_CONTENT_TYPES = "[Content_Types].xml"
_TXBX = W + "txbxContent"
# Characters XML 1.0 cannot hold; a message quoting a damaged document may carry them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Comment:
    """A comment read back: its text, and the text of the paragraph it is anchored on."""

    id: str
    author: str
    initials: str
    text: str
    anchor_text: str | None
    anchor_part: str | None


@dataclass(frozen=True)
class Anchor:
    """Where a comment goes: the paragraph element, and whether it is the one meant."""

    element: Element
    exact: bool


def word_anchor(pkg: Package, paragraph: Paragraph | None) -> Anchor:
    """The paragraph on which Word will show a comment about `paragraph`.

    The paragraph itself when it is in the body or a table cell; the body paragraph
    holding its text box when it is in one; else the document's first paragraph.
    """
    if paragraph is not None and paragraph.part == pkg.main_part:
        if paragraph.textbox is None:
            return Anchor(paragraph.element, True)
        host = _host_paragraph(paragraph.element)
        if host is not None:
            return Anchor(host, False)
    return Anchor(_first_body_paragraph(pkg), False)


def _host_paragraph(p: Element) -> Element | None:
    """The nearest enclosing paragraph that is not itself inside a text box."""
    node = p.getparent()
    while node is not None:
        if node.tag == W + "p" and not any(a.tag == _TXBX for a in node.iterancestors()):
            return node
        node = node.getparent()
    return None


def _first_body_paragraph(pkg: Package) -> Element:
    root = pkg.xml(pkg.main_part)
    body = root.find(qn("w:body"))
    for p in (body if body is not None else root).iter(W + "p"):
        if not any(a.tag == _TXBX for a in p.iterancestors()):
            return p
    # A document without a paragraph: add one, so the comment has a place.
    if body is None:
        body = etree.SubElement(root, qn("w:body"))
    p = etree.Element(qn("w:p"))
    body.insert(0, p)
    pkg.mark_changed(pkg.main_part)
    return p


class CommentWriter:
    """Adds comments to one package; call :meth:`finish` once before saving it."""

    def __init__(self, pkg: Package, *, author: str = "pairkit", initials: str = "pk",
                 when: datetime | None = None) -> None:
        self.pkg = pkg
        self.author = author
        self.initials = initials
        stamp = (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        self.date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.part = comments_part(pkg)
        self.is_new = self.part is None
        if self.part is None:
            self.part = _new_part_name(pkg)
            self.root = etree.Element(qn("w:comments"), nsmap={"w": NS["w"]})
        else:
            self.root = pkg.xml(self.part)
        self._next_id = _next_id(pkg, self.root)

    def add(self, anchor: Element, paragraphs_text: Iterable[str]) -> int:
        """Anchor a new comment on the whole of paragraph `anchor`; return its id."""
        cid = self._next_id
        self._next_id += 1
        sid = str(cid)
        ppr = anchor.find(W + "pPr")
        start = etree.Element(qn("w:commentRangeStart"))
        start.set(qn("w:id"), sid)
        anchor.insert(anchor.index(ppr) + 1 if ppr is not None else 0, start)
        end = etree.SubElement(anchor, qn("w:commentRangeEnd"))
        end.set(qn("w:id"), sid)
        run = etree.SubElement(anchor, qn("w:r"))
        etree.SubElement(run, qn("w:commentReference")).set(qn("w:id"), sid)
        self.pkg.mark_changed(self.pkg.main_part)

        comment = etree.SubElement(self.root, qn("w:comment"))
        comment.set(qn("w:id"), sid)
        comment.set(qn("w:author"), self.author)
        comment.set(qn("w:date"), self.date)
        comment.set(qn("w:initials"), self.initials)
        lines = [line for text in paragraphs_text for line in _clean(text).split("\n")]
        for i, line in enumerate(lines or [""]):
            p = etree.SubElement(comment, qn("w:p"))
            if i == 0:
                etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:annotationRef"))
            t = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t"))
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if not self.is_new:
            self.pkg.mark_changed(self.part)
        return cid

    def finish(self) -> None:
        """Write the comments part and, for a new one, register it with the document."""
        if not self.is_new:
            return
        assert self.part is not None
        self.pkg.set_bytes(self.part, serialize(self.root))
        types = self.pkg.xml(_CONTENT_TYPES)
        override = "/" + self.part
        if not any(el.tag == qn("ct:Override") and el.get("PartName") == override
                   for el in types):
            el = etree.SubElement(types, qn("ct:Override"))
            el.set("PartName", override)
            el.set("ContentType", CT_COMMENTS)
            self.pkg.mark_changed(_CONTENT_TYPES)
        self.pkg.add_relationship(self.pkg.main_part, RT_COMMENTS, self.part, external=False)
        self.is_new = False


def comments_part(pkg: Package) -> str | None:
    """The main document's comments part, if it has one."""
    for rel in pkg.rels(pkg.main_part).values():
        if rel.type == RT_COMMENTS and not rel.external and pkg.has(rel.target):
            return rel.target
    return None


def _new_part_name(pkg: Package) -> str:
    name, n = "word/comments.xml", 1
    while pkg.has(name):
        n += 1
        name = f"word/comments{n}.xml"
    return name


def _next_id(pkg: Package, root: Element) -> int:
    """One more than any comment id in use, in the comments part or the document."""
    used = [-1]
    tags = (W + "comment", W + "commentRangeStart", W + "commentReference")
    for tree in (root, pkg.xml(pkg.main_part)):
        for el in tree.iter(*tags):
            value = el.get(W + "id", "")
            if value.lstrip("-").isdigit():
                used.append(int(value))
    return max(used) + 1


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\t", " "))


def read_comments(pkg: Package) -> list[Comment]:
    """Every comment of the main document, with the text of its anchor paragraph."""
    part = comments_part(pkg)
    if part is None:
        return []
    by_element = {para.element: para for para in paragraphs(pkg, ("body",))}
    anchors: dict[str, Paragraph] = {}
    main = pkg.xml(pkg.main_part)
    for el in main.iter(W + "commentRangeStart", W + "commentReference"):
        owner = next((a for a in el.iterancestors(W + "p")), None)
        if owner is not None and owner in by_element:
            anchors.setdefault(el.get(W + "id", ""), by_element[owner])
    out = []
    for el in pkg.xml(part).iter(W + "comment"):
        cid = el.get(W + "id", "")
        text = "\n".join(
            "".join(t.text or "" for t in p.iter(W + "t")) for p in el.iter(W + "p")
        )
        para = anchors.get(cid)
        out.append(Comment(
            id=cid,
            author=el.get(W + "author", ""),
            initials=el.get(W + "initials", ""),
            text=text,
            anchor_text=para.text.strip() if para is not None else None,
            anchor_part=para.part if para is not None else None,
        ))
    return out
