"""The `pairkit` command: parses arguments, calls pairkit.api, prints. No logic here.

Heavy modules are imported inside the commands that need them, so `pairkit --help`
and `pairkit --version` start fast. Every problem the user can fix is one line on
stderr and exit code 2; `--debug` shows the traceback for bug reports.
"""

from __future__ import annotations

import json
import sys
import traceback
import warnings
from pathlib import Path
from typing import Annotated, Any

import typer

from pairkit import __version__
from pairkit.errors import PairkitError, PairkitWarning

app = typer.Typer(
    name="pairkit",
    help="Extract, validate, localise and write PAIR Pathway Word documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pairkit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for bug reports.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    _state["debug"] = debug
    _collect_warnings()


_notes: list[str] = []


def _collect_warnings() -> None:
    """Hold PairkitWarnings (e.g. 'this document contains macros') until a command
    succeeds, so a failure is still one line on stderr."""
    _notes.clear()
    warnings.simplefilter("always", PairkitWarning)
    default = warnings.showwarning

    def show(message, category, *args, **kwargs):  # type: ignore[no-untyped-def]
        if issubclass(category, PairkitWarning):
            _notes.append(str(message))
        else:
            default(message, category, *args, **kwargs)

    warnings.showwarning = show


def print_warnings() -> None:
    """Print the warnings held since the command started, one line each."""
    for note in dict.fromkeys(_notes):
        typer.echo(f"pairkit: warning: {note}", err=True)
    _notes.clear()


def fail(message: str) -> typer.Exit:
    """Print one plain-English line on stderr; the caller raises the returned Exit(2)."""
    typer.echo(f"pairkit: {message}", err=True)
    return typer.Exit(2)


def _emit_json(data: Any, out: Path | None) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        from pairkit.ooxml.package import atomic_write

        atomic_write(out, text.encode("utf-8"))


@app.command()
def extract(
    document: Annotated[Path, typer.Argument(help="The pathway .docx to read.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the JSON here (default: stdout).")
    ] = None,
) -> None:
    """Turn a pathway .docx into JSON that follows schemas/pathway.schema.json."""
    from pairkit.api import extract as do_extract
    from pairkit.api import same_file

    if output is not None and same_file(document, output):
        raise fail(f"{output}: this is the document being read; choose another output file")
    pathway = do_extract(document)
    _emit_json(pathway, output)
    print_warnings()
    if output is not None:
        typer.echo(f"wrote {output}", err=True)


@app.command()
def write(
    pathway: Annotated[Path, typer.Argument(help="The pathway JSON to write.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The .docx to create.")],
    into: Annotated[
        Path | None,
        typer.Option(
            "--into", help="Fill this .docx (the area's own document) instead of the template."
        ),
    ] = None,
    in_place: Annotated[
        bool,
        typer.Option(
            "--in-place", help="Allow OUTPUT to be the --into document (a .bak copy is kept)."
        ),
    ] = False,
    qr: Annotated[
        bool,
        typer.Option("--qr", help="Put a QR code beside every service and 'What else' link."),
    ] = False,
    area_url: Annotated[
        str | None,
        typer.Option("--area-url", metavar="URL",
                     help="With --qr: the web address for the area's own QR code slot."),
    ] = None,
) -> None:
    """Write pathway JSON into the official template, or into the area's own document."""
    from pairkit.api import same_file
    from pairkit.api import write as do_write
    from pairkit.model.load import load_pathway

    if area_url is not None and not qr:
        raise fail("--area-url goes with --qr (it is the address of the area's QR code)")
    if same_file(pathway, output):
        raise fail(f"{output}: this is the pathway JSON being read; choose another output file")
    data = load_pathway(pathway)
    notes = do_write(data, output, into=into, in_place=in_place, qr=qr, area_url=area_url)
    print_warnings()
    for w in notes:
        typer.echo(f"pairkit: warning: {w}", err=True)
    typer.echo(f"wrote {output}", err=True)


def _register_optional() -> None:
    """Commands that live in their own modules (validation, localisation, ...)."""
    import importlib

    for name in ("pairkit.cli_validate", "pairkit.cli_localise", "pairkit.cli_audit",
                 "pairkit.cli_qr"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
            continue
        module.register(app)


_register_optional()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning errors into one line and an exit code."""
    try:
        code = app(args=argv, standalone_mode=False)
    except PairkitError as e:
        if _state["debug"]:
            traceback.print_exc()
        typer.echo(f"pairkit: {e}", err=True)
        sys.exit(2)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("pairkit: stopped", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - the last line of defence
        show = getattr(e, "show", None)
        if callable(show) and hasattr(e, "exit_code"):  # a usage error from the parser
            show()
            sys.exit(2)
        if _state["debug"]:
            traceback.print_exc()
        typer.echo(
            f"pairkit: unexpected problem ({type(e).__name__}: {e}); this is a bug in pairkit: "
            "please report it with the output of the same command run with --debug",
            err=True,
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
