"""The plain-text audit summary: what `pairkit audit DOC` prints with no options."""

from __future__ import annotations

from pairkit.audit import Audit
from pairkit.findings import count_by_severity
from pairkit.report.text import section_of

SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "note"}
STATUS_WORDS = {"empty": "GAP: none listed", "thin": "thin", "ok": ""}
TOPIC_WORDS = {
    "linked": "linked",
    "in-pathway": "set out in the levels of need",
    "services-only": "not linked (services listed in Section C)",
    "missing": "not linked",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def counts_text(audit: Audit) -> str:
    """'2 errors, 3 warnings, 1 note' for a pathway's findings."""
    c = count_by_severity(audit.findings)
    return (f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, "
            f"{_plural(c['info'], 'note')}")


def render_one(audit: Audit) -> str:
    """One pathway's summary, for reading in a terminal."""
    a = audit.analysis
    out = [f"{audit.area}: {audit.name}", ""]
    out.append(f"Gaps ({len(a.gaps)})" if a.gaps else "Gaps: none found.")
    out += [f"  - {g.text}" for g in a.gaps]
    if a.notes:
        out.append("Notes")
        out += [f"  - {n}" for n in a.notes]
    out += ["", "Levels of need"]
    width = max((len(level.name) for level in a.levels), default=0)
    for level in a.levels:
        status = STATUS_WORDS[level.status]
        count = _plural(len(level.services), "service")
        out.append(f"  {level.name:<{width}}  {count}{'  ' + status if status else ''}")
    s = a.specialists
    out += ["", "Access to specialists"]
    for kind in s.kinds:
        names = ", ".join(kind.names) if kind.names else "none listed"
        out.append(f"  {kind.label}: {names}")
    if s.missing:
        out.append("  GAP: no specialist team; flag this to commissioners.")
    out += ["", "What else do families need?"]
    for topic in a.topics:
        out.append(f"  {topic.label}: {TOPIC_WORDS[topic.status]}")
    r = a.review
    out += ["", f"Owner: {r.owner or 'not named'}; version {r.version or '-'}; "
            f"last reviewed {r.last_reviewed or '-'}; next review {r.next_review or 'not set'}"
            + (f" ({r.status.replace('-', ' ')})" if r.status != "ok" else "")]
    out += ["", f"Findings: {counts_text(audit)}"]
    groups: dict[str, list[str]] = {}
    for f in audit.findings:
        where = f"   in Word: {f.location.box}" if f.location and f.location.box else ""
        groups.setdefault(section_of(f) or "Whole pathway", []).append(
            f"  {SEVERITY_WORDS[f.severity]:<7} {f.message} [{f.rule}]{where}")
    for section, lines in groups.items():
        out.append(f" {section}")
        out += lines
    return "\n".join(out) + "\n"


def render(audits: list[Audit]) -> str:
    """Every pathway's summary; for several, a line per area to compare them."""
    text = "\n".join(render_one(a) for a in audits)
    if len(audits) > 1:
        text += "\nAreas side by side\n"
        for a in audits:
            thin = [lv.name for lv in a.analysis.levels if lv.status != "ok"]
            spec = "no specialists" if a.analysis.specialists.missing else "specialists listed"
            text += (f"  {a.area}: {len(a.analysis.gaps)} gaps; "
                     f"empty or thin levels: {', '.join(thin) or 'none'}; {spec}; "
                     f"next review {a.analysis.review.next_review or 'not set'}\n")
    return text
