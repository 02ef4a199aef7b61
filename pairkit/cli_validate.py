"""The `validate` and `diff` commands; main's cli.py adds them with register(app).

Exit codes (as Vale): 0 no errors, 1 error findings (or warnings with --strict) /
pathways differ, 2 unusable input or usage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pairkit.errors import PairkitError

# Only typer and the standard library at import time: `pairkit --help` and
# `pairkit --version` load this module, so the checking machinery (jsonschema, lxml,
# rich, the rules) is imported inside the commands that use it.
if TYPE_CHECKING:
    from pairkit.config import Config
    from pairkit.report import FileResult


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


# Options shared by the commands that check pathways (validate, audit).
TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help="Check review dates as of this day."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="A pairkit.toml or pyproject.toml to use instead of "
                 "searching from the working directory upward."),
]


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PairkitError(f"--today {value}: give a date written YYYY-MM-DD.") from None


def _use_color(output: Path | None) -> bool:
    if output is not None or "NO_COLOR" in os.environ:
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _targets(paths: list[str] | None, config: Config) -> list[Path]:
    from pairkit.inputs import expand_paths

    if paths:
        return expand_paths(paths, exclude=config.exclude, root=config.root)
    if config.include:
        patterns = [str(config.root / pattern) for pattern in config.include]
        return expand_paths(patterns, exclude=config.exclude, root=config.root)
    raise PairkitError("give a .docx or .json file or a folder, or set include in pairkit.toml.")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PairkitError(f"{output}: cannot write the report ({exc.strerror}).") from exc


#: Batches smaller than this are checked in this process: a pool's start-up costs more.
POOL_MIN_FILES = 4


def _check_file(path: Path, day: date, settings: Config, extra: dict | None = None
                ) -> FileResult:
    """Read and check one file (in a worker process when checking a batch)."""
    from pairkit.inputs import read_pathway
    from pairkit.report import FileResult, display_path
    from pairkit.validate import validate_pathway

    loaded = read_pathway(path)
    findings = validate_pathway(
        loaded.pathway,
        sourcemap=loaded.sourcemap,
        today=day,
        config=settings,
        extra_findings=loaded.findings,
        extra=extra,
    )
    return FileResult(display_path(path), findings, loaded.lines)


def _workers(jobs: int, files: int) -> int:
    if jobs < 0:
        raise PairkitError(f"--jobs {jobs}: give 0 (all cores) or a number of processes.")
    if files < POOL_MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(jobs or cores, files))


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """advance(): one more file done. A bar on stderr for a batch on a terminal, else nothing.

    The bar is redrawn by hand (no refresh thread, so forking workers is safe) and
    removed when done, so what the terminal keeps is exactly the serial run's output.
    """
    if total < POOL_MIN_FILES or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "checking", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True, auto_refresh=False,
    )
    task = bar.add_task("checking", total=total)
    with bar:
        bar.refresh()

        def advance() -> None:
            bar.advance(task)
            bar.refresh()

        yield advance


def _check_all(paths: list[Path], day: date, settings: Config, jobs: int,
               extra: dict | None = None) -> list[FileResult]:
    """Every file's result, in the order of `paths`: on all cores for a batch.

    Results come back in input order whatever finishes first, and a file that cannot
    be read stops the run with the same message as a serial run (the first such file).
    """
    workers = _workers(jobs, len(paths))
    results: list[FileResult] = []
    with _progress(len(paths)) as advance:
        if workers == 1:
            for path in paths:
                results.append(_check_file(path, day, settings, extra))
                advance()
            return results
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        # fork: workers start at once with everything already imported (Linux).
        context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
        check = partial(_check_file, day=day, settings=settings, extra=extra)
        chunk = max(1, min(16, len(paths) // (workers * 4)))
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for result in pool.map(check, paths, chunksize=chunk):
                results.append(result)
                advance()
    return results


def validate_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Pathway files (.docx, .json), folders or globs.", show_default=False),
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings as well as errors.")
    ] = False,
    today: TodayOption = None,
    config: ConfigOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    check_links: Annotated[
        bool,
        typer.Option(
            "--check-links",
            help="Also request every web link (uses the network) and report dead links "
            "(link-dead) and redirects (link-redirected).",
        ),
    ] = False,
    link_timeout: Annotated[
        float,
        typer.Option("--link-timeout", metavar="SECONDS", min=0.1,
                     help="With --check-links: how long to wait for each answer."),
    ] = 10.0,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", help="Files to check at once (0: one per core; 1: one at a time)."
        ),
    ] = 0,
) -> None:
    """Check pathways against the schema and the rules (see docs/rules.md).

    Exit status: 0 no errors, 1 errors found (or warnings with --strict),
    2 unusable input or usage.
    """
    from pairkit.config import discover_config
    from pairkit.findings import fails
    from pairkit.report import ReportOptions, render
    from pairkit.rules import all_rules
    from pairkit.rules.liveness import LIVENESS_RULES

    try:
        settings = discover_config(config)
        day = parse_today(today)
        targets = _targets(paths, settings)
        extra = _check_links(targets, link_timeout) if check_links else {}
        results = _check_all(targets, day, settings, jobs, extra)
        ran = ["schema", *(r.id for r in all_rules() if settings.severity(r) != "off"
                           and (check_links or r.id not in LIVENESS_RULES))]
        options = ReportOptions(color=_use_color(output), strict=strict, rule_ids=ran)
        _emit(render(format.value, results, options), output)
    except PairkitError as exc:
        typer.echo(f"pairkit: {exc}", err=True)
        raise typer.Exit(2) from None
    if fails([f for r in results for f in r.findings], strict=strict):
        raise typer.Exit(1)


def _check_links(paths: list[Path], timeout: float) -> dict:
    """Request every web link of every pathway once, concurrently."""
    from pairkit.inputs import read_pathway
    from pairkit.links import LinkChecker, web_links
    from pairkit.rules.liveness import LINKS_KEY

    urls = [url for path in paths for _pointer, url in web_links(read_pathway(path).pathway)]
    return {LINKS_KEY: LinkChecker(timeout=timeout).check(urls)}


def diff_command(
    old: Annotated[Path, typer.Argument(help="The earlier pathway (.docx or .json).")],
    new: Annotated[Path, typer.Argument(help="The later pathway (.docx or .json).")],
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Report format.")
    ] = DiffFormat.text,
) -> None:
    """Show what changed between two pathways (.docx or .json, any mix).

    Services added, removed, moved between levels or changed; links, specialists and
    principles.

    Exit status: 0 the same, 1 different, 2 unusable input.
    """
    from pairkit.diff import diff_pathways, render_json, render_markdown, render_text
    from pairkit.inputs import read_pathway
    from pairkit.report import display_path

    try:
        for path in (old, new):
            if not path.is_file():
                raise PairkitError(f"{path}: no such file.")
        before, after = read_pathway(old), read_pathway(new)
    except PairkitError as exc:
        typer.echo(f"pairkit: {exc}", err=True)
        raise typer.Exit(2) from None
    changes = diff_pathways(before.pathway, after.pathway)
    printer = {"text": render_text, "markdown": render_markdown, "json": render_json}
    typer.echo(printer[format.value](changes, display_path(old), display_path(new)), nl=False)
    if changes:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `validate` and `diff` to the pairkit command-line app."""
    app.command("validate")(validate_command)
    app.command("diff")(diff_command)
