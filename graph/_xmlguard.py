"""A check of RDF/XML's DTD before pyoxigraph parses it: entity expansion is bounded, external entities refused.

pyoxigraph's RDF/XML parser expands internal entities without a limit (a "billion laughs" file of 1 kB asks for
gigabytes and aborts the process) and offers no option to stop that. RDF/XML files do use entities legitimately
(``<!ENTITY owl "http://…">`` in many ontologies), so they are allowed as long as everything they expand to stays
small.

The declarations are read by Python's expat parser (stdlib), which knows XML's name grammar (entity names may be
any Unicode letters: ``&é9;``) and the document's encoding; it is stopped at the first element, before anything is
expanded, however far into the file that is. The expansion is then computed from the declared values and the
references in the document. (defusedxml would refuse every entity, which legitimate ontologies use.)

expat and pyoxigraph must see the same declarations. After a reference to a parameter entity it has not read
(``%x;``), expat stops processing the declarations that follow, as XML asks of a parser that reads no external
entities, while pyoxigraph goes on expanding them: so a parameter entity reference in the internal subset is
refused, and so is any declaration expat passed over.

>>> check_entities(b'<!DOCTYPE r [<!ENTITY ex "http://example.org/">]><r a="&ex;x"/>')
>>> check_entities(b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
...                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><r>&c;</r>', limit=500)
Traceback (most recent call last):
...
ValueError: entity 'c' expands to 1,000 characters, over the 500-character limit
"""

from __future__ import annotations

import codecs
import re
from xml.parsers import expat

__all__ = ["MAX_EXPANSION", "check_entities"]

#: The most characters all entity references of one document may expand to.
MAX_EXPANSION = 1_000_000

#: a general entity reference, with any name (XML names are Unicode)
_REFERENCE = re.compile(r"&([^\s&;<>\"'#%]+);")


class _Prolog(Exception):
    """The first element was reached: every declaration has been read."""


def _declarations(data: bytes) -> tuple[dict[str, str], str]:
    """The internal general entities (name -> value as declared) and the document's encoding."""
    values: dict[str, str] = {}
    encoding = ["utf-8"]
    in_subset = [False]
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(name: str, system: str | None, public: str | None, internal: int) -> None:
        in_subset[0] = bool(internal)

    def doctype_end() -> None:
        in_subset[0] = False

    def passed_over(text: str) -> None:
        """What expat reports without processing it: inside the internal subset, a parameter entity reference,
        or a declaration it skipped because of one."""
        if not in_subset[0]:
            return
        if text.startswith("%"):
            raise ValueError(f"parameter entity reference {text!r} is not accepted")
        if text.startswith("<!ENTITY"):
            raise ValueError("an entity declaration after a parameter entity reference is not accepted")

    def declared(
        name: str,
        parameter: int,
        value: str | None,
        base: str | None,
        system: str | None,
        public: str | None,
        notation: str | None,
    ) -> None:
        if parameter:
            raise ValueError(f"parameter entity {name!r} is not accepted")
        if value is None or system is not None or notation is not None:
            raise ValueError(f"external entity {name!r} is not accepted (it would read a file or a URL)")
        values[name] = value

    def declaration(version: str, declared_encoding: str | None, standalone: int) -> None:
        if declared_encoding:
            encoding[0] = declared_encoding

    def start(*_: object) -> None:
        raise _Prolog

    parser.EntityDeclHandler = declared
    parser.XmlDeclHandler = declaration
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.EndDoctypeDeclHandler = doctype_end
    parser.DefaultHandler = passed_over
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding[0] = "utf-16"
    try:
        for at in range(0, len(data), 65536):
            parser.Parse(data[at : at + 65536], False)
        parser.Parse(b"", True)
    except _Prolog:
        pass
    except expat.ExpatError as exc:
        raise ValueError(f"not well-formed XML ({exc})") from None
    return values, encoding[0]


def check_entities(data: bytes, *, limit: int = MAX_EXPANSION) -> None:
    """Raise ``ValueError`` when the document's entities are external, parameter, recursive or expand too far.

    The prolog is read to the first element wherever it is (a DTD after a megabyte of comments is still read)."""
    values, encoding = _declarations(data)
    if not values:
        return
    sizes: dict[str, int] = {}

    def size(name: str, seen: tuple[str, ...]) -> int:
        if name in sizes:
            return sizes[name]
        if name in seen:
            raise ValueError(f"entity {name!r} refers to itself")
        value = values[name]
        total = len(value)
        for ref in _REFERENCE.findall(value):
            if ref in values:
                total += size(ref, (*seen, name)) - len(ref) - 2
        if total > limit:
            raise ValueError(
                f"entity {name!r} expands to {total:,} characters, over the {limit:,}-character limit"
            )
        sizes[name] = total
        return total

    for name in values:
        size(name, ())
    try:
        text = data.decode(encoding, "replace")
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    used = 0
    for ref in _REFERENCE.findall(text):
        used += sizes.get(ref, 0)
        if used > limit:
            raise ValueError(f"entity references expand to over the {limit:,}-character limit")
