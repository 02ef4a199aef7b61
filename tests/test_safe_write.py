"""Nothing is lost: a write that fails or is killed leaves the old file as it was."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pairkit import api
from pairkit.errors import PackageError
from pairkit.ooxml import package
from pairkit.ooxml.package import atomic_write

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NORTHSHIRE = SAMPLES / "northshire.docx"


def _changed() -> dict:
    data = json.loads((SAMPLES / "northshire.json").read_text(encoding="utf-8"))
    data["title"] = "Northshire pathway, revised"
    return data


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "area.docx"
    path.write_bytes(NORTHSHIRE.read_bytes())
    return path


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fails", ["replace", "fsync", "write"])
def test_a_failed_write_leaves_the_old_file(doc: Path, monkeypatch: pytest.MonkeyPatch,
                                            fails: str) -> None:
    original = doc.read_bytes()

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    if fails == "write":
        real = os.fdopen

        class Full:
            def __init__(self, f):  # type: ignore[no-untyped-def]
                self.f = f

            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc):  # type: ignore[no-untyped-def]
                self.f.close()

            def write(self, data: bytes) -> int:
                self.f.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(package.os, "fdopen", lambda *a, **k: Full(real(*a, **k)))
    else:
        monkeypatch.setattr(package.os, fails, broken)
    with pytest.raises(PackageError, match="could not be written .*nothing was changed"):
        api.write(_changed(), doc, into=doc, in_place=True)
    assert doc.read_bytes() == original
    assert _leftovers(doc.parent) == []


def test_in_place_keeps_a_backup(doc: Path) -> None:
    original = doc.read_bytes()
    api.write(_changed(), doc, into=doc, in_place=True)
    assert doc.read_bytes() != original
    assert doc.with_name("area.docx.bak").read_bytes() == original
    assert api.extract(doc)["title"] == "Northshire pathway, revised"


def test_the_input_is_never_overwritten_without_in_place(doc: Path) -> None:
    original = doc.read_bytes()
    with pytest.raises(Exception, match="choose another output file, or add --in-place"):
        api.write(_changed(), doc, into=doc)
    assert doc.read_bytes() == original


def test_a_killed_write_leaves_the_old_file(doc: Path, tmp_path: Path) -> None:
    """SIGKILL while the output is half on disk (fsync held open): the old file stands."""
    original = doc.read_bytes()
    pathway = tmp_path / "changed.json"
    pathway.write_text(json.dumps(_changed()), encoding="utf-8")
    ready = tmp_path / "ready"
    script = f"""
import os, sys, time
calls = []
real = os.fsync
def slow(fd):
    calls.append(fd)
    if len(calls) == 2:  # 1: the backup, 2: the new document
        open({str(ready)!r}, "w").close()
        time.sleep(60)
    real(fd)
os.fsync = slow
from pairkit.cli import main
main(["write", {str(pathway)!r}, "--into", {str(doc)!r}, "-o", {str(doc)!r}, "--in-place"])
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    # The new bytes are in a temporary file beside the document, not in it.
    assert _leftovers(doc.parent)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert doc.read_bytes() == original
    assert doc.with_name("area.docx.bak").read_bytes() == original
    assert api.extract(doc)["title"] != "Northshire pathway, revised"


def _lock(folder: Path, locked: bool) -> bool:
    """Make `folder` read-only: chmod for users; for root (who ignores that) chattr."""
    if os.geteuid() != 0:
        folder.chmod(0o555 if locked else 0o755)
        return True
    flag = "+i" if locked else "-i"
    return subprocess.run(["chattr", flag, str(folder)], capture_output=True).returncode == 0


def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    doc = folder / "area.docx"
    doc.write_bytes(NORTHSHIRE.read_bytes())
    original = doc.read_bytes()
    if not _lock(folder, True):
        pytest.skip("cannot make a folder read-only here")
    try:
        with pytest.raises(PackageError, match="cannot write"):
            api.write(_changed(), doc, into=doc, in_place=True)
        with pytest.raises(PackageError, match="cannot write"):
            api.write(_changed(), folder / "new.docx")
    finally:
        _lock(folder, False)
    assert doc.read_bytes() == original
    assert sorted(p.name for p in folder.iterdir()) == ["area.docx"]


def test_a_folder_that_refuses_new_files(doc: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only folder does (simulated, since the tests may run as root)."""
    original = doc.read_bytes()

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(package.tempfile, "mkstemp", refuse)
    with pytest.raises(PackageError, match="cannot write in the folder .*permission denied"):
        api.write(_changed(), doc, into=doc, in_place=True)
    assert doc.read_bytes() == original


def test_the_old_file_keeps_its_permissions(tmp_path: Path) -> None:
    dest = tmp_path / "out.json"
    dest.write_text("old")
    dest.chmod(0o640)
    atomic_write(dest, b"new")
    assert dest.read_bytes() == b"new"
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640


def test_a_symlinked_output_is_replaced_not_followed(tmp_path: Path) -> None:
    """Writing never reaches through a link to a file outside the output's name."""
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("keep me")
    link = tmp_path / "out.json"
    link.symlink_to(elsewhere)
    atomic_write(link, b"new")
    assert elsewhere.read_text() == "keep me"
    assert not link.is_symlink() and link.read_bytes() == b"new"
