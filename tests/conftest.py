"""Shared fixtures: sample paths and LibreOffice conversion (cached per session)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus" / "foreign"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TODAY = date(2026, 11, 26)


@pytest.fixture
def today() -> date:
    """A fixed 'today' so review-date rules are reproducible."""
    return TODAY


def load_sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def template_docx() -> Path:
    return SAMPLES / "pair-pathway-template.docx"


@pytest.fixture(scope="session")
def northshire_json() -> dict:
    return json.loads((SAMPLES / "northshire.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def northshire_docx() -> Path:
    return SAMPLES / "northshire.docx"


def convert(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice (headless, own profile); return the output path."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), f"LibreOffice did not write {out}"
    return out


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """A function converting a file with LibreOffice; skips when it is not installed."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    base = tmp_path_factory.mktemp("lo")
    cache: dict[tuple[Path, str], Path] = {}

    def run(src: Path, fmt: str) -> Path:
        key = (Path(src).resolve(), fmt)
        if key not in cache:
            outdir = base / f"{len(cache)}"
            cache[key] = convert(Path(src), fmt, outdir)
        return cache[key]

    return run


def members(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def member_names(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return [i.filename for i in z.infolist()]
