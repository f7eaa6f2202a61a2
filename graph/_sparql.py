"""The SPARQL check: a query is parsed, judged on its parse, and the store is sent the parse written back out.

Earlier checks looked for ``SERVICE``, ``LOAD`` and ``FROM`` in a token stream that had to read text the way
Oxigraph does, and each attack found another place where the two read differently (a keyword glued to the next
token, a ``<`` read as an IRI by one and as less-than by the other). This check does not mimic anyone's reading:

1. the query is parsed by the SPARQL 1.1 grammar (``sparql.lark``: the W3C Recommendation's productions, read by
   lark's LALR parser, linear in the length of the query);
2. it is refused when the parse holds a ``SERVICE`` pattern or a ``LOAD`` operation; ``FROM``, ``FROM NAMED`` and
   ``USING`` graphs are reported (``Checked.dataset``) for the server to refuse those the store does not hold;
3. the store is sent the parse written back out, one canonical token after another (``Checked.text``): keywords
   whole and upper-case, prefixed names expanded to full IRIs, strings re-escaped, variables as ``?name``, spaces
   between tokens and no comments. In that text nothing is glued, escaped outside a string, commented out or
   ambiguous, so any SPARQL parser, Oxigraph's included, reads the tokens this check read. The text is parsed once
   more and must give the same tokens, or the query is refused.

So the store never sees text the check did not read: a spelling that fools the check changes the query the
check approved, not the query the store runs. A query over ``MAX_CHARS`` characters is refused before it is
parsed, nesting deeper than ``MAX_DEPTH`` or more than ``MAX_CHAIN`` operators after (Oxigraph's recursive parser
overflows its stack at about 3,000 nested braces or 10,000 chained operators).

The packaged named queries are the project's own text (``tests/robustness`` checks each one) and are sent as
written, which keeps them free of the parse.

Why a grammar of our own and not rdflib's parser: rdflib's re-serialisation (``translateAlgebra``) does not give
back 7 of the 18 named queries, its parser overflows Python's stack at 25 nested parentheses and takes 1 s for a
chain of 1,000 additions; pyoxigraph exposes no parser.

>>> check("PREFIX ex: <http://e/> SELECT ?s WHERE { ?s ex:service 'x' } # note").text
'SELECT ?s WHERE { ?s <http://e/service> "x" }'
>>> check('SELECT * WHERE { FILTER(?a<?b)SERVICESILENT#>\\n<http://x/> { ?s ?p ?o } }')
Traceback (most recent call last):
...
newsgraph.errors.QueryError: refused: SERVICE would reach outside the store
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pyoxigraph as ox

from newsgraph.errors import QueryError

__all__ = [
    "MAX_CHAIN",
    "MAX_CHARS",
    "MAX_DEPTH",
    "Checked",
    "check",
    "explain_syntax_error",
    "trusted",
]

#: the longest query parsed (the server's default body limit): the parse is linear, so this bounds its time
MAX_CHARS = 1_048_576
#: deepest nesting of ( { [ accepted (Oxigraph's recursive parser overflows its stack at about 3,000)
MAX_DEPTH = 128
#: most operators, joins and pattern keywords accepted in one query (10,000 chained ones overflow the stack)
MAX_CHAIN = 2_000

_UNSAFE = {"service_graph_pattern": "SERVICE", "load": "LOAD"}
_FORMS = {
    "select_query": "SELECT",
    "ask_query": "ASK",
    "construct_query": "CONSTRUCT",
    "describe_query": "DESCRIBE",
}
_OPEN, _CLOSE = set("({["), set(")}]")
_CHAIN = {"||", "&&", "+", "-", "*", "/", "|", "^", "!", "=", "!=", "<", ">", "<=", ">=", ".", ";", ","}
_CHAIN_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "EXISTS", "GRAPH", "VALUES", "SELECT"}
_NUMBERS = {
    "INTEGER",
    "DECIMAL",
    "DOUBLE",
    "INTEGER_POSITIVE",
    "DECIMAL_POSITIVE",
    "DOUBLE_POSITIVE",
    "INTEGER_NEGATIVE",
    "DECIMAL_NEGATIVE",
    "DOUBLE_NEGATIVE",
}
_STRINGS = {"STRING_LITERAL1", "STRING_LITERAL2", "STRING_LITERAL_LONG1", "STRING_LITERAL_LONG2"}
_IRIS = {"IRIREF", "PNAME_LN", "PNAME_NS"}
_IRI = re.compile(r"[^<>\"{}|^`\\\x00-\x20]*")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_WRITE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Checked:
    """A query the check let through: ``text`` is what the store is sent."""

    text: str
    #: SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE
    form: str
    #: graphs named by FROM, FROM NAMED and USING (USING NAMED), in order
    dataset: tuple[str, ...] = ()
    #: offset in ``text`` of the "{" opening the top-level group (None: none to bind values in)
    opening: int | None = None

    def with_values(
        self, bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple]
    ) -> str:
        """The text with ``VALUES`` rows binding each variable, at the start of the top-level group.

        This is how values reach a SPARQL server that has no substitution API. The terms are serialised by
        pyoxigraph (so a value can never close the term it sits in), and placed where the whole top-level group
        sees them: a named query uses its parameters only in that group and its projection.

        >>> check("SELECT ?x_param WHERE { ?s ?p ?x_param }").with_values({"x_param": ox.Literal('a" } DROP ALL #')})
        'SELECT ?x_param WHERE { VALUES ?x_param { "a\\\\" } DROP ALL #" } ?s ?p ?x_param }'
        """
        if not bindings:
            return self.text
        if self.opening is None:
            raise ValueError("no single top-level group to bind values in")
        cut = self.opening + 1
        rows = " ".join(f"VALUES ?{name} {{ {_term(value)} }}" for name, value in bindings.items())
        return f"{self.text[:cut]} {rows}{self.text[cut:]}"


def _term(value: ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple) -> str:
    if isinstance(value, ox.BlankNode):
        raise ValueError("a blank node cannot be bound in a query sent to a server")
    # pyoxigraph writes terms in N-Triples syntax, with every quote, backslash and newline escaped.
    return str(value)


@cache
def _parser() -> Any:
    """The LALR parser of ``sparql.lark`` (built once per process: about 0.6 s)."""
    from importlib import resources

    import lark

    grammar = resources.files("newsgraph.graph").joinpath("sparql.lark").read_text(encoding="utf-8")
    return lark.Lark(grammar, start=["query", "update"], parser="lalr", keep_all_tokens=True)


@cache
def _named_texts() -> dict[str, str]:
    """The packaged named queries' texts (and the queries counting their rows), each with its form."""
    from newsgraph.queries import count_text, list_queries

    forms = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)
    found = {}
    for named in list_queries():
        match = forms.search(named.text)
        if match is not None:
            found[named.text] = match.group(1).upper()
        counting = count_text(named)  # the total of a page of its rows (also the project's own text)
        if counting is not None:
            found[counting] = "SELECT"
    return found


def trusted(text: str) -> Checked | None:
    """A packaged named query as it is (the project's own text), or None for any other text."""
    form = _named_texts().get(text)
    return None if form is None else Checked(text, form, (), None)


def _refuse(message: str) -> QueryError:
    return QueryError(f"refused: {message}")


def check(
    text: str, *, update: bool = False, prefixes: tuple[tuple[str, str], ...] = (), trust: bool = True
) -> Checked:
    """Parse ``text`` as a query (``update=True``: an update request) and return what the store is to be sent.

    ``prefixes`` are declared before the text's own (an rdflib dataset's namespaces). ``trust=False`` parses a
    named query too (to bind values in its text). ``QueryError`` for what does not parse, reaches outside the store
    (``SERVICE``, ``LOAD``), is too long or too deep, or is an update given as a query.
    """
    named = None if update or prefixes or not trust else trusted(text)
    if named is not None:
        return named
    # the same queries come back again and again: short ones are kept by the hundred, long ones two at a time
    cached = _check_short if len(text) <= 65_536 else _check_long
    return cached(text, update, prefixes)


def _check(text: str, update: bool, prefixes: tuple[tuple[str, str], ...]) -> Checked:
    if len(text) > MAX_CHARS:
        raise _refuse(f"the query is over the {MAX_CHARS:,}-character limit")
    tree = _parse(text, "update" if update else "query")
    checked = _Writer(dict(prefixes)).write(tree)
    _limits(checked.tokens)
    again = _Writer().write(_parse(checked.text, "update" if update else "query"))
    if again.tokens != checked.tokens:  # the written text must read back as the same tokens
        raise _refuse("the query does not read back the same once written out")
    return checked.result


_check_short = lru_cache(maxsize=256)(_check)
_check_long = lru_cache(maxsize=2)(_check)


def _parse(text: str, start: str) -> Any:
    import lark

    try:
        return _parser().parse(text, start=start)
    except lark.exceptions.UnexpectedInput as exc:
        if start == "query":
            try:
                _parser().parse(text, start="update")
            except lark.exceptions.UnexpectedInput:
                pass
            else:
                raise QueryError(
                    "an update was sent as a query; send it as an update (update=, application/sparql-update)"
                ) from None
        at = int(getattr(exc, "pos_in_stream", None) or 0)
        if isinstance(exc, lark.exceptions.UnexpectedCharacters) and text[at : at + 1] == "\\":
            raise _refuse(
                f"escapes are accepted only inside string literals (at {exc.line}:{exc.column})"
            ) from None
        raise QueryError(f"malformed SPARQL: {explain_syntax_error(text, _describe(exc, text))}") from None


def _describe(exc: Any, text: str) -> str:
    import lark

    line, column = getattr(exc, "line", 0), getattr(exc, "column", 0)
    if isinstance(exc, lark.exceptions.UnexpectedCharacters):
        at = int(exc.pos_in_stream or 0)
        what = f"unexpected {text[at : at + 1] or 'end'!r}"
    elif isinstance(exc, lark.exceptions.UnexpectedEOF) or getattr(exc, "token", None) in (None, "$END"):
        what = "unexpected end of the query"
        line, column = text.count("\n") + 1, len(text) - text.rfind("\n")
    else:
        what = f"unexpected {str(exc.token)[:40]!r}"
    expected = sorted(_shown(name) for name in getattr(exc, "expected", None) or ())
    hint = f"; expected one of: {', '.join(expected[:8])}" if expected else ""
    return f"error at {line}:{column}: {what}{hint}"


def _shown(terminal: str) -> str:
    try:
        pattern = _parser().get_terminal(terminal).pattern
    except KeyError:
        return terminal
    return pattern.value.upper() if pattern.type == "str" else terminal


def _limits(tokens: list[str]) -> None:
    depth = chain = 0
    for token in tokens:
        if token in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise _refuse(f"nested deeper than {MAX_DEPTH} levels")
        elif token in _CLOSE:
            depth -= 1
        # a signed number after an operand ("1+1+1" is 1, +1, +1) is an addition too
        if token in _CHAIN or token in _CHAIN_WORDS or (token[0] in "+-" and len(token) > 1):
            chain += 1
            if chain > MAX_CHAIN:
                raise _refuse(f"more than {MAX_CHAIN:,} operators and patterns")


@cache
def _names() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Variable names and blank node labels exactly as the Recommendation spells them (the grammar's own classes
    are looser, to keep its lexer quick to build): what the store is sent passes these."""
    base = (
        "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
        "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
    )
    more = "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
    variable = re.compile(f"[{base}_0-9][{base}_0-9\u00b7\u0300-\u036f\u203f-\u2040]*")
    label = re.compile(f"_:[{base}_0-9](?:[{base}_{more}.]*[{base}_{more}])?")
    return variable, label


class _Written:
    def __init__(self, tokens: list[str], result: Checked) -> None:
        self.tokens = tokens
        self.result = result

    @property
    def text(self) -> str:
        return self.result.text


class _Writer:
    """Writes a parse tree back out as canonical tokens, noting what the check needs on the way."""

    def __init__(self, prefixes: dict[str, str] | None = None) -> None:
        self.prefixes: dict[str, str] = dict(prefixes or {})
        self.relative_prefix = False
        self.tokens: list[str] = []
        self.pieces: list[str] = []
        self.length = 0
        self.glue = False
        self.line = 1
        self.form = "UPDATE"
        self.dataset: list[str] = []
        self.opening: int | None = None
        self.awaiting = False

    def write(self, tree: Any) -> _Written:
        import lark

        stack: list[Any] = [tree]
        while stack:
            node = stack.pop()
            if node is _MARK:
                self.awaiting = True
                continue
            if isinstance(node, lark.Token):
                self._token(node)
                continue
            rule = node.data
            if rule in _UNSAFE:
                raise _refuse(f"{_UNSAFE[rule]} would reach outside the store")
            if rule == "prefix_decl":
                self._prefix(node.children[1], node.children[2])
                continue
            if rule == "base_decl" and self.relative_prefix:
                raise _refuse("BASE after a prefix with a relative IRI: declare BASE first")
            if rule in _FORMS:
                self.form = _FORMS[rule]
            elif rule in {"dataset_clause", "using_clause", "named_graph_clause"}:
                last = node.children[-1]
                if isinstance(last, lark.Token) and last.type in _IRIS:
                    self.dataset.append(self._iri(last)[1:-1])
            stack.extend(reversed(node.children))
            if rule == "where_clause" and self.opening is None:
                stack.append(_MARK)
        if self.form == "UPDATE" and self.tokens[-1:] == [";"]:  # an empty last request: Oxigraph reads none
            self.tokens.pop()
            self.pieces.pop()
        text = "".join(self.pieces).rstrip()
        return _Written(self.tokens, Checked(text, self.form, tuple(self.dataset), self.opening))

    def _emit(self, token: str, *, line: int | None = None, glue: bool = False) -> None:
        if self.pieces and not glue and not self.glue:
            separator = "\n" * (line - self.line) if line is not None and line > self.line else " "
            self.pieces.append(separator)
            self.length += len(separator)
        if line is not None and line > self.line:
            self.line = line
        self.pieces.append(token)
        self.length += len(token)
        self.tokens.append(token)
        self.glue = False

    def _token(self, token: Any) -> None:
        kind, value, line = token.type, str(token), token.line
        if kind in _IRIS:
            self._emit(self._iri(token), line=line)
        elif kind in {"VAR1", "VAR2"}:
            if not _names()[0].fullmatch(value[1:]):
                raise _refuse(f"{value!r} is not a variable name SPARQL allows")
            self._emit("?" + value[1:], line=line)
        elif kind == "BLANK_NODE_LABEL":
            if not _names()[1].fullmatch(value):
                raise _refuse(f"{value!r} is not a blank node label SPARQL allows")
            self._emit(value, line=line)
        elif kind in _STRINGS:
            self._emit(_string(value), line=line)
        elif kind == "LANGTAG":
            self._emit(value, glue=True)
        elif kind in _NUMBERS:
            self._emit(value, line=line)
        elif kind == "NIL":
            self._emit("()", line=line, glue=self._call())
        elif kind == "ANON":
            self._emit("[]", line=line)
        elif kind == "BOOLEAN":
            self._emit(value.lower(), line=line)
        elif value == "^^":
            self._emit("^^", glue=True)
            self.glue = True
        elif value == "{" and self.awaiting:
            self.awaiting = False
            self._emit("{", line=line)
            self.opening = self.length - 1
        elif value == "a":
            self._emit("a", line=line)
        elif value == "(":
            self._emit("(", line=line, glue=self._call())
        else:  # a keyword, a built-in function's name, or punctuation
            self._emit(value.upper(), line=line)

    def _call(self) -> bool:
        """Whether a "(" follows a function's name or IRI: Oxigraph reads ``STR (?x)`` only without the space."""
        last = self.tokens[-1] if self.tokens else ""
        return last.startswith("<") or (last.isupper() and last.replace("_", "").isalnum())

    def _prefix(self, name: Any, iri: Any) -> None:
        value = str(iri)[1:-1]
        self.prefixes[str(name)[:-1]] = value
        if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
            self.relative_prefix = True

    def _iri(self, token: Any) -> str:
        value = str(token)
        if token.type == "IRIREF":
            return value
        prefix, _, local = value.partition(":")
        if prefix not in self.prefixes:
            raise QueryError(
                f"malformed SPARQL: error at {token.line}:{token.column}: prefix {prefix!r} is not declared"
            )
        iri = self.prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
        if not _IRI.fullmatch(iri):
            raise _refuse(f"{value!r} does not expand to an IRI")
        return f"<{iri}>"


#: put before a top-level WHERE clause's children: its first "{" opens the group values are bound in
_MARK = object()


def _string(token: str) -> str:
    """A string literal as its value, written again with the only escapes every reader agrees on."""
    quote = token[:3] if token[:3] in {"'''", '"""'} else token[0]
    inner = token[len(quote) : -len(quote)]

    def decode(match: re.Match[str]) -> str:
        digits = match.group(1) or match.group(2)
        if digits is None:
            return _ECHAR[match.group(3)]
        point = int(digits, 16)
        if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
            raise _refuse(f"{match.group()!r} is not a Unicode character")
        return chr(point)

    value = _ESCAPE.sub(decode, inner)
    return '"' + "".join(_WRITE.get(char, char) for char in value) + '"'


_POSITION = re.compile(r"\bat (\d+):(\d+)")


def explain_syntax_error(text: str, message: str) -> str:
    """A parser's "error at 1:10: expected …" as the line of the query with a caret under the column.

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
    shown = lines[line_no - 1].expandtabs(1)
    start = max(0, min(column - 1, len(shown)) - 60)  # a long line is shown around the column
    window = shown[start : start + 120]
    caret = " " * max(0, min(column - 1, len(shown)) - start) + "^"
    return f"{message}\n  {window}\n  {caret}"
