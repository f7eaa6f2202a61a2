"""Issue 19, what the command line writes: article text as text (12), and full disks and damaged stores (16)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.loaders import Article

from ..conftest import EXAMPLES

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "newsgraph"]
TITLE = "Markets [/] close [link=https://evil.example]here[/link] [bold]loud\x1b[2J\x1b]8;;https://x\x07"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("markup") / "store"
    with KnowledgeGraph.open(store) as kg:
        text = f"{TITLE}\n\nVladimir Putin met Kim Jong Un in Pyongyang on Monday, officials said. \x1b[31mred\x1b[0m"
        kg.ingest_articles([Article(text=text, title=TITLE, source="hostile \x1b[2J.txt")])
    return store


@pytest.mark.parametrize("format", ["table", "csv", "tsv", "json"])
def test_article_text_is_printed_as_text(hostile_store: Path, format: str) -> None:
    """Finding 12: a title with rich markup made `query articles` crash; a [link] became a link; ESC reached the
    terminal. Now every format prints it as text, with control characters as visible escapes."""
    done = subprocess.run(
        [*CLI, "query", "articles", "--format", format, "--store", str(hostile_store)],
        capture_output=True,
        env={"COLUMNS": "300", "PATH": "/usr/bin:/bin", "FORCE_COLOR": "1", "TERM": "xterm-256color"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    if format == "json":
        assert "[/]" in text and "\\u001b" in text  # JSON escapes it itself
        return
    assert "\x1b[2J" not in text and "\x1b]8;" not in text and "\x07" not in text
    assert "[/]" in text and "[link=https://evil.example]" in text
    assert "\\x1b[2J" in text  # shown, not obeyed


def test_errors_print_their_text_as_text(hostile_store: Path) -> None:
    """Finding 12: the error handler printed exception text as markup."""
    missing = hostile_store.parent / "[bold]none[/bold] \x1b[2J"
    done = subprocess.run([*CLI, "stats", "--store", str(missing)], capture_output=True, timeout=60)
    assert done.returncode == 1
    message = done.stderr.decode()
    assert "[bold]none[/bold]" in message and "\x1b[2J" not in message and "\\x1b[2J" in message
    done = subprocess.run(
        [*CLI, "query", "[bold]nope[/bold]", "--store", str(hostile_store)], capture_output=True
    )
    assert done.returncode == 1 and "[bold]nope[/bold]" in done.stderr.decode()


def _limited(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI where no file may grow past ``limit`` bytes: the file system says "File too large", as a full disk
    says "No space left" (a real write error, from RocksDB's own writes)."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from newsgraph.cli import main\n"
        f"sys.argv = ['newsgraph', *{list(args)!r}]\n"
        "main()\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_a_full_disk_stops_the_ingest_with_one_error_and_the_summary(tmp_path: Path) -> None:
    """Finding 16: full disk reported as "internal error", per-article failures and the summary lost."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = (EXAMPLES / "05_singapore_summit.txt").read_text(encoding="utf-8")
    for n in range(300):
        (corpus / f"{n:03}.txt").write_text(
            f"Copy number {n} of the summit story\n\n{story}", encoding="utf-8"
        )
    done = _limited(2_000_000, "ingest", str(corpus), "--store", str(tmp_path / "store"))
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot write the store" in errors[0], done.stderr[-2000:]
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    summary = [line for line in done.stderr.splitlines() if " added, " in line]
    assert len(summary) == 1 and not summary[0].startswith("0 added"), done.stderr[-2000:]


def test_out_files_are_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    """Finding 16: `render --out` and `export --out` replaced a good file with a truncated one."""
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest([EXAMPLES])
    page = tmp_path / "graph.html"
    page.write_text("the good page\n")
    done = _limited(50_000, "render", "--out", str(page), "--store", str(store))
    assert done.returncode == 1 and "File too large" in done.stderr, done.stderr
    assert page.read_text() == "the good page\n"
    export = tmp_path / "graph.trig"
    export.write_text("the good export\n")
    done = _limited(50_000, "export", "--out", str(export), "--store", str(store))
    assert done.returncode == 1
    assert export.read_text() == "the good export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "graph.html",
        "graph.trig",
        "store",
    ]  # no part files


def test_a_damaged_store_is_named_as_such(tmp_path: Path) -> None:
    """Finding 16: a corrupt store was an "internal error"."""
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest([EXAMPLES])
    for table in store.glob("*.sst"):
        table.write_bytes(b"\x00" * 64)
    for command in (["stats"], ["query", "actors"], ["ingest", str(EXAMPLES)]):
        done = subprocess.run(
            [*CLI, *command, "--store", str(store)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 1
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith("error:") and "damaged" in line and "internal error" not in line
