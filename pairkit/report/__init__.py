"""Finding printers: one module per format, all reading the same FileResult list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pairkit.findings import Finding, count_by_severity

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass
class FileResult:
    """The findings for one checked file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # JSON pointer -> line (JSON only)

    def line(self, finding: Finding) -> int | None:
        """The line of a JSON file where the finding's value is (None for Word files)."""
        if not self.lines:
            return None
        from pairkit.model.json_lines import line_of

        return line_of(self.lines, finding.pointer)


@dataclass
class ReportOptions:
    """What a printer may need beyond the findings."""

    color: bool = False
    strict: bool = False
    rule_ids: list[str] = field(default_factory=list)  # the rules that ran


def display_path(path: Path) -> str:
    """A path as users typed it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def summary(results: list[FileResult]) -> dict[str, int]:
    counts = count_by_severity(f for r in results for f in r.findings)
    return {
        "files": len(results),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "info": counts["info"],
    }


def render(fmt: str, results: list[FileResult], options: ReportOptions | None = None) -> str:
    """The report in format `fmt` as one string (only that printer is imported)."""
    import importlib

    module = {"text": "text", "json": "json_report", "sarif": "sarif", "github": "github",
              "junit": "junit"}[fmt]
    printer: Callable[[list[FileResult], ReportOptions], str] = importlib.import_module(
        f"pairkit.report.{module}").render
    return printer(results, options or ReportOptions())
