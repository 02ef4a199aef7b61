"""Hostile input: every case gets one plain line, exit 2, bounded memory and time.

The files are generated here (tests/hostile.py). All cases run in one fresh Python
process that forks a child per case (see hostile.run_cases), so exit codes, stderr,
time and peak memory are those of a real `pairkit` command, measured per case.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import hostile

MAX_RSS_MB = 500
MAX_SECONDS = 10
NORTHSHIRE_JSON = hostile.SAMPLES / "northshire.json"


@dataclass
class Case:
    id: str
    argv: list[str]
    code: int
    message: str  # a regular expression the one stderr line must match ("" for none)
    names: str | None = None  # the file the message must name


class Scenario:
    """The hostile files, written once, and what each command must answer."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.cases: list[Case] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.fifo = tmp / "secret.fifo"
        os.mkfifo(self.fifo)

    def file(self, name: str, data: bytes) -> Path:
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def extract(self, id: str, name: str, data: bytes | None, code: int, message: str) -> None:
        path = self.file(name, data) if data is not None else self.tmp / name
        self.cases.append(Case(id, ["extract", str(path)], code, message, path.name))

    def write(self, id: str, name: str, data: bytes, code: int, message: str,
              extra: tuple[str, ...] = ()) -> None:
        path = self.file(name, data)
        out = self.tmp / f"out-{id}.docx"
        self.cases.append(Case(id, ["write", str(path), "-o", str(out), *extra], code, message,
                               path.name))


def _changed_pathway() -> bytes:
    data = json.loads(NORTHSHIRE_JSON.read_text(encoding="utf-8"))
    data["title"] = "A changed title, so the package is rebuilt"
    return json.dumps(data).encode()


def _build(s: Scenario) -> None:
    north = hostile.NORTHSHIRE.read_bytes()
    good_json = NORTHSHIRE_JSON.read_bytes()
    # -- not a .docx at all -------------------------------------------------------------
    s.extract("not-zip", "notes.docx", b"Minutes of the meeting\n", 2,
              r"not a Word document .*check you chose the right file")
    s.extract("empty", "empty.docx", b"", 2, r"the file is empty \(0 bytes\).*earlier copy")
    s.extract("truncated", "cut.docx", north[: len(north) * 2 // 3], 2,
              r"cut short or damaged .*failed upload.*earlier copy")
    info = zipfile.ZipFile(hostile.NORTHSHIRE).getinfo("word/document.xml")
    at = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    s.extract("corrupt", "corrupt.docx", north[:at] + bytes(200) + north[at + 200:], 2,
              r"the file is damaged \(member word/document\.xml cannot be read.*earlier copy")
    s.extract("legacy-doc", "old.doc", hostile.ole2(False), 2,
              r"old Word 97-2003 document \(\.doc\).*Save As > 'Word Document \(\*\.docx\)'")
    s.extract("legacy-doc-renamed", "old-renamed.docx", hostile.ole2(False), 2,
              r"old Word 97-2003 document \(\.doc\), whatever its name says")
    s.extract("password", "locked.docx", hostile.ole2(True), 2,
              r"password-protected.*remove the password")
    s.extract("rtf", "letter.docx", b"{\\rtf1\\ansi hello}", 2, r"Rich Text \(\.rtf\)")
    s.extract("pdf", "printed.docx", b"%PDF-1.7\n...", 2, r"this is a PDF")
    s.extract("odt", "libre.docx", hostile.build_zip(
        [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]),
        2, r"OpenDocument file .*Save As")
    s.extract("no-main", "hollow.docx", hostile.replaced(
        {"word/document.xml": None, "_rels/.rels": None}), 2,
        r"no Word main document .*not a Word document")
    letter = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
              b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Dear Sam'
              b"</w:t></w:r></w:p></w:body></w:document>")
    s.extract("not-a-pathway", "letter2.docx", hostile.replaced({"word/document.xml": letter}),
              2, r"does not look like a PAIR pathway.*check it is the right file")
    s.extract("missing", "nowhere.docx", None, 2, r"no such file")
    s.tmp.joinpath("afolder.docx").mkdir()
    s.extract("folder", "afolder.docx", None, 2, r"is a folder")
    s.cases.append(Case("device", ["extract", "/dev/zero"], 2, r"not a regular file", "zero"))
    s.cases.append(Case("fifo", ["extract", str(s.fifo)], 2, r"not a regular file",
                        s.fifo.name))
    # -- damaged or hostile packages ----------------------------------------------------
    s.extract("strict", "strict.docx", hostile.strict(), 2,
              r"Strict Open XML .*Save As > 'Word Document \(\*\.docx\)'")
    bad = hostile.malformed()
    line = hostile.document_xml().split(b"<w:body>")[0].count(b"\n") + 3
    s.extract("malformed", "malformed.docx", bad, 2,
              rf"part word/document\.xml is not well-formed XML \(line {line}: .*save it again")
    s.extract("bad-utf8", "latin.docx", hostile.bad_utf8(), 2,
              r"part word/document\.xml is not valid UTF-8 text \(a bad byte on line 2\)")
    s.extract("honest-bomb", "bomb1.docx", hostile.honest_bomb(), 2,
              r"member word/media/zeros\.bin is compressed \d+ times, which only a zip bomb does")
    s.extract("lying-bomb", "bomb2.docx", hostile.lying_bomb(), 2,
              r"the file is damaged \(member word/document\.xml cannot be read")
    s.extract("member-too-big", "big1.docx", hostile.claimed_sizes(200 << 20, 2 << 20), 2,
              r"member word/media/big0\.bin would unpack to 200 MB, over pairkit's limit")
    s.extract("total-too-big", "big2.docx", hostile.claimed_sizes(99 << 20, 1 << 20, 6), 2,
              r"the package would unpack to over 512 MB")
    s.extract("too-many-members", "crowd.docx", hostile.replaced(
        {}, extra=[(f"x/{i}", b"") for i in range(5001)]), 2,
        r"the package has 5011 members; pairkit accepts at most 5000")
    s.extract("duplicate", "twice.docx", hostile.replaced(
        {}, extra=[("word/document.xml", b"<x/>")]), 2,
        r"two members named 'word/document\.xml'.*earlier copy")
    s.extract("duplicate-case", "twice2.docx", hostile.replaced(
        {}, extra=[("WORD/Document.xml", b"<x/>")]), 2, r"two members named 'WORD/Document\.xml'")
    s.extract("zip-encrypted", "zipcrypt.docx", hostile.patch_central(
        north, "word/document.xml", flags=1), 2, r"encrypted by a zip tool")
    s.extract("unknown-method", "method.docx", hostile.patch_central(
        north, "word/document.xml", method=99), 2, r"compression pairkit cannot read")
    s.extract("xxe", "xxe.docx", hostile.xxe(
        str(s.fifo), f"http://127.0.0.1:{s.server.getsockname()[1]}/evil.dtd"), 2,
        r"part word/document\.xml was refused because it declares a DTD")
    s.extract("billion-laughs", "lol.docx", hostile.billion_laughs(), 2, r"declares a DTD")
    s.extract("too-deep", "deep.docx", hostile.nested(300), 2,
              r"part word/document\.xml is nested more than 256 levels deep")
    s.extract("deep-but-fine", "deep-ok.docx", hostile.nested(120), 0, "")
    s.extract("huge-text", "text.docx", hostile.huge_text(11 << 20), 2,
              r"holds a single text over 10 MB")
    s.extract("too-many-tags", "tags.docx", hostile.many_paragraphs(501_000), 2,
              r"has over 500,000 XML elements")
    s.extract("too-many-paragraphs", "paras.docx", hostile.many_paragraphs(26_000), 2,
              r"has 26,\d{3} paragraphs; pairkit reads up to 25,000")
    s.extract("macros", "macro.docm", hostile.macro_enabled(), 0,
              r"warning: .*macro\.docm: this document contains macros; pairkit never runs them, "
              r"and never carries them into anything it writes")
    # -- JSON input ---------------------------------------------------------------------
    s.write("json-bom", "bom.json", b"\xef\xbb\xbf" + good_json, 0, "")
    s.write("json-duplicate", "dup.json", b'{"title": "a", "title": "b"}', 2,
            r"the key 'title' appears twice in one object")
    s.write("json-huge-float", "float.json",
            good_json.replace(b'"schema_version": 1', b'"schema_version": 1e999'), 2,
            r"a number too large to be real")
    s.write("json-huge-int", "int.json", b'{"n": ' + b"9" * 5000 + b"}", 2,
            r"a number with thousands of digits")
    s.write("json-nan", "nan.json", b'{"n": NaN}', 2, r"NaN, which is not a number JSON allows")
    s.write("json-deep", "deep.json", b"[" * 100_000 + b"]" * 100_000, 2, r"nested too deeply")
    s.write("json-depth", "depth.json", b'{"a":' * 70 + b"1" + b"}" * 70, 2,
            r"nested over 64 levels deep")
    s.write("json-wrong-type", "type.json",
            json.dumps(dict(json.loads(good_json), title=12)).encode(), 2,
            r"not a pathway pairkit can write: at /title: should be text, not 12")
    s.write("json-missing", "missing.json", b"{}", 2, r"at /: is missing 'schema_version'")
    s.write("json-not-utf8", "latin.json", '{"title": "Café"}'.encode("latin-1"), 2,
            r"not UTF-8 text .*save it as UTF-8")
    s.write("json-invalid", "broken.json", b'{"title": ', 2, r"not valid JSON at line 1")
    s.write("json-control", "ctrl.json",
            json.dumps(dict(json.loads(good_json), title="A\u0001B")).encode(), 2,
            r"at /title: the text holds the character U\+0001")
    s.write("json-too-big", "big.json", b" " * (17 << 20), 2, r"pairkit reads pathway JSON up to")
    # -- outputs that must be refused ---------------------------------------------------
    changed = s.file("changed.json", _changed_pathway())
    into = s.file("area.docx", north)
    s.cases += [
        Case("extract-onto-input", ["extract", str(into), "-o", str(into)], 2,
             r"this is the document being read; choose another output file", into.name),
        Case("write-onto-json", ["write", str(changed), "-o", str(changed)], 2,
             r"this is the pathway JSON being read; choose another output file", changed.name),
        Case("write-onto-into", ["write", str(changed), "--into", str(into), "-o", str(into)],
             2, r"being written into; choose another output file, or add --in-place",
             into.name),
        Case("write-no-folder", ["write", str(changed), "-o", str(s.tmp / "nope" / "o.docx")],
             2, r"the folder .*nope does not exist", "o.docx"),
        Case("write-to-folder", ["write", str(changed), "-o", str(s.tmp / "afolder.docx")],
             2, r"is a folder; give a file name", "afolder.docx"),
        Case("write-docm", ["write", str(changed), "-o", str(s.tmp / "o.docm")], 2,
             r"never writes macros.*name ending in \.docx", "o.docm"),
    ]
    # -- writing into hostile documents -------------------------------------------------
    for id, name, data, code, message in [
        ("write-into-macros", "area-macro.docm", hostile.macro_enabled(), 0,
         r"contains macros"),
        ("write-into-media-bomb", "area-bomb.docx",
         hostile.lying_bomb("word/media/image9.png"), 2,
         r"damaged \(member word/media/image9\.png cannot be read"),
        ("write-into-traversal", "area-names.docx", hostile.replaced(
            {}, extra=[("../escaped.txt", b"up"), ("/absolute-escape.txt", b"abs"),
                       ("word/../../escaped2.txt", b"up2")]), 0, ""),
    ]:
        src = s.file(name, data)
        s.cases.append(Case(id, ["write", str(changed), "--into", str(src), "-o",
                                 str(s.tmp / f"out-{id}.docx")], code, message, src.name))


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("hostile") / "work"
    tmp.mkdir()
    s = Scenario(tmp)
    _build(s)
    cases = [{"id": c.id, "argv": c.argv, "cwd": str(tmp)} for c in s.cases]
    results = hostile.run_in_subprocess(cases, tmp)
    yield s, results
    s.server.close()


CASE_IDS = [
    "not-zip", "empty", "truncated", "corrupt", "legacy-doc", "legacy-doc-renamed", "password",
    "rtf", "pdf", "odt", "no-main", "not-a-pathway", "missing", "folder", "device", "fifo",
    "strict", "malformed", "bad-utf8", "honest-bomb", "lying-bomb", "member-too-big",
    "total-too-big", "too-many-members", "duplicate", "duplicate-case", "zip-encrypted",
    "unknown-method", "xxe", "billion-laughs", "too-deep", "deep-but-fine", "huge-text",
    "too-many-tags", "too-many-paragraphs", "macros", "json-bom", "json-duplicate",
    "json-huge-float", "json-huge-int", "json-nan", "json-deep", "json-depth",
    "json-wrong-type", "json-missing", "json-not-utf8", "json-invalid", "json-control",
    "json-too-big", "extract-onto-input", "write-onto-json", "write-onto-into",
    "write-no-folder", "write-to-folder", "write-docm", "write-into-macros",
    "write-into-media-bomb", "write-into-traversal",
]


def test_every_case_is_listed(scenario) -> None:
    s, _ = scenario
    assert [c.id for c in s.cases] == CASE_IDS


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_answer(scenario, case_id: str) -> None:
    s, results = scenario
    case = next(c for c in s.cases if c.id == case_id)
    r = results[case_id]
    assert not r["timed_out"], f"{case_id} hung"
    assert r["seconds"] < MAX_SECONDS, r
    assert r["max_rss_mb"] < MAX_RSS_MB, r
    assert r["code"] == case.code, r
    lines = [ln for ln in r["stderr"].splitlines() if ln.strip()
             and not ln.startswith("wrote ")]
    if case.code == 2:
        line = hostile.one_line(r["stderr"])
        assert re.search(case.message, line), line
        assert case.names in line, f"the message should name {case.names}: {line}"
        assert "Traceback" not in r["stderr"]
    elif case.message:
        assert len(lines) == 1 and re.search(case.message, lines[0]), r["stderr"]
    else:
        assert not lines, r["stderr"]


def test_nothing_named_by_xxe_was_opened(scenario) -> None:
    """The XXE case named a FIFO (opening it would have hung) and a local URL."""
    s, results = scenario
    assert not results["xxe"]["timed_out"]
    s.server.setblocking(False)
    with pytest.raises(BlockingIOError):
        s.server.accept()


def test_macros_never_reach_the_output(scenario) -> None:
    s, results = scenario
    assert results["write-into-macros"]["code"] == 0
    with zipfile.ZipFile(s.tmp / "out-write-into-macros.docx") as z:
        names = z.namelist()
        assert not [n for n in names if "vba" in n.lower()]
        ct = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "macroEnabled" not in ct and "vbaProject" not in ct
    assert hostile.CT_MAIN in ct
    assert "vbaProject" not in rels
    # The area's own document is untouched.
    assert (s.tmp / "area-macro.docm").read_bytes() == hostile.macro_enabled()


def test_strange_member_names_are_carried_never_followed(scenario) -> None:
    s, results = scenario
    assert results["write-into-traversal"]["code"] == 0
    with zipfile.ZipFile(s.tmp / "out-write-into-traversal.docx") as z:
        names = z.namelist()
        assert z.read("../escaped.txt") == b"up"
    for name in ("../escaped.txt", "/absolute-escape.txt", "word/../../escaped2.txt"):
        assert name in names
    for outside in (s.tmp.parent / "escaped.txt", s.tmp.parent.parent / "escaped2.txt",
                    Path("/absolute-escape.txt")):
        assert not outside.exists()


def test_failed_writes_leave_no_output(scenario) -> None:
    s, _ = scenario
    assert not (s.tmp / "out-write-into-media-bomb.docx").exists()
    assert not (s.tmp / "o.docm").exists()
    assert (s.tmp / "area.docx").read_bytes() == hostile.NORTHSHIRE.read_bytes()
    assert not [p for p in s.tmp.iterdir() if p.name.endswith(".tmp")]


def test_the_real_command_line(tmp_path: Path) -> None:
    """`python -m pairkit` itself, in its own process: exit code, one line, memory."""
    import resource

    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(hostile.lying_bomb())
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-m", "pairkit", "extract", str(bomb)],
                          capture_output=True, text=True, timeout=MAX_SECONDS)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert proc.returncode == 2
    assert "damaged" in hostile.one_line(proc.stderr)
    assert max(peak, before) / 1024 < MAX_RSS_MB


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pairkit import cli

    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as e:
        cli.main(["--debug", "extract", str(path)])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "PackageError" in err
    assert err.strip().splitlines()[-1].startswith("pairkit: ")
    cli._state["debug"] = False


def test_an_unexpected_error_is_one_line_asking_for_a_report(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pairkit import api, cli

    def boom(path):  # type: ignore[no-untyped-def]
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(api, "extract", boom)
    with pytest.raises(SystemExit) as e:
        cli.main(["extract", str(hostile.NORTHSHIRE)])
    assert e.value.code == 2
    line = hostile.one_line(capsys.readouterr().err)
    assert "unexpected problem (RuntimeError: something nobody expected)" in line
    assert "report it with the output of the same command run with --debug" in line
