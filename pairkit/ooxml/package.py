"""The .docx package: safe opening, parts, relationships and an atomic, verbatim save.

The file is read once into memory and its members are read by name from the zip's
central directory, never extracted to disk: member names (even ``../x`` or ``/x``)
are only ever dictionary keys, never paths. Limits bound what a hostile file can
cost, and a member is inflated in chunks with a running cap, so a zip bomb that lies
about its sizes in the central directory still cannot inflate past them. Saving
copies every member that was not changed (same bytes, same order) and serialises
only the parts that were; a save with no change copies the file itself. Macros are
never run and never written: saving a macro-enabled package drops its VBA project.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import stat
import struct
import tempfile
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pairkit.errors import PackageError, PairkitWarning
from pairkit.ooxml.xml import (
    NS,
    STRICT_W,
    Element,
    UnsafeXML,
    parse,
    qn,
    serialize,
    syntax_problem,
)

RT_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
RT_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
CT_MAIN_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
CT_TEMPLATE_MACRO = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"
# Relationship types that carry a VBA project or its companions (key bindings, data).
RT_MACRO_SUFFIXES = ("/vbaProject", "/keyMapCustomizations", "/wordVbaData")
MACRO_EXTENSIONS = (".docm", ".dotm")

# Errors the zipfile module raises on a damaged or hostile archive.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError,
               OSError, ValueError, OverflowError, IndexError, KeyError)
_CHUNK = 1 << 20

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Limits:
    """What pairkit accepts; generous for real pathways, small for zip bombs."""

    max_file: int = 100 * 2**20  # the .docx itself
    max_members: int = 5000  # a real pathway has a few dozen
    max_member: int = 100 * 2**20  # one member, uncompressed (images, embedded files)
    max_xml_part: int = 32 * 2**20  # one XML part, uncompressed
    max_xml_tags: int = 500_000  # '<' in one XML part: bounds the parsed tree's memory
    max_paragraphs: int = 25_000  # in one part (about 500 pages): bounds the text view
    max_total: int = 512 * 2**20  # all members, uncompressed
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
        self._removed: set[str] = set()
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
        if not p.is_file():
            raise PackageError(f"{p}: is not a regular file (a device or pipe); give a .docx file")
        if size > limits.max_file:
            raise PackageError(
                f"{p}: the file is {size // 2**20} MB; pairkit reads Word documents up to "
                f"{limits.max_file // 2**20} MB"
            )
        try:
            with p.open("rb") as f:
                data = f.read(limits.max_file + 1)  # bounded even if the file grows
        except OSError as e:
            raise PackageError(f"{p}: cannot be read ({e.strerror})") from None
        if len(data) > limits.max_file:
            raise PackageError(f"{p}: the file grew over {limits.max_file // 2**20} MB while "
                               "pairkit was reading it; try again when it is complete")
        pkg = cls(p, data, limits)
        if pkg.is_macro_enabled:
            warnings.warn(PairkitWarning(
                f"{p}: this document contains macros; pairkit never runs them, and never "
                "carries them into anything it writes"), stacklevel=2)
        return pkg

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
        if "mimetype" in self._by_name and self._inflate(self._by_name["mimetype"]).startswith(
                b"application/vnd.oasis.opendocument"):
            raise PackageError(
                f"{self.path}: this is an OpenDocument file (LibreOffice, .odt), not a .docx; "
                "open it and use File > Save As > 'Word 2007-365 (.docx)'")
        raise PackageError(
            f"{self.path}: this zip has no Word main document (word/document.xml), so it is "
            "not a Word document; check you chose the right file"
        )

    # -- reading -----------------------------------------------------------------
    def has(self, name: str) -> bool:
        if name in self._removed:
            return False
        return name in self._new or name in self._by_name

    def read(self, name: str) -> bytes:
        """The bytes of a member (its new bytes if it was replaced)."""
        if name in self._new:
            return self._new[name]
        info = self._by_name.get(name)
        if info is None or name in self._removed:
            raise KeyError(name)
        return self._inflate(info)

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        """A member's bytes, inflated chunk by chunk, never past its declared size.

        ``ZipFile.read()`` would ask zlib for up to 2 GB in one call, so a member that
        lies about its size in the central directory could exhaust memory before any
        check ran. Here every chunk is bounded and the running total is capped.
        """
        name = info.filename
        cap = min(info.file_size, self.limits.max_member)
        out = bytearray()
        try:
            with self._zip.open(info) as f:
                while chunk := f.read(_CHUNK):
                    out += chunk
                    if len(out) > cap or (
                        len(out) > 2**20 and len(out) > self.limits.max_ratio * max(
                            info.compress_size, 1)):
                        raise PackageError(
                            f"{self.path}: member {name} unpacks to more than it says, as a "
                            "zip bomb does; the file was refused")
        except PackageError:
            raise
        except NotImplementedError:
            raise PackageError(
                f"{self.path}: member {name} uses a compression pairkit cannot read; "
                "open the document in Word and save it again"
            ) from None
        except _ZIP_ERRORS as e:
            raise PackageError(
                f"{self.path}: the file is damaged (member {name} cannot be read: {e}); "
                "open it in Word and save it again, or use an earlier copy"
            ) from None
        return bytes(out)

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
            if len(data) > self.limits.max_xml_part:
                raise PackageError(
                    f"{self.path}: part {name} is over {self.limits.max_xml_part // 2**20} MB "
                    "of XML, pairkit's limit; the file was refused")
            if data.count(b"<") > self.limits.max_xml_tags:
                raise PackageError(
                    f"{self.path}: part {name} has over {self.limits.max_xml_tags:,} XML "
                    "elements, pairkit's limit; the file was refused")
            try:
                root = parse(data)
            except UnsafeXML as e:
                raise PackageError(f"{self.path}: part {name} was refused because {e}") from None
            except etree.XMLSyntaxError as e:
                raise PackageError(
                    f"{self.path}: part {name} {syntax_problem(e, data)}; the document is "
                    "damaged: open it in Word and save it again, or use an earlier copy"
                ) from None
            paragraphs = int(root.xpath("count(//w:p)", namespaces=NS))
            if paragraphs > self.limits.max_paragraphs:
                raise PackageError(
                    f"{self.path}: part {name} has {paragraphs:,} paragraphs; pairkit reads up "
                    f"to {self.limits.max_paragraphs:,} (about 500 pages), so the file was "
                    "refused")
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
        return self.content_type(self.main_part) in (CT_MAIN_MACRO, CT_TEMPLATE_MACRO) or any(
            _is_vba_name(n) for n in self.names
        )

    def drop_macros(self) -> list[str]:
        """Remove the VBA project, its companions and everything that points at them.

        Called by :meth:`save`, so a macro-enabled document always comes out as a
        plain .docx: pairkit never carries code it cannot vouch for. Returns the
        members dropped.
        """
        dropped = {n for n in self.names if _is_vba_name(n)}
        for rels_name in [n for n in self.names if n.endswith(".rels") and n not in dropped]:
            root = self.xml(rels_name)
            base = posixpath.dirname(posixpath.dirname(rels_name))
            for el in list(root):
                if el.get("TargetMode") == "External" or not el.get("Type", "").endswith(
                        RT_MACRO_SUFFIXES):
                    continue
                dropped.add(_resolve(base, el.get("Target", "")))
                root.remove(el)
                self.mark_changed(rels_name)
        dropped |= {self.rels_name(n) for n in dropped}
        dropped &= set(self.names) | set(self._new)
        if self.has("[Content_Types].xml"):
            ct = self.xml("[Content_Types].xml")
            kept = [n for n in self.names if n not in dropped]
            for el in list(ct):
                part = el.get("PartName", "").lstrip("/")
                if el.tag == qn("ct:Override") and part in dropped:
                    ct.remove(el)
                elif el.tag == qn("ct:Override") and part == self.main_part and el.get(
                        "ContentType") in (CT_MAIN_MACRO, CT_TEMPLATE_MACRO):
                    el.set("ContentType", CT_MAIN)
                elif el.tag == qn("ct:Default") and el.get("ContentType") == CT_VBA and not any(
                        n.lower().endswith("." + el.get("Extension", "").lower()) for n in kept):
                    ct.remove(el)
                else:
                    continue
                self.mark_changed("[Content_Types].xml")
        for name in dropped:
            self._removed.add(name)
            self._new.pop(name, None)
            self._dirty.discard(name)
        self._rels.clear()
        return sorted(dropped)

    # -- changing ----------------------------------------------------------------
    def mark_changed(self, name: str) -> None:
        """Say that the parsed tree of `name` was edited and must be serialised on save."""
        self._dirty.add(name)

    def set_bytes(self, name: str, data: bytes) -> None:
        """Replace (or add) a member's bytes."""
        self._new[name] = data
        self._xml.pop(name, None)
        self._dirty.discard(name)
        self._removed.discard(name)

    def remove(self, name: str) -> None:
        """Drop a member from the package (its relationships are the caller's business)."""
        self._new.pop(name, None)
        self._xml.pop(name, None)
        self._dirty.discard(name)
        if name in self._by_name:
            self._removed.add(name)

    def remove_relationship(self, part: str, rid: str) -> None:
        """Remove relationship `rid` of `part` (no-op when it is not there)."""
        name = self.rels_name(part) if part else "_rels/.rels"
        if not self.has(name):
            return
        root = self.xml(name)
        for el in list(root):
            if el.get("Id") == rid:
                root.remove(el)
                self.mark_changed(name)
        self._rels.pop(part, None)

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
        return bool(self._dirty or self._new or self._removed)

    def member_names(self) -> list[str]:
        """Every member a save would write, in order."""
        kept = [n for n in self.names if n not in self._removed]
        return kept + [n for n in self._new if n not in self._by_name]

    def member_bytes(self) -> list[tuple[str, bytes]]:
        """Every member in order, with the bytes that a save would write."""
        out = []
        for name in self.names:
            if name not in self._removed:
                out.append((name, self._final(name)))
        for name in self._new:
            if name not in self._by_name:
                out.append((name, self._final(name)))
        return out

    def _final(self, name: str) -> bytes:
        if name in self._dirty:
            return serialize(self._xml[name])
        return self.read(name)

    def save(self, dest: str | os.PathLike[str]) -> None:
        """Write the package to `dest` atomically; unchanged members are copied verbatim.

        A macro-enabled package loses its macros first (see :meth:`drop_macros`), so
        the output is a plain .docx and a .docm or .dotm name for it is refused.
        """
        dest = Path(dest)
        if dest.suffix.lower() in MACRO_EXTENSIONS:
            raise PackageError(
                f"{dest}: pairkit never writes macros, so what it writes is a plain Word "
                "document; give the output a name ending in .docx")
        if self.is_macro_enabled:
            self.drop_macros()
        if not self.changed:
            atomic_write(dest, self.data)
            return
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as out:
            for info in self._infos:
                name = info.filename
                if name in self._removed:
                    continue
                if name in self._dirty or name in self._new:
                    zi = zipfile.ZipInfo(name, date_time=info.date_time)
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    zi.external_attr = info.external_attr
                    out.writestr(zi, self._final(name))
                else:
                    self._copy(info, out)
            for name in self._new:
                if name not in self._by_name:  # a new part, maybe edited since it was added
                    zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(zi, self._final(name))
        atomic_write(Path(dest), buf.getvalue())

    def _copy(self, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
        """Copy a member's bytes unchanged (same content, same compression method)."""
        zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
        zi.compress_type = info.compress_type
        zi.external_attr = info.external_attr
        zi.comment = info.comment
        out.writestr(zi, self._inflate(info))


def _is_vba_name(name: str) -> bool:
    return posixpath.basename(name).lower() in ("vbaproject.bin", "vbadata.xml")


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


def _not_zip(path: Path, data: bytes) -> str:
    """What a file that is not a zip most likely is, and what to do about it."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return (f"{path}: the document is password-protected, so pairkit cannot read it; "
                    "in Word remove the password (File > Info > Protect Document > Encrypt "
                    "with Password, clear the box), save, and try again")
        return (f"{path}: this is an old Word 97-2003 document (.doc), whatever its name says; "
                "open it in Word and use File > Save As > 'Word Document (*.docx)'")
    if head.startswith(b"{\\rtf"):
        return (f"{path}: this is a Rich Text (.rtf) file, not a .docx; open it in Word and "
                "use File > Save As > 'Word Document (*.docx)'")
    if head.startswith(b"%pdf"):
        return f"{path}: this is a PDF, not a Word document; use the .docx the PDF was made from"
    if head.startswith(b"<?xml") and (b"<pkg:package" in data[:4096] or
                                      b"<w:worddocument" in data[:4096].lower()):
        return (f"{path}: this is a Word XML file (flat XML), not a .docx; open it in Word and "
                "use File > Save As > 'Word Document (*.docx)'")
    return (f"{path}: this is not a Word document (a .docx is a zip package and this file is "
            "not one); check you chose the right file")


def _open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    if not data:
        raise PackageError(f"{path}: the file is empty (0 bytes), perhaps from a failed copy or "
                           "upload; use an earlier copy of it")
    if not data.startswith(b"PK"):
        raise PackageError(_not_zip(path, data))
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError(
            f"{path}: the file is cut short or damaged (its zip directory is missing or "
            "broken), perhaps by a failed upload or copy; use an earlier copy or download it "
            "again"
        ) from None
    except NotImplementedError as e:
        raise PackageError(f"{path}: the file uses a zip feature pairkit cannot read ({e}); "
                           "open it in Word and save it again") from None
    except _ZIP_ERRORS as e:
        raise PackageError(f"{path}: the file is damaged ({e}); use an earlier copy") from None


def _checked_infos(path: Path, zf: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    """The members, once every limit that the central directory can tell is checked.

    Sizes here are what the archive *claims*; :meth:`Package._inflate` enforces them.
    Duplicate names (even differing only in case, as OPC part names compare) are
    refused: which copy a reader sees would depend on the reader.
    """
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise PackageError(
            f"{path}: the package has {len(infos)} members; pairkit accepts at most "
            f"{limits.max_members} (a real pathway has a few dozen), so the file was refused"
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name.lower() in seen:
            raise PackageError(
                f"{path}: the package holds two members named {name!r}, which Word never "
                "writes; the file was tampered with or damaged: use an earlier copy"
            )
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            raise PackageError(
                f"{path}: member {name} is encrypted by a zip tool (not by Word), so pairkit "
                "cannot read it; use a copy that is not encrypted")
        if info.file_size > limits.max_member:
            raise PackageError(
                f"{path}: member {name} would unpack to {info.file_size // 2**20} MB, over "
                f"pairkit's limit of {limits.max_member // 2**20} MB; the file was refused"
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
                f"{path}: the package would unpack to over {limits.max_total // 2**20} MB, "
                "pairkit's limit; the file was refused"
            )
    return infos


def atomic_write(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` via a temporary file in the same folder and a rename.

    An interrupted or failed write leaves any existing `dest` exactly as it was (and
    removes the temporary file, unless the process itself is killed).
    """
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    if dest.is_dir():
        raise PackageError(f"{dest}: is a folder; give a file name for the output")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise PackageError(f"{dest}: the folder {folder} does not exist; create it first") \
            from None
    except PermissionError:
        raise PackageError(f"{dest}: cannot write in the folder {folder} (permission denied); "
                           "choose a folder you can write to") from None
    except OSError as e:
        raise PackageError(f"{dest}: cannot write in the folder {folder} ({e.strerror})") \
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
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise PackageError(
                f"{dest}: could not be written ({e.strerror or e}); nothing was changed, any "
                "existing file is as it was") from None
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
