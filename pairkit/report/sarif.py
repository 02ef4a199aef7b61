"""SARIF 2.1.0, for code-scanning dashboards (e.g. GitHub's upload-sarif)."""

from __future__ import annotations

import json
from urllib.parse import quote

from pairkit import __version__
from pairkit.findings import Finding
from pairkit.report import FileResult, ReportOptions
from pairkit.rules import DUPLICATE_KEY_RULE, SCHEMA_RULE, all_rules, get_rule
from pairkit.rules.base import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVEL = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
DOCS = "docs/rules.md"


def _descriptor(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": f"{rule.explanation} How to fix: {rule.fix}"},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"docs": f"{DOCS}#{rule.id}"},
    }


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:")


def _result(f: Finding, path: str, index: dict[str, int], line: int | None = None) -> dict:
    message = f.message
    if f.location is not None:
        where = " › ".join(p for p in (f.location.part, f.location.box) if p)
        message += f" (in Word: {where})"
    result = {
        "ruleId": f.rule,
        "level": LEVEL[f.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": {"uri": _uri(path)}},
                "logicalLocations": [{"fullyQualifiedName": f.pointer or "/", "kind": "element"}],
            }
        ],
        "properties": {
            "pointer": f.pointer,
            "location": f.location.to_dict() if f.location else None,
        },
    }
    if line:
        result["locations"][0]["physicalLocation"]["region"] = {"startLine": line}
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    return result


def as_dict(results: list[FileResult]) -> dict:
    rules = [SCHEMA_RULE, DUPLICATE_KEY_RULE, *all_rules()]
    for r in results:
        for f in r.findings:
            known = get_rule(f.rule)
            if known is not None and known not in rules:
                rules.append(known)
    index = {rule.id: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pairkit",
                        "version": __version__,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "artifacts": [{"location": {"uri": _uri(r.path)}} for r in results],
                "results": [
                    _result(f, r.path, index, r.line(f)) for r in results for f in r.findings
                ],
                "invocations": [{"executionSuccessful": True}],
            }
        ],
    }


def render(results: list[FileResult], options: ReportOptions) -> str:
    return json.dumps(as_dict(results), indent=2, ensure_ascii=False) + "\n"
