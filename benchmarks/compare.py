"""What pairkit is compared with, as plain functions (also run as whole processes).

Heavy imports are inside the functions, so a process that runs one of them imports
only what that tool needs.
"""

from __future__ import annotations

import sys


def floor(path: str) -> int:
    """The parse floor: open the zip and parse every XML part with lxml, nothing else."""
    import zipfile

    from lxml import etree

    parts = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))
                parts += 1
    return parts


def python_docx(path: str) -> int:
    """python-docx: load the document, read every paragraph and every table cell."""
    import docx

    doc = docx.Document(path)
    chars = sum(len(p.text) for p in doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                chars += len(cell.text)
    return chars


def docx2python_read(path: str) -> int:
    """docx2python: read the whole document's text."""
    from docx2python import docx2python

    with docx2python(path) as content:
        return len(content.text)


FUNCTIONS = {"floor": floor, "python-docx": python_docx, "docx2python": docx2python_read}

if __name__ == "__main__":
    FUNCTIONS[sys.argv[1]](sys.argv[2])
