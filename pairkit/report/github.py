"""GitHub Actions workflow commands: one annotation per finding on the file."""

from __future__ import annotations

from pairkit.report import FileResult, ReportOptions

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult], options: ReportOptions) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            where = (
                f" (in Word: {f.location.part}"
                + (f" › {f.location.box})" if f.location.box else ")")
                if f.location
                else f" (at {f.pointer or '/'})"
            )
            title = f"pairkit {f.rule}"
            line = result.line(f)
            at_line = f",line={line}" if line else ""
            lines.append(
                f"::{LEVEL[f.severity]} file={_prop(result.path)}{at_line},title={_prop(title)}"
                f"::{_data(f.message + where)}"
            )
    return "".join(line + "\n" for line in lines)
