"""JUnit XML: one test suite per file, one test case per rule, for CI dashboards."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pairkit.findings import Finding
from pairkit.report import FileResult, ReportOptions
from pairkit.rules import all_rules


def _failing(finding: Finding, strict: bool) -> bool:
    return finding.severity == "error" or (strict and finding.severity == "warning")


def _line(f: Finding) -> str:
    return f"{f.severity}: {f.message} (at {f.pointer or '/'})"


def render(results: list[FileResult], options: ReportOptions) -> str:
    rule_ids = options.rule_ids or ["schema", *(r.id for r in all_rules())]
    root = ET.Element("testsuites", name="pairkit")
    total = failures = 0
    for result in results:
        by_rule: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_rule.setdefault(f.rule, []).append(f)
        ids = list(dict.fromkeys([*rule_ids, *by_rule]))
        suite = ET.SubElement(root, "testsuite", name=result.path)
        suite_failures = 0
        for rule_id in ids:
            case = ET.SubElement(suite, "testcase", classname=result.path, name=rule_id)
            found = by_rule.get(rule_id, [])
            bad = [f for f in found if _failing(f, options.strict)]
            if bad:
                suite_failures += 1
                failure = ET.SubElement(case, "failure", message=bad[0].message, type=bad[0].rule)
                failure.text = "\n".join(_line(f) for f in bad)
            others = [f for f in found if f not in bad]
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
        suite.set("tests", str(len(ids)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(ids)
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
