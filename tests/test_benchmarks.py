"""The benchmark runs (on a tiny case). No timing is asserted: timings belong to
`python -m benchmarks`, not to the test suite."""

from __future__ import annotations

import json

from benchmarks.run import main


def test_quick_benchmark_runs_and_writes_json(tmp_path, capsys):
    out = tmp_path / "latest.json"
    assert main(["--quick", "--no-libreoffice", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {f["id"] for f in result["files"]} == {"northshire", "1x"}
    whats = {(r["file"], r["what"], r["mode"]) for r in result["results"]}
    for op in ("extract", "validate", "localise", "write"):
        assert ("northshire", f"pairkit {op}", "in-process") in whats
        assert ("northshire", f"pairkit {op}", "process") in whats
    assert ("northshire", "floor", "in-process") in whats
    assert (None, "pairkit --version", "process") in whats
    assert all(r["median_ms"] > 0 for r in result["results"] if r["n"])
    assert result["batch"]["count"] == 4
    assert {t["id"] for t in result["targets"]} >= {"extract-vs-pandoc-2page", "version-vs-python"}
    assert "| pairkit extract |" in capsys.readouterr().out
