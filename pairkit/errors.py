"""User-facing errors.

Every problem a user can fix is a :class:`PairkitError` whose ``str()`` is one
plain-English line naming the file and what to do. The CLI prints it and exits 2;
anything else is a bug.
"""


class PairkitError(Exception):
    """A problem the user can fix; str() is one plain-English line."""


class NotAPathwayError(PairkitError):
    """The document opened fine but holds no PAIR pathway."""


class PackageError(PairkitError):
    """The file is not a Word document pairkit can open safely."""


class PairkitWarning(UserWarning):
    """Something the user should know that does not stop the command (one line)."""
