"""The one record every rule produces and every report prints (cf. Vale's Alert)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pairkit.model.location import Location

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
_RANK = {"info": 0, "warning": 1, "error": 2}


def severity_rank(severity: str) -> int:
    """Order severities so that 'error' > 'warning' > 'info'."""
    return _RANK[severity]


@dataclass(frozen=True)
class Finding:
    """One problem in one pathway; `pointer` is an RFC 6901 pointer into its JSON."""

    rule: str
    severity: Severity
    message: str
    pointer: str
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "location": self.location.to_dict() if self.location else None,
        }


def as_location(value: Any) -> Location | None:
    """Accept any object with part/box/text (e.g. the extractor's own class) or a dict."""
    if value is None or isinstance(value, Location):
        return value
    if isinstance(value, dict):
        return Location(str(value.get("part", "")), value.get("box"), str(value.get("text", "")))
    return Location(str(value.part), value.box, str(value.text))


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts for summaries: {'error': n, 'warning': n, 'info': n}."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def fails(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """True when the findings should make the run exit 1."""
    threshold = _RANK["warning"] if strict else _RANK["error"]
    return any(_RANK[f.severity] >= threshold for f in findings)
