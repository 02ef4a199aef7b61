"""The words that name the template's parts, in every wording pairkit knows.

The official template, areas' own edits, and the PAIR, PIEW and IMH wordings label
their parts with these phrases; the reader falls back on them when a document has
no content-control tags (for example after LibreOffice re-saved it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_RE = re.compile(f"[{DASHES}]")


def normalise(text: str) -> str:
    """Lower case, one kind of dash and single spaces: for comparing labels."""
    if text.isascii():  # NFKC, the dashes and the no-break space change nothing here
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKC", text)
    text = _DASH_RE.sub("-", text).replace("\u00a0", " ")
    return " ".join(text.split()).lower()


def slug(text: str) -> str:
    """A stable id for a level name: 'Getting More Help' -> 'getting-more-help'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "level"


# Region kinds, found by the first line of a box, cell or body segment.
HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("section_a", re.compile(r"^section a\b|^ways of working\b")),
    ("section_b", re.compile(r"^section b\b|^information gathering and decision making\b")),
    ("step", re.compile(r"^step\s*([1-4])\b")),
    ("specialists", re.compile(r"^(access to |accessing )?(the )?specialists?\b")),
    ("section_c", re.compile(r"^section c\b")),
    ("what_else", re.compile(r"^what else do (families|parents) need\b")),
    ("qr", re.compile(r"^add your own qr code")),
    ("introduction", re.compile(r"^this pathway is for\b")),
]

TITLE_RE = re.compile(r"\bpathway\b", re.I)
TERM_IN_TITLE_RE = re.compile(r"^(?P<long>.*?)\s*\((?P<short>[A-Za-z][A-Za-z0-9]{1,9})\)")


def heading_kind(text: str) -> tuple[str, int | None] | None:
    """The region kind a first line announces, e.g. ('step', 2), or None."""
    t = normalise(text)
    for kind, pattern in HEADING_PATTERNS:
        m = pattern.match(t)
        if m:
            return kind, (int(m.group(1)) if kind == "step" else None)
    return None


def frameworks() -> dict[str, list[tuple[str, str]]]:
    """Framework id -> [(level id, level name)], for every built-in framework."""
    from pairkit.terms.frameworks import builtin_frameworks

    return {fw.id: [(lv.id, lv.name) for lv in fw.levels] for fw in builtin_frameworks()}


@cache
def level_names() -> dict[str, str]:
    """Normalised level name (or alias) -> level id, over every framework."""
    from pairkit.terms.frameworks import builtin_frameworks

    out: dict[str, str] = {}
    for fw in builtin_frameworks():
        for level in fw.levels:
            for name in level.names:
                out.setdefault(normalise(name), level.id)
    return out


def detect_framework(names: list[str]) -> str | None:
    """The id of the framework whose level names these are, or None."""
    from pairkit.terms.frameworks import detect_framework as detect

    fw = detect(names)
    return fw.id if fw is not None else None


def level_id(name: str, framework: str | None) -> str:
    """The level's id in `framework` (or any framework), else a slug of its name."""
    from pairkit.terms.frameworks import load_framework

    if framework:
        level = load_framework(framework).level(name)
        if level is not None:
            return level.id
    return level_names().get(normalise(name)) or slug(name)


ITEM_LABEL_RE = re.compile(
    r"^\s*(?P<label>how to access(?: it)?|access|referrals?|how to refer|contact|"
    r"tel(?:ephone)?|phone|e-?mail|web(?:site|link)?|link|online)\s*:\s*",
    re.I,
)
LABEL_FIELD = {
    "how to access": "access", "how to access it": "access", "access": "access",
    "referral": "access", "referrals": "access", "how to refer": "access",
    "contact": "contact", "tel": "contact", "telephone": "contact", "phone": "contact",
    "email": "contact", "e-mail": "contact",
    "web": "url", "website": "url", "weblink": "url", "link": "url", "online": "url",
}

OWNERSHIP_LABELS = {
    "pathway owner": "owner", "owner": "owner", "owned by": "owner",
    "version": "version",
    "last reviewed": "last_reviewed", "last review": "last_reviewed",
    "date of last review": "last_reviewed",
    "next review": "next_review", "next review date": "next_review",
    "review date": "next_review", "due for review": "next_review",
}
OWNERSHIP_RE = re.compile(
    r"(?P<label>pathway owner|owned by|owner|version|last reviewed|last review|"
    r"date of last review|next review date|next review|review date|due for review)\s*:\s*",
    re.I,
)
URL_IN_TEXT_RE = re.compile(r"(https?://[^\s<>\"]+|www\.[^\s<>\"]+)", re.I)
