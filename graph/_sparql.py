"""A small SPARQL lexer: the query form, the operations that would leave the store, and values bound as text.

Why hand-written: rdflib's parser is slow on large queries, fetches nothing itself but also exposes no token
stream, and pyoxigraph has no parser API. What we need is lexical: which keywords occur outside strings, IRIs
and comments, which IRIs follow ``FROM``, and where the top-level group opens. SPARQL allows ``\\uXXXX`` escapes
anywhere in a query, so they are decoded before lexing (oxigraph rejects them, other engines may not).

>>> query_form("PREFIX ex: <http://e/> ASK { ?s ex:service ?o }")
'ASK'
>>> unsafe_operations('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } FILTER(?o != "LOAD") }')
['SERVICE']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

__all__ = [
    "Token",
    "dataset_iris",
    "is_update",
    "query_form",
    "refuse_service",
    "tokens",
    "unsafe_operations",
    "with_values",
]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w:%.-]|\\.)*)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        return self.text.upper() if self.kind == "word" else None


def _decode_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a query or update (spaces and comments dropped), escapes decoded first."""
    for match in _TOKEN.finditer(_decode_escapes(text)):
        kind = match.lastgroup or "other"
        if kind not in {"space", "comment"}:
            yield Token(kind, match.group(), match.start())


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, or ``UPDATE`` for an update request."""
    for token in tokens(text):
        keyword = token.keyword
        if keyword in _FORMS:
            return keyword
        if keyword in _UPDATE_WORDS:
            return "UPDATE"
    return "SELECT"


def is_update(text: str) -> bool:
    return query_form(text) == "UPDATE"


def unsafe_operations(text: str) -> list[str]:
    """Keywords that reach outside the store: ``SERVICE`` (a remote endpoint) and ``LOAD`` (a URL or file)."""
    found: list[str] = []
    for token in tokens(text):
        if token.keyword in {"SERVICE", "LOAD"} and token.keyword not in found:
            found.append(token.keyword)
    return found


def refuse_service(text: str) -> None:
    """Raise ``QueryError`` for ``SERVICE`` or ``LOAD``: newsgraph runs offline, and pyoxigraph would fetch them."""
    upper = text.upper()
    if "SERVICE" not in upper and "LOAD" not in upper and "\\U" not in upper:
        return
    found = unsafe_operations(text)
    if found:
        from newsgraph.errors import QueryError

        raise QueryError(f"{' and '.join(found)} refused: newsgraph does not reach outside the store")


def _prefixes(toks: list[Token]) -> dict[str, str]:
    table: dict[str, str] = {}
    for index, token in enumerate(toks[:-2]):
        if token.keyword == "PREFIX" and toks[index + 1].kind == "pname" and toks[index + 2].kind == "iri":
            table[toks[index + 1].text.rstrip(":")] = toks[index + 2].text[1:-1]
    return table


def dataset_iris(text: str) -> list[str]:
    """The graph IRIs named by ``FROM`` and ``FROM NAMED`` (prefixed names expanded; unknown prefixes kept raw)."""
    return list(_dataset_iris(text))


@lru_cache(maxsize=256)  # the same named queries come back again and again; lexing one costs ~0.25 ms
def _dataset_iris(text: str) -> tuple[str, ...]:
    toks = list(tokens(text))
    prefixes = _prefixes(toks)
    found: list[str] = []
    for index, token in enumerate(toks):
        if token.keyword != "FROM":
            continue
        following = toks[index + 1 : index + 3]
        target = (
            following[1]
            if following and following[0].keyword == "NAMED"
            else following[0]
            if following
            else None
        )
        if target is None:
            found.append("")
        elif target.kind == "iri":
            found.append(target.text[1:-1])
        elif target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            found.append(prefixes[prefix] + local if prefix in prefixes else target.text)
        else:
            found.append(target.text)
    return tuple(found)


def _term(value: ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple) -> str:
    if isinstance(value, ox.BlankNode):
        raise ValueError("a blank node cannot be bound in a query sent to a server")
    # pyoxigraph writes terms in N-Triples syntax, with every quote, backslash and newline escaped.
    return str(value)


def with_values(
    text: str, bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple]
) -> str:
    """The query with ``VALUES`` rows binding each variable, at the start of its top-level group.

    This is how values reach a SPARQL server that has no substitution API. The terms are serialised by
    pyoxigraph (so a value can never close the term it sits in), and placed where the whole top-level group sees
    them: a named query uses its parameters only in that group and its projection.

    >>> with_values("SELECT ?x_param WHERE { ?s ?p ?x_param }", {"x_param": ox.Literal('a" } DROP ALL #')})
    'SELECT ?x_param WHERE { VALUES ?x_param { "a\\\\" } DROP ALL #" } ?s ?p ?x_param }'
    """
    if not bindings:
        return text
    decoded = _decode_escapes(text)
    toks = list(tokens(decoded))
    form = query_form(decoded)
    depth = 0
    seen_where = form != "CONSTRUCT"
    opening: Token | None = None
    for token in toks:
        if token.keyword == "WHERE" and depth == 0:
            seen_where = True
        if token.text == "{":
            if depth == 0 and seen_where:
                opening = token
                break
            depth += 1
        elif token.text == "}":
            depth -= 1
    if opening is None:
        raise ValueError("no top-level group to bind values in")
    rows = " ".join(f"VALUES ?{name} {{ {_term(value)} }}" for name, value in bindings.items())
    cut = opening.start + 1
    return f"{decoded[:cut]} {rows}{decoded[cut:]}"
