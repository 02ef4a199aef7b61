"""The item grammar: how a list of paragraphs in a box or cell becomes services.

A service (or a step's item, or a specialist) starts at a paragraph that begins with
a bold phrase (its name; the rest after a dash or colon is its description) or at a
bulleted paragraph (its first line is the name). Paragraphs that follow and start
with a label ("Access:", "Contact:", "Web:") fill those fields; other plain
paragraphs continue the description. A hyperlink gives the item's ``url``; an image
gives its ``qr``. This is the shape pairkit writes, and the shape people type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pairkit.ooxml.story import Paragraph
from pairkit.read.labels import ITEM_LABEL_RE, LABEL_FIELD, URL_IN_TEXT_RE

_SEPARATOR_RE = re.compile(r"^\s*[\u2013\u2014:\-]?\s*")


@dataclass
class ParsedItem:
    """An item with the paragraphs it came from (for locations and rewriting)."""

    fields: dict[str, Any]
    paragraphs: list[Paragraph] = field(default_factory=list)
    field_paragraphs: dict[str, Paragraph] = field(default_factory=dict)


def _new_item() -> dict[str, Any]:
    return {"name": "", "description": "", "access": "", "url": "", "contact": "", "qr": None}


def _join(a: str, b: str) -> str:
    return f"{a}\n{b}" if a else b


def first_url(p: Paragraph) -> str:
    """The first web link of a paragraph (hyperlink target, else a URL in its text)."""
    for link in p.links:
        if not link.url.lower().startswith("mailto:") and not link.url.startswith("#"):
            return link.url
    return ""


def _qr(p: Paragraph) -> dict[str, Any] | None:
    return {"image": p.images[0], "decoded_url": None} if p.images else None


def _is_item_start(p: Paragraph) -> bool:
    return p.is_list or "Item" in (p.style or "")


def parse_items(paras: list[Paragraph], *, leading_need: bool = False
                ) -> tuple[list[Paragraph], list[ParsedItem]]:
    """Split paragraphs into (need paragraphs, items)."""
    need: list[Paragraph] = []
    items: list[ParsedItem] = []
    cur: ParsedItem | None = None
    for p in paras:
        text = p.text.strip()
        if not text and not p.images:
            continue
        if not text:
            if cur is not None:
                cur.paragraphs.append(p)
                if cur.fields["qr"] is None:
                    cur.fields["qr"] = _qr(p)
            continue
        label = ITEM_LABEL_RE.match(p.text)
        if label and cur is not None:
            key = LABEL_FIELD[" ".join(label.group("label").lower().split())]
            value = p.text[label.end():].strip()
            if key == "url":
                value = first_url(p) or value
                cur.fields["url"] = cur.fields["url"] or value
            else:
                cur.fields[key] = _join(cur.fields[key], value)
            cur.paragraphs.append(p)
            cur.field_paragraphs.setdefault(key, p)
            if cur.fields["qr"] is None:
                cur.fields["qr"] = _qr(p)
            continue
        bold_end = p.bold_prefix_end()
        bold = p.text[:bold_end].strip()
        if leading_need and not need and cur is None and not bold and not _is_item_start(p):
            need.append(p)
            continue
        if bold or _is_item_start(p) or cur is None:
            cur = ParsedItem(_new_item(), [p])
            items.append(cur)
            if bold:
                cur.fields["name"] = bold.rstrip(":").strip() or bold
                rest = p.text[bold_end:]
                cur.fields["description"] = _SEPARATOR_RE.sub("", rest, count=1).strip()
            else:
                cur.fields["name"] = text
            cur.field_paragraphs["name"] = p
        else:
            cur.fields["description"] = _join(cur.fields["description"], text)
            cur.paragraphs.append(p)
        if not cur.fields["url"]:
            cur.fields["url"] = first_url(p)
        if cur.fields["qr"] is None:
            cur.fields["qr"] = _qr(p)
    return need, items


def parse_links(paras: list[Paragraph]) -> list[tuple[dict[str, Any], Paragraph]]:
    """'What else do families need?' links: one per non-empty paragraph."""
    out = []
    for p in paras:
        text = p.text.strip()
        if not text:
            continue
        url = first_url(p)
        if not url:
            m = URL_IN_TEXT_RE.search(text)
            url = m.group(1).rstrip(".,;)") if m else ""
        link: dict[str, Any] = {"text": text, "url": url}
        if p.images:
            link["qr"] = _qr(p)
        out.append((link, p))
    return out
