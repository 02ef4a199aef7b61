"""The `localise` and `profiles` commands. Wire in with ``register(app)``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pairkit.errors import PairkitError

# Only typer and the standard library at import time (see cli_validate.py): the
# localiser (lxml, the matcher, profiles) is imported inside the commands.
if TYPE_CHECKING:
    from pairkit.localise import Result


def localise_command(
    input: Annotated[Path, typer.Argument(help="The pathway to localise: a .docx or .json file.")],
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            "-p",
            help="Target wording: england, dudley, scotland, "
            "wales, or the path to a profile .toml.",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write the result.")
    ] = None,
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="Rename the levels of need to this "
            "framework: ithrive, girfec, nest, ... or a .toml path.",
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="The wording the document uses now (default: detected)."),
    ] = None,
    from_framework: Annotated[
        str | None,
        typer.Option(
            "--from-framework",
            help="The framework the document's levels follow now (default: detected).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List every replacement; write nothing.")
    ] = False,
    report: Annotated[
        str | None,
        typer.Option(
            "--report",
            help="List every replacement, as text or json (default: a one-line summary, "
            "or the list with --dry-run).",
        ),
    ] = None,
    track_changes: Annotated[
        bool,
        typer.Option(
            "--track-changes",
            help="In a .docx, make each replacement a tracked change for review in Word.",
        ),
    ] = False,
    rename_names: Annotated[
        bool,
        typer.Option(
            "--rename-names",
            help="Also change the words inside names of services and teams "
            "(e.g. 'Northshire PAIR Training Programme'), which are kept by default.",
        ),
    ] = False,
    in_place: Annotated[
        bool,
        typer.Option("--in-place",
                     help="Allow OUTPUT to be the input file (a .bak copy is kept)."),
    ] = False,
    keep: Annotated[
        list[str] | None,
        typer.Option(
            "--keep",
            help="A proper name to leave as it is (may be "
            "repeated), on top of the profiles' exceptions.",
        ),
    ] = None,
) -> None:
    """Turn a pathway into another area's wording (and levels of need), in one step."""
    from pairkit.localise import localise

    if report not in (None, "text", "json"):
        raise PairkitError(f"--report must be 'text' or 'json', not '{report}'")
    result = localise(
        input,
        output,
        profile,
        framework=framework,
        source=from_,
        source_framework=from_framework,
        track_changes=track_changes,
        exceptions=tuple(keep or ()),
        dry_run=dry_run,
        keep_names=not rename_names,
        in_place=in_place,
    )
    if report == "json":
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_text(result, dry_run, full=dry_run or report == "text"))


def format_text(result: Result, dry_run: bool, full: bool = True) -> str:
    """The replacements one a line (when FULL), then a one-line summary in plain English."""
    lines = []
    for c in result.changes if full else ():
        if c.kind == "kept":
            lines.append(f"{c.place}: kept {c.old!r} (part of a name)  {c.context}")
            continue
        what = f"{c.old!r} -> {c.new!r}" if c.old or c.new else ""
        extra = f"  [{c.note}]" if c.note else ""
        ctx = f"  {c.context}" if c.context else ""
        lines.append(f"{c.place}: {c.kind} {what}{ctx}{extra}")
    frm = f"from {result.source_profile} to {result.target_profile} wording"
    if result.target_framework:
        frm += f", levels from {result.source_framework} to {result.target_framework}"
    n = len(result.made)
    count = f"{n} change{'' if n == 1 else 's'}"
    summary = f"{result.input}: {frm}: {'would make' if dry_run else 'made'} {count}"
    if result.kept:
        k = len(result.kept)
        summary += (
            f"; kept {k} term{'' if k == 1 else 's'} inside names of services "
            "(use --rename-names to change them too)"
        )
    if not dry_run:
        summary += f"; wrote {result.output}"
    if not full and result.changes:
        summary += ". Add --report text to list every change"
    lines.append(summary)
    return "\n".join(lines)


def profiles_command(
    as_json: Annotated[bool, typer.Option("--json", help="List as JSON.")] = False,
    profile: Annotated[
        list[str] | None,
        typer.Option(
            "--profile", help="Also check and list a custom profile .toml (may be repeated)."
        ),
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework", help="Also check and list a custom framework .toml (may be repeated)."
        ),
    ] = None,
) -> None:
    """List the wording profiles and levels-of-need frameworks pairkit knows."""
    from pairkit.terms.frameworks import builtin_frameworks, load_framework
    from pairkit.terms.profiles import builtin_profiles, load_profile

    profs = builtin_profiles() + [load_profile(Path(p)) for p in profile or ()]
    fws = builtin_frameworks() + [load_framework(Path(f)) for f in framework or ()]
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "profiles": [p.to_dict() for p in profs],
                    "frameworks": [f.to_dict() for f in fws],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    typer.echo("Profiles (--profile):")
    for p in profs:
        where = "" if p.origin == "built-in" else f"  ({p.origin})"
        typer.echo(
            f"  {p.id:<10} {p.short_term} / {p.long_term}; framework {p.framework or '-'}{where}"
        )
    typer.echo("Frameworks (--framework):")
    for f in fws:
        where = "" if f.origin == "built-in" else f"  ({f.origin})"
        typer.echo(f"  {f.id:<24} {' · '.join(f.level_names)}{where}")


def register(app: typer.Typer) -> None:
    """Add the `localise` and `profiles` commands to APP."""
    app.command("localise")(localise_command)
    app.command("profiles")(profiles_command)
