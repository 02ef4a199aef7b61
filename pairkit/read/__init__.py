"""Readers: a .docx (through the OOXML story view) to the pathway model."""
