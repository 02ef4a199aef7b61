"""Writers: the pathway model into a .docx (the bundled template or an area's own)."""
