"""Amounts of money in news text: "$44 billion", "€1.8bn", "RM42m", "5 billion yen", "2million Swiss francs",
"Rs 3 crore", with the amount in full and the currency.

Currencies come from the Unicode CLDR data that Babel ships (codes, English names, and the symbols each currency is
written with in the locales of the territories that use it), generated into ``ontology/currencies.toml`` by
``tools/generate_currencies.py``, so no currency table is typed here and no process reads CLDR's locale files. A
symbol two currencies share ("kr") names neither: the amount keeps the symbol as its unit. Scale words and their
short forms ("billion", "bn", "m", "crore") are the word classes ``scales`` and ``scale_abbreviations`` of
``ontology/words.toml``, because CLDR has none for running text.

>>> m = parse_money("$44 billion")
>>> m.amount, m.code, m.unit
(44000000000.0, 'USD', 'US dollars')
>>> [(x.amount, x.code) for x in find_money("fined RM42m, or about €8.7m, on Monday")]
[(42000000.0, 'MYR'), (8700000.0, 'EUR')]
>>> parse_money("5 billion yen").unit, parse_money("2million Swiss francs").amount
('Japanese yen', 2000000.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from newsgraph.errors import WordsError
from newsgraph.loaders._datafile import read_toml
from newsgraph.loaders.numbers import money_scales
from newsgraph.loaders.words import Words
from newsgraph.ontology import ontology_path

__all__ = ["Money", "currency_issuer", "find_money", "parse_money"]


@dataclass(frozen=True)
class Money:
    """An amount of money found in text: characters ``start``-``end``, the amount in full, the ISO 4217 code when
    the text names one currency, and the unit to show (the currency's English name, else the text's word)."""

    start: int
    end: int
    text: str
    amount: float
    code: str | None
    unit: str


@dataclass(frozen=True)
class _Currencies:
    by_symbol: dict[str, str | None]  # None: a symbol more than one currency uses
    by_name: dict[str, str]  # "": a word more than one currency is called by
    names: dict[str, str]  # code -> English plural name
    singular: dict[str, str]  # code -> English name of one
    pattern: re.Pattern[str]
    scales: dict[str, float]


@lru_cache(maxsize=4)
def _currencies(scale_items: tuple[tuple[str, float], ...]) -> _Currencies:
    data = read_toml(ontology_path("currencies.toml"), what="the currency table", error=WordsError)
    english_names: dict[str, list[str]] = data["names"]
    all_codes = list(english_names)
    names = {code: english_names[code][1] for code in all_codes}
    singular = {code: english_names[code][0] for code in all_codes}
    by_name: dict[str, str] = {}
    for code in all_codes:
        for name in english_names[code]:
            by_name[name.lower()] = code
        by_name[code.lower()] = code
    # the last word of a currency's name, when it is not also a unit of measure: "yen", "euros", "rupees"
    last_words: dict[str, set[str]] = {}
    for code in all_codes:
        for name in english_names[code]:
            last_words.setdefault(name.lower().split()[-1], set()).add(code)
    words_of = Words.load()
    not_currencies = words_of["not_currencies"]
    weak: dict[str, str] = {}  # "won", "pounds": a currency only after a scale word ("5 billion won")
    for word, codes in last_words.items():
        if word in by_name or not word.isalpha():
            continue
        target = weak if word in not_currencies else by_name
        target[word] = next(iter(codes)) if len(codes) == 1 else ""
    # English symbols first ("£" is the pound sterling, "¥" the yen); then the symbol each territory writes its
    # own currency with ("RM" in Malaysia, "Rs" in Pakistan), where English has none: the file's order
    symbols: dict[str, list[str]] = data["symbols"]
    by_symbol: dict[str, str | None] = {}
    for symbol, used_by in symbols.items():
        if len(symbol) == 1 and symbol.isalpha():
            continue  # "R", "K": a lone letter is not a currency sign in running text
        by_symbol[symbol] = used_by[0] if len(used_by) == 1 else None
    by_symbol["$"] = "USD"  # English text: the bare dollar sign is the US dollar
    # the signs the English-language press writes that CLDR does not ("C$" is the Canadian dollar there, not the
    # cordoba; "S$", "Mex$"): the word class currency_signs
    by_symbol.update(words_of.table("currency_signs"))
    signs = sorted(by_symbol, key=len, reverse=True)
    words = sorted(by_name, key=len, reverse=True)
    scales = dict(scale_items)
    scale = "|".join(sorted(map(re.escape, scales), key=len, reverse=True))
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    # a sign of letters ("CHF", "RM", "Rs") is one only in its own case: "all 40 passengers" is no Albanian lek
    sign = "|".join(re.escape(s) if not s.isalpha() else f"(?-i:{re.escape(s)})" for s in signs)
    word = "|".join(re.escape(w) for w in words)
    code = "|".join(sorted(all_codes))
    weak_word = "|".join(re.escape(w) for w in sorted(weak, key=len, reverse=True))
    pattern = re.compile(
        # a hyphen joins them in an adjective: "a $5.5-billion plan", "a 1.8-billion-euro fine"
        rf"(?<![\w$])(?:(?P<sign>{sign})\s?(?P<n1>{number})(?:[\s-]?(?P<s1>{scale})\b)?"
        # an ISO code before the amount, in capitals: "USD 40 million", "EUR 5m"
        rf"|(?-i:(?P<code>{code}))\s(?P<n3>{number})(?:[\s-]?(?P<s3>{scale})\b)?"
        # a currency word that is also a common word, after a scale word only: "5 billion won"
        rf"|(?P<n4>{number})[\s-]?(?P<s4>{scale})\s(?P<weak>{weak_word})\b(?!\s+of\b)"
        rf"|(?P<n2>{number})[\s-]?(?:(?P<s2>{scale})[\s-]?)?(?:of\s)?(?P<word>{word})\b)",
        re.IGNORECASE,
    )
    return _Currencies(by_symbol, {**by_name, **weak}, names, singular, pattern, scales)


def _amount(table: _Currencies, number: str, scale: str | None) -> float:
    value = Decimal(number.replace(",", ""))
    return float(value * Decimal(table.scales[scale.lower()])) if scale else float(value)


def find_money(text: str, *, words: Words | None = None) -> list[Money]:
    """Every amount of money in ``text``, in order (scale words from ``words``, the packaged classes by default)."""
    table = _currencies(tuple(sorted(money_scales(words or Words.load()).items())))
    out = []
    for match in table.pattern.finditer(text):
        if match.group("sign") is not None:
            sign = match.group("sign")
            code = table.by_symbol.get(sign) if sign in table.by_symbol else table.by_symbol.get(sign.upper())
            if sign not in table.by_symbol and sign.upper() not in table.by_symbol:
                continue
            amount = _amount(table, match.group("n1"), match.group("s1"))
            unit = table.names.get(code, sign) if code else sign
        elif match.group("code") is not None:
            code = match.group("code")
            amount = _amount(table, match.group("n3"), match.group("s3"))
            unit = table.names.get(code, code)
        elif match.group("weak") is not None:
            weak = match.group("weak").lower()
            code = table.by_name.get(weak) or None
            unit = table.names.get(code, weak) if code else weak
            amount = _amount(table, match.group("n4"), match.group("s4"))
        else:
            word = match.group("word").lower()
            if word not in table.by_name:
                continue
            code = table.by_name[word] or None  # "": a word several currencies end in ("dollars", "rupees")
            unit = table.names.get(code, word) if code else word
            amount = _amount(table, match.group("n2"), match.group("s2"))
        out.append(Money(match.start(), match.end(), match.group(0), amount, code, unit))
    return out


def parse_money(text: str) -> Money | None:
    """The first amount of money in ``text``, if any."""
    found = find_money(text)
    return found[0] if found else None


def currency_issuer(code: str) -> str:
    """The words of a currency's English name before its unit, which name the state that issues it ("" when the
    name has none: a supranational or a historical unit).

    >>> currency_issuer("GBP"), currency_issuer("KRW"), currency_issuer("EUR")
    ('British', 'South Korean', '')
    """
    table = _currencies(tuple(sorted(money_scales(Words.load()).items())))
    name = table.singular.get(code, "")
    if "(" in name:
        return ""  # "Argentine peso (1983–1985)": a unit no state issues today
    return " ".join(name.split()[:-1])
