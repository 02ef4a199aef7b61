class PairkitError(Exception):
    """A problem the user can fix; str() is one plain-English line."""
