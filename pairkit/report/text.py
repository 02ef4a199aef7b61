"""Human-readable report, grouped by the pathway's sections; colour only on a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

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
    out = io.StringIO()
    console = Console(
        file=out,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        soft_wrap=True,
        width=100,
    )
    for result in results:
        _file(console, result)
    s = summary(results)
    files = _plural(s["files"], "file")
    total = [f for r in results for f in r.findings]
    console.print(f"[bold]{files} checked:[/bold] {_counts(total)}.")
    return out.getvalue()


def _file(console: Console, result: FileResult) -> None:
    if not result.findings:
        console.print(f"[bold]{escape(result.path)}[/bold]: no problems found.")
        return
    console.print(f"[bold]{escape(result.path)}[/bold]: {_counts(result.findings)}")
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(section_of(finding), []).append(finding)
    for section in sorted(groups, key=lambda s: ORDER.index(s) if s in ORDER else len(ORDER)):
        console.print(f"  [underline]{escape(section or 'Whole pathway')}[/underline]")
        for f in groups[section]:
            style = STYLE[f.severity]
            console.print(
                f"    [{style}]{f.severity:<7}[/{style}] {escape(f.message)} "
                f"[dim]\\[{escape(f.rule)}][/dim]"
            )
            if f.location is None:
                console.print(f"            [dim]at {escape(f.pointer or '/')}[/dim]")
            else:
                where = " › ".join(p for p in (f.location.part, f.location.box) if p)
                text = f": “{escape(_short(f.location.text))}”" if f.location.text else ""
                console.print(f"            [dim]in Word: {escape(where)}{text}[/dim]")
    console.print()


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
