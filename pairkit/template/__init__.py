"""The official PAIR Pathway Template, rebuilt faithfully (see build.py)."""
