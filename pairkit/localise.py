"""Localise a pathway (.docx or .json) into another area's wording and framework.

The .docx route edits the document in place of its words: each term is a
character range of a paragraph's visible text (see
:func:`pairkit.terms.matcher.plan_replacements`), applied across runs by
:mod:`pairkit.ooxml.edit`, so everything else (layout, boxes, images, untouched
parts) stays byte for byte as it was. Level names are renamed when the target
framework has as many levels; otherwise a Word file is left alone and the error
explains the JSON route, which can merge levels (see docs/localisation.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pairkit.errors import PairkitError
from pairkit.ooxml.edit import Revision, replace_ranges
from pairkit.ooxml.package import Package, atomic_write
from pairkit.ooxml.props import set_title, title
from pairkit.ooxml.story import Paragraph, paragraphs, sync_textbox
from pairkit.terms.changes import Change, context_of
from pairkit.terms.frameworks import (
    Framework,
    builtin_frameworks,
    detect_framework,
    load_framework,
)
from pairkit.terms.localise_json import localise_pathway, source_framework_of, source_profile_of
from pairkit.terms.matcher import apply, detect_profile, plan_replacements
from pairkit.terms.profiles import Profile, load_profile

#: Stories whose words are localised: everything a reader of the document sees,
#: including reviewers' comments.
STORIES = ("body", "header", "footer", "footnote", "endnote", "comment")

#: Where a change to the document's title (File > Info, docProps/core.xml) is reported.
TITLE_PLACE = "document properties: title"


@dataclass
class Result:
    """What a localisation did (or, on a dry run, would do)."""

    input: str
    output: str | None
    source_profile: str
    target_profile: str
    source_framework: str | None = None
    target_framework: str | None = None
    changes: list[Change] = field(default_factory=list)

    @classmethod
    def of(cls, path: Path, output: str | Path | None, src: Profile, target: Profile,
           src_fw: Framework | None, fw: Framework | None, changes: list[Change]) -> Result:
        return cls(str(path), None if output is None else str(output), src.id, target.id,
                   src_fw.id if src_fw else None, fw.id if fw else None, changes)

    @property
    def made(self) -> list[Change]:
        """The changes made (or to make): every change but the names that were kept."""
        return [c for c in self.changes if c.kind != "kept"]

    @property
    def kept(self) -> list[Change]:
        """Terms left alone because they are inside a proper name."""
        return [c for c in self.changes if c.kind == "kept"]

    def to_dict(self) -> dict:
        return {
            "input": self.input,
            "output": self.output,
            "source_profile": self.source_profile,
            "target_profile": self.target_profile,
            "source_framework": self.source_framework,
            "target_framework": self.target_framework,
            "count": len(self.made),
            "kept": len(self.kept),
            "changes": [c.to_dict() for c in self.changes],
        }


def _profile(value: Profile | str | None) -> Profile | None:
    if value is None or isinstance(value, Profile):
        return value
    return load_profile(value)


def _framework(value: Framework | str | None) -> Framework | None:
    if value is None or isinstance(value, Framework):
        return value
    return load_framework(value)


def localise(
    input_path: str | Path,
    output_path: str | Path | None,
    profile: Profile | str,
    *,
    framework: Framework | str | None = None,
    source: Profile | str | None = None,
    source_framework: Framework | str | None = None,
    track_changes: bool = False,
    author: str = "pairkit",
    exceptions: tuple[str, ...] = (),
    dry_run: bool = False,
    keep_names: bool = True,
    in_place: bool = False,
) -> Result:
    """Localise INPUT_PATH (.docx or .json) and write OUTPUT_PATH unless DRY_RUN.

    KEEP_NAMES (the default) leaves terms inside proper names ("Northshire PAIR
    Training Programme") as they are and reports them as kept. The input is never
    overwritten unless IN_PLACE, which first keeps a backup beside it.
    """
    from pairkit.api import backup_of, same_file

    path = Path(input_path)
    if not dry_run and output_path is None:
        raise PairkitError("say where to write the result with -o OUT, or use --dry-run")
    if not dry_run and same_file(path, output_path):
        if not in_place:
            raise PairkitError(
                f"{output_path}: this is the file being localised; choose another output "
                "file, or add --in-place to overwrite it (a backup is kept)")
        if path.is_file():
            backup_of(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _localise_json(
            path, output_path, profile, framework, source, source_framework, exceptions, dry_run,
            keep_names,
        )
    if suffix in (".docx", ".docm", ".dotx"):
        return _localise_docx(
            path,
            output_path,
            profile,
            framework,
            source,
            source_framework,
            track_changes,
            author,
            exceptions,
            dry_run,
            keep_names,
        )
    raise PairkitError(
        f"{path}: pairkit localises .docx and .json files, not '{suffix or path.name}'"
    )


# --- JSON ---------------------------------------------------------------------------


def _localise_json(
    path, output_path, profile, framework, source, source_framework, exceptions, dry_run,
    keep_names=True,
) -> Result:
    try:
        pathway = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PairkitError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PairkitError(f"{path}: not a readable pathway JSON file ({exc})") from None
    if not isinstance(pathway, dict):
        raise PairkitError(f"{path}: a pathway JSON file holds one object")
    target, fw = _profile(profile), _framework(framework)
    src = _profile(source) or source_profile_of(pathway)
    src_fw = _framework(source_framework) or (source_framework_of(pathway) if fw else None)
    out, changes = localise_pathway(
        pathway, target, fw, src, source_framework=src_fw, exceptions=exceptions,
        keep_names=keep_names,
    )
    if not dry_run:
        atomic_write(Path(output_path),
                     (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return Result.of(path, None if dry_run else output_path, src, target, src_fw, fw, changes)


# --- Word ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"[\s\u00a0]+", " ", text).strip().casefold()


def _place(para: Paragraph) -> str:
    return f"{para.part} paragraph {para.index + 1} ({para.place})"


def level_headings(paras: list[Paragraph], source: Framework | None) -> list[tuple[Paragraph, str]]:
    """Paragraphs that are just a level's name, with that name (in document order).

    Tagged ``pair:level-name`` paragraphs when the document has them; otherwise any
    paragraph whose whole text is a level name of SOURCE (or of any built-in framework).
    """
    frameworks = [source] if source is not None else builtin_frameworks()
    names = {_norm(n) for fw in frameworks for lv in fw.levels for n in lv.names}
    tagged = [p for p in paras if "pair:level-name" in p.tags and p.text.strip()]
    found = tagged or [p for p in paras if p.text.strip() and _norm(p.text) in names]
    return [(p, p.text.strip()) for p in found]


def _localise_docx(
    path,
    output_path,
    profile,
    framework,
    source,
    source_framework,
    track,
    author,
    exceptions,
    dry_run,
    keep_names=True,
) -> Result:
    pkg = Package.open(path)
    paras = list(paragraphs(pkg, STORIES))
    doc_title = title(pkg)
    target, fw = _profile(profile), _framework(framework)
    src = _profile(source)
    if src is None:
        texts = [p.text for p in paras] + ([doc_title] if doc_title else [])
        try:
            src = detect_profile(texts)
        except PairkitError:
            src = target  # no term of any profile: there is nothing to change
    edits: dict[int, list[tuple[int, int, str]]] = {}
    changes: list[Change] = []
    by_index = {p.index: p for p in paras}

    src_fw = _framework(source_framework)
    if fw is not None:
        headings = level_headings(paras, src_fw)
        if src_fw is None:
            src_fw = detect_framework([name for _, name in headings])
        if src_fw is None:
            found = ", ".join(name for _, name in headings) or "none"
            raise PairkitError(
                f"{path}: cannot tell which framework its levels of need follow (level names "
                f"found: {found}); name it with --from-framework"
            )
        if src_fw.id != fw.id:
            if len(src_fw.levels) != len(fw.levels):
                raise PairkitError(
                    f"{path}: its levels follow {src_fw.name} ({len(src_fw.levels)} levels) and "
                    f"{fw.name} has {len(fw.levels)}, so levels must merge or split, which pairkit "
                    "will not guess at in a Word layout; take the JSON route instead: extract the "
                    "pathway to JSON, localise the .json with --framework (it merges levels by a "
                    "documented crosswalk, losing no service), then write it back to Word"
                )
            for para, name in headings:
                level = src_fw.level(name)
                if level is None:
                    continue
                new = fw.levels[src_fw.index(level)].name
                if new == name:
                    continue
                start = para.text.index(name)
                edits.setdefault(para.index, []).append((start, start + len(name), new))
                changes.append(
                    Change(
                        _place(para),
                        "level",
                        name,
                        new,
                        start,
                        start + len(name),
                        context_of(para.text, start, start + len(name)),
                        note=f"{src_fw.name} -> {fw.name}",
                    )
                )

    for para in paras:
        if para.index in edits:
            continue  # a level heading: renamed whole
        kept: list = []
        reps = plan_replacements(
            para.text, src, target, exceptions=exceptions, keep_names=keep_names, kept=kept
        )
        for r in sorted([*reps, *kept], key=lambda r: r.start):
            if r.kind != "kept":
                edits.setdefault(para.index, []).append((r.start, r.end, r.new))
            changes.append(
                Change(
                    _place(para),
                    r.kind,
                    r.old,
                    r.new,
                    r.start,
                    r.end,
                    context_of(para.text, r.start, r.end),
                    note="part of a name; left as it is" if r.kind == "kept" else "",
                )
            )

    new_title = None
    if doc_title:
        kept = []
        reps = plan_replacements(
            doc_title, src, target, exceptions=exceptions, keep_names=keep_names, kept=kept
        )
        for r in sorted([*reps, *kept], key=lambda r: r.start):
            changes.append(
                Change(TITLE_PLACE, r.kind, r.old, r.new, r.start, r.end,
                       context_of(doc_title, r.start, r.end),
                       note="part of a name; left as it is" if r.kind == "kept" else "")
            )
        if reps:
            new_title = apply(doc_title, reps)

    if not dry_run:
        revisions: dict[str, Revision] = {}
        boxes = {}
        for index, para_edits in edits.items():
            para = by_index[index]
            rev = None
            if track:
                rev = revisions.get(para.part)
                if rev is None:
                    rev = revisions[para.part] = Revision.for_part(pkg.xml(para.part), author)
            replace_ranges(para, para_edits, rev)
            pkg.mark_changed(para.part)
            if para.textbox is not None:
                boxes[id(para.textbox.content)] = para.textbox
        for box in boxes.values():
            sync_textbox(box)
        if new_title is not None:
            set_title(pkg, new_title)  # properties have no tracked changes in Word
        pkg.save(output_path)
    changes.sort(key=lambda c: (_order(c.place), c.start or 0))
    return Result.of(path, None if dry_run else output_path, src, target, src_fw, fw, changes)


def _order(place: str) -> int:
    if place == TITLE_PLACE:
        return -1
    m = re.search(r"paragraph (\d+)", place)
    return int(m.group(1)) if m else 0
