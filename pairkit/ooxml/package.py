"""The .docx package: safe opening, parts, relationships and an atomic, verbatim save.

The file is read once into memory and its members are read by name from the zip's
central directory, never extracted to disk. Limits bound what a hostile file can cost.
Saving copies every member that was not changed (same bytes, same order) and
serialises only the parts that were; a save with no change copies the file itself.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pairkit.errors import PackageError
from pairkit.ooxml.xml import NS, STRICT_W, Element, UnsafeXML, parse, qn, serialize

RT_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
RT_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
CT_MAIN_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Limits:
    """What pairkit accepts; generous for real pathways, small for zip bombs."""

    max_file: int = 256 * 1024 * 1024
    max_members: int = 5000
    max_member: int = 256 * 1024 * 1024
    max_xml_part: int = 64 * 1024 * 1024
    max_total: int = 1024 * 1024 * 1024
    max_ratio: int = 200  # uncompressed / compressed, for members over 1 MiB


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Rel:
    rid: str
    type: str
    target: str
    external: bool


class Package:
    """An opened .docx: members by name, parsed parts on demand, changes tracked."""

    def __init__(self, path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.data = data
        self.limits = limits
        self._zip = _open_zip(path, data)
        self._infos = _checked_infos(path, self._zip, limits)
        self.names: list[str] = [i.filename for i in self._infos]
        self._by_name = {i.filename: i for i in self._infos}
        self._xml: dict[str, Element] = {}
        self._rels: dict[str, dict[str, Rel]] = {}
        self._rel_index: dict[str, dict[tuple[str, bool, str], str]] = {}
        self._new: dict[str, bytes] = {}
        self._dirty: set[str] = set()
        self.main_part = self._find_main_part()

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Package:
        p = Path(path)
        try:
            size = p.stat().st_size
        except FileNotFoundError:
            raise PackageError(f"{p}: no such file") from None
        except OSError as e:
            raise PackageError(f"{p}: cannot be read ({e.strerror})") from None
        if p.is_dir():
            raise PackageError(f"{p}: is a folder, not a Word document")
        if size > limits.max_file:
            raise PackageError(
                f"{p}: the file is {size // 2**20} MB; pairkit reads Word documents up to "
                f"{limits.max_file // 2**20} MB"
            )
        try:
            data = p.read_bytes()
        except OSError as e:
            raise PackageError(f"{p}: cannot be read ({e.strerror})") from None
        return cls(p, data, limits)

    def _find_main_part(self) -> str:
        rels = self.rels("")
        for rel in rels.values():
            if rel.type == RT_STRICT_OFFICE_DOCUMENT:
                raise PackageError(
                    f"{self.path}: this is a Strict Open XML document, which pairkit does not "
                    "read; in Word use File > Save As > 'Word Document (*.docx)' and try again"
                )
            if (rel.type == RT_OFFICE_DOCUMENT and not rel.external
                    and rel.target in self._by_name):
                return rel.target
        if "word/document.xml" in self._by_name:
            return "word/document.xml"
        raise PackageError(
            f"{self.path}: this zip has no Word main document (word/document.xml); "
            "it is not a Word document"
        )

    # -- reading -----------------------------------------------------------------
    def has(self, name: str) -> bool:
        return name in self._new or name in self._by_name

    def read(self, name: str) -> bytes:
        """The bytes of a member (its new bytes if it was replaced)."""
        if name in self._new:
            return self._new[name]
        info = self._by_name.get(name)
        if info is None:
            raise KeyError(name)
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise PackageError(
                f"{self.path}: the file is damaged (member {name} cannot be read: {e}); "
                "open it in Word and save it again, or use an earlier copy"
            ) from None
        except NotImplementedError:
            raise PackageError(
                f"{self.path}: member {name} uses a compression pairkit cannot read; "
                "save the document again from Word"
            ) from None

    def xml(self, name: str) -> Element:
        """The parsed root of an XML part, parsed once and cached."""
        root = self._xml.get(name)
        if root is None:
            info = self._by_name.get(name)
            if info is not None and info.file_size > self.limits.max_xml_part:
                raise PackageError(
                    f"{self.path}: part {name} is {info.file_size // 2**20} MB of XML, over "
                    f"pairkit's limit of {self.limits.max_xml_part // 2**20} MB"
                )
            data = self.read(name)
            try:
                root = parse(data)
            except UnsafeXML as e:
                raise PackageError(f"{self.path}: part {name} was refused because {e}") from None
            except etree.XMLSyntaxError as e:
                line = getattr(e, "lineno", None) or (e.position[0] if e.position else "?")
                msg = e.msg if hasattr(e, "msg") else str(e)
                raise PackageError(
                    f"{self.path}: part {name} is not well-formed XML (line {line}: {msg}); "
                    "the document is damaged: open it in Word and save it again"
                ) from None
            if root.tag == "{%s}document" % STRICT_W:
                raise PackageError(
                    f"{self.path}: this is a Strict Open XML document, which pairkit does not "
                    "read; in Word use File > Save As > 'Word Document (*.docx)' and try again"
                )
            self._xml[name] = root
        return root

    def rels_name(self, part: str) -> str:
        d, base = posixpath.split(part)
        return posixpath.join(d, "_rels", base + ".rels")

    def rels(self, part: str) -> dict[str, Rel]:
        """Relationships of a part ('' for the package), by id."""
        if part in self._rels:
            return self._rels[part]
        name = self.rels_name(part) if part else "_rels/.rels"
        out: dict[str, Rel] = {}
        if self.has(name):
            base = posixpath.dirname(part)
            for el in self.xml(name):
                if el.tag != qn("rel:Relationship"):
                    continue
                external = el.get("TargetMode") == "External"
                target = el.get("Target", "")
                if not external:
                    target = _resolve(base, target)
                out[el.get("Id", "")] = Rel(el.get("Id", ""), el.get("Type", ""), target, external)
        self._rels[part] = out
        return out

    def related(self, part: str, type_suffix: str) -> list[str]:
        """Internal parts related to `part` whose relationship type ends with the suffix."""
        return [
            r.target
            for r in self.rels(part).values()
            if not r.external and r.type.endswith("/" + type_suffix) and self.has(r.target)
        ]

    def content_type(self, name: str) -> str | None:
        ct = self.xml("[Content_Types].xml") if self.has("[Content_Types].xml") else None
        if ct is None:
            return None
        for el in ct:
            if el.tag == qn("ct:Override") and el.get("PartName", "").lstrip("/") == name:
                return el.get("ContentType")
        ext = name.rpartition(".")[2].lower()
        for el in ct:
            if el.tag == qn("ct:Default") and el.get("Extension", "").lower() == ext:
                return el.get("ContentType")
        return None

    @property
    def is_macro_enabled(self) -> bool:
        return self.content_type(self.main_part) == CT_MAIN_MACRO or any(
            n.lower().endswith("vbaproject.bin") for n in self.names
        )

    # -- changing ----------------------------------------------------------------
    def mark_changed(self, name: str) -> None:
        """Say that the parsed tree of `name` was edited and must be serialised on save."""
        self._dirty.add(name)

    def set_bytes(self, name: str, data: bytes) -> None:
        """Replace (or add) a member's bytes."""
        self._new[name] = data
        self._xml.pop(name, None)
        self._dirty.discard(name)

    def add_relationship(self, part: str, rel_type: str, target: str, external: bool) -> str:
        """Add a relationship from `part` and return its new id (reusing an equal one)."""
        # The cached rels and an index of them are kept up to date, so that adding a
        # link per service stays linear (re-reading the part on every add was quadratic).
        rels = self.rels(part)
        index = self._rel_index.get(part)
        if index is None:  # (type, external, target) -> the first such relationship's id
            index = self._rel_index[part] = {}
            for rel in rels.values():
                index.setdefault((rel.type, rel.external, rel.target), rel.rid)
        same = index.get((rel_type, external, target))
        if same is not None:
            return same
        name = self.rels_name(part)
        if not self.has(name):
            self.set_bytes(
                name,
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<Relationships xmlns="%s"/>' % NS["rel"].encode(),
            )
        root = self.xml(name)
        n = len(rels) + 1
        while f"rId{n}" in rels:
            n += 1
        rid = f"rId{n}"
        el = etree.SubElement(root, qn("rel:Relationship"))
        el.set("Id", rid)
        el.set("Type", rel_type)
        if external:
            el.set("Target", target)
            el.set("TargetMode", "External")
        else:
            el.set("Target", posixpath.relpath(target, posixpath.dirname(part) or "."))
        self.mark_changed(name)
        rel = Rel(rid, rel_type, target if external else _resolve(
            posixpath.dirname(part), el.get("Target", "")), external)
        rels[rid] = rel
        index.setdefault((rel.type, rel.external, rel.target), rid)
        return rid

    @property
    def changed(self) -> bool:
        return bool(self._dirty or self._new)

    def member_bytes(self) -> list[tuple[str, bytes]]:
        """Every member in order, with the bytes that a save would write."""
        out = []
        for name in self.names:
            out.append((name, self._final(name)))
        for name, data in self._new.items():
            if name not in self._by_name:
                out.append((name, data))
        return out

    def _final(self, name: str) -> bytes:
        if name in self._dirty:
            return serialize(self._xml[name])
        return self.read(name)

    def save(self, dest: str | os.PathLike[str]) -> None:
        """Write the package to `dest` atomically; unchanged members are copied verbatim."""
        if not self.changed:
            atomic_write(Path(dest), self.data)
            return
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as out:
            for info in self._infos:
                name = info.filename
                if name in self._dirty or name in self._new:
                    zi = zipfile.ZipInfo(name, date_time=info.date_time)
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    zi.external_attr = info.external_attr
                    out.writestr(zi, self._final(name))
                else:
                    _copy_raw(self._zip, info, out)
            for name, data in self._new.items():
                if name not in self._by_name:
                    zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(zi, data)
        atomic_write(Path(dest), buf.getvalue())


def _copy_raw(src: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Copy a member's bytes unchanged (same content, same compression method)."""
    zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    zi.compress_type = info.compress_type
    zi.external_attr = info.external_attr
    zi.comment = info.comment
    out.writestr(zi, src.read(info))


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


def _open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    if not data:
        raise PackageError(f"{path}: the file is empty (0 bytes); use an earlier copy of it")
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise PackageError(
                f"{path}: the document is password-protected; in Word remove the password "
                "(File > Info > Protect Document > Encrypt with Password, clear it) and try again"
            )
        raise PackageError(
            f"{path}: this is an old Word 97-2003 document (.doc), whatever its name; "
            "open it in Word and save it as 'Word Document (*.docx)'"
        )
    if not data.startswith(b"PK"):
        raise PackageError(
            f"{path}: this is not a Word document (.docx files are zip packages; this file "
            "is not one)"
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError(
            f"{path}: the file is cut short or damaged (its zip directory is missing); "
            "use an earlier copy or download it again"
        ) from None
    except (ValueError, OSError, EOFError) as e:
        raise PackageError(f"{path}: the file is damaged ({e}); use an earlier copy") from None


def _checked_infos(path: Path, zf: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise PackageError(
            f"{path}: the package has {len(infos)} members; pairkit accepts at most "
            f"{limits.max_members} (a real pathway has a few dozen)"
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise PackageError(
                f"{path}: the package holds two members named {name!r}, which Word never "
                "writes; the file was tampered with or damaged"
            )
        seen.add(name)
        if info.flag_bits & 0x1:
            raise PackageError(f"{path}: member {name} is encrypted; pairkit cannot read it")
        if info.file_size > limits.max_member:
            raise PackageError(
                f"{path}: member {name} would unpack to {info.file_size // 2**20} MB, over "
                f"pairkit's limit of {limits.max_member // 2**20} MB"
            )
        if info.file_size > 2**20 and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise PackageError(
                f"{path}: member {name} is compressed {ratio} times, which only a zip bomb "
                "does; the file was refused"
            )
        total += info.file_size
        if total > limits.max_total:
            raise PackageError(
                f"{path}: the package would unpack to over {limits.max_total // 2**20} MB; "
                "the file was refused"
            )
    return infos


def atomic_write(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` via a temporary file in the same folder and a rename.

    An interrupted or failed write leaves any existing `dest` exactly as it was.
    """
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise PackageError(f"{dest}: the folder {folder} does not exist") from None
    except PermissionError:
        raise PackageError(f"{dest}: cannot write in the folder {folder} (permission denied)") \
            from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = stat.S_IMODE(dest.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_zip(dest: Path, members: list[tuple[str, bytes]]) -> None:
    """Write a new package deterministically (fixed dates, given order), atomically."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            out.writestr(zi, data, compresslevel=6)
    atomic_write(Path(dest), buf.getvalue())
