"""Check, or write again, the README's sample sessions: each ```text or ```console block whose first line is a
``$ command`` shows what those commands print on the demo store.

Each block runs in a scratch folder shaped like the project (``examples`` and ``.venv`` linked, the demo store
copied), the commands one after another in bash, with ``NEWSGRAPH_STORE`` pointing at the store and the terminal
``COLUMNS`` wide. What a command prints on stdout comes first, then what it says on stderr, as each is written
whole. A command that starts a server (``newsgraph serve``, ``oxigraph serve``) runs in the background until the
block ends; a block that reaches ``http://127.0.0.1:8000`` without starting a server there gets ``newsgraph
serve`` for it. Servers listen on free ports, shown as the README's ports.

    .venv/bin/python tools/readme_samples.py            # check: exit 1, with a diff, when a sample has drifted
    .venv/bin/python tools/readme_samples.py --write    # write the samples again (after the demo changed)

``--build`` ingests ``examples/articles`` into the scratch store first (a clone where ``make demo`` has not run).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from readme_commands import DEMO_STORE, ROOT, scratch

COLUMNS = 110
_BLOCK = re.compile(r"^```(text|console)\n(\$ .*?)^```\n", re.M | re.S)
_SERVER = re.compile(r"^(?:newsgraph\s+offline\s+--\s+)?(?:newsgraph|oxigraph)\s+serve\b")
_PORT = re.compile(r"127\.0\.0\.1:(\d{4,5})")


def blocks(readme: str) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """Each sample block's span in the README and its (command, output) pairs."""
    found = []
    for match in _BLOCK.finditer(readme):
        pairs: list[tuple[str, str]] = []
        for line in match.group(2).splitlines(keepends=True):
            if line.startswith("$ "):
                pairs.append((line[2:].rstrip("\n"), ""))
            elif pairs and line.startswith("  ") and not pairs[-1][1] and _continues(pairs[-1][0]):
                pairs[-1] = (pairs[-1][0] + "\n" + line.rstrip("\n"), "")
            elif pairs:
                pairs[-1] = (pairs[-1][0], pairs[-1][1] + line)
        found.append((match.start(2), match.end(2), pairs))
    return found


def _continues(command: str) -> bool:
    """A command whose quoted argument goes on to the next line (a SPARQL query in quotes)."""
    return command.count("'") % 2 == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"a server of the README stopped at once (exit {process.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return
        except OSError as exc:
            if getattr(exc, "code", None):  # it answered, if with an error
                return
            time.sleep(0.3)
    raise SystemExit(f"a server of the README did not answer on port {port} within 60 s")


def run_block(pairs: list[tuple[str, str]], workdir: Path) -> list[tuple[str, str]]:
    """The block's commands run again: (command, what it printed now)."""
    env = {
        **os.environ,
        "PATH": f"{workdir / '.venv' / 'bin'}:{os.environ.get('PATH', '')}",
        "NEWSGRAPH_STORE": str(DEMO_STORE),
        "COLUMNS": str(COLUMNS),
        "PYTHONUNBUFFERED": "1",
        "NO_COLOR": "1",
    }
    ports = {int(p): _free_port() for command, _ in pairs for p in _PORT.findall(command)}
    servers: list[subprocess.Popen[bytes]] = []
    started = {int(p) for command, _ in pairs if _SERVER.match(command) for p in _PORT.findall(command)}
    started |= {
        8000 for command, _ in pairs if re.match(r"newsgraph\s+serve\b", command) and "--port" not in command
    }
    try:
        for port in sorted(set(ports) - started):
            if port == 8000:  # the curl examples talk to `newsgraph serve`, started in the block before
                servers.append(
                    _serve(["newsgraph", "serve", "--quiet", "--port", str(ports[port])], workdir, env)
                )
                _wait(ports[port], servers[-1])
        done = []
        for command, _ in pairs:
            local = _PORT.sub(lambda m: f"127.0.0.1:{ports[int(m.group(1))]}", command)
            if _SERVER.match(command):
                # in the foreground of its own bash (a README's trailing "&  # comment" dropped), so that it is the
                # process stopped when the block ends
                foreground = re.sub(r"\s*&\s*(#.*)?$", "", local)
                servers.append(_serve(["bash", "-c", f"exec {foreground}"], workdir, env))
                port = next(iter(_PORT.findall(local)), None)
                if port:
                    _wait(int(port), servers[-1])
                done.append((command, ""))
                continue
            finished = subprocess.run(
                ["bash", "-c", local], cwd=workdir, env=env, capture_output=True, text=True, timeout=300
            )
            said = finished.stdout + finished.stderr
            for theirs, ours in ports.items():
                said = said.replace(f"127.0.0.1:{ours}", f"127.0.0.1:{theirs}")
            done.append((command, said))
        return done
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def _serve(command: list[str], workdir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def render(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"$ {command}\n{output}" for command, output in pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the samples into the README")
    parser.add_argument(
        "--build", action="store_true", help="ingest the examples into the scratch store first"
    )
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    found = blocks(readme)
    drifted = 0
    pieces, last = [], 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-samples-") as tmp:
        workdir = Path(tmp)
        scratch(workdir, build=args.build)
        for start, end, pairs in found:
            shown = render(pairs)
            now = render(run_block(pairs, workdir))
            if now != shown:
                drifted += 1
                if not args.write:
                    diff = difflib.unified_diff(
                        shown.splitlines(), now.splitlines(), "README", "printed", lineterm=""
                    )
                    print("\n".join(diff))
            pieces += [readme[last:start], now]
            last = end
    pieces.append(readme[last:])
    if args.write:
        if drifted:
            args.readme.write_text("".join(pieces), encoding="utf-8")
        print(f"{drifted} of {len(found)} sample blocks written again")
        return 0
    print(f"{len(found) - drifted} of {len(found)} sample blocks match what the commands print")
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main())
