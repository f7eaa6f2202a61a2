"""Issue 19, the input side: article identity across edits (3, 15), nested JSON (8), symlinks (13), dates (14),
UTF-32 (20) and extraction workers that outlive a killed ingest (19)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.errors import ArticleError
from newsgraph.loaders import read_paths
from newsgraph.loaders.read import parse_published

from ..conftest import EXAMPLES

CLI = [sys.executable, "-m", "newsgraph"]

STORIES = {
    "oslo": "Ministers of Norway and Qatar met in Oslo on Monday, officials said.",
    "doha": "Ministers of Qatar and Turkey met in Doha on Tuesday and agreed to meet again.",
    "rome": "The Italian foreign minister visited Rome's city hall on Wednesday, his office said.",
}


def _titles(kg: KnowledgeGraph) -> list[str]:
    return sorted(row["title"] for row in kg.query("articles"))


def _jsonl(path: Path, *names: str) -> None:
    path.write_text(
        "".join(json.dumps({"title": f"Talks in {n.title()}", "text": STORIES[n]}) + "\n" for n in names),
        encoding="utf-8",
    )


def test_a_record_added_at_the_top_of_a_jsonl_file_loses_no_article(tmp_path: Path) -> None:
    """Finding 3: the run that flipped which article was missing (2 stored -> 2 of 3 -> another 2 of 3 -> 3)."""
    dump = tmp_path / "dump.jsonl"
    kg = KnowledgeGraph.open(tmp_path / "store")
    _jsonl(dump, "oslo", "doha")
    assert kg.ingest([dump]).added == 2
    _jsonl(dump, "rome", "oslo", "doha")  # a record added at the top shifts every line number
    report = kg.ingest([dump])
    assert (report.added, report.unchanged, report.replaced, report.removed) == (1, 2, 0, 0)
    assert _titles(kg) == ["Talks in Doha", "Talks in Oslo", "Talks in Rome"]
    again = kg.ingest([dump])  # unchanged input: a no-op
    assert (again.added, again.unchanged, again.removed) == (0, 3, 0)
    assert _titles(kg) == ["Talks in Doha", "Talks in Oslo", "Talks in Rome"]
    _jsonl(dump, "rome", "doha")  # a record taken out of a dump of texts without ids: its article goes
    assert kg.ingest([dump]).removed == 1
    assert _titles(kg) == ["Talks in Doha", "Talks in Rome"]


def test_records_with_ids_and_feed_entries_keep_their_identity(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    records = [{"id": "a-1", "title": "Talks in Oslo", "text": STORIES["oslo"]}]
    dump.write_text(json.dumps(records[0]) + "\n", encoding="utf-8")
    kg = KnowledgeGraph.open(tmp_path / "store")
    assert kg.ingest([dump]).added == 1
    corrected = {**records[0], "text": STORIES["oslo"].replace("Monday", "Sunday")}
    dump.write_text(
        json.dumps({"id": "b-2", "title": "Talks in Doha", "text": STORIES["doha"]})
        + "\n"
        + json.dumps(corrected)
        + "\n"
    )
    report = kg.ingest([dump])
    assert (report.added, report.replaced) == (1, 1)  # the corrected record replaced its own article
    assert _titles(kg) == ["Talks in Doha", "Talks in Oslo"]
    feed = tmp_path / "wire.rss"

    def write_feed(*names: str) -> None:
        items = "".join(
            f"<item><title>Talks in {n.title()}</title><guid>{n}</guid><description>{STORIES[n]}</description></item>"
            for n in names
        )
        feed.write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
        )

    write_feed("oslo", "doha")
    kg.ingest([feed])
    write_feed("rome", "oslo")  # a feed shows its latest entries: the one that fell off stays stored
    report = kg.ingest([feed])
    assert (report.added, report.unchanged, report.removed) == (1, 1, 0)
    assert sum(1 for row in kg.query("articles") if "wire.rss" in (row["source"] or "")) == 3


def test_two_files_with_the_same_text_share_one_article_safely(tmp_path: Path) -> None:
    """Finding 3: editing one of two identical files no longer removes the other's article."""
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    text = "Talks in Oslo\n\n" + STORIES["oslo"] + "\n\nThe talks will go on in June, the ministry said."
    one.write_text(text, encoding="utf-8")
    two.write_text(text, encoding="utf-8")
    kg = KnowledgeGraph.open(tmp_path / "store")
    report = kg.ingest([tmp_path])
    assert (report.added, report.unchanged) == (1, 1)
    one.write_text(text.replace("June", "July"), encoding="utf-8")
    report = kg.ingest([tmp_path])
    assert (report.added, report.unchanged, report.removed) == (1, 1, 0)
    texts = [row["title"] for row in kg.query("articles")]
    assert len(texts) == 2  # two.txt's article is still there, one.txt's new version beside it
    two.write_text(text.replace("June", "July"), encoding="utf-8")
    report = kg.ingest([tmp_path])
    assert (report.unchanged, report.removed) == (2, 1)  # now nobody holds the June version
    assert len(kg.query("articles")) == 1


def test_an_interrupted_replace_is_cleaned_up_by_the_next_ingest(tmp_path: Path) -> None:
    """Finding 15: a crash between "new version written" and "old version removed" left both for ever."""
    story = tmp_path / "story.txt"
    story.write_text(
        "Talks in Oslo\n\n" + STORIES["oslo"] + "\n\nThey will meet again in June.", encoding="utf-8"
    )
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.ingest([story])
    story.write_text(
        "Talks in Oslo\n\n" + STORIES["oslo"] + "\n\nThey will meet again in July.", encoding="utf-8"
    )
    # the crash: the new version is stored, the old one not yet removed
    kg.ingest_articles(list(read_paths([story])))
    assert len(kg.query("articles")) == 2
    report = kg.ingest([story])
    assert (report.unchanged, report.removed) == (1, 1)
    assert len(kg.query("articles")) == 1


def test_a_deeply_nested_json_line_is_skipped_and_the_rest_goes_on(tmp_path: Path) -> None:
    """Finding 8: `[` x 100,000 on one line no longer stops the ingest with a RecursionError."""
    dump = tmp_path / "a.jsonl"
    good = json.dumps({"title": "Talks in Oslo", "text": STORIES["oslo"]})
    dump.write_text(
        good
        + "\n"
        + "[" * 100_000
        + "\n"
        + json.dumps({"title": "Talks in Doha", "text": STORIES["doha"]})
        + "\n"
    )
    (tmp_path / "b.txt").write_text("Talks in Rome\n\n" + STORIES["rome"], encoding="utf-8")
    kg = KnowledgeGraph.open(tmp_path / "store")
    report = kg.ingest([tmp_path])
    assert report.added == 3
    assert [f.source for f in report.failed] == [f"{dump}:2"]
    assert "nested too deeply" in report.failed[0].reason


def test_a_symlink_out_of_the_input_folder_is_skipped(tmp_path: Path) -> None:
    """Finding 13: a link inside the folder to a private file outside it is not read."""
    private = tmp_path / "private"
    private.mkdir()
    (private / "diary.txt").write_text(
        "My diary\n\nZanzibar Quokka met nobody on Monday, I said.", encoding="utf-8"
    )
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "news.txt").write_text("Talks in Oslo\n\n" + STORIES["oslo"], encoding="utf-8")
    (inbox / "inside.txt").symlink_to(inbox / "news.txt")  # a link within the folder is fine
    (inbox / "diary.txt").symlink_to(private / "diary.txt")
    errors: list[ArticleError] = []
    articles = list(read_paths([inbox], on_error=errors.append))
    assert all("Zanzibar" not in a.text for a in articles)
    assert len(articles) == 2
    assert [(Path(e.source).name, "outside the input folder" in e.reason) for e in errors] == [
        ("diary.txt", True)
    ]


def test_dates_are_bounded() -> None:
    """Finding 14: a 100 kB published string is not handed to dateparser, and "a1a1…" is not today."""
    started = time.monotonic()
    assert parse_published("Tuesday, " * 11_000 + "12 March 2024") is None
    assert time.monotonic() - started < 1.0
    assert parse_published("a1" * 500) is None
    assert parse_published("a1a1a1") is None
    assert parse_published("12 March 2024").isoformat() == "2024-03-12"


def test_utf32_with_a_bom_is_read_as_utf32(tmp_path: Path) -> None:
    """Finding 20: FF FE 00 00 starts both UTF-32-LE and UTF-16-LE; it was read as UTF-16."""
    for encoding in ("utf-32", "utf-32-be"):
        path = tmp_path / f"{encoding}.txt"
        data = ("Talks in Oslo\n\n" + STORIES["oslo"]).encode(encoding)
        if encoding == "utf-32-be":
            data = b"\x00\x00\xfe\xff" + data
        path.write_bytes(data)
        (article,) = read_paths([path])
        assert article.title == "Talks in Oslo"


@pytest.mark.slow
def test_a_killed_parallel_ingest_leaves_no_workers_behind(tmp_path: Path) -> None:
    """Finding 19: kill -9 of `ingest --workers 2` left its spaCy workers running for ever."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:03}.txt").write_text(
            f"Talks in Oslo, part {n}\n\n{STORIES['oslo']} Report number {n} of many.", encoding="utf-8"
        )
    process = subprocess.Popen(
        [*CLI, "ingest", str(corpus), "--store", str(tmp_path / "store"), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def children() -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == process.pid:
                    found.append(int(entry.name))
        return found

    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = children()
        time.sleep(0.2)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15
    alive = workers
    while time.monotonic() < deadline and alive:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
        time.sleep(0.5)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


@pytest.mark.slow
def test_long_records_are_parsed_in_bounded_memory(tmp_path: Path) -> None:
    """Finding 9: ten records of 990,000 characters reached 11.3 GB. Records are now batched by characters and a
    long one is parsed in pieces: two of 250,000 characters stay well under a gigabyte, and both are stored."""
    paragraph = (
        "The minister said on Monday that the talks in Geneva would resume next week, officials said. " * 5
    )
    body = "\n\n".join([paragraph] * (250_000 // len(paragraph)))
    dump = tmp_path / "long.jsonl"
    dump.write_text(
        "".join(
            json.dumps({"title": f"Long report {n}", "text": body + f" Part {n}."}) + "\n" for n in range(2)
        ),
        encoding="utf-8",
    )
    code = f"""
import resource
from newsgraph import KnowledgeGraph
report = KnowledgeGraph.open({str(tmp_path / "store")!r}).ingest([{str(dump)!r}])
print("ADDED", report.added, "FAILED", len(report.failed))
print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ADDED 2 FAILED 0" in done.stdout
    peak = int(done.stdout.split("PEAK")[1])
    assert peak < 900, f"{peak} MB"


def test_examples_are_unaffected(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    first = kg.ingest([EXAMPLES])
    second = kg.ingest([EXAMPLES])
    assert first.added > 0 and (second.added, second.removed, second.unchanged) == (0, 0, first.added)


def test_control_characters_in_article_data_export_as_valid_xml(tmp_path: Path) -> None:
    """Finding 18: `export -f graphml` failed and `-f gexf` wrote malformed XML for control characters."""
    import networkx as nx

    from newsgraph.loaders import Article

    kg = KnowledgeGraph.open(tmp_path / "store")
    text = (
        "Talks in Oslo \x1b[31m\x01\n\nPresident Vladimir Putin met Kim Jong Un in Pyongyang\x0b on Monday \x1b[0m,"
        " officials said."
    )
    kg.ingest_articles([Article(text=text, title="Talks in Oslo \x1b[31m\x01", source="ctrl")])
    kg.close()
    for format in ("graphml", "gexf"):
        path = tmp_path / f"graph.{format}"
        done = subprocess.run(
            [
                *CLI,
                "export",
                "-f",
                format,
                "--view",
                "events",
                "-o",
                str(path),
                "--store",
                str(tmp_path / "store"),
            ],
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        graph = nx.read_graphml(path) if format == "graphml" else nx.read_gexf(path)
        assert graph.number_of_nodes() > 0
