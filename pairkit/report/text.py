"""Human-readable report, grouped by the pathway's sections; colour only on a terminal."""

from __future__ import annotations

from pairkit import pointer as jp
from pairkit.findings import Finding, count_by_severity
from pairkit.report import FileResult, ReportOptions, summary

SECTIONS = {
    "meta": "Title and footer (owner, review dates)",
    "title": "Title and footer (owner, review dates)",
    "introduction": "Introduction",
    "section_a": "Section A – Ways of Working",
    "section_b": "Section B – Information Gathering and Decision Making",
    "section_c": "Section C – Services and Interventions",
}
ORDER = ["", *dict.fromkeys(SECTIONS.values())]
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# ANSI codes for the few styles used: a terminal gets colour, a pipe or file plain text
# (no rich here: importing it costs more than a whole report).
_ANSI = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "yellow": "33", "cyan": "36"}


def _style(text: str, style: str, color: bool) -> str:
    if not color:
        return text
    codes = ";".join(_ANSI[word] for word in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"


def section_of(finding: Finding) -> str:
    tokens = jp.split(finding.pointer)
    return SECTIONS.get(tokens[0], "") if tokens else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def _counts(findings: list[Finding]) -> str:
    c = count_by_severity(findings)
    return ", ".join(
        [_plural(c["error"], "error"), _plural(c["warning"], "warning"), _plural(c["info"], "info")]
    )


def render(results: list[FileResult], options: ReportOptions) -> str:
    color = options.color
    lines: list[str] = []
    for result in results:
        lines.extend(_file(result, color))
    files = _plural(summary(results)["files"], "file")
    total = [f for r in results for f in r.findings]
    lines.append(f"{_style(files + ' checked:', 'bold', color)} {_counts(total)}.")
    return "\n".join(lines) + "\n"


def _file(result: FileResult, color: bool) -> list[str]:
    path = _style(result.path, "bold", color)
    if not result.findings:
        return [f"{path}: no problems found."]
    lines = [f"{path}: {_counts(result.findings)}"]
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(section_of(finding), []).append(finding)
    for section in sorted(groups, key=lambda s: ORDER.index(s) if s in ORDER else len(ORDER)):
        lines.append("  " + _style(section or "Whole pathway", "underline", color))
        for f in groups[section]:
            severity = _style(f"{f.severity:<7}", STYLE[f.severity], color)
            lines.append(f"    {severity} {f.message} {_style(f'[{f.rule}]', 'dim', color)}")
            if f.location is None:
                line = result.line(f)
                at = f"at {f.pointer or '/'}" + (f" (line {line})" if line else "")
                lines.append("            " + _style(at, "dim", color))
            else:
                where = " › ".join(p for p in (f.location.part, f.location.box) if p)
                text = f": “{_short(f.location.text)}”" if f.location.text else ""
                lines.append("            " + _style(f"in Word: {where}{text}", "dim", color))
    lines.append("")
    return lines


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
