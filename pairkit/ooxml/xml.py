"""Namespaces and the one safe XML parser configuration.

Untrusted XML is parsed with no entity resolution, no DTD loading, no network and
lxml's default size protections (``huge_tree`` off: at most 256 levels of nesting
and 10 MB in one text node). A part that declares a DTD is rejected: OOXML never
needs one, and it is how XXE and "billion laughs" attacks start. No file or URL that
a part names is ever opened.
"""

from __future__ import annotations

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}

W = "{%s}" % NS["w"]
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"

Element = etree._Element


def qn(tag: str) -> str:
    """'w:p' -> '{namespace}p'."""
    prefix, _, local = tag.partition(":")
    return "{%s}%s" % (NS[prefix], local)


class _NothingExternal(etree.Resolver):
    """Answer every request for an external resource with nothing.

    ``load_dtd=False`` and ``resolve_entities=False`` do not stop libxml2 from
    reading an external *parameter* entity (``<!ENTITY % p SYSTEM "file:...">
    %p;``) while it reads the internal subset; this resolver does, for files and
    URLs alike, before the DTD is rejected.
    """

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        return self.resolve_string("", context)


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_blank_text=False,
    collect_ids=False,
)
_PARSER.resolvers.add(_NothingExternal())
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("ascii", "utf-16-le", "utf-16-be")
)


class UnsafeXML(ValueError):
    """The XML declares a DTD or is otherwise not acceptable."""


def parse(data: bytes) -> Element:
    """Parse one part safely; raise etree.XMLSyntaxError or UnsafeXML."""
    if any(marker in data for marker in _DTD_MARKERS):
        raise UnsafeXML("it declares a DTD (entities), which Word documents never do")
    root = etree.fromstring(data, _PARSER)
    if root.getroottree().docinfo.doctype:
        raise UnsafeXML("it declares a DTD (entities), which Word documents never do")
    return root


def syntax_problem(e: etree.XMLSyntaxError, data: bytes) -> str:
    """Plain words for why `data` did not parse, with the line: 'is not ... (line 3: ...)'."""
    line = getattr(e, "lineno", None) or (e.position[0] if e.position else 1)
    msg = str(getattr(e, "msg", None) or e).split(", line ")[0].strip()
    low = msg.lower()
    if "excessive depth" in low:
        return f"is nested more than 256 levels deep (line {line}), which Word never writes"
    if "text node too long" in low or "huge input" in low:
        return f"holds a single text over 10 MB (line {line}), which pairkit does not read"
    if "utf-8" in low or "character encoding" in low or "encoding error" in low:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as u:
            line = data.count(b"\n", 0, u.start) + 1
            return f"is not valid UTF-8 text (a bad byte on line {line})"
        del text
    if "document is empty" in low:
        return "is empty"
    return f"is not well-formed XML (line {line}: {msg})"


XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def serialize(root: Element) -> bytes:
    """Serialise a part the way Word writes it: UTF-8 with Word's own declaration."""
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8")


def local(tag: object) -> str:
    """Local name of an element tag ('' for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def has_ancestor(el: Element, tag: str, stop: Element | None = None) -> bool:
    """True when `el` sits inside an element with `tag`, looking no higher than `stop`."""
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False
