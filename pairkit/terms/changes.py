"""The one record every localisation printer consumes (like Vale's Alert)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Change:
    """One change localisation made (or would make, on a dry run).

    ``place`` says where: a JSON path such as ``section_b.steps[0].heading``, or a
    part and paragraph in a Word file. ``start``/``end`` index the original text of
    that place (None for structural changes). ``context`` shows the original text
    around the change with the changed words in ``[[...]]``.
    """

    place: str
    kind: str  # "term", "article", "level", "crosswalk", "meta"
    old: str
    new: str
    start: int | None = None
    end: int | None = None
    context: str = ""
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def context_of(text: str, start: int, end: int, width: int = 30) -> str:
    """TEXT around [start, end) with the range marked, e.g. '...a [[PAIR]] practitioner...'."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = ("…" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return f"{before}[[{text[start:end]}]]{after}"
