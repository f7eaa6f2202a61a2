"""Readers: files, directories and stdin in, ``Article`` records out.

Formats by file name: ``.txt``/``.text`` (scraped plain text), ``.html``/``.htm``, ``.xml``/``.rss``/``.atom``
(feeds), ``.jsonl``/``.ndjson`` (one JSON object an article: ``text`` required, ``title``, ``url``, ``published``,
``outlet`` optional), and any of these gzip-compressed (``dump.jsonl.gz``). ``-`` reads stdin and sniffs its
format. A file that cannot be read is reported to the ``on_error`` handler and skipped; the other articles go on.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.jsonl").write_text('{"title": "Talks resume", "text": "The two sides met on Monday in Geneva."}\\n')
>>> [a.title for a in read_paths([d])]
['Talks resume']
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import ArticleError
from newsgraph.loaders._markup import read_markup
from newsgraph.loaders.article import Article
from newsgraph.loaders.clean import story_text
from newsgraph.loaders.dates import period
from newsgraph.loaders.encoding import decode

__all__ = ["MAX_INPUT_BYTES", "ErrorHandler", "count_articles", "parse_published", "read_bytes", "read_paths"]

log = logging.getLogger(__name__)

#: Inputs larger than this are refused before parsing (a news article is rarely above 200 kB).
MAX_INPUT_BYTES = 10 * 1024 * 1024

ErrorHandler = Callable[[ArticleError], None]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES


class NotAnInput(ArticleError):
    """A file in an input folder that newsgraph does not read (a PDF, an image): named when there is a handler to
    tell (the CLI lists each with its reason), not raised by the default handler."""


def _raise(error: ArticleError) -> None:
    if not isinstance(error, NotAnInput):
        raise error


#: the longest text read as a publication date
MAX_DATE_CHARS = 64
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def parse_published(value: Any) -> date | None:
    """A publication date from metadata (ISO strings, RFC 822 strings, datetimes); None when absent or unreadable.

    >>> parse_published("2024-10-29T08:15:00+09:00")
    datetime.date(2024, 10, 29)
    >>> parse_published("Tue, 29 Oct 2024 08:15:00 GMT")
    datetime.date(2024, 10, 29)
    >>> parse_published("") is None, parse_published("a1a1a1") is None, parse_published("2024 3 days ago") is None
    (True, True, True)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    # A date is short and names its year: longer text is not a date (dateparser takes seconds on 100 kB), and
    # text without a year would be read as today by the parsers' defaults.
    if len(text) > MAX_DATE_CHARS or not _YEAR.search(text):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        pass
    import dateparser

    # absolute dates only: dateparser's relative parser read "2024 3 days ago" as three days before today
    parsed = dateparser.parse(
        text,
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )
    return parsed.date() if parsed and _names_its_year(text, parsed.year) else None


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_YEAR_MONTH = re.compile(
    rf"^\s*(?:(?P<year>(?:19|20)\d\d)[-/.](?P<month>0?[1-9]|1[0-2])|(?P<name>{_MONTHS}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?),?\s+(?P<year2>(?:19|20)\d\d))\s*$",
    re.IGNORECASE,
)


def published_month(value: Any) -> date | None:
    """The first day of the month a date of year and month only names ("2022-11", "November 2022"), else None.

    >>> published_month("2022-11"), published_month("Nov 2022"), published_month("2022-11-18")
    (datetime.date(2022, 11, 1), datetime.date(2022, 11, 1), None)
    """
    match = _YEAR_MONTH.match(str(value or ""))
    if match is None:
        return None
    if match.group("year"):
        return date(int(match.group("year")), int(match.group("month")), 1)
    prefix = match.group("name").lower()[:3]
    month = [m[:3] for m in _MONTHS.split("|")].index(prefix) + 1
    return date(int(match.group("year2")), month, 1)


def _dated(value: Any, source: str, off: frozenset[str]) -> tuple[date | None, str]:
    """A page's publication date and its granularity (rule ``month_dates``: a date of year and month, or of a year
    only, is kept as that month or year, never dropped). A date that names a year and still cannot be read is said
    in a warning, never dropped silently ("2 days ago", with nothing to count from, is no date at all)."""

    def on(rule: str) -> bool:
        return rule not in off

    day = parse_published(value)
    if day is None and on("month_dates"):
        month = published_month(value)
        if month is not None:
            return month, "month"
        year = period(str(value or ""))
        if year is not None:
            return year
    if day is None and value not in (None, "") and _YEAR.search(str(value)):
        log.warning("%s: its date %r is not a date newsgraph reads; the article is undated", source, value)
    return day, "day"


def _names_its_year(text: str, year: int) -> bool:
    """A parsed date is kept only when its year is one the text writes ("2019 a1" was read as the year 7)."""
    return str(year) in _YEAR.findall(text)


def _plain(text: str, source: str, published: date | None, off: frozenset[str] = frozenset()) -> Article:
    from newsgraph.loaders.clean import read_plain

    story = read_plain(text, off=off)
    if not story.paragraphs:
        if story.title is None:
            raise ArticleError(source, "skipped: no article text found (no line of three words or more)")
        # one paragraph and nothing else: it is the article (a headline alone would be a line without a full stop)
        if _is_sentence(story.title):
            story.paragraphs, story.title = [story.title], None
        else:
            raise ArticleError(
                source,
                "skipped: no article text found: only a headline-like line (no paragraph ending in a full stop;"
                " see 'What newsgraph reads' in the README)",
            )
    body = story_text(story.title, story.paragraphs, off=off)
    when, granularity = (published, "day") if published else _dated(story.published, source, off)
    return Article(
        text=body,
        title=story.title,
        source=source,
        published=when,
        published_granularity=granularity,
        url=story.url if story.url and story.url.startswith(("http://", "https://")) else None,
        outlet=story.outlet,
        dropped=tuple(story.dropped),
        origin=source,
    )


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 4 and line.rstrip()[-1:] in {".", "!", "?", "”", '"', "’"}


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_text(text: str) -> str:
    """Markdown read as the text it shows: headings, emphasis, links and images lose their markup.

    >>> markdown_text("# Talks resume\\n\\nThe **minister** said [on Monday](https://x.example) it was over.")
    'Talks resume\\n\\nThe minister said on Monday it was over.'
    """
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def _html(text: str, source: str, published: date | None, off: frozenset[str] = frozenset()) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None or isinstance(doc, dict) or not doc.text:
        raise ArticleError(source, "skipped: no article text found in the HTML")
    title = (doc.title or "").strip() or None
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Article(
        text=story_text(title, paragraphs, off=off),
        title=title,
        url=doc.url or None,
        published=published or parse_published(doc.date),
        outlet=doc.sitename or None,
        source=source,
        origin=source,
    )


def _feed(
    data: bytes,
    source: str,
    published: date | None,
    on_error: ErrorHandler,
    off: frozenset[str] = frozenset(),
) -> Iterator[Article]:
    import feedparser

    # A stream, never the bytes themselves: given a str or bytes, feedparser first tries them as a file name and a
    # URL, so a feed whose whole text is "/etc/passwd" or "http://…" would be read from there.
    parsed = feedparser.parse(io.BytesIO(data))
    if parsed.bozo and not parsed.entries:
        raise ArticleError(source, f"skipped: not a readable feed ({parsed.get('bozo_exception')})")
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        entry_source = f"{source}#{entry.get('id') or entry.get('link') or index + 1}"
        try:
            content = entry.get("content") or []
            raw = content[0].get("value") if content else entry.get("summary", "")
            title = (entry.get("title") or "").strip() or None
            body = _html_fragment_text(raw or "")
            if not body.strip():
                raise ArticleError(entry_source, "skipped: feed entry has no text", origin=source)
            paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
            when = published or parse_published(entry.get("published") or entry.get("updated"))
            guid = entry.get("id") or None
            yield Article(
                text=story_text(title, paragraphs, off=off),
                title=title,
                url=entry.get("link") or None,
                published=when,
                outlet=outlet,
                source=entry_source,
                origin=source,
                ident=str(guid) if guid else None,
            )
        except ArticleError as error:
            on_error(error)


def _html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), without scripts or styles."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on hostile markup
        return ""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = tree.xpath("//p|//li|//h1|//h2|//h3|//blockquote")
    if blocks:
        return "\n".join(" ".join(b.text_content().split()) for b in blocks)
    return " ".join(tree.text_content().split())


def _jsonl(
    text: str, source: str, published: date | None, on_error: ErrorHandler, off: frozenset[str] = frozenset()
) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleError(
                    line_source, f"skipped: not valid JSON ({exc.msg})", origin=source
                ) from None
            except RecursionError:
                raise ArticleError(
                    line_source, "skipped: JSON nested too deeply to read", origin=source
                ) from None
            except ValueError as exc:  # an integer of thousands of digits (Python's conversion limit)
                raise ArticleError(
                    line_source, f"skipped: a value JSON cannot be read into ({exc})", origin=source
                ) from None
            if (
                not isinstance(record, dict)
                or not isinstance(record.get("text"), str)
                or not record["text"].strip()
            ):
                raise ArticleError(
                    line_source, "skipped: a JSONL record needs a non-empty 'text' field", origin=source
                )
            title = str(record.get("title") or "").strip() or None
            paragraphs = [p.strip() for p in record["text"].split("\n") if p.strip()]
            if title and paragraphs and paragraphs[0] == title:
                paragraphs = paragraphs[1:]
            ident = record.get("id", record.get("guid"))
            when, granularity = (
                (published, "day") if published else _dated(record.get("published"), line_source, off)
            )
            yield Article(
                text=story_text(title, paragraphs, off=off),
                title=title,
                url=str(record["url"]) if record.get("url") else None,
                published=when,
                published_granularity=granularity,
                outlet=str(record["outlet"]) if record.get("outlet") else None,
                source=line_source,
                origin=source,
                ident=str(ident) if ident not in (None, "") else None,
            )
        except ArticleError as error:
            on_error(error)


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"{"):
        return ".jsonl"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return ".xml"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return ".html"
    return ".txt"


def _gunzip(data: bytes, source: str) -> bytes:
    """Gzip-compressed input, decompressed no further than the input limit (a compression bomb stops there)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, MAX_INPUT_BYTES + 1)
    except zlib.error as exc:
        raise ArticleError(source, f"skipped: broken gzip data ({exc})") from None
    if len(out) > MAX_INPUT_BYTES or inflater.unconsumed_tail:
        raise ArticleError(
            source, f"skipped: decompresses to over the {MAX_INPUT_BYTES:,}-byte input limit (refused there)"
        )
    if not inflater.eof:
        raise ArticleError(source, "skipped: broken gzip data (truncated)")
    return out


def _inner_suffix(path: Path) -> str | None:
    """``.jsonl`` for ``dump.jsonl.gz``: the format inside a gzip file, when its name says it."""
    suffixes = [x.lower() for x in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz" and suffixes[-2] in SUFFIXES:
        return suffixes[-2]
    return None


def read_bytes(
    data: bytes,
    source: str,
    *,
    suffix: str,
    published: date | None = None,
    on_error: ErrorHandler = _raise,
    off: frozenset[str] = frozenset(),
) -> Iterator[Article]:
    """Articles from one input's bytes, read as the format ``suffix`` names (``.txt``, ``.html``, ``.xml``, ``.jsonl``);
    the reading rules named in ``off`` are switched off."""
    try:
        if len(data) > MAX_INPUT_BYTES:
            raise ArticleError(
                source, f"skipped: {len(data):,} bytes is over the {MAX_INPUT_BYTES:,}-byte input limit"
            )
        if not data.strip():
            raise ArticleError(source, "skipped: empty input")
        if data.startswith(b"\x1f\x8b"):
            data = _gunzip(data, source)
            if suffix not in SUFFIXES:
                suffix = _sniff(data)
        if suffix in FEED_SUFFIXES:
            yield from _feed(data, source, published, on_error, off)
            return
        text = decode(data, source)
        if not text.strip():
            raise ArticleError(source, "skipped: empty input")
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl(text, source, published, on_error, off)
        elif suffix in HTML_SUFFIXES:
            yield _html(text, source, published, off)
        elif suffix in {".md", ".markdown"}:
            yield _plain(markdown_text(text), source, published, off)
        else:
            yield _plain(read_markup(text, off), source, published, off)
    except ArticleError as error:
        on_error(error)


_NOT_READ = {
    ".pdf": "a PDF (convert it to text or HTML first, e.g. pdftotext)",
    ".doc": "a Word document (save it as text or HTML first)",
    ".docx": "a Word document (save it as text or HTML first)",
    ".odt": "an OpenDocument text (save it as text or HTML first)",
    ".rtf": "rich text (save it as plain text first)",
}


def _unread_reason(path: Path) -> str:
    suffix = path.suffix.lower()
    what = _NOT_READ.get(suffix)
    if what is not None:
        return f"skipped: {what}"
    known = ", ".join(sorted(SUFFIXES))
    return f"skipped: {suffix or 'a file without a suffix'} is not a format newsgraph reads ({known}, and .gz of them)"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _in_a_store(path: Path, root: Path, stores: dict[Path, bool]) -> bool:
    """Whether ``path`` lies in a newsgraph (RocksDB) store inside the input folder: its files are not articles."""
    for parent in path.relative_to(root).parents:
        folder = root / parent
        if folder not in stores:
            stores[folder] = (folder / "CURRENT").is_file() and (folder / "IDENTITY").is_file()
        if stores[folder]:
            return True
    return False


def _files(paths: Iterable[str | Path], on_error: ErrorHandler) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            stores: dict[Path, bool] = {}
            for child in sorted(path.rglob("*")):
                if not child.is_file() or _hidden(child, path) or _in_a_store(child, path, stores):
                    continue  # hidden files and folders (.git, .DS_Store) and stores are not inputs
                if not (child.suffix.lower() in SUFFIXES or _inner_suffix(child)):
                    on_error(NotAnInput(str(child), _unread_reason(child)))
                    continue
                if child.is_symlink() and not child.resolve().is_relative_to(root):
                    # a link inside the folder to a file outside it: the user gave the folder, not that file
                    on_error(
                        ArticleError(
                            str(child), "skipped: a symbolic link to a file outside the input folder"
                        )
                    )
                    continue
                yield child
        elif path.is_file():
            yield path
        else:
            on_error(ArticleError(str(path), "no such file or directory"))


def count_articles(paths: Iterable[str | Path]) -> tuple[int, int | None]:
    """How many inputs ``paths`` holds, and how many articles they will give when that is known without reading
    them (a text or HTML file is one article, a JSONL file one per non-empty line; feeds, gzip and stdin are
    not counted ahead: then ``None``). Nothing is parsed; unreadable entries are left for ``read_paths``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("x"); _ = (d / "b.jsonl").write_text('{"text": "x"}\\n\\n{"text": "y"}\\n')
    >>> count_articles([d])
    (2, 3)
    """
    inputs = 0
    articles: int | None = 0
    for raw in paths:
        if str(raw) == "-":
            inputs += 1
            articles = None
            continue
        for path in _files([raw], lambda error: None):
            inputs += 1
            suffix = path.suffix.lower()
            if articles is None:
                continue
            if suffix in JSONL_SUFFIXES:
                try:
                    with path.open("rb") as handle:
                        articles += sum(1 for line in handle if line.strip())
                except OSError:
                    continue
            elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
                articles += 1
            else:
                articles = None
    return inputs, articles


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    on_error: ErrorHandler = _raise,
    without: Iterable[str] = (),
) -> Iterator[Article]:
    """Stream articles from files, directories (recursively, known suffixes only) and ``-`` (stdin).

    ``published`` overrides the publication date of every article read. Each unreadable input goes to
    ``on_error`` (default: raise) and reading continues with the next. ``without`` names rules of the reading
    phase to switch off (``newsgraph evaluate --without``).
    """
    from newsgraph.loaders.rules import Registry

    off = Registry.load().check(without) if without else frozenset()
    for raw in paths:
        if str(raw) == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            yield from read_bytes(
                data, "<stdin>", suffix=_sniff(data), published=published, on_error=on_error, off=off
            )
            continue
        for path in _files([raw], on_error):
            try:
                size = path.stat().st_size
                if size > MAX_INPUT_BYTES:
                    raise ArticleError(
                        str(path), f"skipped: {size:,} bytes is over the {MAX_INPUT_BYTES:,}-byte input limit"
                    )
                data = path.read_bytes()
            except OSError as exc:
                on_error(ArticleError(str(path), f"cannot read: {exc.strerror or exc}"))
                continue
            except ArticleError as error:
                on_error(error)
                continue
            suffix = _inner_suffix(path) or path.suffix.lower()
            if suffix not in SUFFIXES:
                suffix = "" if data.startswith(b"\x1f\x8b") else _sniff(data)  # sniffed after decompressing
            yield from _known_by_location(path, data, suffix, published, on_error, off)


def _known_by_location(
    path: Path,
    data: bytes,
    suffix: str,
    published: date | None,
    on_error: ErrorHandler,
    off: frozenset[str] = frozenset(),
) -> Iterator[Article]:
    """The articles of one file, their input (``origin``, in errors too) named by its absolute path: ``notes.txt``
    typed in two folders is two inputs, and one never drops what the other gave. Messages keep the path as typed."""
    typed, origin = str(path), str(path.resolve())

    def renamed(error: ArticleError) -> None:
        if error.origin == typed:
            error.origin = origin
        on_error(error)

    for article in read_bytes(data, typed, suffix=suffix, published=published, on_error=renamed, off=off):
        yield dataclasses.replace(article, origin=origin) if article.origin == typed else article
