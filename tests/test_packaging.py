"""A plain `pip install .` carries the schemas, frameworks, profiles and the template."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                        str(ROOT)], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        pytest.skip(f"could not build a wheel here: {r.stderr.strip().splitlines()[-1:]}")
    return next(out.glob("pairkit-*.whl"))


def test_wheel_ships_schemas_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in (ROOT / "schemas").glob("*.json"):
        assert f"pairkit/schemas/{schema.name}" in names
    assert "pairkit/data/pair-pathway-template.docx" in names
    assert {f"pairkit/data/frameworks/{p.name}" for p in
            (ROOT / "pairkit/data/frameworks").glob("*.toml")} <= names
    assert {f"pairkit/data/profiles/{p.name}" for p in
            (ROOT / "pairkit/data/profiles").glob("*.toml")} <= names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "pairkit = pairkit.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
