"""pairkit diff: services matched by name, so a move between levels is one change."""

from __future__ import annotations

import copy
import json

import pytest
import typer
from typer.testing import CliRunner

from pairkit.cli_validate import register
from pairkit.diff import diff_pathways, render_markdown, render_text
from tests.conftest import load_sample
from tests.pathways import item, make_pathway


def app() -> typer.Typer:
    made = typer.Typer()
    register(made)
    return made


def summary(changes) -> list[tuple[str, str, str]]:
    return [(c.kind, c.what, c.name) for c in changes]


def test_same_pathway_has_no_changes():
    assert diff_pathways(make_pathway(), make_pathway()) == []


def test_sample_with_a_service_moved_reports_exactly_that_move():
    old = load_sample("northshire.json")
    new = copy.deepcopy(old)
    moved = new["section_c"]["levels"][2]["services"].pop(1)  # Home-Start, Getting Help
    new["section_c"]["levels"][3]["services"].insert(0, moved)
    (change,) = diff_pathways(old, new)
    assert (change.kind, change.what, change.name) == ("moved", "service", "Home-Start Northshire")
    assert change.detail == "from Getting Help to Getting More Help"
    assert change.old_pointer == "/section_c/levels/2/services/1"
    assert change.new_pointer == "/section_c/levels/3/services/0"


def test_reordering_is_not_a_change():
    new = make_pathway()
    new["section_c"]["levels"][0]["services"].reverse()
    assert diff_pathways(make_pathway(), new) == []


def test_services_added_removed_changed():
    new = make_pathway()
    levels = new["section_c"]["levels"]
    levels[0]["services"].append(item("Baby Massage"))
    del levels[1]["services"][0]
    levels[2]["services"][0]["contact"] = "01632 960999"
    assert summary(diff_pathways(make_pathway(), new)) == [
        ("removed", "service", "Getting Advice Service A"),
        ("changed", "service", "Getting Help Service A"),
        ("added", "service", "Baby Massage"),
    ]


def test_links_specialists_principles_and_other_text():
    new = make_pathway()
    new["section_c"]["what_else"]["links"][0]["url"] = "https://testshire.nhs.uk/pmh"
    new["section_c"]["what_else"]["links"].append(
        {"text": "Infant Feeding", "url": "https://x.org"}
    )
    new["section_b"]["specialists"] = []
    new["section_a"]["principles"][1] = "We work with families."
    new["meta"]["owner"] = "Someone else"
    assert summary(diff_pathways(make_pathway(), new)) == [
        ("removed", "specialist", "Testshire Parent-Infant Relationship Team"),
        ("changed", "link", "Perinatal Mental Health Pathway"),
        ("added", "link", "Infant Feeding"),
        ("removed", "principle", "We work in partnership."),
        ("added", "principle", "We work with families."),
        ("changed", "text", "/meta/owner"),
    ]


def test_text_and_markdown():
    old = make_pathway()
    new = make_pathway()
    svc = new["section_c"]["levels"][0]["services"].pop(0)
    new["section_c"]["levels"][1]["services"].append(svc)
    changes = diff_pathways(old, new)
    assert render_text(changes, "a.json", "b.json") == (
        "1 change from a.json to b.json:\n"
        "  Service 'Thriving Service A' moved from Thriving to Getting Advice\n"
    )
    markdown = render_markdown(changes, "a.json", "b.json")
    assert "### Services" in markdown
    assert "- **moved** 'Thriving Service A' from Thriving to Getting Advice" in markdown


@pytest.fixture
def two_files(tmp_path):
    old, new = make_pathway(), make_pathway()
    new["section_c"]["levels"][3]["services"].append(item("Parent-Infant Team"))
    a, b = tmp_path / "old.json", tmp_path / "new.json"
    a.write_text(json.dumps(old), encoding="utf-8")
    b.write_text(json.dumps(new), encoding="utf-8")
    return a, b


def test_cli_exit_codes(two_files):
    a, b = two_files
    runner = CliRunner()
    same = runner.invoke(app(), ["diff", str(a), str(a)])
    assert same.exit_code == 0, same.output
    assert "are the same pathway" in same.output
    different = runner.invoke(app(), ["diff", str(a), str(b), "--format", "json"])
    assert different.exit_code == 1
    data = json.loads(different.output)
    assert data["equal"] is False
    assert data["changes"][0]["kind"] == "added" and data["changes"][0]["what"] == "service"


def test_cli_unusable_input_exits_2(tmp_path, two_files):
    a, _ = two_files
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(app(), ["diff", str(a), str(bad)])
    assert result.exit_code == 2
    assert "bad.json: not valid JSON" in result.stderr
    missing = CliRunner().invoke(app(), ["diff", str(a), str(tmp_path / "nope.json")])
    assert missing.exit_code == 2


def test_cli_markdown(two_files):
    a, b = two_files
    result = CliRunner().invoke(app(), ["diff", str(a), str(b), "-f", "markdown"])
    assert result.exit_code == 1
    assert result.output.startswith("## Pathway changes")
