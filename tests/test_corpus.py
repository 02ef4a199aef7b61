"""Word files no one in this project wrote: read without crashing, saved without change.

/work/shared/corpus/foreign holds the test documents of python-docx and docxtpl
(see its README). None is a pathway, so extraction must either succeed or say
"not a pathway"; a save with no change must keep every member byte for byte.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from pairkit import api
from pairkit.errors import NotAPathwayError
from pairkit.ooxml.package import Package

CORPUS = Path(os.environ.get("PAIRKIT_CORPUS", "/work/shared/corpus/foreign"))
FILES = sorted(CORPUS.rglob("*.docx")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS}")


def _id(path: Path) -> str:
    return str(path.relative_to(CORPUS))


def test_the_whole_corpus_is_there() -> None:
    assert len(FILES) == 86


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_extract(path: Path) -> None:
    try:
        pathway = api.extract(path)
    except NotAPathwayError as e:
        assert str(e).startswith(f"{path}: this does not look like a PAIR pathway")
    else:
        assert pathway["schema_version"] == 1


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_no_op_round_trip_keeps_every_member(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.docx"
    Package.open(path).save(out)
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        for info in a.infolist():
            assert a.read(info) == b.read(info.filename), info.filename


@pytest.mark.parametrize("path", FILES[::9], ids=_id)
def test_rebuilt_package_keeps_untouched_members(path: Path, tmp_path: Path) -> None:
    """A save that does change a part copies every other member unchanged."""
    pkg = Package.open(path)
    pkg.mark_changed(pkg.main_part)
    pkg.xml(pkg.main_part)
    out = tmp_path / "rebuilt.docx"
    pkg.save(out)
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        for info in a.infolist():
            if info.filename != pkg.main_part:
                assert a.read(info) == b.read(info.filename), info.filename
    Package.open(out).xml(pkg.main_part)
