"""Read the QR codes in a document's images.

The decoder is zxing-cpp (its Python package ``zxing-cpp``, imported as ``zxingcpp``):
the C++ port of ZXing, the decoder behind most phone scanner apps, shipped as wheels
for every platform, fast (a few milliseconds an image) and robust to rotation, blur
and small quiet zones. Pillow opens the image (PNG, JPEG, GIF, BMP, TIFF). Both are
pairkit dependencies: auditing QR codes needs no extras.

Decoding is cached by the SHA-256 of the image bytes (the same code pasted beside
ten services is decoded once, and a re-read document costs nothing), and neither
library is imported for a document with no images.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from typing import Any

_MAX_SIDE = 2000  # larger images are scaled down first: QR codes stay readable, it stays fast
_MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
_CACHE: dict[str, str | None] = {}
_CACHE_SIZE = 4096


def decode_qr(data: bytes) -> str | None:
    """The text of the first QR code in an image, or None (no code, or not an image)."""
    key = hashlib.sha256(data).hexdigest()
    if key in _CACHE:
        return _CACHE[key]
    result = _decode(data)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = result
    return result


def _decode(data: bytes) -> str | None:
    import zxingcpp
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.width * im.height > _MAX_PIXELS:
                return None
            im.load()
            image = im.convert("L")
    except Exception:  # noqa: BLE001 - not an image Pillow can read (EMF, SVG, damaged)
        return None
    if max(image.size) > _MAX_SIDE:
        image.thumbnail((_MAX_SIDE, _MAX_SIDE))
    formats = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode)
    try:
        found = zxingcpp.read_barcodes(image, formats=formats)
    except Exception:  # noqa: BLE001 - the decoder refused the image
        return None
    for barcode in found:
        if barcode.valid and barcode.text:
            return barcode.text.strip()
    return None


def qr_fields(pathway: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every `qr` object of a pathway: the area's slot, step items, services, links."""
    meta = pathway.get("meta") or {}
    if isinstance(meta.get("qr"), dict):
        yield meta["qr"]
    for step in (pathway.get("section_b") or {}).get("steps") or []:
        for item in step.get("items") or []:
            if isinstance(item.get("qr"), dict):
                yield item["qr"]
    section_c = pathway.get("section_c") or {}
    for level in section_c.get("levels") or []:
        for item in level.get("services") or []:
            if isinstance(item.get("qr"), dict):
                yield item["qr"]
    for link in (section_c.get("what_else") or {}).get("links") or []:
        if isinstance(link.get("qr"), dict):
            yield link["qr"]


def fill_decoded(pathway: dict[str, Any], read: Callable[[str], bytes]) -> None:
    """Set `decoded_url` of every `qr` in the pathway from its image (None if unreadable)."""
    from pairkit.errors import PairkitError

    for qr in qr_fields(pathway):
        try:
            data = read(qr["image"])
        except (KeyError, OSError, ValueError, PairkitError):
            qr["decoded_url"] = None  # a linked (external) picture, or a missing part
            continue
        qr["decoded_url"] = decode_qr(data)
