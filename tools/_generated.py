"""What every table generator does last: write the file it made, or with ``--check`` say whether the committed
file is that text (exit 1, and a line on stderr, when it differs)."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(out: Path, text: str, *, check: bool, source: str) -> int:
    """Write ``text`` to ``out``, or with ``check`` compare; ``source`` names what the text comes from.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "t.toml"
    >>> write_or_check(out, "a = 1\\n", check=False, source="x"), write_or_check(out, "a = 1\\n", check=True, source="x")
    (0, 0)
    """
    if not check:
        out.write_text(text, encoding="utf-8")
        return 0
    if out.exists() and out.read_text(encoding="utf-8") == text:
        return 0
    print(f"{Path(sys.argv[0]).stem}: {out} differs from what {source} gives", file=sys.stderr)
    return 1
