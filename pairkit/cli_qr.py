"""The `qr` command: put QR codes into an existing pathway .docx; cli.py adds it with
register(app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def qr_command(
    document: Annotated[Path, typer.Argument(help="The pathway .docx to add QR codes to.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The .docx to create.")],
    area_url: Annotated[
        str | None,
        typer.Option("--area-url", metavar="URL",
                     help="The web address for the area's own QR code slot (else the slot "
                     "is left as it is)."),
    ] = None,
    in_place: Annotated[
        bool,
        typer.Option("--in-place", help="Allow OUTPUT to be DOCUMENT (a .bak copy is kept)."),
    ] = False,
) -> None:
    """Put a QR code beside every service and 'What else' link.

    pairkit's earlier codes are replaced, never stacked; --area-url puts the area's
    own code in its slot.
    """
    from pairkit.qr.place import add_codes

    placed = add_codes(document, output, area_url=area_url, in_place=in_place)
    for w in placed.warnings:
        typer.echo(f"pairkit: warning: {w}", err=True)
    typer.echo(f"wrote {output} ({len(placed.codes)} QR codes)", err=True)


def register(app: typer.Typer) -> None:
    """Add `qr` to the pairkit command-line app."""
    app.command("qr")(qr_command)
