"""``python -m benchmarks``: pairkit against pandoc, python-docx, docx2python and the
parse floor, on the template, the Northshire sample and generated 1x/10x/100x
pathways; start-up; a batch of pathways; the targets of issue 6, each a ratio
measured in this same run. Prints Markdown tables and writes them as JSON
(benchmarks/results/latest.json). See docs/performance.md.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import compare, generate
from benchmarks.measure import (
    Samples,
    call_once,
    close_launcher,
    launcher,
    round_robin,
    run_once,
)

ROOT = generate.ROOT
RESULTS = ROOT / "benchmarks" / "results"
PY = sys.executable

PAIRKIT_OPS = ("extract", "validate", "localise", "write")
IN_PROCESS_COMPARISONS = ("floor", "python-docx", "docx2python")
PROCESS_COMPARISONS = ("floor", "pandoc", "python-docx", "docx2python")


# --- the documents ------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def prepare_files(work: Path, *, quick: bool, libreoffice: bool, notes: list[str]
                  ) -> list[dict[str, Any]]:
    """The documents benchmarked: samples, generated pathways, LibreOffice re-saves."""
    files: list[dict[str, Any]] = []

    def add(fid: str, path: Path, written_by: str, services: int | None, seconds=None):
        files.append({"id": fid, "path": path, "written_by": written_by, "services": services,
                      "bytes": path.stat().st_size,
                      "made_in_s": round(seconds, 2) if seconds is not None else None})

    northshire_services = generate.service_count(generate.scaled(1))
    if not quick:
        add("template", generate.TEMPLATE, "pairkit's template builder", 0)
    add("northshire", generate.NORTHSHIRE_DOCX, "pairkit (bundled sample)", northshire_services)
    for factor in (1,) if quick else (1, 10, 100):
        dest = work / f"{factor}x.docx"
        t0 = time.perf_counter()
        generate.write_scaled(factor, dest)
        add(f"{factor}x", dest, "pairkit.api.write", northshire_services * factor,
            time.perf_counter() - t0)
    if libreoffice and not quick:
        if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
            notes.append("LibreOffice (soffice) not found: no LibreOffice-written cases.")
        else:
            cache = RESULTS / "cache"
            cache.mkdir(parents=True, exist_ok=True)
            for fid, src in (("northshire-lo", generate.NORTHSHIRE_DOCX),
                             ("100x-lo", work / "100x.docx")):
                dest = cache / f"{fid}-{_sha(src)}.docx"
                t0 = time.perf_counter()
                if not dest.exists():
                    generate.resave_with_libreoffice(src, dest)
                services = northshire_services * (100 if fid.startswith("100x") else 1)
                add(fid, dest, "LibreOffice (re-saved)", services, time.perf_counter() - t0)
    return files


# --- in-process contenders ----------------------------------------------------------


def pairkit_inprocess(op: str, path: Path, work: Path) -> Callable[[], object] | None:
    """The in-process call for one pairkit operation (None when it does not apply)."""
    import pairkit.api as api

    if op == "extract":
        return lambda: api.extract(path)
    if op == "validate":
        from pairkit.config import discover_config
        from pairkit.inputs import read_pathway
        from pairkit.report import FileResult, ReportOptions, display_path, render
        from pairkit.validate import validate_pathway

        settings = discover_config(None)
        today = dt.date.today()

        def validate() -> str:  # what `pairkit validate FILE` does for one file
            loaded = read_pathway(path)
            findings = validate_pathway(loaded.pathway, sourcemap=loaded.sourcemap, today=today,
                                        config=settings, extra_findings=loaded.findings)
            return render("text", [FileResult(display_path(path), findings)], ReportOptions())

        return validate
    if op == "localise":
        from pairkit.localise import localise

        out = work / f"{path.stem}-dudley.docx"
        return lambda: localise(path, out, "dudley")
    if op == "write":
        pathway = api.extract(path)
        if api_schema_problem(pathway):
            return None
        out = work / f"{path.stem}-written.docx"
        return lambda: api.write(pathway, out)
    raise ValueError(op)


def api_schema_problem(pathway: dict[str, Any]) -> str | None:
    from pairkit.model.load import schema_problem

    return schema_problem(pathway)


def _available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


# --- whole processes ----------------------------------------------------------------


class Commands:
    """argv for each contender as a whole process."""

    def __init__(self, pairkit_cmd: list[str] | None, work: Path) -> None:
        self.work = work
        self.env = dict(os.environ)
        if pairkit_cmd:
            self.pairkit = pairkit_cmd
            self.pairkit_env = dict(os.environ)
            self.how = f"{' '.join(pairkit_cmd)} (as given)"
        else:
            self.pairkit = [PY, "-m", "pairkit"]
            self.pairkit_env = dict(os.environ, PYTHONPATH=str(ROOT))
            self.how = f"{PY} -m pairkit (this checkout, byte-compiled)"
        self.env["PYTHONPATH"] = str(ROOT)

    def pairkit_op(self, op: str, path: Path, json_path: Path | None) -> list[str] | None:
        if op == "extract":
            return [*self.pairkit, "extract", str(path)]
        if op == "validate":
            return [*self.pairkit, "validate", str(path)]
        if op == "localise":
            out = self.work / f"{path.stem}-dudley-cli.docx"
            return [*self.pairkit, "localise", str(path), "-p", "dudley", "-o", str(out)]
        if op == "write":
            if json_path is None:
                return None
            return [*self.pairkit, "write", str(json_path), "-o",
                    str(self.work / f"{path.stem}-written-cli.docx")]
        raise ValueError(op)

    def comparison(self, tool: str, path: Path) -> list[str]:
        if tool == "pandoc":
            return ["pandoc", "-f", "docx", "-t", "json", str(path)]
        fn = {"floor": "floor", "python-docx": "python_docx",
              "docx2python": "docx2python_read"}[tool]
        return [PY, "-c", f"import sys; from benchmarks.compare import {fn}; {fn}(sys.argv[1])",
                str(path)]


# --- the run ------------------------------------------------------------------------


def bench_file(f: dict[str, Any], cmds: Commands, repeat: int, warmup: int,
               tools: dict[str, bool], work: Path) -> list[dict[str, Any]]:
    path: Path = f["path"]
    rows: list[dict[str, Any]] = []

    # In-process: pairkit's operations and the Python comparisons, round-robin.
    jobs: dict[str, Callable[[Samples], None]] = {}
    for op in PAIRKIT_OPS:
        fn = pairkit_inprocess(op, path, work)
        if fn is not None:
            jobs[f"pairkit {op}"] = lambda s, fn=fn: call_once(fn, s)
    for tool in IN_PROCESS_COMPARISONS:
        if tools[tool]:
            fn = compare.FUNCTIONS[tool]
            jobs[tool] = lambda s, fn=fn: call_once(lambda: fn(str(path)), s)
    for name, samples in round_robin(jobs, repeat, warmup=max(warmup, 1)).items():
        rows.append({"file": f["id"], "what": name, "mode": "in-process", **samples.summary()})

    # Whole processes.
    json_path = work / f"{path.stem}.json"
    import pairkit.api as api

    pathway = api.extract(path)
    json_path.write_text(json.dumps(pathway, ensure_ascii=False), encoding="utf-8")
    if api_schema_problem(pathway):
        json_path = None
    pjobs: dict[str, Callable[[Samples], None]] = {}
    for op in PAIRKIT_OPS:
        argv = cmds.pairkit_op(op, path, json_path)
        if argv is not None:
            ok = (0, 1) if op == "validate" else (0,)
            pjobs[f"pairkit {op}"] = lambda s, a=argv, ok=ok: run_once(
                a, s, env=cmds.pairkit_env, cwd=str(cmds.work), ok=ok)
    for tool in PROCESS_COMPARISONS:
        if tools[tool]:
            argv = cmds.comparison(tool, path)
            pjobs[tool] = lambda s, a=argv: run_once(a, s, env=cmds.env, cwd=str(cmds.work))
    for name, samples in round_robin(pjobs, repeat, warmup=warmup).items():
        rows.append({"file": f["id"], "what": name, "mode": "process", **samples.summary()})
    return rows


def bench_startup(cmds: Commands, repeat: int, warmup: int) -> list[dict[str, Any]]:
    jobs = {
        "python -c pass": lambda s: run_once([PY, "-c", "pass"], s, env=cmds.env),
        "pairkit --version": lambda s: run_once([*cmds.pairkit, "--version"], s,
                                                env=cmds.pairkit_env, cwd=str(cmds.work)),
        "pairkit --help": lambda s: run_once([*cmds.pairkit, "--help"], s,
                                             env=cmds.pairkit_env, cwd=str(cmds.work)),
    }
    return [{"file": None, "what": name, "mode": "process", **s.summary()}
            for name, s in round_robin(jobs, repeat, warmup=warmup).items()]


def bench_batch(cmds: Commands, source: Path, count: int, repeat: int, tools: dict[str, bool],
                work: Path) -> dict[str, Any]:
    folder = work / f"batch-{count}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for i in range(count):
        shutil.copyfile(source, folder / f"pathway-{i + 1:04d}.docx")
    files = sorted(folder.iterdir())
    per_pandoc = Samples()

    def pandoc_each(s: Samples) -> None:  # one after the other, as a shell loop would
        t0 = time.perf_counter()
        for p in files:
            run_once(["pandoc", "-f", "docx", "-t", "json", str(p)], per_pandoc)
        s.wall.append(time.perf_counter() - t0)

    def pairkit_folder(jobs: int) -> Callable[[Samples], None]:
        argv = [*cmds.pairkit, "validate", str(folder), "--jobs", str(jobs)]
        return lambda s: run_once(argv, s, env=cmds.pairkit_env, cwd=str(cmds.work), ok=(0, 1))

    jobs: dict[str, Callable[[Samples], None]] = {
        "pairkit validate FOLDER (all cores)": pairkit_folder(0),
        "pairkit validate FOLDER --jobs 1": pairkit_folder(1),
    }
    if tools["pandoc"]:
        jobs["pandoc -f docx -t json, each file in turn"] = pandoc_each
    out = round_robin(jobs, repeat, warmup=0)
    rows = [{"file": f"{count} copies", "what": name, "mode": "batch", **s.summary()}
            for name, s in out.items()]
    return {"count": count, "source": source.name, "rows": rows,
            "pandoc_per_file": per_pandoc.summary() if per_pandoc.wall else None}


# --- targets ------------------------------------------------------------------------


def _find(rows: list[dict[str, Any]], file: str | None, what: str, mode: str
          ) -> dict[str, Any] | None:
    return next((r for r in rows if r["file"] == file and r["what"] == what
                 and r["mode"] == mode and r.get("n")), None)


def _ratio(a: dict[str, Any] | None, b: dict[str, Any] | None, key: str = "median_ms"):
    if a is None or b is None or not a.get(key) or not b.get(key):
        return None
    return round(a[key] / b[key], 2)


def targets(rows: list[dict[str, Any]], batch: dict[str, Any] | None, ref: str,
            big: str, small: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(tid: str, text: str, a, b, limit: float, *, cmp: str = "<=",
            unit: str = "x", value=None) -> None:
        measured = value if value is not None else _ratio(a, b)
        cpu = None if value is not None else _ratio(a, b, "cpu_median_ms")
        met = None if measured is None else (
            measured <= limit if cmp == "<=" else measured < limit if cmp == "<"
            else measured >= limit)
        out.append({"id": tid, "target": text, "measured": measured, "unit": unit,
                    "limit": f"{cmp} {limit}{unit}", "cpu_ratio": cpu, "met": met})

    for fid in (ref, big):
        add(f"extract-vs-floor[{fid}]", f"extract in-process <= 2x the parse floor ({fid})",
            _find(rows, fid, "pairkit extract", "in-process"),
            _find(rows, fid, "floor", "in-process"), 2.0)
    add("extract-vs-pandoc-2page", f"`pairkit extract` <= 1.3x pandoc ({ref}, whole process)",
        _find(rows, ref, "pairkit extract", "process"), _find(rows, ref, "pandoc", "process"),
        1.3)
    add("extract-vs-pandoc-100x", f"`pairkit extract` faster than pandoc ({big}, whole process)",
        _find(rows, big, "pairkit extract", "process"), _find(rows, big, "pandoc", "process"),
        1.0, cmp="<")
    add("validate-vs-pandoc-2page",
        f"`pairkit validate` <= 2x pandoc ({ref}, whole process)",
        _find(rows, ref, "pairkit validate", "process"), _find(rows, ref, "pandoc", "process"),
        2.0)
    add("version-vs-python", "`pairkit --version` <= 8x `python -c pass`",
        _find(rows, None, "pairkit --version", "process"),
        _find(rows, None, "python -c pass", "process"), 8.0)
    if batch:
        b = batch["rows"]
        label = f"{batch['count']} copies"
        pandoc_row = _find(b, label, "pandoc -f docx -t json, each file in turn", "batch")
        pk = _find(b, label, "pairkit validate FOLDER (all cores)", "batch")
        add("batch-vs-pandoc",
            f"one `pairkit validate` of {batch['count']} pathways >= 3x faster than pandoc on "
            "each in turn", pandoc_row, pk, 3.0, cmp=">=")
    for op in ("extract", "validate", "localise"):
        row = _find(rows, big, f"pairkit {op}", "process")
        add(f"{op}-100x-time", f"`pairkit {op}` of {big} within 1 s (whole process)", None, None,
            1000, unit=" ms", value=row["median_ms"] if row else None)
        add(f"{op}-100x-memory", f"`pairkit {op}` of {big}: peak memory under 150 MB", None,
            None, 150, cmp="<", unit=" MB", value=row["peak_rss_mb"] if row else None)
        add(f"{op}-linear", f"{op}: {big} within 110x the time of {small} (in-process)",
            _find(rows, big, f"pairkit {op}", "in-process"),
            _find(rows, small, f"pairkit {op}", "in-process"), 110.0)
    return out


# --- printing -----------------------------------------------------------------------


def _ms(r: dict[str, Any] | None) -> str:
    if not r or not r.get("n"):
        return "–"
    if r["n"] == 1:
        return f"{r['median_ms']:.1f}"
    return f"{r['median_ms']:.1f} [{r['min_ms']:.1f}–{r['max_ms']:.1f}]"


def file_table(f: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    fid = f["id"]
    head = (f"### {fid}: {f['services']} services, {f['bytes'] // 1024} KiB, written by "
            f"{f['written_by']}\n\n"
            "| what | in-process ms, median [min–max] | whole process ms, median [min–max] "
            "| process CPU ms | peak RSS MB | process ÷ pandoc | in-process ÷ floor |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
    pandoc = _find(rows, fid, "pandoc", "process")
    floor = _find(rows, fid, "floor", "in-process")
    lines = []
    names = [f"pairkit {op}" for op in PAIRKIT_OPS] + list(PROCESS_COMPARISONS)
    for name in names:
        ip = _find(rows, fid, name, "in-process")
        pr = _find(rows, fid, name, "process")
        if ip is None and pr is None:
            continue
        cpu = f"{pr['cpu_median_ms']:.0f}" if pr else "–"
        rss = f"{pr['peak_rss_mb']:.0f}" if pr else "–"
        vs_pandoc = _ratio(pr, pandoc) if name != "pandoc" else None
        vs_floor = _ratio(ip, floor) if name != "floor" else None
        lines.append(f"| {name} | {_ms(ip)} | {_ms(pr)} | {cpu} | {rss} | "
                     f"{'–' if vs_pandoc is None else vs_pandoc} | "
                     f"{'–' if vs_floor is None else vs_floor} |")
    return head + "\n".join(lines) + "\n"


def simple_table(title: str, rows: list[dict[str, Any]]) -> str:
    out = [f"### {title}\n", "| what | ms, median [min–max] | CPU ms | peak RSS MB |",
           "| --- | ---: | ---: | ---: |"]
    for r in rows:
        cpu = f"{r['cpu_median_ms']:.0f}" if r.get("cpu_median_ms") is not None else "–"
        rss = f"{r['peak_rss_mb']:.0f}" if r.get("peak_rss_mb") is not None else "–"
        out.append(f"| {r['what']} | {_ms(r)} | {cpu} | {rss} |")
    return "\n".join(out) + "\n"


def target_table(ts: list[dict[str, Any]]) -> str:
    out = ["### Targets (each a ratio measured in this run)\n",
           "| target | measured | limit | CPU-time ratio | met |",
           "| --- | ---: | ---: | ---: | :---: |"]
    for t in ts:
        m = "–" if t["measured"] is None else f"{t['measured']}{t['unit']}"
        cpu = "–" if t["cpu_ratio"] is None else f"{t['cpu_ratio']}x"
        met = {True: "yes", False: "**no**", None: "n/a"}[t["met"]]
        out.append(f"| {t['target']} | {m} | {t['limit']} | {cpu} | {met} |")
    return "\n".join(out) + "\n"


# --- main ---------------------------------------------------------------------------


def _pandoc_version() -> str | None:
    if shutil.which("pandoc") is None:
        return None
    first = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    return first.splitlines()[0] if first else "pandoc"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="A tiny run (Northshire and 1x, one round, 4-file batch): for tests.")
    ap.add_argument("--repeat", type=int, default=None,
                    help="Timed rounds per small file (default 5; 1 with --quick).")
    ap.add_argument("--repeat-large", type=int, default=None,
                    help="Timed rounds for the 100x files (default 3).")
    ap.add_argument("--batch", type=int, default=None,
                    help="Copies of the two-page pathway in the batch case (default 100; "
                    "1000 for the issue's full figure).")
    ap.add_argument("--all-comparisons", action="store_true",
                    help="Run docx2python on the 100x files too (about 15 s a run: adds "
                    "minutes).")
    ap.add_argument("--no-libreoffice", action="store_true",
                    help="Skip the LibreOffice re-saved cases.")
    ap.add_argument("--pairkit", metavar="CMD",
                    help="Time this pairkit command (e.g. /tmp/benchvenv/bin/pairkit) instead "
                    "of `python -m pairkit` from this checkout.")
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.json",
                    help="Where to write the JSON (default benchmarks/results/latest.json).")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    launcher()  # first, while this process is small (see measure.py)
    try:
        return _main(args, argv)
    finally:
        close_launcher()


def _main(args: argparse.Namespace, argv: list[str] | None) -> int:
    quick = args.quick
    repeat = args.repeat or (1 if quick else 5)
    repeat_large = args.repeat_large or 3
    warmup = 0 if quick else 1
    batch_count = args.batch or (4 if quick else 100)
    started = time.perf_counter()
    work = RESULTS / "work"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    notes: list[str] = []

    # Byte-compile once: this environment may set PYTHONDONTWRITEBYTECODE, and a whole
    # process that compiles pairkit from source on every start measures the compiler.
    for folder in ("pairkit", "benchmarks"):
        compileall.compile_dir(ROOT / folder, quiet=1)

    tools = {
        "floor": True,
        "pandoc": shutil.which("pandoc") is not None,
        "python-docx": _available("docx"),
        "docx2python": _available("docx2python"),
    }
    for tool, ok in tools.items():
        if not ok:
            notes.append(f"{tool} is not installed here: its comparisons were skipped.")
    cmds = Commands(args.pairkit.split() if args.pairkit else None, work)
    files = prepare_files(work, quick=quick, libreoffice=not args.no_libreoffice, notes=notes)
    load_before = os.getloadavg()

    rows: list[dict[str, Any]] = []
    rows += bench_startup(cmds, max(repeat, 10) if not quick else 1, warmup)
    for f in files:
        big = (f["services"] or 0) >= 1000
        print(f"benchmarking {f['id']} ...", file=sys.stderr, flush=True)
        file_tools = dict(tools)
        if big and not args.all_comparisons:
            file_tools["docx2python"] = False
        rows += bench_file(f, cmds, repeat_large if big else repeat, warmup, file_tools, work)
    if tools["docx2python"] and not args.all_comparisons and any(
            (f["services"] or 0) >= 1000 for f in files):
        notes.append("docx2python was not run on the 100x files (it takes about 13-15 s a "
                     "run there, over 50x pandoc); --all-comparisons runs it.")
    ids = [f["id"] for f in files]
    ref = "northshire-lo" if "northshire-lo" in ids else "northshire"
    big_id = "100x" if "100x" in ids else "1x"
    source = next(f["path"] for f in files if f["id"] == ref)
    print(f"batch of {batch_count} ...", file=sys.stderr, flush=True)
    batch = bench_batch(cmds, source, batch_count, 1 if quick else 2, tools, work)
    ts = targets(rows, batch, ref, big_id, "1x")
    if batch_count != 1000:
        notes.append(
            f"The batch target names 1,000 pathways; this run used {batch_count} copies. Both "
            "sides grow linearly with the count (pandoc pays its start-up per file, pairkit "
            "once), so the ratio at 1,000 is at least the one measured here; run "
            "`python -m benchmarks --batch 1000` for the full figure.")
    if ref != "northshire-lo":
        notes.append("No LibreOffice-written two-page pathway: the two-page targets use "
                     "samples/northshire.docx (written by pairkit).")
    elapsed = time.perf_counter() - started

    result = {
        "benchmark": "pairkit issue 6",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else os.cpu_count(),
            "platform": platform.platform(), "python": platform.python_version(),
            "pandoc": _pandoc_version(), "load_average_before": [round(x, 2) for x in
                                                                  load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "settings": {"quick": quick, "repeat": repeat, "repeat_large": repeat_large,
                     "batch": batch_count, "pairkit_command": cmds.how,
                     "command": "python -m benchmarks " + " ".join(argv or sys.argv[1:])},
        "files": [{k: (str(v.relative_to(ROOT)) if isinstance(v, Path) and v.is_relative_to(ROOT)
                       else str(v) if isinstance(v, Path) else v) for k, v in f.items()}
                  for f in files],
        "results": rows,
        "batch": batch,
        "targets": ts,
        "notes": notes,
        "elapsed_s": round(elapsed, 1),
    }
    text = render(result, files)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {elapsed:.0f} s", file=sys.stderr)
    return 0


def render(result: dict[str, Any], files: list[dict[str, Any]]) -> str:
    m, s = result["machine"], result["settings"]
    parts = [
        f"## pairkit benchmark ({result['when']})\n",
        f"{m['cpus']} CPUs, {m['platform']}, Python {m['python']}, {m['pandoc'] or 'no pandoc'}; "
        f"load average {m['load_average_before'][0]} before, {m['load_average_after'][0]} after. "
        f"pairkit as a process: {s['pairkit_command']}. Medians of {s['repeat']} rounds "
        f"({s['repeat_large']} for the 100x files) after a warm-up; contenders interleaved.\n",
    ]
    rows = result["results"]
    parts.append(simple_table("Start-up", [r for r in rows if r["file"] is None]))
    for f in files:
        parts.append(file_table(f, rows))
    if result["batch"]:
        b = result["batch"]
        parts.append(simple_table(f"Batch: {b['count']} copies of {b['source']}", b["rows"]))
    parts.append(target_table(result["targets"]))
    if result["notes"]:
        parts.append("Notes:\n" + "\n".join(f"- {n}" for n in result["notes"]) + "\n")
    return "\n".join(parts)
