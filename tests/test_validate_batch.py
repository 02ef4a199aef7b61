"""`pairkit validate` on a folder: a process pool for batches, the serial run's output."""

from __future__ import annotations

import shutil

import pytest
import typer
from typer.testing import CliRunner

from pairkit import cli_validate
from pairkit.cli_validate import register
from tests.conftest import SAMPLES


def invoke(*args: str):
    app = typer.Typer()
    register(app)
    return CliRunner().invoke(app, ["validate", *args])


@pytest.fixture
def folder(tmp_path):
    for i in range(6):
        shutil.copyfile(SAMPLES / "northshire.docx", tmp_path / f"n{i}.docx")
    shutil.copyfile(SAMPLES / "gaps.json", tmp_path / "gaps.json")
    shutil.copyfile(SAMPLES / "pair-pathway-template.docx", tmp_path / "template.docx")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_pool_output_is_the_serial_output(folder, fmt):
    args = [str(folder), "--today", "2026-11-26", "-f", fmt]
    serial = invoke(*args, "--jobs", "1")
    pooled = invoke(*args, "--jobs", "2")
    assert serial.exit_code == pooled.exit_code == 1
    assert pooled.output == serial.output


def test_a_batch_uses_a_pool_and_a_small_one_does_not(monkeypatch):
    assert cli_validate._workers(0, cli_validate.POOL_MIN_FILES - 1) == 1
    assert cli_validate._workers(1, 100) == 1
    assert cli_validate._workers(3, 100) == 3
    assert cli_validate._workers(8, 5) == 5
    monkeypatch.setattr(cli_validate.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert cli_validate._workers(0, 100) == 2


def test_unreadable_file_in_a_batch_stops_with_the_serial_message(folder):
    (folder / "n3.docx").write_bytes(b"not a zip")
    serial = invoke(str(folder), "--jobs", "1")
    pooled = invoke(str(folder), "--jobs", "2")
    assert serial.exit_code == pooled.exit_code == 2
    assert pooled.output == serial.output
    assert "n3.docx" in pooled.output


def test_negative_jobs_is_a_usage_error(folder):
    result = invoke(str(folder), "--jobs", "-1")
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_no_progress_bar_when_not_a_terminal(folder, capsys):
    with cli_validate._progress(10) as advance:
        advance()
    assert capsys.readouterr().err == ""
