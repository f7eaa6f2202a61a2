"""Run the README's Commands section (then its Correcting the graph section) and its Library example as a user
would, after ``make demo``.

Each line of the Commands section's shell block runs verbatim in a scratch folder shaped like the project (its
``examples`` and ``.venv`` linked, the demo store copied, so the real one is left as it was), with the ``export``
lines before it in effect. A line that starts a server (``newsgraph serve``) runs until the server answers, then is
stopped. The Library section's Python block runs the same way. Exit 0 when every line succeeded, 1 otherwise::

    make demo && .venv/bin/python tools/readme_commands.py

``--build`` ingests ``examples/articles`` into the scratch store first, for a clone where ``make demo`` has not
run (``make test`` uses it).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_STORE = Path("build/demo/store")
TIMEOUT = 300


def section_block(readme: str, heading: str, language: str) -> str:
    """The first fenced block of ``language`` under the ``## heading`` section."""
    start = readme.index(f"\n## {heading}\n")
    end = readme.find("\n## ", start + 1)
    section = readme[start : end if end != -1 else len(readme)]
    match = re.search(rf"^```{language}\n(.*?)^```", section, re.M | re.S)
    if match is None:
        raise SystemExit(f"no {language} block under '## {heading}' in the README")
    return match.group(1)


def command_lines(block: str) -> list[str]:
    """The block's commands: one per line, comments and blank lines left out."""
    return [line.strip() for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _server_port(line: str) -> int | None:
    if not re.match(r"newsgraph\s+serve\b", line):
        return None
    match = re.search(r"--port[ =](\d+)", line)
    return int(match.group(1)) if match else 8000


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def run_line(prefix: list[str], line: str, cwd: Path) -> tuple[bool, str]:
    """Run one README line in bash with the ``export`` lines before it; what went wrong when it failed."""
    script = "\n".join([*prefix, line])
    port = _server_port(line)
    if port is None:
        done = subprocess.run(
            ["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        return done.returncode == 0, f"exit {done.returncode}: {done.stderr.strip()[-800:]}"
    server = subprocess.Popen(
        ["bash", "-c", script],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if _answers(port):
                return True, ""
            if server.poll() is not None:
                return (
                    False,
                    f"exit {server.returncode}: {(server.stderr.read() if server.stderr else '')[-800:]}",
                )
            time.sleep(0.3)
        return False, f"the server did not answer on port {port} within 60 s"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
            server.wait(timeout=20)


def scratch(workdir: Path, *, build: bool) -> None:
    """A folder shaped like the project for the README's relative paths, with a copy of the demo store."""
    for name in ("examples", ".venv"):
        (workdir / name).symlink_to(ROOT / name)
    target = workdir / DEMO_STORE
    target.parent.mkdir(parents=True)
    if build:
        newsgraph = ROOT / ".venv" / "bin" / "newsgraph"
        subprocess.run(
            [str(newsgraph), "ingest", "examples/articles", "--store", str(DEMO_STORE)],
            cwd=workdir,
            check=True,
            capture_output=True,
        )
    elif (ROOT / DEMO_STORE).is_dir():
        shutil.copytree(ROOT / DEMO_STORE, target)
    else:
        raise SystemExit(f"no demo store at {DEMO_STORE}: run `make demo` first (or pass --build)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--build", action="store_true", help="ingest the examples into the scratch store first"
    )
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    lines = command_lines(section_block(readme, "Commands", "sh"))
    if "\n## Correcting the graph\n" in readme:  # run after the Commands, on the same store
        lines += command_lines(section_block(readme, "Correcting the graph", "sh"))
    library = section_block(readme, "Library", "python")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-readme-") as tmp:
        workdir = Path(tmp)
        scratch(workdir, build=args.build)
        prefix: list[str] = []
        for line in lines:
            started = time.monotonic()
            ok, why = run_line(prefix, line, workdir)
            took = time.monotonic() - started
            print(f"{'ok  ' if ok else 'FAIL'} {took:5.1f} s  {line}")
            if not ok:
                failed += 1
                print(f"       {why}")
            if line.startswith("export "):
                prefix.append(line)
        (workdir / "library.py").write_text(library, encoding="utf-8")
        started = time.monotonic()
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "library.py"],
            cwd=workdir,
            # kg.show() outside Jupyter opens the page in the web browser: here, a browser that opens nothing
            env={**os.environ, "BROWSER": os.environ.get("BROWSER", "true")},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        ok = done.returncode == 0
        print(f"{'ok  ' if ok else 'FAIL'} {time.monotonic() - started:5.1f} s  the Library example")
        if not ok:
            failed += 1
            print(f"       exit {done.returncode}: {done.stderr.strip()[-800:]}")
    print(f"{len(lines) + 1 - failed} of {len(lines) + 1} README commands succeeded")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
