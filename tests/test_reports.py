"""Every format prints the same findings; SARIF validates against the official schema."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from jsonschema import Draft4Validator

from pairkit.findings import Finding, Location
from pairkit.report import FileResult, ReportOptions, render
from tests.conftest import ROOT

WORD = Location("Section C", "Getting More Help", "Getting More Help: significant difficulties")
RESULTS = [
    FileResult(
        "pathways/gaps area.docx",
        [
            Finding(
                "schema",
                "error",
                "The pathway owner ('Pathway owner') is missing.",
                "/meta/owner",
                Location("Footer", "Pathway owner", "Pathway owner:"),
            ),
            Finding(
                "levels-populated",
                "error",
                "The level 'Getting More Help' lists no services.",
                "/section_c/levels/3/services",
                WORD,
            ),
            Finding(
                "review-due",
                "warning",
                "The next review was due on 2025-03-31, 10 days ago.",
                "/meta/next_review",
                None,
            ),
            Finding(
                "service-at-several-levels",
                "info",
                "'HV' is listed at 2 levels: a, b.",
                "/section_c/levels/0/services/0",
                None,
            ),
        ],
    ),
    FileResult("samples/northshire.json", []),
]


def test_json_shape():
    data = json.loads(render("json", RESULTS))
    assert data["summary"] == {"files": 2, "errors": 2, "warnings": 1, "info": 1}
    first = data["files"][0]
    assert first["path"] == "pathways/gaps area.docx"
    assert first["findings"][1] == {
        "rule": "levels-populated",
        "severity": "error",
        "message": "The level 'Getting More Help' lists no services.",
        "pointer": "/section_c/levels/3/services",
        "location": {
            "part": "Section C",
            "box": "Getting More Help",
            "text": "Getting More Help: significant difficulties",
        },
    }
    assert first["findings"][2]["location"] is None
    assert data["files"][1] == {"path": "samples/northshire.json", "findings": []}


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


@pytest.mark.parametrize("results", [RESULTS, [], [FileResult("a.json", [])]])
def test_sarif_validates_against_the_official_schema(sarif_validator, results):
    log = json.loads(render("sarif", results))
    errors = list(sarif_validator.iter_errors(log))
    assert errors == [], [e.message for e in errors]
    assert log["version"] == "2.1.0"


def test_sarif_content(sarif_validator):
    log = json.loads(render("sarif", RESULTS))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "error", "warning", "note"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "pathways/gaps%20area.docx"
    logical = run["results"][1]["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"] == "/section_c/levels/3/services"
    assert "in Word: Section C › Getting More Help" in run["results"][1]["message"]["text"]


def test_github_annotations():
    lines = render("github", RESULTS).splitlines()
    assert len(lines) == 4
    assert lines[1] == (
        "::error file=pathways/gaps area.docx,title=pairkit levels-populated::"
        "The level 'Getting More Help' lists no services. "
        "(in Word: Section C › Getting More Help)"
    )
    assert lines[2].startswith("::warning file=")
    assert lines[3].startswith("::notice file=")
    assert "%2C" not in lines[2].split("::")[2]  # commas only escaped in properties


def test_github_escapes_properties_and_data():
    result = FileResult("a,b:c.json", [Finding("r", "error", "50%\nnext", "", None)])
    (line,) = render("github", [result]).splitlines()
    assert line == "::error file=a%2Cb%3Ac.json,title=pairkit r::50%25%0Anext (at /)"


def test_junit_is_xml_with_failures_for_errors():
    root = ET.fromstring(render("junit", RESULTS, ReportOptions(rule_ids=["schema", "x"])))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["pathways/gaps area.docx", "samples/northshire.json"]
    failed = [c.get("name") for c in suites[0].iter("testcase") if c.find("failure") is not None]
    assert failed == ["schema", "levels-populated"]
    assert root.get("failures") == "2"
    assert suites[1].get("failures") == "0"


def test_junit_strict_fails_warnings():
    root = ET.fromstring(render("junit", RESULTS, ReportOptions(strict=True)))
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed == {"schema", "levels-populated", "review-due"}


def test_text_is_grouped_by_section_without_colour():
    text = render("text", RESULTS, ReportOptions(color=False))
    assert "\x1b[" not in text
    footer = text.index("Title and footer")
    section_c = text.index("Section C – Services and Interventions")
    assert footer < text.index("review was due") < section_c < text.index("Getting More Help'")
    assert "in Word: Section C › Getting More Help" in text
    assert "samples/northshire.json: no problems found." in text
    assert text.rstrip().endswith("2 files checked: 2 errors, 1 warning, 1 info.")


def test_text_has_colour_on_a_terminal():
    assert "\x1b[" in render("text", RESULTS, ReportOptions(color=True))
