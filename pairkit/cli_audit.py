"""The `audit` command; cli.py adds it with register(app).

`pairkit audit DOC` prints a gap analysis for pathway owners and commissioners;
`--html` writes it as a page people read, `--annotate` as a copy of the Word file
with each finding as a comment. A folder gives an index page comparing the areas.
Exit status: 0 when the report was made (gaps are what it reports, not a failure;
`pairkit validate` is the check for CI), 2 for unusable input or usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pairkit.cli_validate import ConfigOption, TodayOption, parse_today
from pairkit.errors import PairkitError


def audit_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="A pathway (.docx or .json), or a folder of them, or several.",
                       show_default=False),
    ],
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write the report as one self-contained web page. For "
                     "several pathways this is an index page comparing the areas, with a "
                     "page per area beside it."),
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="Write a copy of the .docx with each finding as a "
                     "Word comment (the original is not changed)."),
    ] = None,
    today: TodayOption = None,
    config: ConfigOption = None,
) -> None:
    """Gap analysis for pathway owners and commissioners, as text, a web page or Word comments.

    Levels of need, duplication, specialists, related pathways, links and QR codes,
    prompts left, review dates, and every validation finding.

    Exit status: 0 the report was made, 2 unusable input or usage.
    """
    from pairkit.api import same_file
    from pairkit.audit import audit_file
    from pairkit.config import discover_config
    from pairkit.inputs import expand_paths
    from pairkit.report import display_path

    try:
        day = parse_today(today)
        settings = discover_config(config)
        files = expand_paths(paths)
        if not files:
            raise PairkitError(f"{paths[0]}: no .docx or .json pathways found here.")
        for out in (html, annotate):
            for f in files:
                if out is not None and same_file(f, out):
                    raise PairkitError(f"{out}: this is a pathway being audited; choose "
                                       "another output file.")
        if annotate is not None:
            if len(files) != 1:
                raise PairkitError("--annotate works on one Word document at a time.")
            if files[0].suffix.lower() != ".docx":
                raise PairkitError(f"{display_path(files[0])}: --annotate needs a Word "
                                   "document (.docx); this is a JSON file.")
        audits = [audit_file(f, today=day, config=settings, name=display_path(f))
                  for f in files]
        if html is None and annotate is None:
            from pairkit.audit.text import render

            typer.echo(render(audits), nl=False)
            return
        if html is not None:
            from pairkit.audit.html import write_reports

            for written in write_reports(audits, html, today=day):
                typer.echo(f"wrote {written}", err=True)
        if annotate is not None:
            from pairkit.audit.annotate import annotate as do_annotate

            placed = do_annotate(audits[0], annotate)
            typer.echo(f"wrote {annotate} ({len(placed)} comments)", err=True)
    except PairkitError as exc:
        typer.echo(f"pairkit: {exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    """Add `audit` to the pairkit command-line app."""
    app.command("audit")(audit_command)
