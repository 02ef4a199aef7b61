"""Machine-readable report; its shape is a promise to scripts, so keep it stable."""

from __future__ import annotations

import json

from pairkit.report import FileResult, ReportOptions, summary


def as_dict(results: list[FileResult]) -> dict:
    return {
        "files": [{"path": r.path, "findings": [f.to_dict() for f in r.findings]} for r in results],
        "summary": summary(results),
    }


def render(results: list[FileResult], options: ReportOptions) -> str:
    return json.dumps(as_dict(results), indent=2, ensure_ascii=False) + "\n"
