"""The .docx route and the CLI commands."""

import json
import zipfile
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pairkit.cli_localise import register
from pairkit.errors import PairkitError
from pairkit.localise import localise
from pairkit.ooxml.package import Package
from pairkit.ooxml.story import paragraphs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEMPLATE = SAMPLES / "pair-pathway-template.docx"


def texts(path: Path) -> list[str]:
    return [p.text for p in paragraphs(Package.open(path))]


def test_dudley_docx(tmp_path):
    out = tmp_path / "dudley.docx"
    result = localise(TEMPLATE, out, "dudley")
    got = texts(out)
    assert "Parent-Infant Emotional Wellbeing (PIEW) Pathway" in got
    assert "Step 1 – PIEW training and consultation" in got
    # Four in the text, two in the document's title (docProps/core.xml).
    assert result.source_profile == "england" and len(result.changes) == 6
    assert not any("PAIR" in t for t in got)
    # Only the story part changed; every other member is byte for byte the same.
    a, b = zipfile.ZipFile(TEMPLATE), zipfile.ZipFile(out)
    assert a.namelist() == b.namelist()
    changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert changed == ["docProps/core.xml", "word/document.xml"]


def test_round_trip_and_idempotence_docx(tmp_path):
    there, back, again = tmp_path / "d.docx", tmp_path / "e.docx", tmp_path / "d2.docx"
    localise(TEMPLATE, there, "dudley")
    assert localise(there, again, "dudley").changes == []
    localise(there, back, "england")
    assert texts(back) == texts(TEMPLATE)


def test_textbox_fallback_is_kept_in_step(tmp_path):
    out = tmp_path / "s.docx"
    localise(TEMPLATE, out, "scotland")
    before = zipfile.ZipFile(TEMPLATE).read("word/document.xml").decode()
    after = zipfile.ZipFile(out).read("word/document.xml").decode()
    # Word keeps each text box twice (DrawingML and VML): both copies change.
    assert before.count("(PAIR)") == after.count("(IMH)") == 2
    assert after.count("PAIR training") == 0


def test_tracked_changes(tmp_path):
    out = tmp_path / "t.docx"
    localise(TEMPLATE, out, "scotland", track_changes=True, author="Tester")
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="Tester"' in xml and "<w:delText>PAIR</w:delText>" in xml
    assert "Infant Mental Health (IMH) Pathway" in texts(out)


def test_same_size_levels_are_renamed(tmp_path):
    early = tmp_path / "early.docx"
    # Rename iThrive's headings by hand-picked source to a 5-level custom framework.
    five = tmp_path / "five.toml"
    five.write_text(
        'id = "tiers"\nname = "Tiers"\nlevels = [\n'
        + "".join(
            f'{{ id = "tier-{i}", name = "Tier {i}", bands = [{i}] }},\n' for i in range(1, 6)
        )
        + "]\n"
    )
    result = localise(TEMPLATE, early, "england", framework=str(five))
    assert [c.new for c in result.changes if c.kind == "level"] == [
        f"Tier {i}" for i in range(1, 6)
    ]
    assert "Tier 5" in texts(early)


def test_different_level_count_explains_json_route(tmp_path):
    with pytest.raises(PairkitError, match="JSON route"):
        localise(TEMPLATE, tmp_path / "x.docx", "scotland", framework="girfec")
    assert not (tmp_path / "x.docx").exists()


def test_dry_run_writes_nothing(tmp_path):
    result = localise(TEMPLATE, None, "dudley", dry_run=True)
    assert result.output is None and len(result.changes) == 6
    assert all(c.context for c in result.changes)


def test_unsupported_input(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("PAIR")
    with pytest.raises(PairkitError, match="localises .docx and .json"):
        localise(path, tmp_path / "o.txt", "dudley")
    with pytest.raises(PairkitError, match="-o OUT"):
        localise(TEMPLATE, None, "dudley")


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_cli_profiles(app):
    result = CliRunner().invoke(app, ["profiles"])
    assert result.exit_code == 0
    assert "dudley" in result.output and "girfec" in result.output
    data = json.loads(CliRunner().invoke(app, ["profiles", "--json"]).output)
    assert {p["id"] for p in data["profiles"]} >= {"england", "dudley", "scotland", "wales"}


def test_cli_localise_json_report(app, tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        app,
        [
            "localise",
            str(SAMPLES / "northshire.json"),
            "--profile",
            "dudley",
            "-o",
            str(out),
            "--report",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["target_profile"] == "dudley" and report["count"] + report["kept"] == len(
        report["changes"]
    )
    assert json.loads(out.read_text())["meta"]["short_term"] == "PIEW"


def test_cli_localise_docx_dry_run(app, tmp_path):
    result = CliRunner().invoke(app, ["localise", str(TEMPLATE), "-p", "scotland", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would make" in result.output and "[[PAIR]]" in result.output
