"""Read a pathway .docx into the pathway model.

Two stages, as pandoc's docx reader does: the OOXML story view gives normalised
paragraphs; this module finds the template's parts among them, by content-control
tags first (``pair:section-a``, ``pair:step-2``, ``pair:level`` ...) and by their
labels second (the first line of a box, cell or section), so that it reads the
official template, areas' own edits and LibreOffice re-saves alike. The result,
a :class:`Layout`, keeps where each part came from: the writer rewrites those
places and validation points Word users at them.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pairkit.errors import NotAPathwayError
from pairkit.model.location import Location
from pairkit.ooxml.package import Package
from pairkit.ooxml.story import Paragraph, paragraphs
from pairkit.read import labels as L
from pairkit.read.dates import parse_date
from pairkit.read.items import ParsedItem, parse_items, parse_links

TAG_KINDS = {
    "pair:title": "title",
    "pair:qr": "qr",
    "pair:introduction": "introduction",
    "pair:section-a": "section_a",
    "pair:section-b": "section_b",
    "pair:specialists": "specialists",
    "pair:section-c": "section_c",
    "pair:what-else": "what_else",
}
OWNER_TAGS = {
    "pair:owner": "owner",
    "pair:version": "version",
    "pair:last-reviewed": "last_reviewed",
    "pair:next-review": "next_review",
}
BOX_NAMES = {
    "title": "title",
    "qr": "QR code box",
    "introduction": "introduction box",
    "section_a": "Section A box",
    "section_b": "Section B heading",
    "specialists": "'Access to specialists' box",
    "section_c": "Section C heading",
    "what_else": "'What else do families need?' box",
}


@dataclass
class LevelRegion:
    """One level of need: the paragraph(s) naming it and the paragraphs of its content."""

    name_paragraphs: list[Paragraph]
    content: list[Paragraph]
    column: int | None = None
    table: Any = None


@dataclass
class Layout:
    """A read document: the model, and where each part of it lives in the .docx."""

    package: Package
    pathway: dict[str, Any]
    sourcemap: dict[str, Location]
    regions: dict[str, list[Paragraph]]
    levels: list[LevelRegion]
    items: dict[str, ParsedItem] = field(default_factory=dict)
    ownership: list[Paragraph] = field(default_factory=list)
    #: The paragraph behind each source-map entry (same keys), to anchor Word comments.
    anchors: dict[str, Paragraph] = field(default_factory=dict)


def _tag_key(p: Paragraph) -> str | None:
    for tag in reversed(p.tags):
        if tag in TAG_KINDS:
            return TAG_KINDS[tag]
        m = re.fullmatch(r"pair:step-([1-4])", tag)
        if m:
            return f"step:{m.group(1)}"
        if tag in ("pair:level", "pair:level-name", "pair:levels"):
            return None
    return None


def _region_key(kind: tuple[str, int | None]) -> str:
    return f"step:{kind[1]}" if kind[0] == "step" else kind[0]


def _blocks(paras: Iterable[Paragraph]) -> list[list[Paragraph]]:
    """Group untagged paragraphs by box, cell or body, split at heading lines."""
    blocks: list[list[Paragraph]] = []
    current: dict[tuple[str, int | str], list[Paragraph]] = {}
    for p in paras:
        owner: tuple[str, int | str] = (
            ("box", id(p.container)) if (p.textbox is not None or p.cell is not None)
            else ("story", p.part)
        )
        block = current.get(owner)
        if block is None or (p.text.strip() and L.heading_kind(p.text)):
            block = []
            blocks.append(block)
            current[owner] = block
        block.append(p)
    return blocks


def _first_text(paras: list[Paragraph]) -> Paragraph | None:
    return next((p for p in paras if p.text.strip()), None)


def _find_levels(paras: list[Paragraph]) -> list[LevelRegion]:
    """The levels of need: tagged cells first, else a table of known level names."""
    cells: dict[tuple[int, int, int], list[Paragraph]] = {}
    where: dict[tuple[int, int, int], Any] = {}
    for p in paras:
        if p.cell is None or p.table_element is None or p.textbox is not None:
            continue
        key = (id(p.table_element), p.cell[1], p.cell[2])
        cells.setdefault(key, []).append(p)
        where[key] = p.table_element

    tagged_names = [k for k, ps in cells.items() if any("pair:level-name" in p.tags for p in ps)]
    known = L.level_names()

    def is_name_cell(k: tuple[int, int, int]) -> bool:
        first = _first_text(cells[k])
        return first is not None and L.normalise(first.text) in known

    names = tagged_names
    if len(names) < 1:
        by_table: dict[int, list[tuple[int, int, int]]] = {}
        for k in cells:
            if is_name_cell(k):
                by_table.setdefault(k[0], []).append(k)
        candidates = [ks for ks in by_table.values() if len(ks) >= 2]
        names = max(candidates, key=len) if candidates else []
    if names:
        rows = {k[1] for k in names}
        vertical = len(rows) == len(names) and len({k[2] for k in names}) == 1
        out = []
        for k in names:
            ps = cells[k]
            first = _first_text(ps)
            rest = ps[ps.index(first) + 1:] if first is not None else []
            if any(p.text.strip() for p in rest) or any(p.images for p in rest):
                content = rest
                name_ps = ps[: ps.index(first) + 1] if first is not None else ps
            else:
                nxt = (k[0], k[1], k[2] + 1) if vertical else (k[0], k[1] + 1, k[2])
                content = cells.get(nxt, [])
                name_ps = ps
            out.append(LevelRegion(name_ps, content, column=k[2], table=where[k]))
        out.sort(key=lambda lv: lv.name_paragraphs[0].index)
        return out
    # Levels as boxes: blocks whose first line is a level name.
    out = []
    for block in _blocks(p for p in paras if p.cell is None):
        first = _first_text(block)
        if first is not None and L.normalise(first.text) in known:
            i = block.index(first)
            out.append(LevelRegion(block[: i + 1], block[i + 1:]))
    return out if len(out) >= 2 else []


def _find_regions(paras: list[Paragraph], level_paras: set[int]) -> dict[str, list[Paragraph]]:
    regions: dict[str, list[Paragraph]] = {}
    untagged: list[Paragraph] = []
    for p in paras:
        if id(p.element) in level_paras:
            continue
        key = _tag_key(p)
        if key:
            regions.setdefault(key, []).append(p)
        elif not any(t.startswith("pair:level") for t in p.tags):
            untagged.append(p)
    for block in _blocks(untagged):
        first = _first_text(block)
        if first is None:
            continue
        kind = L.heading_kind(first.text)
        if kind:
            key = _region_key(kind)
            if key not in regions:
                regions[key] = block[block.index(first):]
        elif "title" not in regions and _looks_like_title(first.text):
            regions["title"] = block[block.index(first):][:2]
    if "qr" not in regions:
        for block in _blocks(untagged):
            if block and block[0].textbox is not None and any(p.images for p in block) and not any(
                p.text.strip() for p in block
            ):
                regions["qr"] = block
                break
    return regions


def _looks_like_title(text: str) -> bool:
    t = text.strip()
    return bool(L.TITLE_RE.search(t)) and len(t) < 120 and not t.endswith(".")


def _ownership(paras: list[Paragraph]) -> tuple[dict[str, str], list[Paragraph]]:
    """Owner, version and review dates from the footer (tags first, labels second)."""
    values: dict[str, str] = {}
    found: list[Paragraph] = []
    ordered = sorted(paras, key=lambda p: (p.story != "footer", p.index))
    for p in ordered:
        for start, end, tag in p.run_tags:
            if tag in OWNER_TAGS and OWNER_TAGS[tag] not in values:
                values[OWNER_TAGS[tag]] = p.text[start:end].strip()
                if p not in found:
                    found.append(p)
    for p in ordered:
        if len(values) == len(OWNER_TAGS):
            break  # all four found: later paragraphs cannot change anything
        matches = list(L.OWNERSHIP_RE.finditer(p.text))
        if not matches:
            continue
        for i, m in enumerate(matches):
            key = L.OWNERSHIP_LABELS[" ".join(m.group("label").lower().split())]
            end = matches[i + 1].start() if i + 1 < len(matches) else len(p.text)
            value = p.text[m.end():end].strip().strip("|·•;,\t ").strip()
            if key not in values:
                values[key] = value
                if p not in found:
                    found.append(p)
    return values, found


def _text(p: Paragraph | None) -> str:
    return p.text.strip() if p is not None else ""


class _Builder:
    """Assembles the pathway dict and its source map from the regions."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.sourcemap: dict[str, Location] = {}
        self.anchors: dict[str, Paragraph] = {}
        self.items: dict[str, ParsedItem] = {}

    def at(self, pointer: str, p: Paragraph | None, box: str | None) -> None:
        if p is not None and pointer not in self.sourcemap:
            self.sourcemap[pointer] = Location(p.part, box or p.place, p.text.strip())
            self.anchors[pointer] = p

    def item_list(self, base: str, items: list[ParsedItem], box: str) -> list[dict[str, Any]]:
        out = []
        for j, it in enumerate(items):
            ptr = f"{base}/{j}"
            self.items[ptr] = it
            self.at(ptr, it.paragraphs[0], box)
            for key, p in it.field_paragraphs.items():
                self.at(f"{ptr}/{key}", p, box)
            out.append(it.fields)
        return out

    def heading_and_rest(self, paras: list[Paragraph]) -> tuple[Paragraph | None, list[Paragraph]]:
        first = _first_text(paras)
        if first is None:
            return None, []
        return first, paras[paras.index(first) + 1:]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (if it was on) for the duration.

    Reading makes tens of thousands of small objects (paragraphs, pieces, lxml
    proxies) that all live until the read ends; the collector would scan them again
    and again as they accumulate, which costs about a fifth of a large read. Nothing
    here makes reference cycles, so nothing is left for it to collect afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_layout(pkg: Package, *, decode: bool = True) -> Layout:
    """Find every part of the pathway in an opened package.

    Images beside services and links, and in the QR slot, are decoded as QR codes
    (``qr.decoded_url``) unless `decode` is false; with no images nothing is decoded.
    """
    with _gc_paused():
        return _read_layout(pkg, decode=decode)


def _read_layout(pkg: Package, *, decode: bool) -> Layout:
    paras = list(paragraphs(pkg))
    levels = _find_levels([p for p in paras if p.story == "body"])
    level_paras = {id(p.element) for lv in levels for p in lv.name_paragraphs + lv.content}
    body_like = [p for p in paras if p.story in ("body", "header", "footer")]
    regions = _find_regions(body_like, level_paras)
    found = [k for k in ("section_a", "section_b", "specialists", "section_c", "what_else")
             if k in regions]
    found += [k for k in regions if k.startswith("step:")]
    if levels:
        found.append("levels")
    if len(found) < 2:
        raise NotAPathwayError(
            f"{pkg.path}: this does not look like a PAIR pathway: pairkit found none of the "
            "template's parts (Section A, Section B's steps, the levels of need, 'What else do "
            "families need?'); check it is the right file"
        )
    b = _Builder(pkg)

    # Title, area, QR slot, introduction.
    title_ps = [p for p in regions.get("title", []) if p.text.strip()]
    title_p = title_ps[0] if title_ps else None
    area = ""
    area_p = None
    for p in regions.get("title", []):
        for start, end, tag in p.run_tags:
            if tag == "pair:area":
                area, area_p = p.text[start:end].strip(), p
    if area_p is None and len(title_ps) > 1:
        area_p = title_ps[1]
        area = area_p.text.strip()
    title = _text(title_p)
    b.at("/title", title_p, BOX_NAMES["title"])
    b.at("/meta/area", area_p, BOX_NAMES["title"])
    qr_ps = regions.get("qr", [])
    qr = next(({"image": p.images[0], "decoded_url": None} for p in qr_ps if p.images), None)
    b.at("/meta/qr", _first_text(qr_ps) or (qr_ps[0] if qr_ps else None), BOX_NAMES["qr"])
    intro_ps = [p for p in regions.get("introduction", []) if p.text.strip()]
    introduction = [p.text.strip() for p in intro_ps]
    b.at("/introduction", intro_ps[0] if intro_ps else None, BOX_NAMES["introduction"])
    for i, p in enumerate(intro_ps):
        b.at(f"/introduction/{i}", p, BOX_NAMES["introduction"])

    # Section A.
    head, rest = b.heading_and_rest(regions.get("section_a", []))
    principles_ps = [p for p in rest if p.text.strip()]
    section_a = {"heading": _text(head), "principles": [p.text.strip() for p in principles_ps]}
    b.at("/section_a", head, BOX_NAMES["section_a"])
    for i, p in enumerate(principles_ps):
        b.at(f"/section_a/principles/{i}", p, BOX_NAMES["section_a"])

    # Section B: heading, steps, specialists.
    head_b, _ = b.heading_and_rest(regions.get("section_b", []))
    b.at("/section_b", head_b, BOX_NAMES["section_b"])
    steps = []
    for n in range(1, 5):
        if f"step:{n}" not in regions:
            continue
        head, rest = b.heading_and_rest(regions[f"step:{n}"])
        k = len(steps)
        box = f"Step {n} box"
        b.at(f"/section_b/steps/{k}", head, box)
        _, items = parse_items(rest)
        steps.append({
            "number": n,
            "heading": _text(head),
            "items": b.item_list(f"/section_b/steps/{k}/items", items, box),
        })
    head_s, rest = b.heading_and_rest(regions.get("specialists", []))
    b.at("/section_b/specialists", head_s, BOX_NAMES["specialists"])
    _, spec_items = parse_items(rest)
    specialists = []
    for j, it in enumerate(spec_items):
        f = it.fields
        role = _join_nonempty(f["description"], f["access"])
        specialists.append({"name": f["name"], "role": role, "contact": f["contact"],
                            "url": f["url"]})
        ptr = f"/section_b/specialists/{j}"
        b.items[ptr] = it
        b.at(ptr, it.paragraphs[0], BOX_NAMES["specialists"])
    section_b = {
        "heading": _text(head_b),
        "steps": steps,
        "specialists_heading": _text(head_s),
        "specialists": specialists,
    }

    # Section C: heading, levels, what else.
    head_c, _ = b.heading_and_rest(regions.get("section_c", []))
    b.at("/section_c", head_c, BOX_NAMES["section_c"])
    names = [" ".join(_text(_first_text(lv.name_paragraphs)).split()) for lv in levels]
    framework = L.detect_framework(names) if names else None
    level_dicts = []
    for i, lv in enumerate(levels):
        name = names[i]
        box = f"levels of need, '{name}' column" if lv.column is not None else f"'{name}' box"
        need_ps, items = parse_items(lv.content, leading_need=True)
        ptr = f"/section_c/levels/{i}"
        b.at(ptr, _first_text(lv.name_paragraphs), box)
        b.at(f"{ptr}/name", _first_text(lv.name_paragraphs), box)
        if need_ps:
            b.at(f"{ptr}/need", need_ps[0], box)
        level_dicts.append({
            "id": L.level_id(name, framework),
            "name": name,
            "need": "\n".join(p.text.strip() for p in need_ps),
            "services": b.item_list(f"{ptr}/services", items, box),
        })
        if lv.content:
            b.at(f"{ptr}/services", _first_text(lv.content) or lv.content[0], box)
    head_w, rest = b.heading_and_rest(regions.get("what_else", []))
    b.at("/section_c/what_else", head_w, BOX_NAMES["what_else"])
    links = []
    for j, (link, p) in enumerate(parse_links(rest)):
        links.append(link)
        b.at(f"/section_c/what_else/links/{j}", p, BOX_NAMES["what_else"])
    section_c = {
        "heading": _text(head_c),
        "levels": level_dicts,
        "what_else": {"heading": _text(head_w), "links": links},
    }

    # Ownership.
    own, own_ps = _ownership(paras)
    for key in ("owner", "version", "last_reviewed", "next_review"):
        if own_ps:
            b.at(f"/meta/{key}", own_ps[0], "footer" if own_ps[0].story == "footer" else None)
    if own_ps:
        b.at("/meta", own_ps[0], "footer" if own_ps[0].story == "footer" else None)
    short, long_ = _terms(title, paras)
    meta = {
        "area": area,
        "short_term": short,
        "long_term": long_,
        "framework": framework,
        "owner": own.get("owner", ""),
        "version": own.get("version", ""),
        "last_reviewed": parse_date(own.get("last_reviewed", "")),
        "next_review": parse_date(own.get("next_review", "")),
        "qr": qr,
    }
    pathway = {
        "schema_version": 1,
        "meta": meta,
        "title": title,
        "introduction": introduction,
        "section_a": section_a,
        "section_b": section_b,
        "section_c": section_c,
    }
    if decode:
        from pairkit.qr.decode import fill_decoded

        fill_decoded(pathway, pkg.read)
    return Layout(pkg, pathway, b.sourcemap, regions, levels, b.items, own_ps, b.anchors)


def _join_nonempty(a: str, b: str) -> str:
    return "; ".join(x for x in (a, b) if x)


KNOWN_TERMS = {
    "PAIR": "Parent-Infant Relationships",
    "PIEW": "Parent-Infant Emotional Wellbeing",
    "IMH": "Infant Mental Health",
}


def _terms(title: str, paras: list[Paragraph]) -> tuple[str, str]:
    """The short and long terms: from the title's 'Long (SHORT)', else the commonest known."""
    m = L.TERM_IN_TITLE_RE.match(title)
    if m and m.group("long").strip():
        return m.group("short"), m.group("long").strip()
    counts = dict.fromkeys(KNOWN_TERMS, 0)
    for p in paras:
        for short in KNOWN_TERMS:
            counts[short] += len(re.findall(rf"\b{short}\b", p.text))
    best = max(counts, key=lambda k: counts[k])
    return (best, KNOWN_TERMS[best]) if counts[best] else ("", "")
