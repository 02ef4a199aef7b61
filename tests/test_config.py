"""Configuration: found upward from the working directory, validated, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pairkit.config import Config, discover_config, find_config, load_config, load_framework
from pairkit.errors import PairkitError
from pairkit.rules import all_rules


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = discover_config(start=tmp_path)
    assert config == Config()
    rule = all_rules()[0]
    assert config.severity(rule) == rule.severity


def test_pairkit_toml_found_from_a_subfolder(tmp_path):
    own = write(tmp_path / "pairkit.toml", 'framework = "girfec"\n[rules]\nreview-due = "off"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == own
    config = discover_config(start=deep)
    assert config.framework == "girfec"
    assert config.rules == {"review-due": "off"}
    assert config.root == tmp_path


def test_pyproject_tool_section(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n[tool.pairkit]\nprofile = "dudley"\ninclude = ["p/*.json"]\n',
    )
    config = discover_config(start=tmp_path)
    assert config.profile == "dudley" and config.include == ["p/*.json"]


def test_pyproject_without_tool_pairkit_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    sub = tmp_path / "sub"
    write(sub / "pyproject.toml", "[tool.ruff]\nline-length = 80\n")
    assert find_config(sub) is None


def test_nearest_file_wins(tmp_path):
    write(tmp_path / "pairkit.toml", 'profile = "outer"\n')
    inner = write(tmp_path / "inner" / "pyproject.toml", '[tool.pairkit]\nprofile = "inner"\n')
    assert find_config(inner.parent) == inner


def test_config_schema_file_is_valid_draft_2020_12():
    from jsonschema import Draft202012Validator

    from pairkit.model.schema import load_schema

    Draft202012Validator.check_schema(load_schema("config.schema.json"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('frameworks = "ithrive"\n', "unknown setting 'frameworks' (did you mean 'framework'?)"),
        ('framework = "thrive"\n', "framework = 'thrive' must be one of"),
        (
            '[rules]\nno-placeholder = "off"\n',
            "unknown rule 'no-placeholder' in [rules] (did you mean 'no-placeholders'?)",
        ),
        ('[rules]\nreview-due = "fatal"\n', "review-due = 'fatal' must be one of"),
        ('include = "*.docx"\n', "include must be a list"),
        ("framework = \n", "not valid TOML"),
    ],
)
def test_wrong_settings_give_one_clear_line(tmp_path, text, expected):
    path = write(tmp_path / "pairkit.toml", text)
    with pytest.raises(PairkitError) as caught:
        load_config(path)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message
    assert str(path) in message


def test_pyproject_error_names_the_table(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool.pairkit.rules]\nnope = "off"\n')
    with pytest.raises(PairkitError, match=r"\[tool.pairkit.rules\]"):
        load_config(path)


def test_explicit_missing_config(tmp_path):
    with pytest.raises(PairkitError, match="configuration file not found"):
        discover_config(tmp_path / "missing.toml")


def test_frameworks_load_as_data():
    ithrive = load_framework("ithrive")
    assert [level["id"] for level in ithrive["levels"]][-1] == "getting-risk-support"
    assert load_framework("unknown") is None


def test_config_framework_overrides_pathway(tmp_path):
    from pairkit.validate import validate_pathway
    from tests.pathways import make_pathway

    findings = validate_pathway(make_pathway(), config=Config(framework="girfec"))
    missing = [f.message for f in findings if f.rule == "levels-populated"]
    assert len(missing) == 4 and "Getting It Right For Every Child" in missing[0]
    assert json.dumps([f.to_dict() for f in findings])  # serialisable
