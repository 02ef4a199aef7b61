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

    @property
    def media_name(self) -> str:
        digest = hashlib.sha256(self.png).hexdigest()[:16]
        return f"word/media/{MEDIA_PREFIX}{digest}.png"


def make_code(url: str, *, area: bool = False) -> Code:
    """The QR code for `url`: a service's or link's (15 mm) or the area's own (26 mm)."""
    import segno

    border = AREA_BORDER if area else ITEM_BORDER
    qr = segno.make(url, error="m", micro=False, boost_error=False)
    modules = qr.symbol_size(border=border)[0]
    size = max(AREA_MM if area else ITEM_MM, modules * MIN_MODULE_MM)
    dpi = round(modules * PIXELS_PER_MODULE / (size / 25.4))
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=PIXELS_PER_MODULE, border=border, dpi=dpi)
    return Code(url, buf.getvalue(), round(size, 2), modules)
