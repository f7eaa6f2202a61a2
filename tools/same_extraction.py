"""Check that ``newsgraph extract --format json`` prints the same bytes as at another commit, article by article.

A refactoring of the rules must not change what they find. This extracts every article of the given folders (by
default ``examples/articles`` and, when ``../shared`` is there, the seeds, ``dev`` and ``dev2``) with the code of
the working tree and with the code of ``COMMIT`` (checked out into a scratch folder and imported from there, the
same spaCy model for both), and compares the JSON of each article byte for byte::

    .venv/bin/python tools/same_extraction.py --against 7131c03
    .venv/bin/python tools/same_extraction.py --against HEAD~3 --diff 3 ../shared/dev/articles

Exit 0 when every article is the same, 1 when one differs (each is named, with its first differing lines under
``--diff N``), 2 for a usage error. ``--save DIR`` keeps both outputs (``DIR/before``, ``DIR/after``).
``--ignore claims.date,claims.date_text`` leaves fields out of both sides before comparing (a field a change adds
or sets on purpose, so that everything else can still be checked byte for byte).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SUBPACKAGES = ("loaders", "graph", "ontology", "queries")

#: run inside the interpreter that imports one tree's code: extract every file, one JSON file per article
_EXTRACT = r"""
import json, sys
from pathlib import Path
from newsgraph.loaders import Extractor, read_paths
out = Path(sys.argv[1])
extractor = Extractor()
for name in sys.argv[2:]:
    path = Path(name)
    data = [e.to_dict() for e in extractor.pipe(read_paths([path]))]
    target = out / (path.parent.name + "__" + path.name + ".json")
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
"""


def default_inputs() -> list[Path]:
    folders = [ROOT / "examples" / "articles"]
    for part in ("seeds", "dev/articles", "dev2/articles"):
        if (SHARED / part).is_dir():
            folders.append(SHARED / part)
    return folders


def _files(inputs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        files.extend(sorted(p for p in item.iterdir() if p.is_file()) if item.is_dir() else [item])
    return files


def _import_tree(checkout: Path, into: Path) -> Path:
    """A folder whose ``newsgraph`` package is ``checkout``'s code, laid out as the installed package."""
    package = into / "newsgraph"
    package.mkdir(parents=True)
    for item in (checkout / "newsgraph").iterdir():
        (package / item.name).symlink_to(item)
    for sub in SUBPACKAGES:
        (package / sub).symlink_to(checkout / sub)
    return into


def _extract(import_root: Path, files: list[Path], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(import_root)}
    args = [sys.executable, "-c", _EXTRACT, str(out), *map(str, files)]
    subprocess.run(args, check=True, env=env, cwd=import_root)


def _without(text: str, ignore: list[str]) -> str:
    """The JSON of one file with the ``section.field`` names of ``ignore`` left out of every record."""
    if not ignore or not text:
        return text
    data = json.loads(text)
    for article in data:
        for name in ignore:
            section, _, key = name.partition(".")
            for record in article.get(section, []):
                record.pop(key, None)
    return json.dumps(data, ensure_ascii=False, indent=2)


def compare(before: Path, after: Path, *, context: int = 0, ignore: list[str] | None = None) -> list[str]:
    """The names of the articles whose JSON differs, with their first differing lines when ``context``."""
    report: list[str] = []
    for old in sorted(before.glob("*.json")):
        new = after / old.name
        a = _without(old.read_text(encoding="utf-8"), ignore or [])
        b = _without(new.read_text(encoding="utf-8"), ignore or []) if new.exists() else ""
        if a == b:
            continue
        report.append(f"differs: {old.name[:-5]}")
        if context:
            lines = difflib.unified_diff(a.splitlines(), b.splitlines(), "before", "after", n=0, lineterm="")
            report.extend("    " + line for line in list(lines)[2 : 2 + 4 * context])
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "inputs", nargs="*", type=Path, help="files or folders (default: examples and ../shared)"
    )
    parser.add_argument("--against", required=True, help="the commit to compare with (e.g. HEAD, 7131c03)")
    parser.add_argument("--diff", type=int, default=0, metavar="N", help="show the first N changes of each")
    parser.add_argument("--save", type=Path, help="keep both outputs under this folder")
    parser.add_argument(
        "--ignore", default="", help="fields to leave out, as section.field[,section.field...]"
    )
    args = parser.parse_args(argv)
    files = _files(args.inputs or default_inputs())
    if not files:
        print("no articles to compare", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="same-extraction-") as scratch:
        work = args.save or Path(scratch)
        checkout = Path(scratch) / "checkout"
        checkout.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.against], capture_output=True, check=False
        )
        if archive.returncode != 0:
            print(f"cannot read commit {args.against}: {archive.stderr.decode().strip()}", file=sys.stderr)
            return 2
        subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive.stdout, check=True)
        _extract(_import_tree(checkout, Path(scratch) / "before-import"), files, work / "before")
        _extract(_import_tree(ROOT, Path(scratch) / "after-import"), files, work / "after")
        ignore = [f for f in args.ignore.split(",") if f]
        report = compare(work / "before", work / "after", context=args.diff, ignore=ignore)
    same = len(files) - sum(1 for line in report if line.startswith("differs:"))
    for line in report:
        print(line)
    print(f"{same} of {len(files)} files give byte-identical extraction JSON against {args.against}")
    return 0 if same == len(files) else 1


if __name__ == "__main__":
    raise SystemExit(main())
