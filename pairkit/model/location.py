"""Where something is in a Word document, in words a Word user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a .docx: the part, the box or section, and the paragraph's text."""

    part: str
    box: str | None
    text: str

    def to_dict(self) -> dict[str, str | None]:
        return {"part": self.part, "box": self.box, "text": self.text}
