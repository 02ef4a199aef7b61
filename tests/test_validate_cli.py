"""The validate command end to end, through typer's CliRunner."""

from __future__ import annotations

import json
import shutil

import pytest
import typer
from typer.testing import CliRunner

from pairkit.cli_validate import register
from tests.conftest import ROOT, SAMPLES
from tests.pathways import make_pathway


def app() -> typer.Typer:
    made = typer.Typer()
    register(made)
    return made


def invoke(*args: str, **kwargs):
    return CliRunner().invoke(app(), ["validate", *args], **kwargs)


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(make_pathway()), encoding="utf-8")
    return path


def test_complete_sample_exits_0():
    result = invoke(str(SAMPLES / "northshire.json"), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_gaps_sample_exits_1_with_its_findings():
    result = invoke(str(SAMPLES / "gaps.json"), "--today", "2026-11-26", "-f", "json")
    assert result.exit_code == 1
    (entry,) = json.loads(result.output)["files"]
    assert {f["rule"] for f in entry["findings"]} == {
        "levels-populated",
        "specialists-listed",
        "what-else-links",
        "no-placeholders",
        "review-due",
    }
    assert all(f["location"] is None for f in entry["findings"])


def test_today_makes_review_due_reproducible(good):
    assert invoke(str(good), "--today", "2026-12-31").exit_code == 0
    late = invoke(str(good), "--today", "2027-01-02", "-f", "json")
    assert late.exit_code == 0  # a warning only
    assert [f["rule"] for f in json.loads(late.output)["files"][0]["findings"]] == ["review-due"]
    assert invoke(str(good), "--today", "2027-01-02", "--strict").exit_code == 1


def test_bad_today_is_usage_error(good):
    result = invoke(str(good), "--today", "01/02/2027")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_folders_are_searched_recursively_and_globs_expand(tmp_path, good):
    nested = tmp_path / "area" / "2026"
    nested.mkdir(parents=True)
    shutil.copy(SAMPLES / "gaps.json", nested / "gaps.json")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    result = invoke(str(tmp_path), "-f", "json", "--today", "2026-11-26")
    paths = [entry["path"] for entry in json.loads(result.output)["files"]]
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["gaps.json", "good.json"]
    result = invoke(str(tmp_path / "**" / "*.json"), "-f", "json", "--today", "2026-11-26")
    assert len(json.loads(result.output)["files"]) == 2


def test_unusable_input_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"schema_version": 1,', encoding="utf-8")
    result = invoke(str(bad))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "broken.json: not valid JSON" in result.stderr
    assert invoke(str(tmp_path / "missing.json")).exit_code == 2
    assert invoke(str(tmp_path / "*.docx")).exit_code == 2
    assert invoke("--format", "yaml", str(bad)).exit_code == 2


def test_no_paths_and_no_include_is_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert result.exit_code == 2 and "include" in result.stderr


def test_include_from_config(tmp_path, monkeypatch, good):
    (tmp_path / "pairkit.toml").write_text(
        'include = ["*.json"]\n[rules]\nservice-at-several-levels = "off"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = invoke("-f", "json", "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert [f["path"] for f in json.loads(result.output)["files"]] == ["good.json"]


def test_wrong_config_key_exits_2(tmp_path, monkeypatch, good):
    (tmp_path / "pairkit.toml").write_text('severity = "high"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke(str(good))
    assert result.exit_code == 2
    assert "unknown setting 'severity'" in result.stderr


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(make_pathway()).encode())
    assert invoke(str(path), "--today", "2026-11-26").exit_code == 0


def test_duplicate_keys_are_findings(tmp_path):
    text = json.dumps(make_pathway())
    text = text.replace('"area": "Testshire"', '"area": "Testshire", "area": "Other"', 1)
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    result = invoke(str(path), "-f", "json", "--today", "2026-11-26")
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)["files"][0]["findings"]
    assert finding["rule"] == "duplicate-key" and finding["pointer"] == "/meta/area"


def test_output_file_and_formats(tmp_path, good):
    out = tmp_path / "report.sarif"
    result = invoke(str(good), "-f", "sarif", "-o", str(out), "--today", "2026-11-26")
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    for fmt in ("text", "github", "junit"):
        assert invoke(str(good), "-f", fmt, "--today", "2026-11-26").exit_code == 0


def test_text_is_plain_when_piped(good):
    result = invoke(str(good))
    assert "\x1b[" not in result.output


def test_docx_input_uses_the_extractor(tmp_path):
    pytest.importorskip("pairkit.api")
    docx = next(iter(sorted(ROOT.glob("samples/*.docx"))), None)
    if docx is None:
        pytest.skip("no .docx sample yet")
    result = invoke(str(docx), "-f", "json", "--today", "2026-11-26")
    assert result.exit_code in (0, 1), result.stderr
    findings = json.loads(result.output)["files"][0]["findings"]
    assert all(f["location"] is None or f["location"]["part"] for f in findings)


def test_docx_without_extractor_is_a_clear_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pairkit.api", None)
    path = tmp_path / "pathway.docx"
    path.write_bytes(b"PK")
    result = invoke(str(path))
    assert result.exit_code == 2
    assert "pathway.docx" in result.stderr


def test_hidden_folders_inside_a_searched_folder_are_skipped(tmp_path, good):
    hidden = tmp_path / ".git" / "x.json"
    hidden.parent.mkdir()
    hidden.write_text("{}", encoding="utf-8")
    (tmp_path / "~$good.docx").write_bytes(b"lock")
    result = invoke(str(tmp_path), "-f", "json", "--today", "2026-11-26")
    assert [e["path"].rsplit("/", 1)[-1] for e in json.loads(result.output)["files"]] == [
        "good.json"
    ]


def test_docx_findings_carry_word_locations(tmp_path, monkeypatch):
    """The .docx path with a stand-in extractor: locations come from its source map."""
    import sys
    import types

    from pairkit.findings import Location

    pathway = make_pathway()
    pathway["section_c"]["levels"][3]["services"] = []
    fake = types.ModuleType("pairkit.api")

    def extract_document(path):
        return pathway, {
            "/section_c": Location("Section C", None, "Section C"),
            "/section_c/levels/3": Location("Section C", "Getting More Help", "Getting More Help"),
        }

    fake.extract_document = extract_document
    monkeypatch.setitem(sys.modules, "pairkit.api", fake)
    path = tmp_path / "area.docx"
    path.write_bytes(b"PK")
    result = invoke(str(path), "-f", "json", "--today", "2026-11-26")
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)["files"][0]["findings"]
    assert finding["location"] == {
        "part": "Section C",
        "box": "Getting More Help",
        "text": "Getting More Help",
    }
    text = invoke(str(path), "--today", "2026-11-26").output
    assert "in Word: Section C › Getting More Help" in text
