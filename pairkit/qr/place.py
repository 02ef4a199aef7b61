"""Put QR codes in a pathway document, beside the links they stand for.

* Each service in Section C with a web link gets a 15 mm code floating at the right
  of its first line (its name), text wrapping to its left, inside its column.
* The "What else do families need?" links are numbered, and their 15 mm codes, each
  with its link's number under it, float in one row at the right of the list (each
  from its own link's paragraph, lifted to the first link's line), so the box stays
  as tall as its lines and the pathway stays on two sides of A4. With more than
  ``ROW_MAX`` coded links, or no list numbering in the document, each code goes inline
  at the end of its link's line instead.
* The area's own QR slot gets a 26 mm code for the URL given (``--area-url``; ``write
  --qr`` falls back to the pathway's ``meta.qr.decoded_url``); with none the slot is
  left as it is.

pairkit's pictures are marked ``wp:docPr name="pairkit-qr"``: each run first removes
every marked picture, then places fresh ones, so re-running replaces and never stacks;
image parts are named by their content and dropped when no longer used, so running it
twice gives the same bytes. A picture someone else put beside a service (their own QR
code or a logo) is left alone, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pairkit.errors import PairkitError
from pairkit.ooxml.build import sync_boxes
from pairkit.ooxml.edit import set_text
from pairkit.ooxml.images import (
    EMU_PER_MM,
    QR_MARK,
    Picture,
    insert_picture,
    marked_pictures,
    number_paragraphs,
    prune_images,
    remove_picture,
    set_exact_spacing,
)
from pairkit.ooxml.package import Package
from pairkit.ooxml.story import Paragraph, TextBox, paragraphs
from pairkit.qr.generate import MEDIA_PREFIX, make_code
from pairkit.read.docx import Layout, read_layout
from pairkit.read.items import parse_links
from pairkit.rules.links import url_problem

MARK = QR_MARK
_SERVICE_PTR = re.compile(r"^/section_c/levels/\d+/services/\d+$")
_PLACEHOLDER = re.compile(r"(?i)add\s+your\s+own\s+qr\s+code|\[[^\]]*qr[^\]]*\]")


@dataclass
class Placed:
    """What a placement did: codes placed (pointer -> URL) and warnings for the user."""

    codes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def codable(url: str) -> bool:
    """A web address a family's phone can open (http or https, well formed)."""
    url = (url or "").strip()
    return bool(url) and urlsplit(url).scheme.lower() in ("http", "https") and (
        url_problem(url) is None)


def _picture(url: str, *, area: bool = False, floating: bool = False,
             label: int | None = None, at: tuple[int, int] | None = None) -> Picture:
    code = make_code(url, area=area, label=label)
    width = round(code.size_mm * EMU_PER_MM)
    height = round(code.height_mm * EMU_PER_MM)
    x, y = at if at is not None else (None, 0)
    return Picture(code.png, code.media_name, width, height, MARK, f"QR code: {url}",
                   floating=floating or at is not None, offset_x_emu=x, offset_y_emu=y)


def _first_text(paras: list[Paragraph]) -> Paragraph | None:
    return next((p for p in paras if p.text.strip()), None)


def _remove_marked(pkg: Package, keep: set[int]) -> list[TextBox]:
    """Remove pairkit's pictures except those in paragraphs whose element id is in `keep`."""
    boxes: list[TextBox] = []
    for para in list(paragraphs(pkg)):
        if id(para.element) in keep:
            continue
        found = marked_pictures(para, MARK)
        for drawing in found:
            remove_picture(pkg, para, drawing)
        if found and para.textbox is not None:
            boxes.append(para.textbox)
    return boxes


def place_codes(pkg: Package, *, area_url: str | None = None) -> Placed:
    """Place (or replace) every code in an opened package; the caller saves it."""
    result = Placed()
    layout = read_layout(pkg, decode=False)
    slot = layout.regions.get("qr", [])
    keep = set() if area_url else {id(p.element) for p in slot}
    sync_boxes(_remove_marked(pkg, keep))  # the fallback copies lose them too
    boxes: list[TextBox] = []
    layout = read_layout(pkg, decode=False)
    if area_url:  # first, so that its picture id does not depend on the others
        _place_area(pkg, layout, area_url, result, boxes)

    for ptr, item in layout.items.items():
        if not _SERVICE_PTR.match(ptr):
            continue
        url = item.fields.get("url") or ""
        if not codable(url):
            continue
        name = item.fields.get("name") or ptr
        if item.fields.get("qr") is not None:
            result.warnings.append(
                f"service '{name}' already has a picture beside it that pairkit did not "
                "make; it was left alone (delete it in Word to get pairkit's code)")
            continue
        para = item.paragraphs[0]
        insert_picture(pkg, para, _picture(url, floating=True), at_start=True)
        result.codes[f"{ptr}/qr"] = url
        _note_box(boxes, para)

    _place_links(pkg, layout, result, boxes)

    sync_boxes(boxes)
    prune_images(pkg, MEDIA_PREFIX)
    return result


#: 'What else' links: their numbered codes stand in a row, this far from the box's left
#: (clear of the links' text), this far apart (left edge to left edge).
ROW_START_MM = 75.0
ROW_PITCH_MM = 21.0
ROW_MAX = 8  # more coded links than this: each code at the end of its line, as before
#: 'What else' link lines are made exactly this far apart (10 pt), so that each code,
#: floated from its own link's paragraph, can be lifted to the first link's line.
LINK_LINE_TWIPS = 200
_EMU_PER_TWIP = 635
LINK_LIST = "pairkit-qr-links"


def _place_links(pkg: Package, layout: Layout, result: Placed,
                 boxes: list[TextBox]) -> None:
    """The 'What else do families need?' links' codes: numbered, in a row at the right of
    the links, which are numbered to match; each code stays in its own link's paragraph.
    Too many, or a document with no list numbering: each at the end of its line."""
    region = layout.regions.get("what_else", [])
    head = _first_text(region)
    rest = region[region.index(head) + 1:] if head is not None else []
    links = parse_links(rest)
    todo: list[tuple[int, dict, Paragraph]] = []
    for j, (link, para) in enumerate(links):
        if not codable(link.get("url", "")):
            continue
        if para.images:
            result.warnings.append(
                f"link '{link['text']}' already has a picture beside it that pairkit did not "
                "make; it was left alone")
            continue
        todo.append((j, link, para))
    if not todo:
        return
    in_row = len(todo) <= ROW_MAX and number_paragraphs(
        pkg, [para for _link, para in links], LINK_LIST)
    where = {id(p.element): i for i, p in enumerate(rest)}
    first = where[id(links[0][1].element)]
    if in_row:
        for para in rest[first:where[id(links[-1][1].element)] + 1]:
            set_exact_spacing(pkg, para, LINK_LINE_TWIPS)
    for k, (j, link, para) in enumerate(todo):
        if in_row:
            lift = (where[id(para.element)] - first) * LINK_LINE_TWIPS * _EMU_PER_TWIP
            x = round((ROW_START_MM + k * ROW_PITCH_MM) * EMU_PER_MM)
            pic = _picture(link["url"], label=j + 1, at=(x, -lift))
        else:
            pic = _picture(link["url"])
        insert_picture(pkg, para, pic, at_start=False)
        result.codes[f"/section_c/what_else/links/{j}/qr"] = link["url"]
        _note_box(boxes, para)


def _place_area(pkg: Package, layout: Layout, url: str, result: Placed,
                boxes: list[TextBox]) -> None:
    slot = layout.regions.get("qr", [])
    if not slot:
        result.warnings.append(
            "the area's QR code: the document has no QR code slot (the box that says "
            "'Add your own QR code here'), so it was not placed")
        return
    if any(p.images for p in slot):
        result.warnings.append(
            "the area's QR code: the QR slot already has a picture that pairkit did not make; "
            "it was left alone (delete it in Word to get pairkit's code)")
        return
    para = _first_text(slot) or slot[0]
    if _PLACEHOLDER.search(para.text):
        set_text(para, 0, len(para.text), "")
    insert_picture(pkg, para, _picture(url, area=True), at_start=False)
    result.codes["/meta/qr"] = url
    _note_box(boxes, para)


def _note_box(boxes: list[TextBox], para: Paragraph) -> None:
    if para.textbox is not None:
        boxes.append(para.textbox)


def add_codes(document: str | Path, dest: str | Path, *, area_url: str | None = None,
              in_place: bool = False) -> Placed:
    """Place the codes in `document`, saved as `dest` (the `pairkit qr` command)."""
    from pairkit.api import backup_of, check_area_url, same_file

    if same_file(document, dest) and not in_place:
        raise PairkitError(
            f"{dest}: this is the document being read; choose another output file, or add "
            "--in-place to overwrite it (a backup is kept)")
    if area_url is not None:
        check_area_url(area_url)
    pkg = Package.open(document)
    placed = place_codes(pkg, area_url=area_url)
    if in_place and same_file(document, dest) and pkg.changed:
        backup_of(Path(document))
    pkg.save(dest)
    return placed
