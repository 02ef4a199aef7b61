"""The OOXML layer: the only code in pairkit that touches the zip and lxml.

- :mod:`.xml`: namespaces, ``qn()`` and the one safe parser configuration.
- :mod:`.package`: safe opening of the .docx zip, parts, relationships, atomic save
  that copies every untouched member verbatim.
- :mod:`.story`: the normalised text view (paragraphs in reading order, their text
  in the accepted view of tracked changes, links, images, boxes, content controls).
- :mod:`.build`: small helpers to create and clone paragraphs for the writer.
"""
