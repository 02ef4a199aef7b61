"""Tiny .docx files with exactly the Word construct a test needs.

Each test writes the body XML it is about; this wraps it in a minimal valid package
(content types, relationships, optional header, footer, footnotes, comments, image).
"""

from __future__ import annotations

import base64
from pathlib import Path

from pairkit.ooxml.package import write_zip
from pairkit.template.build import NSDECL

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def p(text: str, style: str | None = None, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def make_docx(path: Path, body: str, *, header: str | None = None, footer: str | None = None,
              footnotes: str | None = None, comments: str | None = None,
              links: dict[str, str] | None = None, image: bool = False,
              title: str | None = None) -> Path:
    """Write a .docx whose body is `body` (and optional stories). `links`: rId -> URL;
    `title`: the document's title in docProps/core.xml."""
    rels = [f'<Relationship Id="rIdStyles" Type="{RT}styles" Target="styles.xml"/>']
    overrides = []
    members: list[tuple[str, bytes]] = []
    stories = [("header", header, "hdr", "header1.xml"), ("footer", footer, "ftr", "footer1.xml"),
               ("footnotes", footnotes, "footnotes", "footnotes.xml"),
               ("comments", comments, "comments", "comments.xml")]
    for kind, content, root, name in stories:
        if content is None:
            continue
        rels.append(f'<Relationship Id="rId{kind}" Type="{RT}{kind}" Target="{name}"/>')
        ct = {"header": "header", "footer": "footer", "footnotes": "footnotes",
              "comments": "comments"}[kind]
        overrides.append(
            f'<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-'
            f'officedocument.wordprocessingml.{ct}+xml"/>')
        members.append((f"word/{name}", f"{XML}<w:{root} {NSDECL}>{content}</w:{root}>".encode()))
    for rid, url in (links or {}).items():
        rels.append(f'<Relationship Id="{rid}" Type="{RT}hyperlink" Target="{url}" '
                    'TargetMode="External"/>')
    if image:
        rels.append(f'<Relationship Id="rIdImg" Type="{RT}image" Target="media/image1.png"/>')
        members.append(("word/media/image1.png", PNG))
    content_types = (
        f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>' + "".join(overrides) + "</Types>"
    )
    core_rel = ""
    if title is not None:
        core_rel = (
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        )
        content_types = content_types.replace(
            "</Types>",
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/></Types>',
        )
        members.append((
            "docProps/core.xml",
            f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title></cp:coreProperties>".encode(),
        ))
    root_rels = (
        f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/>'
        f"{core_rel}</Relationships>"
    )
    doc_rels = (
        f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    )
    styles = (f'{XML}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
              'main"/>')
    document = f"{XML}<w:document {NSDECL}><w:body>{body}<w:sectPr/></w:body></w:document>"
    members = [
        ("[Content_Types].xml", content_types.encode()),
        ("_rels/.rels", root_rels.encode()),
        ("word/document.xml", document.encode()),
        ("word/styles.xml", styles.encode()),
        ("word/_rels/document.xml.rels", doc_rels.encode()),
    ] + members
    write_zip(path, members)
    return path
