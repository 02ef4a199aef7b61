"""Bridges to modules written in parallel on main, so this branch stands alone."""

try:
    from pairkit.errors import PairkitError
except ImportError:  # pragma: no cover - main's pairkit/errors.py is not merged yet

    class PairkitError(Exception):  # type: ignore[no-redef]
        """A problem the user can fix; str() is one plain-English line."""


__all__ = ["PairkitError"]
