"""The SPARQL check: what a query would do outside the store, read the way Oxigraph reads it, and every other way.

A query is refused when it would reach outside the store (``SERVICE``, ``LOAD``) or name graphs outside it
(``FROM``). Finding those keywords is lexical, and an attacker's whole game is to make our lexer read a query
differently from the engine's. So this module does not guess one reading:

- it lexes the raw text as Oxigraph does (no ``\\uXXXX`` decoding outside strings, a comment ends at CR or LF,
  short strings stop at CR or LF, IRIs hold no control character or space);
- where Oxigraph could read a token two ways, both readings are followed: ``?a<?b`` inside an expression is a
  less-than when Oxigraph reads it and an IRI when a triple pattern does, so a ``<`` after an operand inside
  parentheses forks the reading; every reading is checked;
- what engines read differently is refused outright rather than reconciled: ``\\u`` escapes outside strings (or
  inside them when they stand for ASCII punctuation, which an engine that decodes escapes first would see as
  syntax), line breaks other than CR and LF inside comments, and invisible format characters outside strings;
- deep nesting and long operator chains, which overflow Oxigraph's recursive parser (a segfault at about 3,000
  nested braces or 10,000 chained operators), are refused with a limit well below that.

This is the first line only: query evaluation runs where it cannot open a network socket at all
(:mod:`newsgraph.graph._offline`), so a keyword this check missed still cannot become traffic.

Why hand-written: no Python library reads SPARQL the way Oxigraph does, and pyoxigraph exposes no parser. rdflib's
parser reads a different grammar (and is slow on large queries).

>>> query_form("PREFIX ex: <http://e/> ASK { ?s ex:service ?o }")
'ASK'
>>> unsafe_operations('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } FILTER(?o != "LOAD") }')
['SERVICE']
>>> unsafe_operations('SELECT * WHERE { FILTER(?a<?b)SERVICE#>\\n<http://x/> { ?s ?p ?o } }')
['SERVICE']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from newsgraph.errors import QueryError

__all__ = [
    "MAX_CHAIN",
    "MAX_DEPTH",
    "MAX_READINGS",
    "Token",
    "check",
    "dataset_iris",
    "explain_syntax_error",
    "is_update",
    "query_form",
    "readings",
    "refuse_service",
    "unsafe_operations",
    "with_values",
]

#: deepest nesting of ( { [ accepted (Oxigraph's recursive parser overflows its stack at about 3,000)
MAX_DEPTH = 128
#: most operators, joins and pattern keywords accepted in one query (10,000 chained ones overflow the stack)
MAX_CHAIN = 2_000
#: most readings followed: each ambiguous "<" doubles them
MAX_READINGS = 32

_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\r\n]*")
_STRING = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\r\n]|\\[^\r\n])*'|"(?:[^"\\\r\n]|\\[^\r\n])*\"""",
    re.DOTALL,
)
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_VAR = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+")
_PNAME = re.compile(r"(?:[^\W\d][\w.-]*)?:(?:[\w:%.-]|\\[_~.\-!$&'()*+,;=/?#@%])*")
_NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_WORD = re.compile(r"[^\W\d]\w*")
_OPERATOR = re.compile(r"\|\||&&|!=|<=|>=|\^\^|.", re.DOTALL)
#: line ends some engines honour inside a comment; Oxigraph ends a comment only at CR or LF
_OTHER_LINE_ENDS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UNSAFE = ("SERVICE", "LOAD")
_OPEN, _CLOSE = set("({["), set(")}]")
_CHAIN_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "EXISTS", "GRAPH", "VALUES", "SELECT"}
_CHAIN_OPERATORS = {
    "||",
    "&&",
    "+",
    "-",
    "*",
    "/",
    "|",
    "^",
    "!",
    "=",
    "!=",
    "<",
    ">",
    "<=",
    ">=",
    ".",
    ";",
    ",",
}
_OPERANDS = {"var", "string", "iri", "pname", "number"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        return self.text.upper() if self.kind == "word" else None


def _refuse(message: str, text: str, at: int) -> QueryError:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return QueryError(f"refused at {line}:{column}: {message}")


_BACKSLASH = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([uU])|.)", re.DOTALL)


def _check_string(text: str, start: int, end: int) -> None:
    """A ``\\u`` escape in a string is what Oxigraph reads it as, but an engine that decodes escapes before
    parsing (as the SPARQL text says to) would end the string at an escaped quote, or escape the next character at
    an escaped backslash: refuse those, and escapes of no character."""
    for match in _BACKSLASH.finditer(text, start, end):
        if match.group(3):
            raise _refuse("a \\u escape needs 4 (\\U: 8) hex digits", text, match.start())
        digits = match.group(1) or match.group(2)
        if digits is None:
            continue  # \n, \", \\ and the like
        point = int(digits, 16)
        if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
            raise _refuse(f"{match.group()!r} is not a Unicode character", text, match.start())
        if chr(point) in "\"'\\":  # what ends or escapes a string for an engine that decodes first
            raise _refuse(
                f"the escape {match.group()!r} stands for {chr(point)!r}; write the character itself",
                text,
                match.start(),
            )


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in {"Cf", "Cc", "Co", "Cs", "Cn"} and char not in "\t\r\n"


@dataclass
class _State:
    """One reading in progress: where it is, its tokens, and the context a "<" is read in."""

    pos: int
    toks: list[Token]
    parens: int = 0
    braces: int = 0
    #: brace depth of the VALUES data block being read (-1: none; -2: VALUES seen, its block not yet open)
    values: int = -1

    def fork(self, pos: int, token: Token) -> _State:
        return _State(pos, [*self.toks, token], self.parens, self.braces, self.values)


_HIDING = re.compile(r"[#'()]")


def _could_hide(inner: str) -> bool:
    """Would reading the inside of ``<…>`` as code (Oxigraph's less-than) change what the check sees?"""
    folded = inner.casefold()
    return bool(_HIDING.search(inner)) or any(w in folded for w in ("service", "load", "from"))


def _lex(text: str) -> list[list[Token]]:
    """Every reading of ``text`` as a token list (spaces and comments dropped)."""
    done: list[list[Token]] = []
    pending = [_State(0, [])]
    size = len(text)
    while pending:
        state = pending.pop()
        toks = state.toks
        pos = state.pos
        while pos < size:
            char = text[pos]
            if char.isspace():
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                continue
            if char == "#":
                end = _COMMENT.match(text, pos).end()  # type: ignore[union-attr]
                other = _OTHER_LINE_ENDS.search(text, pos, end)
                if other is not None:
                    raise _refuse(
                        f"line break {other.group()!r} inside a comment: end comments with a newline",
                        text,
                        other.start(),
                    )
                pos = end
                continue
            if char == "\\":
                raise _refuse("escapes are accepted only inside string literals", text, pos)
            if _invisible(char):
                raise _refuse(f"invisible character U+{ord(char):04X} outside a string", text, pos)
            match = _STRING.match(text, pos) if char in "'\"" else None
            if match is not None:
                _check_string(text, pos, match.end())
                toks.append(Token("string", match.group(), pos))
                pos = match.end()
                continue
            if char == "<":
                iri = _IRI.match(text, pos)
                operand = bool(toks) and (toks[-1].kind in _OPERANDS or toks[-1].text in {")", "]"})
                if (
                    iri is not None
                    and state.parens > 0
                    and state.values < 0
                    and operand
                    and _could_hide(iri.group()[1:-1])
                ):
                    # Oxigraph reads a less-than after an operand in an expression; a triple pattern would read
                    # an IRI. Both are followed.
                    if len(done) + len(pending) + 2 > MAX_READINGS:
                        raise _refuse(
                            "too many ways to read '<' (put spaces around comparisons: ?a < ?b)", text, pos
                        )
                    pending.append(state.fork(iri.end(), Token("iri", iri.group(), pos)))
                    iri = None
                if iri is not None:
                    toks.append(Token("iri", iri.group(), pos))
                    pos = iri.end()
                    continue
            token = _plain_token(text, pos)
            _track(state, token)
            toks.append(token)
            pos += len(token.text)
        done.append(toks)
    return done


_PLAIN = (("var", _VAR), ("pname", _PNAME), ("number", _NUMBER), ("word", _WORD))


def _plain_token(text: str, pos: int) -> Token:
    """A variable, prefixed name, number, word or operator at ``pos``."""
    for kind, pattern in _PLAIN:
        match = pattern.match(text, pos)
        if match is not None and match.end() > pos:
            return Token(kind, match.group(), pos)
    match = _OPERATOR.match(text, pos)
    assert match is not None  # it matches any one character
    return Token("other", match.group(), pos)


def _track(state: _State, token: Token) -> None:
    text = token.text
    if text == "(":
        state.parens += 1
    elif text == ")":
        state.parens = max(0, state.parens - 1)
    elif text == "{":
        if state.values == -2:
            state.values = state.braces
        state.braces += 1
    elif text == "}":
        state.braces = max(0, state.braces - 1)
        if state.values == state.braces:
            state.values = -1
    elif token.keyword == "VALUES":
        state.values = -2


def _limits(text: str, toks: list[Token]) -> None:
    depth = chain = 0
    for token in toks:
        if token.text in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise _refuse(f"nested deeper than {MAX_DEPTH} levels", text, token.start)
        elif token.text in _CLOSE:
            depth -= 1
        if token.text in _CHAIN_OPERATORS or token.keyword in _CHAIN_WORDS:
            chain += 1
            if chain > MAX_CHAIN:
                raise _refuse(f"more than {MAX_CHAIN:,} operators and patterns", text, token.start)


@lru_cache(maxsize=256)  # the same named queries come back again and again
def _readings(text: str) -> tuple[tuple[Token, ...], ...]:
    found = _lex(text)
    for toks in found:
        _limits(text, toks)
    return tuple(tuple(toks) for toks in found)


def readings(text: str) -> list[list[Token]]:
    """Every way the query can be read, as token lists; ``QueryError`` for what the check refuses outright.

    >>> [len(r) for r in readings("SELECT * WHERE { FILTER(?a<?b)#>\\n}")]
    [11, 9]
    """
    return [list(r) for r in _readings(text)]


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, or ``UPDATE`` for an update request."""
    forms = {_form(r) for r in _readings(text)}
    if "UPDATE" in forms:
        return "UPDATE"
    if len(forms) > 1:
        raise QueryError("refused: the query reads as more than one kind of query")
    return forms.pop()


def _form(toks: tuple[Token, ...]) -> str:
    for token in toks:
        keyword = token.keyword
        if keyword in _FORMS:
            return keyword
        if keyword in _UPDATE_WORDS:
            return "UPDATE"
    return "SELECT"


def is_update(text: str) -> bool:
    return query_form(text) == "UPDATE"


def unsafe_operations(text: str) -> list[str]:
    """Keywords that reach outside the store in any reading: ``SERVICE`` (a remote endpoint), ``LOAD`` (a URL)."""
    found = {t.keyword for r in _readings(text) for t in r if t.keyword in _UNSAFE}
    return [k for k in _UNSAFE if k in found]


def check(text: str) -> None:
    """Raise ``QueryError`` for a query the check refuses: unreadable as one thing, or reaching outside the store."""
    found = unsafe_operations(text)
    if found:
        raise QueryError(f"{' and '.join(found)} refused: newsgraph does not reach outside the store")


refuse_service = check


def _prefixes(toks: tuple[Token, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for index, token in enumerate(toks[:-2]):
        if token.keyword == "PREFIX" and toks[index + 1].kind == "pname" and toks[index + 2].kind == "iri":
            table[toks[index + 1].text.rstrip(":")] = toks[index + 2].text[1:-1]
    return table


def dataset_iris(text: str) -> list[str]:
    """The graph IRIs named by ``FROM`` and ``FROM NAMED`` in any reading (prefixed names expanded; an unknown
    prefix or a missing target is kept raw, so that it names no graph of the store)."""
    return list(_dataset_iris(text))


@lru_cache(maxsize=256)
def _dataset_iris(text: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for toks in _readings(text):
        prefixes = _prefixes(toks)
        for index, token in enumerate(toks):
            if token.keyword != "FROM":
                continue
            following = toks[index + 1 : index + 3]
            target = following[1] if len(following) > 1 and following[0].keyword == "NAMED" else None
            if target is None and following:
                target = following[0]
            if target is None:
                found[""] = None
            elif target.kind == "iri":
                found[target.text[1:-1]] = None
            elif target.kind == "pname":
                prefix, _, local = target.text.partition(":")
                found[prefixes[prefix] + local if prefix in prefixes else target.text] = None
            else:
                found[target.text] = None
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
    openings = {_opening(toks) for toks in _readings(text)}
    if len(openings) != 1 or None in openings:
        raise ValueError("no single top-level group to bind values in")
    cut = openings.pop() + 1  # type: ignore[operator]
    rows = " ".join(f"VALUES ?{name} {{ {_term(value)} }}" for name, value in bindings.items())
    return f"{text[:cut]} {rows}{text[cut:]}"


def _opening(toks: tuple[Token, ...]) -> int | None:
    depth = 0
    seen_where = _form(toks) != "CONSTRUCT"
    for token in toks:
        if token.keyword == "WHERE" and depth == 0:
            seen_where = True
        if token.text == "{":
            if depth == 0 and seen_where:
                return token.start
            depth += 1
        elif token.text == "}":
            depth -= 1
    return None


_POSITION = re.compile(r"\bat (\d+):(\d+)")


def explain_syntax_error(text: str, message: str) -> str:
    """Oxigraph's "error at 1:10: expected …" as the line of the query with a caret under the column.

    >>> print(explain_syntax_error("SELECT ?x WHERE { ?x ?y }", "error at 1:24: expected ."))
    error at 1:24: expected .
      SELECT ?x WHERE { ?x ?y }
                             ^
    """
    match = _POSITION.search(message)
    if match is None:
        return message
    line_no, column = int(match.group(1)), int(match.group(2))
    lines = text.splitlines() or [""]
    if not 1 <= line_no <= len(lines):
        return message
    line = lines[line_no - 1]
    shown = line.expandtabs(1)
    caret = " " * max(0, min(column - 1, len(shown))) + "^"
    return f"{message}\n  {shown}\n  {caret}"
