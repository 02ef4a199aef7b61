"""Generated pathways: the Northshire sample with its services multiplied.

``scaled(n)`` keeps the sample's steps, specialists and links and repeats each level's
services ``n`` times, each copy with a distinct name, web address and phone number,
so nothing can be deduplicated and every service is a real paragraph group to read.
The .docx is written by pairkit itself (``pairkit.api.write`` into the bundled
template); :func:`resave_with_libreoffice` optionally re-saves it through LibreOffice,
which drops the content-control tags and so exercises the reader's label path.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TEMPLATE = SAMPLES / "pair-pathway-template.docx"
NORTHSHIRE_DOCX = SAMPLES / "northshire.docx"
NORTHSHIRE_JSON = SAMPLES / "northshire.json"


def scaled(factor: int) -> dict[str, Any]:
    """The Northshire pathway with each level's services repeated `factor` times."""
    pathway = json.loads(NORTHSHIRE_JSON.read_text(encoding="utf-8"))
    if factor == 1:
        return pathway
    for level in pathway["section_c"]["levels"]:
        originals = level["services"]
        services = []
        for copy_no in range(factor):
            for s in originals:
                s = copy.deepcopy(s)
                if copy_no:
                    s["name"] = f"{s['name']} ({copy_no + 1})"
                    if s.get("url"):
                        s["url"] = f"{s['url'].rstrip('/')}/site-{copy_no + 1}"
                    if s.get("contact"):
                        s["contact"] = f"{s['contact']} ext. {copy_no + 1:03d}"
                services.append(s)
        level["services"] = services
    return pathway


def service_count(pathway: dict[str, Any]) -> int:
    return sum(len(lv["services"]) for lv in pathway["section_c"]["levels"])


def write_scaled(factor: int, dest: Path) -> Path:
    """Write the `factor`x pathway as a .docx at `dest` (through pairkit.api.write)."""
    from pairkit.api import write

    write(scaled(factor), dest)
    return dest


def resave_with_libreoffice(src: Path, dest: Path, timeout: float = 120) -> Path | None:
    """Open `src` in LibreOffice and save it as .docx at `dest`; None without soffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(src)],
            check=True, capture_output=True, timeout=timeout,
        )
        produced = outdir / (src.stem + ".docx")
        shutil.copyfile(produced, dest)
    return dest
