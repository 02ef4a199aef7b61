"""The gap analysis and the `pairkit audit` command (text summary, options, refusals)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pairkit.api import write
from pairkit.audit import audit_file
from pairkit.audit.gaps import analyse
from pairkit.audit.text import render
from pairkit.cli import app
from tests.conftest import TODAY, load_sample

runner = CliRunner()

# Each gap in samples/gaps.json, in words the summary must use.
GAPS_SAMPLE_GAPS = [
    "Getting More Help: no services",
    "No specialist team",
    "flagged to commissioners",
    "does not link to pathways for perinatal mental health, parental mental health, "
    "family support, infant feeding, domestic abuse and substance use",
    "[Insert local screening tools]",
    "Review overdue: the next review was due on 2025-03-31",
]


@pytest.fixture(scope="module")
def gaps_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gaps") / "gaps.docx"
    write(load_sample("gaps.json"), out)
    return out


def eastbury() -> dict:
    """Northshire as 'Eastbury', with Getting Advice thinned to one service."""
    pathway = copy.deepcopy(load_sample("northshire.json"))
    pathway["meta"]["area"] = "Eastbury"
    levels = pathway["section_c"]["levels"]
    levels[1]["services"] = levels[1]["services"][:1]
    return pathway


def test_gaps_sample_summary_names_each_gap(gaps_docx):
    audit = audit_file(gaps_docx, today=TODAY)
    gaps = " ".join(g.text for g in audit.analysis.gaps)
    text = render([audit])
    for words in GAPS_SAMPLE_GAPS:
        assert words in gaps
        assert words in text
    assert [g.kind for g in audit.analysis.gaps] == [
        "empty-level", "no-specialists", "related-pathways", "placeholders", "review"]


def test_gaps_sample_json_and_docx_agree(gaps_docx, samples):
    from_json = audit_file(samples / "gaps.json", today=TODAY)
    from_docx = audit_file(gaps_docx, today=TODAY)
    assert [g.text for g in from_json.analysis.gaps] == [g.text for g in from_docx.analysis.gaps]
    assert [(f.rule, f.pointer) for f in from_json.findings] == [
        (f.rule, f.pointer) for f in from_docx.findings]
    assert all(f.location is None for f in from_json.findings)
    assert all(f.location is not None for f in from_docx.findings)


def test_findings_include_every_validation_finding(gaps_docx):
    from pairkit.validate import validate_pathway

    audit = audit_file(gaps_docx, today=TODAY)
    validation = validate_pathway(audit.pathway, sourcemap=audit.sourcemap, today=TODAY)
    assert set(validation) <= set(audit.findings)
    extra = {f.rule for f in set(audit.findings) - set(validation)}
    assert extra == {"related-pathways"}


def test_northshire_has_no_gaps(northshire_docx):
    audit = audit_file(northshire_docx, today=TODAY)
    a = audit.analysis
    assert a.gaps == []
    assert [lv.status for lv in a.levels] == ["ok"] * 5
    assert [(d.name, d.levels) for d in a.duplicates] == [
        ("Health Visiting Service", ["Thriving", "Getting Help"])]
    assert all(kind.present for kind in a.specialists.kinds)
    assert {t.id: t.status for t in a.topics}["safeguarding"] == "in-pathway"
    assert all(t.covered for t in a.topics)
    assert a.review.status == "ok"
    assert len(a.links_without_qr) > 0 and a.qr_without_link == []


def test_thin_level_is_a_gap_and_a_finding(tmp_path):
    path = tmp_path / "eastbury.json"
    path.write_text(json.dumps(eastbury()), encoding="utf-8")
    audit = audit_file(path, today=TODAY)
    assert [lv.status for lv in audit.analysis.levels][1] == "thin"
    assert any("Getting Advice: only 1 service" in g.text for g in audit.analysis.gaps)
    thin = [f for f in audit.findings if f.rule == "thin-level"]
    assert [(f.pointer, f.severity) for f in thin] == [("/section_c/levels/1", "warning")]


def test_specialists_statement_of_none_is_the_commissioners_gap():
    pathway = load_sample("northshire.json")
    pathway["section_b"]["specialists"] = [
        {"name": "None", "role": "No specialist team is commissioned locally",
         "contact": "", "url": ""}]
    a = analyse(pathway, TODAY)
    assert a.specialists.missing and a.specialists.none_statements == ["None"]
    assert any(g.kind == "no-specialists" for g in a.gaps)


def test_links_and_qr_codes_both_ways():
    pathway = load_sample("northshire.json")
    first = pathway["section_c"]["levels"][0]["services"][0]
    first["qr"] = {"image": "word/media/image1.png", "decoded_url": None}  # link and QR
    second = pathway["section_c"]["levels"][0]["services"][1]
    second["url"] = ""
    second["qr"] = {"image": "word/media/image2.png", "decoded_url": "https://x.example/hubs"}
    a = analyse(pathway, TODAY)
    assert [q.name for q in a.qr_without_link] == ["Northshire Family Hubs"]
    assert a.qr_without_link[0].url == "https://x.example/hubs"
    assert "/section_c/levels/0/services/0" not in [q.pointer for q in a.links_without_qr]
    assert any(g.kind == "qr-without-link" for g in a.gaps)


def test_related_pathway_topics_read_link_text_and_address():
    pathway = load_sample("gaps.json")
    pathway["section_c"]["what_else"]["links"] = [
        {"text": "Support when there is abuse at home",
         "url": "https://www.southmoor.gov.uk/domestic-abuse"},
        {"text": "Alcohol and drugs: help for parents", "url": "https://example.org/x"},
    ]
    topics = {t.id: t.status for t in analyse(pathway, TODAY).topics}
    assert topics["domestic-abuse"] == "linked"
    assert topics["substance-use"] == "linked"
    assert topics["infant-feeding"] == "services-only"


def test_review_due_soon_and_missing():
    pathway = load_sample("northshire.json")
    pathway["meta"]["next_review"] = "2027-01-10"
    assert analyse(pathway, TODAY).review.status == "due-soon"
    pathway["meta"]["next_review"] = None
    a = analyse(pathway, TODAY)
    assert a.review.status == "missing"
    assert any(g.text == "No next review date is set." for g in a.gaps)


def test_malformed_pathway_does_not_crash():
    a = analyse({"section_c": {"levels": [None, {"services": "x"}]}, "meta": []}, TODAY)
    assert [lv.status for lv in a.levels] == ["empty", "empty"]
    assert analyse([], TODAY).levels == []


# -- the command --------------------------------------------------------------------


def test_cli_prints_summary(gaps_docx):
    result = runner.invoke(app, ["audit", str(gaps_docx), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    for words in GAPS_SAMPLE_GAPS:
        assert words in result.stdout


def test_cli_writes_html_and_annotated_copy(gaps_docx, tmp_path):
    html, annotated = tmp_path / "report.html", tmp_path / "annotated.docx"
    result = runner.invoke(app, ["audit", str(gaps_docx), "--html", str(html),
                                 "--annotate", str(annotated), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert annotated.is_file()
    assert "comments" in result.output


def test_cli_refuses_to_annotate_json(samples, tmp_path):
    result = runner.invoke(app, ["audit", str(samples / "gaps.json"),
                                 "--annotate", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "needs a Word document" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_cli_refuses_to_overwrite_the_input(gaps_docx):
    before = gaps_docx.read_bytes()
    for option in ("--annotate", "--html"):
        result = runner.invoke(app, ["audit", str(gaps_docx), option, str(gaps_docx)])
        assert result.exit_code == 2
        assert "choose another output file" in result.output
    assert gaps_docx.read_bytes() == before


def test_cli_missing_file_and_bad_date(tmp_path):
    assert runner.invoke(app, ["audit", str(tmp_path / "nope.docx")]).exit_code == 2
    result = runner.invoke(app, ["audit", str(tmp_path), "--today", "26/11/2026"])
    assert result.exit_code == 2


def test_cli_folder_compares_areas(tmp_path, samples):
    folder = tmp_path / "region"
    folder.mkdir()
    for name in ("northshire.json", "gaps.json"):
        (folder / name).write_bytes((samples / name).read_bytes())
    (folder / "eastbury.json").write_text(json.dumps(eastbury()), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(folder), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert "Areas side by side" in result.stdout
    for area in ("Northshire", "Southmoor", "Eastbury"):
        assert f"  {area}: " in result.stdout
    out = tmp_path / "out" / "index.html"
    out.parent.mkdir()
    result = runner.invoke(app, ["audit", str(folder), "--html", str(out),
                                 "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "eastbury.html", "gaps.html", "index.html", "northshire.html"]
    result = runner.invoke(app, ["audit", str(folder), "--annotate", str(tmp_path / "a.docx")])
    assert result.exit_code == 2
