"""Make QR codes that stay scannable when the pathway is printed on A4.

The library is segno: pure Python with no dependencies (no C extension, no Pillow
needed to write PNG), maintained, standards-complete (ISO/IEC 18004, all versions and
error levels) and deterministic, so the same URL always gives the same PNG bytes and
re-running ``pairkit qr`` changes nothing.

Size, and why (see docs/qr.md):

* A QR code is read module by module. A module of **0.4 mm** is about 5 printer dots
  at 300 dpi (an office laser's lowest setting) and 9 at 600 dpi, so its edges stay
  crisp; a phone camera held 10-15 cm from the page (its close-focus distance) sees
  a 0.4 mm module as several pixels, so it resolves it with room to spare.
* Practical rule of thumb: a code reads from about ten times its width, so a code
  of 15 mm reads from 15 cm, the distance at which people hold a printed sheet.
* So a service's or link's code is **15 mm** square (the quiet zone included), grown
  when a long URL needs more modules so a module never drops below 0.4 mm. The
  Northshire URLs need version 3 or 4 (29 or 33 modules), that is 0.41-0.45 mm.
* The quiet zone is 2 modules in the image; the picture floats with 1-2 mm of wrap
  distance around it, so the white margin on paper is 4 modules or more, as ISO asks.
* The area's own code, alone in its 4.3 x 3.6 cm slot, is **26 mm** (modules of
  0.6-0.7 mm, ISO quiet zone of 4), readable at arm's length from a poster too.
* Error correction level M (15 % of the symbol can be lost: print smudges, folds).
  Micro QR is never used: phone camera apps do not read it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

ITEM_MM = 15.0
AREA_MM = 26.0
MIN_MODULE_MM = 0.4
ITEM_BORDER = 2
AREA_BORDER = 4
PIXELS_PER_MODULE = 8
MEDIA_PREFIX = "pairkit-qr-"


@dataclass(frozen=True)
class Code:
    """A QR code as a PNG, with the printed size it is meant for."""

    url: str
    png: bytes
    size_mm: float
    modules: int  # the symbol's width in modules, quiet zone included
    label_modules: int = 0  # rows of modules added under it for its number

    @property
    def height_mm(self) -> float:
        return round(self.size_mm * (self.modules + self.label_modules) / self.modules, 2)

    @property
    def media_name(self) -> str:
        digest = hashlib.sha256(self.png).hexdigest()[:16]
        return f"word/media/{MEDIA_PREFIX}{digest}.png"


def make_code(url: str, *, area: bool = False, label: int | None = None) -> Code:
    """The QR code for `url`: a service's or link's (15 mm) or the area's own (26 mm).

    With a `label`, its number is drawn centred under the code (in a band of
    ``LABEL_MODULES`` more rows, so the picture is that much taller than wide): the
    'What else' codes stand in a row, numbered as their links are.
    """
    import segno

    border = AREA_BORDER if area else ITEM_BORDER
    qr = segno.make(url, error="m", micro=False, boost_error=False)
    modules = qr.symbol_size(border=border)[0]
    size = max(AREA_MM if area else ITEM_MM, modules * MIN_MODULE_MM)
    dpi = round(modules * PIXELS_PER_MODULE / (size / 25.4))
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=PIXELS_PER_MODULE, border=border, dpi=dpi)
    png = buf.getvalue() if label is None else _with_label(buf.getvalue(), label, dpi)
    return Code(url, png, round(size, 2), modules, LABEL_MODULES if label is not None else 0)


#: Rows of modules added under a labelled code: a blank row, then the digits.
LABEL_MODULES = 8
#: Digits 5 cells wide and 7 high ("1" to "9" and "0"), drawn in module-sized cells.
_DIGITS = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
}


def _with_label(png: bytes, label: int, dpi: int) -> bytes:
    """The code's PNG with `label` drawn under it (pixel cells, no font: the same bytes
    on every machine)."""
    from PIL import Image

    code = Image.open(io.BytesIO(png)).convert("L")
    cell = PIXELS_PER_MODULE
    out = Image.new("L", (code.width, code.height + LABEL_MODULES * cell), 255)
    out.paste(code, (0, 0))
    text = str(label)
    width = (len(text) * 6 - 1) * cell
    x0 = (code.width - width) // 2
    y0 = code.height + cell
    for k, ch in enumerate(text):
        for row, bits in enumerate(_DIGITS[ch]):
            for col, bit in enumerate(bits):
                if bit == "1":
                    x = x0 + (k * 6 + col) * cell
                    y = y0 + row * cell
                    out.paste(0, (x, y, x + cell, y + cell))
    buf = io.BytesIO()
    out.save(buf, format="PNG", dpi=(dpi, dpi), optimize=False)
    return buf.getvalue()
