"""Bytes to text: byte-order marks, UTF-8, UTF-8 with pasted Windows-1252 bytes, a Western legacy code page, and
a detector for the rest; binary data is refused with what it is.

>>> decode("Café in Zürich".encode("cp1252"), "t")
'Café in Zürich'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsgraph.errors import ArticleError

__all__ = ["decode"]

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
