"""The `pairkit` command as a user runs it: a real process, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pairkit", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120)


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("pairkit ")


def test_extract_to_stdout_and_to_a_file(tmp_path, northshire_json):
    r = run("extract", "samples/northshire.docx")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == northshire_json
    out = tmp_path / "n.json"
    r = run("extract", "samples/northshire.docx", "-o", str(out))
    assert r.returncode == 0 and json.loads(out.read_text(encoding="utf-8")) == northshire_json


def test_write_then_extract(tmp_path, northshire_json):
    out = tmp_path / "n.docx"
    r = run("write", "samples/northshire.json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert json.loads(run("extract", str(out)).stdout) == northshire_json


def test_validate_exit_codes(tmp_path):
    assert run("validate", "samples/northshire.json", "--today", "2026-11-26").returncode == 0
    r = run("validate", "samples/gaps.json", "--today", "2026-11-26")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Getting More Help" in r.stdout


@pytest.mark.parametrize("args, message", [
    (("extract", "missing.docx"), "no such file"),
    (("extract", "README.md"), "not a Word document"),
    (("extract", "{letter}"), "does not look like a PAIR pathway"),
    (("write", "README.md", "-o", "/tmp/x.docx"), "not valid JSON"),
    (("write", "samples/northshire.json", "-o", "samples/northshire.docx", "--into",
      "samples/northshire.docx"), "--in-place"),
    (("extract", "samples/northshire.docx", "-o", "samples/northshire.docx"),
     "being read"),
])
def test_errors_are_one_line_and_exit_2(tmp_path, args, message):
    from tests.docxgen import make_docx, p

    letter = make_docx(tmp_path / "letter.docx", p("Dear parent,") + p("Best wishes."))
    r = run(*(a.format(letter=letter) for a in args))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_usage_error_exits_2():
    r = run("extract")
    assert r.returncode == 2 and "Missing argument" in r.stderr


def test_a_closed_pipe_is_not_reported_as_a_bug(tmp_path, northshire_json):
    """`pairkit extract DOC | head -1`: the closed pipe is not reported as a bug."""
    from pairkit.api import write

    big = json.loads(json.dumps(northshire_json))
    for level in big["section_c"]["levels"]:
        level["services"] = [dict(s, name=f"{s['name']} {i}") for i in range(20)
                             for s in level["services"]]
    doc = tmp_path / "big.docx"
    write(big, doc)  # its JSON is far larger than a pipe's buffer
    r = subprocess.run(f"{sys.executable} -m pairkit extract {doc} | head -1",
                       shell=True, cwd=ROOT, text=True, capture_output=True, timeout=60)
    assert r.stdout.strip() == "{"
    assert "bug" not in r.stderr and "Traceback" not in r.stderr, r.stderr


@pytest.mark.parametrize("name", ["northshire.json", "northshire.docx"])
def test_localise_never_overwrites_its_input_unless_asked(tmp_path, samples, name):
    doc = tmp_path / name
    doc.write_bytes((samples / name).read_bytes())
    r = run("localise", str(doc), "--profile", "dudley", "-o", str(doc))
    assert r.returncode == 2 and "--in-place" in r.stderr, r.stderr
    assert doc.read_bytes() == (samples / name).read_bytes()
    r = run("localise", str(doc), "--profile", "dudley", "-o", str(doc), "--in-place")
    assert r.returncode == 0, r.stderr
    assert doc.read_bytes() != (samples / name).read_bytes()
    assert (tmp_path / (name + ".bak")).read_bytes() == (samples / name).read_bytes()
