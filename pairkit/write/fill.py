"""Fill a pathway document with the pathway model.

The document is read first (:mod:`pairkit.read.docx`), so the writer knows where
each part lives. Only parts whose content differs from the model are rewritten:
writing a document's own JSON back into it changes nothing, byte for byte. Lists
grow and shrink by cloning the paragraphs already there, so the document's own
formatting follows; unchanged items keep their original paragraphs untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pairkit.errors import PairkitError
from pairkit.ooxml.build import (
    Segment,
    new_paragraph,
    replace_paragraphs,
    set_table_columns,
    sync_boxes,
)
from pairkit.ooxml.edit import set_text
from pairkit.ooxml.package import Package
from pairkit.ooxml.story import Paragraph, TextBox
from pairkit.read.dates import format_date
from pairkit.read.docx import Layout, read_layout
from pairkit.read.items import ParsedItem, parse_items
from pairkit.read.labels import URL_IN_TEXT_RE

ITEM_FIELDS = ("name", "description", "access", "url", "contact", "qr")
LABELS = {"access": "Access: ", "contact": "Contact: ", "url": "Web: "}


@dataclass
class FillResult:
    """What a fill changed, and what it could not place (said to the user)."""

    changed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Filler:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.pkg: Package = layout.package
        self.old = layout.pathway
        self.boxes: list[TextBox] = []
        self.parts: set[str] = set()
        self.result = FillResult()

    # -- bookkeeping -------------------------------------------------------------
    def touched(self, paras: list[Paragraph], what: str) -> None:
        for p in paras:
            self.parts.add(p.part)
            if p.textbox is not None:
                self.boxes.append(p.textbox)
        if what not in self.result.changed:
            self.result.changed.append(what)

    def finish(self) -> None:
        sync_boxes(self.boxes)
        for part in self.parts:
            self.pkg.mark_changed(part)

    # -- prototypes --------------------------------------------------------------
    def all_items(self) -> list[ParsedItem]:
        return list(self.layout.items.values())

    def proto(self, kind: str, local: list[ParsedItem]) -> Paragraph | None:
        """A paragraph to clone for an item's `kind` line: this region's, else any."""
        for pool in (local, self.all_items()):
            for it in pool:
                if kind == "name" and it.field_paragraphs.get("name") is not None:
                    return it.field_paragraphs["name"]
                if kind != "name":
                    p = it.field_paragraphs.get(kind) or next(
                        (q for q in it.field_paragraphs.values()
                         if q is not it.field_paragraphs.get("name")), None)
                    if p is not None:
                        return p
        return None

    # -- items -------------------------------------------------------------------
    def item_paragraphs(self, part: str, item: dict[str, Any], local: list[ParsedItem],
                        fallback: Paragraph) -> list:
        name_proto = self.proto("name", local) or fallback
        out = []
        desc_lines = item.get("description", "").split("\n") if item.get("description") else []
        segs = [Segment(item["name"], "name")]
        if desc_lines:
            segs += [Segment(" – ", "text"), Segment(desc_lines[0], "text")]
        out.append(new_paragraph(self.pkg, part, name_proto, segs))
        detail_proto = self.proto("access", local) or name_proto
        for line in desc_lines[1:]:
            out.append(new_paragraph(self.pkg, part, detail_proto, [Segment(line, "text")]))
        for key in ("access", "contact", "url"):
            value = item.get(key) or ""
            if not value:
                continue
            proto = self.proto(key, local) or detail_proto
            for line in value.split("\n"):
                segs = [Segment(LABELS[key], "label")]
                if key == "url" and _linkable(line):
                    segs.append(Segment(line, "link", url=line))
                else:
                    segs.append(Segment(line, "text"))
                out.append(new_paragraph(self.pkg, part, proto, segs))
        return out

    def rewrite_items(self, region: list[Paragraph], heading: Paragraph | None,
                      old_items: list[ParsedItem], new_items: list[dict[str, Any]],
                      lead: list = (), what: str = "") -> None:
        """Replace the item paragraphs of a region (after its heading) by `new_items`."""
        start = region.index(heading) + 1 if heading is not None else 0
        old_ps = [p for p in region[start:]]
        fallback = heading or (region[0] if region else None)
        if fallback is None:
            self.result.warnings.append(f"{what}: there is no place for it in the document")
            return
        part = fallback.part
        unused = list(old_items)
        new_els = list(lead)
        for item in new_items:
            same = next((it for it in unused if _same_item(it.fields, item)), None)
            if same is not None:
                unused.remove(same)
                new_els.extend(p.element for p in same.paragraphs)
            else:
                new_els.extend(self.item_paragraphs(part, item, old_items, fallback))
        replace_paragraphs(old_ps, new_els, after=heading)
        self.touched(region, what)

    def set_paragraph(self, p: Paragraph | None, text: str, what: str) -> None:
        if p is None:
            if text:
                self.result.warnings.append(
                    f"{what}: the document has no place for it, so it was not written")
            return
        current = p.text.strip()
        if current == text:
            return
        lead = len(p.text) - len(p.text.lstrip())
        set_text(p, lead, lead + len(current), text)
        self.touched([p], what)


def _linkable(url: str) -> bool:
    return bool(URL_IN_TEXT_RE.match(url)) or url.lower().startswith("mailto:")


def _same_item(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return all(_field_key(old, k) == _field_key(new, k) for k in ITEM_FIELDS)


def _field_key(item: dict[str, Any], key: str) -> Any:
    """A field as compared for 'unchanged'; a QR code is its image (its decoded URL is
    read from the image, so it cannot differ while the image is the same)."""
    value = item.get(key) or None
    if key == "qr" and isinstance(value, dict):
        return value.get("image")
    return value


def _first(paras: list[Paragraph]) -> Paragraph | None:
    return next((p for p in paras if p.text.strip()), None)


def fill(layout: Layout, new: dict[str, Any]) -> FillResult:
    """Write `new` into the document read as `layout`. Unchanged parts stay untouched."""
    f = _Filler(layout)
    old = layout.pathway
    regions = layout.regions

    # Title and area.
    title_ps = [p for p in regions.get("title", []) if p.text.strip()]
    if new["title"] != old["title"]:
        f.set_paragraph(title_ps[0] if title_ps else None, new["title"], "title")
    if new["meta"]["area"] != old["meta"]["area"]:
        _set_area(f, regions.get("title", []), new["meta"]["area"])

    # Introduction and Section A: plain lists of paragraphs.
    if new["introduction"] != old["introduction"]:
        ps = regions.get("introduction", [])
        _rewrite_plain(f, ps, None, new["introduction"], "introduction")
    sa_new, sa_old = new["section_a"], old["section_a"]
    head_a = _first(regions.get("section_a", []))
    if sa_new["heading"] != sa_old["heading"]:
        f.set_paragraph(head_a, sa_new["heading"], "Section A heading")
    if sa_new["principles"] != sa_old["principles"]:
        _rewrite_plain(f, regions.get("section_a", []), head_a, sa_new["principles"],
                       "Section A principles")

    # Section B.
    sb_new, sb_old = new["section_b"], old["section_b"]
    if sb_new["heading"] != sb_old["heading"]:
        f.set_paragraph(_first(regions.get("section_b", [])), sb_new["heading"],
                        "Section B heading")
    old_steps = {s["number"]: (k, s) for k, s in enumerate(sb_old["steps"])}
    for step in sb_new["steps"]:
        n = step["number"]
        region = regions.get(f"step:{n}")
        if region is None:
            raise PairkitError(
                f"{layout.package.path}: the document has no 'Step {n}' box to write into; "
                "add one in Word (or write into the bundled template)")
        k, old_step = old_steps[n]
        head = _first(region)
        if step["heading"] != old_step["heading"]:
            f.set_paragraph(head, step["heading"], f"Step {n} heading")
        if step["items"] != old_step["items"]:
            old_items = [layout.items[f"/section_b/steps/{k}/items/{j}"]
                         for j in range(len(old_step["items"]))]
            f.rewrite_items(region, head, old_items, step["items"], what=f"Step {n}")
    if sb_new.get("specialists_heading", "") != sb_old["specialists_heading"]:
        f.set_paragraph(_first(regions.get("specialists", [])), sb_new["specialists_heading"],
                        "'Access to specialists' heading")
    if sb_new["specialists"] != sb_old["specialists"]:
        region = regions.get("specialists", [])
        old_items = [layout.items[f"/section_b/specialists/{j}"]
                     for j in range(len(sb_old["specialists"]))]
        as_items = [
            {"name": s["name"], "description": s["role"], "access": "", "url": s["url"],
             "contact": s["contact"], "qr": None}
            for s in sb_new["specialists"]
        ]
        for it in old_items:
            it.fields = dict(it.fields, access="", qr=None)
        f.rewrite_items(region, _first(region), old_items, as_items, what="specialists")

    # Section C.
    sc_new, sc_old = new["section_c"], old["section_c"]
    if sc_new["heading"] != sc_old["heading"]:
        f.set_paragraph(_first(regions.get("section_c", [])), sc_new["heading"],
                        "Section C heading")
    _fill_levels(f, layout, sc_new["levels"])
    we_new, we_old = sc_new["what_else"], sc_old["what_else"]
    head_w = _first(regions.get("what_else", []))
    if we_new["heading"] != we_old["heading"]:
        f.set_paragraph(head_w, we_new["heading"], "'What else do families need?' heading")
    if _links_key(we_new["links"]) != _links_key(we_old["links"]):
        _rewrite_links(f, regions.get("what_else", []), head_w, we_new["links"])

    # Ownership footer.
    _fill_ownership(f, layout, new["meta"])
    f.finish()
    return f.result


def _links_key(links: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(lk["text"], lk["url"]) for lk in links]


def _set_area(f: _Filler, title_region: list[Paragraph], area: str) -> None:
    for p in title_region:
        for start, end, tag in p.run_tags:
            if tag == "pair:area":
                set_text(p, start, end, area)
                f.touched([p], "area")
                return
    texts = [p for p in title_region if p.text.strip()]
    if len(texts) > 1:
        f.set_paragraph(texts[1], area, "area")
    else:
        f.result.warnings.append("area: the title has no line for the area's name")


def _rewrite_plain(f: _Filler, region: list[Paragraph], heading: Paragraph | None,
                   lines: list[str], what: str) -> None:
    start = region.index(heading) + 1 if heading is not None else 0
    old = region[start:]
    proto = _first(old) or heading or (region[0] if region else None)
    if proto is None:
        if lines:
            f.result.warnings.append(f"{what}: the document has no place for it")
        return
    by_text = {p.text.strip(): p for p in old if p.text.strip()}
    new_els = []
    for line in lines:
        same = by_text.pop(line, None)
        if same is not None:
            new_els.append(same.element)
        else:
            new_els.append(new_paragraph(f.pkg, proto.part, proto, [Segment(line, "text")]))
    replace_paragraphs(old, new_els, after=heading)
    f.touched(region, what)


def _rewrite_links(f: _Filler, region: list[Paragraph], heading: Paragraph | None,
                   links: list[dict[str, Any]]) -> None:
    start = region.index(heading) + 1 if heading is not None else 0
    old = region[start:]
    proto = _first(old) or heading
    if proto is None:
        if links:
            f.result.warnings.append("'What else do families need?': no box in the document")
        return
    new_els = []
    for link in links:
        if link.get("url") and _linkable(link["url"]):
            segs = [Segment(link["text"], "link", url=link["url"])]
        elif link.get("url"):
            segs = [Segment(link["text"], "text"), Segment(" " + link["url"], "text")]
        else:
            segs = [Segment(link["text"], "text")]
        new_els.append(new_paragraph(f.pkg, proto.part, proto, segs))
    replace_paragraphs(old, new_els, after=heading)
    f.touched(region, "'What else do families need?' links")


def _fill_levels(f: _Filler, layout: Layout, levels: list[dict[str, Any]]) -> None:
    old_levels = layout.pathway["section_c"]["levels"]
    regions = layout.levels
    if len(levels) != len(old_levels):
        table = regions[0].table if regions else None
        if table is None or any(lv.table is not table for lv in regions):
            raise PairkitError(
                f"{layout.package.path}: the pathway has {len(levels)} levels of need but the "
                f"document has {len(old_levels)}, and its levels are not one table whose "
                "columns pairkit can add or remove; change the number of levels in Word first")
        set_table_columns(table, len(levels))
        f.pkg.mark_changed(regions[0].name_paragraphs[0].part)
        # Re-read: the table's cells changed.
        fresh = read_layout(layout.package)
        layout.levels = fresh.levels
        layout.items.update({k: v for k, v in fresh.items.items() if "/levels/" in k})
        old_levels = fresh.pathway["section_c"]["levels"]
        regions = fresh.levels
        if len(old_levels) != len(levels):  # the table's columns are not all levels
            raise PairkitError(
                f"{layout.package.path}: pairkit could not change the number of levels of need "
                f"to {len(levels)} in this document's table; change it in Word first")
        layout.pathway["section_c"]["levels"] = old_levels
        f.result.changed.append("number of levels")
    for i, (lv_new, lv_old) in enumerate(zip(levels, old_levels, strict=True)):
        region = regions[i]
        name_p = _first(region.name_paragraphs)
        if lv_new["name"] != lv_old["name"]:
            f.set_paragraph(name_p, lv_new["name"], f"level {i + 1} name")
        if lv_new["need"] == lv_old["need"] and lv_new["services"] == lv_old["services"]:
            continue
        need_ps, _ = parse_items(region.content, leading_need=True)
        old_items = [layout.items[f"/section_c/levels/{i}/services/{j}"]
                     for j in range(len(lv_old["services"]))]
        lead = []
        if lv_new["need"]:
            if need_ps and lv_new["need"] == lv_old["need"]:
                lead = [p.element for p in need_ps]
            else:
                proto = need_ps[0] if need_ps else _need_proto(layout) or (
                    region.content[0] if region.content else name_p)
                lead = [new_paragraph(f.pkg, proto.part, proto, [Segment(line, "text")])
                        for line in lv_new["need"].split("\n")]
        content = region.content
        if not content:
            f.result.warnings.append(f"level '{lv_new['name']}': no cell for its services")
            continue
        f.rewrite_items(content, None, old_items, lv_new["services"], lead=lead,
                        what=f"level '{lv_new['name']}'")


def _need_proto(layout: Layout) -> Paragraph | None:
    for region in layout.levels:
        need_ps, _ = parse_items(region.content, leading_need=True)
        if need_ps:
            return need_ps[0]
    return None


def _fill_ownership(f: _Filler, layout: Layout, meta: dict[str, Any]) -> None:
    """Owner, version and review dates: found first, then set last-first, so that
    values sharing one run (an area's own footer) do not move each other's offsets."""
    old = layout.pathway["meta"]
    edits: list[tuple[Paragraph, int, int, str, str]] = []
    for key, tag in (("owner", "pair:owner"), ("version", "pair:version"),
                     ("last_reviewed", "pair:last-reviewed"), ("next_review", "pair:next-review")):
        value = meta.get(key)
        if value == old.get(key):
            continue
        text = format_date(value) if key in ("last_reviewed", "next_review") and value else (
            value or "")
        place = _owner_range(layout.ownership, key, tag)
        if place is None:
            label = key.replace("_", " ")
            f.result.warnings.append(
                f"{label}: the document has no '{label}' line in its footer, so it was not "
                "written")
            continue
        edits.append((*place, text, key))
    for p, start, end, text, key in sorted(edits, key=lambda e: (e[0].index, e[1]),
                                           reverse=True):
        set_text(p, start, end, text)
        f.touched([p], key)


def _owner_range(paras: list[Paragraph], key: str, tag: str
                 ) -> tuple[Paragraph, int, int] | None:
    """Where the value of `key` is: its content control, else the text after its label."""
    from pairkit.read.labels import OWNERSHIP_LABELS, OWNERSHIP_RE

    for p in paras:
        for start, end, t in p.run_tags:
            if t == tag:
                return p, start, end
    for p in paras:
        matches = list(OWNERSHIP_RE.finditer(p.text))
        for i, m in enumerate(matches):
            if OWNERSHIP_LABELS[" ".join(m.group("label").lower().split())] != key:
                continue
            end = matches[i + 1].start() if i + 1 < len(matches) else len(p.text)
            value = p.text[m.end():end]
            stripped = value.strip().strip("|·•;,\t ").strip()
            lo = m.end() + value.find(stripped) if stripped else m.end()
            return p, lo, lo + len(stripped)
    return None


def write(pathway: dict[str, Any], pkg: Package) -> FillResult:
    """Fill an opened package with `pathway`; the caller saves it."""
    return fill(read_layout(pkg), pathway)
