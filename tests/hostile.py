"""Hostile files for the tests, built from the samples, and a runner that measures them.

Every generator returns bytes; nothing here is downloaded or checked in. Run as a
script (``python tests/hostile.py CASES.json``) it is the measuring runner: it imports
pairkit once, then forks one child per case, so each case gets its own exit code,
stderr, wall time and peak memory (``wait4``'s ``ru_maxrss``) at the cost of a fork.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import struct
import sys
import time
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
NORTHSHIRE = SAMPLES / "northshire.docx"
TEMPLATE = SAMPLES / "pair-pathway-template.docx"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RT_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"


# -- zips ----------------------------------------------------------------------------
def members(path: Path = NORTHSHIRE) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def build_zip(items: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": on purpose
        with zipfile.ZipFile(buf, "w", method) as z:
            for name, data in items:
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                           compress_type=method)
    return buf.getvalue()


def replaced(changes: dict[str, bytes | None], base: Path = NORTHSHIRE,
             extra: list[tuple[str, bytes]] = (), method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The sample with some members replaced (None: removed) and others added."""
    items = [(n, changes.get(n, d)) for n, d in members(base)]
    return build_zip([(n, d) for n, d in items if d is not None] + list(extra), method)


def document_xml(base: Path = NORTHSHIRE) -> bytes:
    return dict(members(base))["word/document.xml"]


def with_body(filler: bytes, prolog: bytes = b"", base: Path = NORTHSHIRE,
              method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The sample with `filler` at the start of its body (and `prolog` before the root)."""
    doc = document_xml(base)
    i = doc.index(b"<w:body>") + len(b"<w:body>")
    doc = doc[:i] + filler + doc[i:]
    if prolog:
        j = doc.index(b"?>") + 2
        doc = doc[:j] + prolog + doc[j:]
    return replaced({"word/document.xml": doc}, base, method=method)


def patch_central(data: bytes, name: str, **fields: int) -> bytes:
    """Rewrite fields of `name`'s central-directory entry: the sizes a zip *claims*."""
    offsets = {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"),
               "compress_size": (20, "<I"), "file_size": (24, "<I")}
    out = bytearray(data)
    encoded = name.encode()
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        (n_len,) = struct.unpack_from("<H", out, pos + 28)
        if bytes(out[pos + 46:pos + 46 + n_len]) == encoded:
            for key, value in fields.items():
                off, fmt = offsets[key]
                struct.pack_into(fmt, out, pos + off, value)
            return bytes(out)
        pos = out.find(b"PK\x01\x02", pos + 4)
    raise KeyError(name)


class _Bits:
    """Just enough of a DEFLATE bit writer for a fixed-Huffman block."""

    def __init__(self) -> None:
        self.acc = 0
        self.n = 0
        self.out = bytearray()

    def put(self, value: int, bits: int) -> None:  # LSB first (header fields)
        self.acc |= value << self.n
        self.n += bits
        while self.n >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.n -= 8

    def code(self, value: int, bits: int) -> None:  # Huffman codes go MSB first
        self.put(int(format(value, f"0{bits}b")[::-1], 2), bits)


def deflate_zeros(size: int) -> bytes:
    """A raw DEFLATE stream of about `size` zero bytes, made instantly (ratio ~160).

    One literal 0, then matches of length 258 at distance 1 (13 bits each): eight
    matches are exactly 13 bytes, so the stream is a short head and one repeated unit.
    The block is never closed: a reader that inflates it all finds out too late.
    """
    head = _Bits()
    head.put(0, 1)  # BFINAL = 0
    head.put(1, 2)  # BTYPE = fixed Huffman
    head.code(0x30, 8)  # literal 0
    head.code(0xC5, 8)  # length code 285: 258 bytes
    head.code(0, 5)  # distance code 0: distance 1
    unit = _Bits()
    for _ in range(8):
        unit.code(0xC5, 8)
        unit.code(0, 5)
    assert head.n == 0 and unit.n == 0
    return bytes(head.out) + bytes(unit.out) * max(1, size // (8 * 258))


def lying_bomb(member: str = "word/document.xml", size: int = 1 << 30) -> bytes:
    """The sample with `member` replaced by ~`size` bytes of zeros whose central
    directory entry claims 10 kB: only a bounded reader survives it."""
    stream = deflate_zeros(size)
    # Written stored (so its bytes are the stream); now claim it is deflated and small.
    items = [(n, stream if n == member else d) for n, d in members()]
    if member not in dict(items):
        items.append((member, stream))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, d in items:
            method = zipfile.ZIP_STORED if name == member else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), d, compress_type=method)
    data = buf.getvalue()
    return patch_central(data, member, method=8, file_size=10_000)


def honest_bomb() -> bytes:
    """A member of 8 MB of zeros, honestly declared: compressed about 1000 times."""
    return replaced({}, extra=[("word/media/zeros.bin", bytes(8 << 20))])


def claimed_sizes(file_size: int, compress_size: int, count: int = 1) -> bytes:
    """Members that claim (in the central directory only) the given sizes."""
    data = replaced({}, extra=[(f"word/media/big{i}.bin", b"x") for i in range(count)])
    for i in range(count):
        data = patch_central(data, f"word/media/big{i}.bin", file_size=file_size,
                             compress_size=compress_size)
    return data


def ole2(encrypted: bool) -> bytes:
    """An OLE2 compound file head: a .doc, or (with EncryptedPackage) an encrypted .docx."""
    body = bytearray(OLE2_MAGIC + bytes(504))
    body += bytes(512)
    if encrypted:
        body[512:512 + 32] = "EncryptedPackage".encode("utf-16-le")
    return bytes(body) + bytes(1024)


def macro_enabled(base: Path = NORTHSHIRE) -> bytes:
    """The sample as a .docm: a VBA project, its relationship and content types."""
    items = dict(members(base))
    ct = items["[Content_Types].xml"].decode()
    ct = ct.replace(CT_MAIN, CT_MACRO).replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        '<Override PartName="/word/vbaData.xml" '
        'ContentType="application/vnd.ms-word.vbaData+xml"/></Types>')
    rels = items["word/_rels/document.xml.rels"].decode().replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
        'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
    vba_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'wordVbaData" Target="vbaData.xml"/></Relationships>')
    return replaced(
        {"[Content_Types].xml": ct.encode(), "word/_rels/document.xml.rels": rels.encode()},
        base,
        extra=[("word/vbaProject.bin", OLE2_MAGIC + b"Attribute VB_Name = \"Module1\"" * 20),
               ("word/_rels/vbaProject.bin.rels", vba_rels.encode()),
               ("word/vbaData.xml", b'<?xml version="1.0"?><wne:vbaSuppData '
                b'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>')])


def strict() -> bytes:
    rels = dict(members())["_rels/.rels"].replace(RT_OFFICE.encode(), RT_STRICT.encode())
    return replaced({"_rels/.rels": rels})


def xxe(target: str, url: str) -> bytes:
    """A part that names a file and a URL through entities, its DTD hidden past the
    first 4 kB so that only the parser's own settings stand between them and us."""
    prolog = (b"<!--" + b" " * 5000 + b"-->"
              b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://' + target.encode() + b'">'
              b'<!ENTITY % remote SYSTEM "' + url.encode() + b'"> %remote;]>')
    return with_body(b"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog=prolog)


def billion_laughs() -> bytes:
    ents = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10))
    return with_body(b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>",
                     prolog=b"<!DOCTYPE w:document [" + ents + b"]>")


def nested(depth: int) -> bytes:
    return with_body(b"<w:sdt><w:sdtContent>" * depth + b"<w:p/>"
                     + b"</w:sdtContent></w:sdt>" * depth)


def many_paragraphs(n: int) -> bytes:
    # Stored, not deflated: the compression-ratio check must not be what stops it.
    return with_body(b"<w:p/>" * n, method=zipfile.ZIP_STORED)


def huge_text(size: int) -> bytes:
    return with_body(b"<w:p><w:r><w:t>" + b"x" * size + b"</w:t></w:r></w:p>",
                     method=zipfile.ZIP_STORED)


def malformed() -> bytes:
    doc = document_xml().replace(b"<w:body>", b"<w:body>\n\n<w:p><w:r></w:p>", 1)
    return replaced({"word/document.xml": doc})


def bad_utf8() -> bytes:
    doc = document_xml()
    i = doc.index(b"<w:t")
    i = doc.index(b">", i) + 1
    return replaced({"word/document.xml": doc[:i] + b"\xff\xfe\xc3" + doc[i:]})


# -- the runner ----------------------------------------------------------------------
def run_cases(cases: list[dict], timeout: float = 20.0) -> dict[str, dict]:
    """Run each case ``{"id", "argv", "cwd"}`` in a forked child of this process."""
    import pairkit.api  # noqa: F401 - imported once, before forking
    import pairkit.cli
    import pairkit.read.docx  # noqa: F401
    import pairkit.write.fill  # noqa: F401
    from pairkit.model.schema import validator

    validator()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        pairkit.cli.main(["--version"])  # typer's first call is slow: pay it once, here
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(
            io.StringIO()), contextlib.suppress(SystemExit):
        pairkit.cli.main(["extract", str(NORTHSHIRE)])  # and warm up the reader
    results: dict[str, dict] = {}
    for case in cases:
        err_path = Path(case["cwd"]) / f".stderr-{os.getpid()}"
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: one command, its stderr to a file
            code = 70
            try:
                os.chdir(case["cwd"])
                fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(fd, 2)
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                try:
                    pairkit.cli.main(case["argv"])
                    code = 0
                except SystemExit as e:
                    code = e.code if isinstance(e.code, int) else 1
            finally:
                sys.stderr.flush()
                sys.stdout.flush()
                os._exit(code)
        status, usage, timed_out = 0, None, False
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() - start > timeout:
                os.kill(pid, 9)
                _, status, usage = os.wait4(pid, 0)
                timed_out = True
                break
            time.sleep(0.005)
        seconds = time.monotonic() - start
        stderr = err_path.read_text(errors="replace") if err_path.exists() else ""
        err_path.unlink(missing_ok=True)
        results[case["id"]] = {
            "code": os.waitstatus_to_exitcode(status),
            "stderr": stderr,
            "seconds": seconds,
            "max_rss_mb": usage.ru_maxrss / 1024,
            "timed_out": timed_out,
        }
    return results


def run_in_subprocess(cases: list[dict], tmp: Path) -> dict[str, dict]:
    """Run the cases through this module as a script, in a fresh Python process."""
    import subprocess

    spec = tmp / "cases.json"
    spec.write_text(json.dumps(cases))
    proc = subprocess.run([sys.executable, __file__, str(spec)], capture_output=True,
                          text=True, timeout=300, cwd=tmp)
    if proc.returncode != 0:
        raise RuntimeError(f"runner failed: {proc.stderr}")
    return json.loads(proc.stdout)


def one_line(stderr: str) -> str:
    """The single line a failure printed, with pairkit's 'pairkit: ' prefix dropped."""
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    return re.sub(r"^pairkit: ", "", lines[0])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(json.dumps(run_cases(json.loads(Path(sys.argv[1]).read_text()))))
