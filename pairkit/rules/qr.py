"""Rules about QR codes: each one can be read, and opens the link printed beside it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pairkit.rules.base import Context, Hit, rule


def normalise_url(url: str) -> str:
    """A URL for comparison: scheme and website name in lower case, no trailing slash."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url.rstrip("/")
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query,
                       parts.fragment))


def _coded(ctx: Context) -> Iterator[tuple[str, str, dict[str, Any], str]]:
    """(pointer, what it is, qr, the link beside it) for every code beside a link."""
    for pointer, item in ctx.items():
        name = item.get("name") if isinstance(item.get("name"), str) else ""
        yield pointer, f"'{name}'" if name else "this item", item.get("qr"), item.get("url")
    for i, link in enumerate(ctx.list_at("/section_c/what_else/links")):
        if isinstance(link, dict):
            text = link.get("text") if isinstance(link.get("text"), str) else ""
            yield (f"/section_c/what_else/links/{i}", f"the link '{text}'", link.get("qr"),
                   link.get("url"))


def _owners(ctx: Context) -> dict[str, str]:
    """Which item each normalised link belongs to (to say where a misplaced code belongs)."""
    out: dict[str, str] = {}
    for _pointer, what, _qr, url in _coded(ctx):
        if isinstance(url, str) and url.strip():
            out.setdefault(normalise_url(url), what)
    return out


@rule(
    "qr-matches-link",
    "error",
    summary="Each QR code opens the same address as the link printed beside it.",
    explanation=(
        "On paper a family cannot see where a QR code goes. A code that opens another "
        "service's page, or an old address, sends them somewhere the pathway did not mean."
    ),
    fix=(
        "Replace the picture with a code made for the link beside it: run "
        "`pairkit qr DOC.docx -o NEW.docx`, or make one and use Change Picture in Word."
    ),
)
def qr_matches_link(ctx: Context) -> Iterator[Hit]:
    owners = None
    for pointer, what, qr, url in _coded(ctx):
        if not isinstance(qr, dict) or not isinstance(url, str) or not url.strip():
            continue
        decoded = qr.get("decoded_url")
        if not isinstance(decoded, str) or not decoded.strip():
            continue
        if normalise_url(decoded) == normalise_url(url):
            continue
        if owners is None:
            owners = _owners(ctx)
        other = owners.get(normalise_url(decoded))
        where = f" (that is the link of {other})" if other and other != what else ""
        yield (f"{pointer}/qr",
               f"The QR code beside {what} opens {decoded}{where}, but its link is {url}.")


@rule(
    "qr-readable",
    "error",
    summary="Every picture in a QR code's place can be read as a QR code.",
    explanation=(
        "A picture that phones cannot read as a QR code looks like a way in but leads "
        "nowhere; printed, it is the only link some families will try."
    ),
    fix=(
        "Replace the picture with a sharp QR code (at least 15 mm wide, with a white margin "
        "around it), e.g. with `pairkit qr`; or delete it if it is not meant to be a QR code."
    ),
)
def qr_readable(ctx: Context) -> Iterator[Hit]:
    meta_qr = ctx.get("/meta/qr")
    if isinstance(meta_qr, dict) and not meta_qr.get("decoded_url"):
        yield "/meta/qr", "The picture in the area's QR code slot cannot be read as a QR code."
    for pointer, what, qr, _url in _coded(ctx):
        if isinstance(qr, dict) and not qr.get("decoded_url"):
            yield f"{pointer}/qr", f"The picture beside {what} cannot be read as a QR code."
