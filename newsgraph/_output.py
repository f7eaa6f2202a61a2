"""What the command line writes: one contract for every command's rows, and text that stays text.

- ``json``: a list of objects (one per row), values as JSON values, a trailing newline;
- ``csv`` / ``tsv``: plain values under plain headers (no ``?``, no N-Triples quoting); in TSV a tab or a line
  break inside a value becomes a space;
- ``table``: a rich table whose cells are ``Text`` (never parsed as markup), long cells cut;
- article text on a terminal, in a table or in CSV never carries control characters (an ESC sequence would drive
  the terminal) or bidirectional overrides: each is shown as its escape (``\\x1b``);
- a CSV or TSV cell that a spreadsheet would take for a formula (it starts with ``=``, ``+``, ``-`` or ``@`` and
  is not a number) starts with a ``'`` (OWASP's advice on CSV injection).

>>> clean("Markets [/] close\\x1b[2J")
'Markets [/] close\\\\x1b[2J'
>>> import io; buffer = io.StringIO()
>>> write_rows([{"a": 1, "b": None, "c": "=HYPERLINK(x)", "d": -2}], ["a", "b", "c", "d"], "csv", buffer)
1
>>> buffer.getvalue()
"a,b,c,d\\n1,,'=HYPERLINK(x),-2\\n"
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

__all__ = ["FORMATS", "cell", "clean", "umask", "write_atomic", "write_rows"]

FORMATS = ("table", "csv", "tsv", "json")

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def clean(text: str) -> str:
    """Text safe on a terminal: control characters (but tab and newline) and bidi controls as escapes."""
    return _UNSAFE.sub(_escape, text)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return " | ".join(_plain(v) for v in value)
    return clean(str(value))


_FORMULA = re.compile(r"[=+\-@]")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _inert(text: str) -> str:
    """A spreadsheet cell that cannot run: a formula's first character is preceded by a quote."""
    return "'" + text if _FORMULA.match(text) and not _NUMBER.fullmatch(text) else text


def cell(value: Any, width: int = 70) -> str:
    """A table cell: one line, cut at ``width`` (CSV and JSON keep values whole)."""
    text = " ".join(_plain(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str], format: str, stream: TextIO) -> int:
    """Write rows as ``json``, ``csv`` or ``tsv``; returns how many. (``table`` is drawn by the CLI with rich.)"""
    items = list(rows)
    if format == "json":
        stream.write(
            json.dumps([{c: row.get(c) for c in columns} for row in items], ensure_ascii=False, indent=2)
        )
        stream.write("\n")
    elif format == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_inert(_plain(row.get(c))) for c in columns] for row in items)
    elif format == "tsv":
        stream.write("\t".join(columns) + "\n")
        for row in items:
            stream.write(
                "\t".join(_inert(re.sub(r"[\t\r\n]+", " ", _plain(row.get(c)))) for c in columns) + "\n"
            )
    else:
        raise ValueError(f"unknown row format {format!r}")
    return len(items)


def umask() -> int:
    """This process's file-creation mask (read from ``/proc`` where it can be, so that nothing is changed)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)  # elsewhere: the only portable way to read it is to set it, and set it back
    os.umask(current)
    return current


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write a file whole or not at all: to a temporary file beside it, then renamed over it. A full disk (or a
    kill) during the write leaves the previous file as it was.

    The file gets the permissions a shell redirect would give it: those of the file it replaces, else read and
    write for everyone the umask allows (``0644`` under the usual ``022``), not the temporary file's ``0600``.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
