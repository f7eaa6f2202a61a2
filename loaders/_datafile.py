"""Reading one of the TOML data files (the packaged ones in ``ontology/`` or a user's), with the one-line errors the
CLI prints: a file that cannot be read, and one that is not TOML."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError

__all__ = ["read_toml"]


def read_toml(file: Path, *, what: str, error: type[NewsgraphError]) -> dict[str, Any]:
    """The parsed ``file``; ``what`` names it in the message of the ``error`` raised when it cannot be read ("the
    rule registry") or is not valid TOML.

    >>> read_toml(Path("/nonexistent.toml"), what="the word classes", error=NewsgraphError)
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: cannot read the word classes /nonexistent.toml: No such file or directory
    """
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"cannot read {what} {file}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{file}: not valid TOML: {exc}") from None
