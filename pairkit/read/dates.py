"""Review dates as people write them in a footer, to and from ISO dates."""

from __future__ import annotations

import re
from datetime import date

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}


def parse_date(text: str) -> str | None:
    """'1 March 2027', 'March 2027', '01/03/2027' (UK order), '2027-03-01' -> ISO, else None."""
    t = text.strip().lower().replace(",", " ")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", t)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _iso(year, int(m[2]), int(m[1]))
    m = re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?\s+(\d{4})", t)
    if m and m[2][:3] in _MONTH_ABBR and (m[2] in MONTHS or len(m[2]) <= 4):
        return _iso(int(m[3]), _MONTH_ABBR[m[2][:3]], int(m[1] or 1))
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def format_date(iso: str) -> str:
    """'2027-03-01' -> '1 March 2027', the way the footer prints it."""
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}"
