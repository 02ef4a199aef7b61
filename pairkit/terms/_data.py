"""Finding pairkit's data files and schemas, and reading TOML against a schema."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pairkit.errors import PairkitError
from pairkit.model.schema import validator as schema_validator

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_DIR / "data"


def read_toml(path: Path, schema_name: str, what: str) -> dict[str, Any]:
    """Read a TOML data file and validate it; problems become one-line PairkitErrors."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PairkitError(f"{path}: no such {what} file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PairkitError(f"{path}: cannot read this {what} file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PairkitError(f"{path}: not valid TOML ({exc}); fix the file") from None
    if Path(path).resolve().is_relative_to(DATA_DIR):
        # pairkit's own data: tests check it against the schema
        # (test_builtin_data_files_validate_against_schemas), so a run need not import
        # and build jsonschema just to read the built-in frameworks and profiles.
        return data
    validator = schema_validator(schema_name)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "top level"
        raise PairkitError(f"{path}: not a valid {what} at {where}: {err.message}")
    return data


def looks_like_path(name: str) -> bool:
    """True when NAME should be read as a file path rather than a built-in name."""
    return name.endswith(".toml") or "/" in name or "\\" in name
