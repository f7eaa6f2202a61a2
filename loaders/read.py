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

import codecs
import io
import json
import logging
import re
import sys
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import ArticleError
from newsgraph.loaders.article import Article
from newsgraph.loaders.clean import story_text
from newsgraph.loaders.dates import partial_date

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

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"BZh": "bzip2-compressed data",
    b"\xfd7zXZ": "xz-compressed data",
}


class NotAnInput(ArticleError):
    """A file in an input folder that newsgraph does not read (a PDF, an image): named when there is a handler to
    tell (the CLI lists each with its reason), not raised by the default handler."""


def _raise(error: ArticleError) -> None:
    if not isinstance(error, NotAnInput):
        raise error


_TYPOGRAPHIC = set(
    "\u00a0\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u00b0\u00a3\u00a9\u00ae\u00b7\u00ab\u00bb\u2122\u00bd\u00bc\u00be\u00a7\u00b1"
)


def _western_legacy(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range) when the bytes read as English with a few accents.

    Statistical detectors guess poorly on short mostly-ASCII text: a few accented letters fit many code pages
    equally well (cp775 and cp1250 win for "Café in Zürich"). newsgraph reads English news, so a text that is at
    least 90% ASCII and whose other bytes all decode in cp1252 to Latin letters or common typography is taken as
    cp1252; anything else (Cyrillic, Greek, East Asian legacy encodings) goes to the detector.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    others = [c for c in text if ord(c) > 127]
    if len(others) > 0.1 * len(text):
        return None
    for char in others:
        if char in _TYPOGRAPHIC:
            continue
        if not (char.isalpha() and "LATIN" in unicodedata.name(char, "")):
            return None
    return text


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_MIXED = "newsgraph-cp1252"


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252 (Latin-1 where it has a hole)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    chars = []
    for byte in chunk:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars), error.end


codecs.register_error(_MIXED, _cp1252_bytes)


def decode(data: bytes, source: str) -> str:
    """Decode bytes to text: BOMs first, then UTF-8, then a detected legacy encoding; binary is refused."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ArticleError(source, f"skipped: {what}, not text")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors=_MIXED)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as exc:
            raise ArticleError(source, f"skipped: broken UTF-32 text ({exc.reason})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ArticleError(source, "skipped: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        # Valid UTF-8 sequences beside invalid bytes: UTF-8 text with pasted Windows-1252 bytes (a scraped page
        # with a legacy snippet). Decoding it all as one or the other would garble half of it.
        return data.decode("utf-8", errors=_MIXED)
    legacy = _western_legacy(data)
    if legacy is not None:
        return legacy
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ArticleError(source, "skipped: could not determine the text encoding")
    return str(best)


#: the longest text read as a publication date
MAX_DATE_CHARS = 64
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def parse_published(value: Any) -> date | None:
    """A publication date from metadata (ISO strings, RFC 822 strings, datetimes); None when absent or unreadable.

    >>> parse_published("2024-10-29T08:15:00+09:00")
    datetime.date(2024, 10, 29)
    >>> parse_published("Tue, 29 Oct 2024 08:15:00 GMT")
    datetime.date(2024, 10, 29)
    >>> parse_published("") is None, parse_published("a1a1a1") is None
    (True, True)
    >>> parse_published("2022-11")
    PartialDate('2022-11')
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    month_or_year = partial_date(text)  # "2022-11": the month, kept as such (not dropped, not a day)
    if month_or_year is not None:
        return month_or_year
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

    parsed = dateparser.parse(
        text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


def _record_date(value: Any, source: str) -> date | None:
    found = parse_published(value)
    if value not in (None, "") and found is None and _YEAR.search(str(value)):  # said, never dropped silently
        log.warning("%s: its date %r is not a date newsgraph reads; the article is undated", source, value)
    return found


def _plain(text: str, source: str, published: date | None) -> Article:
    from newsgraph.loaders.clean import read_plain

    story = read_plain(text)
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
    body = story_text(story.title, story.paragraphs)
    found = parse_published(story.published)
    # a date that names a year and still cannot be read is said, never dropped silently ("2 days ago", with no
    # publication date to count from, is no date at all)
    if story.published and found is None and published is None and _YEAR.search(story.published):
        log.warning(
            "%s: its date %r is not a date newsgraph reads; the article is undated", source, story.published
        )
    return Article(
        text=body,
        title=story.title,
        source=source,
        published=published or found,
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


def _html(text: str, source: str, published: date | None) -> Article:
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
        text=story_text(title, paragraphs),
        title=title,
        url=doc.url or None,
        published=published or parse_published(doc.date),
        outlet=doc.sitename or None,
        source=source,
        origin=source,
    )


def _feed(data: bytes, source: str, published: date | None, on_error: ErrorHandler) -> Iterator[Article]:
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
                text=story_text(title, paragraphs),
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


def _jsonl(text: str, source: str, published: date | None, on_error: ErrorHandler) -> Iterator[Article]:
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
            yield Article(
                text=story_text(title, paragraphs),
                title=title,
                url=str(record["url"]) if record.get("url") else None,
                published=published or _record_date(record.get("published"), source),
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
) -> Iterator[Article]:
    """Articles from one input's bytes, read as the format ``suffix`` names (``.txt``, ``.html``, ``.xml``, ``.jsonl``)."""
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
            yield from _feed(data, source, published, on_error)
            return
        text = decode(data, source)
        if not text.strip():
            raise ArticleError(source, "skipped: empty input")
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl(text, source, published, on_error)
        elif suffix in HTML_SUFFIXES:
            yield _html(text, source, published)
        elif suffix in {".md", ".markdown"}:
            yield _plain(markdown_text(text), source, published)
        else:
            yield _plain(text, source, published)
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
) -> Iterator[Article]:
    """Stream articles from files, directories (recursively, known suffixes only) and ``-`` (stdin).

    ``published`` overrides the publication date of every article read. Each unreadable input goes to
    ``on_error`` (default: raise) and reading continues with the next.
    """
    for raw in paths:
        if str(raw) == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            yield from read_bytes(
                data, "<stdin>", suffix=_sniff(data), published=published, on_error=on_error
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
            yield from read_bytes(data, str(path), suffix=suffix, published=published, on_error=on_error)
