"""Timing: in-process calls and whole processes, wall and CPU time, peak memory.

Samples of several contenders are taken round-robin (A, B, C, A, B, C, ...), so a
burst of load from elsewhere on the machine hits all of them alike and the ratios
between them, measured in the same run, stay fair.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


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


def run_once(
    argv: Sequence[str],
    samples: Samples,
    *,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    ok: tuple[int, ...] = (0,),
) -> None:
    """Time one whole process: wall clock, its CPU time and peak memory (from wait4)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=subprocess.DEVNULL, stderr=err, env=env,
                                cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)  # not proc.wait(): it drops the rusage
        wall = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv)} exited {code}: {message}")
    samples.wall.append(wall)
    samples.cpu.append(usage.ru_utime + usage.ru_stime)
    samples.rss.append(usage.ru_maxrss * 1024)  # Linux reports KiB


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
