"""Timing: in-process calls and whole processes, wall and CPU time, peak memory.

Samples of several contenders are taken round-robin (A, B, C, A, B, C, ...), so a
burst of load from elsewhere on the machine hits all of them alike and the ratios
between them, measured in the same run, stay fair.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Samples:
    """Repeated measurements of one thing."""

    wall: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # seconds (user + system)
    rss: list[int] = field(default_factory=list)  # peak resident set, bytes (processes)

    def summary(self) -> dict[str, float | int | None]:
        if not self.wall:
            return {"n": 0}
        ms = sorted(w * 1000 for w in self.wall)
        return {
            "n": len(ms),
            "median_ms": round(statistics.median(ms), 2),
            "min_ms": round(ms[0], 2),
            "max_ms": round(ms[-1], 2),
            "cpu_median_ms": round(statistics.median(self.cpu) * 1000, 2) if self.cpu else None,
            "peak_rss_mb": round(max(self.rss) / 2**20, 1) if self.rss else None,
        }


def call_once(fn: Callable[[], object], samples: Samples) -> None:
    """Time one in-process call (garbage from earlier calls is collected first)."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    t1, c1 = time.perf_counter(), time.process_time()
    samples.wall.append(t1 - t0)
    samples.cpu.append(c1 - c0)


# Linux hands a child the parent's peak memory across fork and exec, so children are
# started from this small launcher process (started first, before anything big is
# loaded) and their peak memory is their own, not the benchmark's.
_LAUNCHER_CODE = r"""
import json, os, subprocess, sys, tempfile, time
for line in sys.stdin:
    req = json.loads(line)
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(req["argv"], stdout=subprocess.DEVNULL, stderr=err,
                             env=req["env"], cwd=req["cwd"])
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read()[-2000:].decode(errors="replace")
    print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime,
                      "rss": ru.ru_maxrss * 1024, "code": code, "err": message}), flush=True)
"""


class Launcher:
    """A small helper process that runs commands and reports wall, CPU and peak memory."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _LAUNCHER_CODE],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, argv: Sequence[str], env: dict[str, str] | None, cwd: str | None
            ) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = {"argv": list(argv), "env": dict(env if env is not None else os.environ),
                   "cwd": cwd}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


_launcher: Launcher | None = None


def close_launcher() -> None:
    global _launcher
    if _launcher is not None:
        _launcher.close()
        _launcher = None


def launcher() -> Launcher:
    """The shared launcher (started on first use: start it early)."""
    global _launcher
    if _launcher is None:
        _launcher = Launcher()
    return _launcher


def run_once(
    argv: Sequence[str],
    samples: Samples,
    *,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    ok: tuple[int, ...] = (0,),
) -> None:
    """Time one whole process: wall clock, its CPU time and its peak memory (wait4)."""
    r = launcher().run(argv, env, cwd)
    if r["code"] not in ok:
        raise RuntimeError(f"{' '.join(argv)} exited {r['code']}: {r['err']}")
    samples.wall.append(r["wall"])
    samples.cpu.append(r["cpu"])
    samples.rss.append(r["rss"])  # Linux reports KiB; the launcher converted to bytes


def round_robin(jobs: dict[str, Callable[[Samples], None]], repeat: int,
                warmup: int = 1) -> dict[str, Samples]:
    """Run each job `warmup` times untimed, then `repeat` timed rounds, interleaved."""
    out = {name: Samples() for name in jobs}
    for _ in range(warmup):
        for job in jobs.values():
            job(Samples())
    for _ in range(repeat):
        for name, job in jobs.items():
            job(out[name])
    return out
