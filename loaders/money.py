"""Amounts of money in news text: "$44 billion", "€1.8bn", "RM42m", "5 billion yen", "2million Swiss francs",
"Rs 3 crore", with the amount in full and the currency.

Currencies come from the Unicode CLDR data that Babel ships (codes, English names, and the symbols each currency is
written with in the locales of the territories that use it), so no currency table is typed here. A symbol two
currencies share ("kr") names neither: the amount keeps the symbol as its unit. Scale words and their short forms
("billion", "bn", "m", "crore") are the one list, because CLDR has none for running text.

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

__all__ = ["Money", "find_money", "parse_money"]

#: scale words as news writes them, with their short forms
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
    "crores": 1e7,
}  # fmt: skip


#: last words of currency names that are also units of measure ("2,000 pounds of explosives")
_NOT_CURRENCY = {"pound", "pounds", "mark", "marks", "won"}


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
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _currencies() -> _Currencies:
    from babel import Locale, localedata
    from babel.core import get_global
    from babel.numbers import get_currency_name

    english = Locale("en")
    all_codes = [str(code) for code in english.currencies]
    names = {code: get_currency_name(code, count=2, locale="en") for code in all_codes}
    by_name: dict[str, str] = {}
    for code in all_codes:
        for count in (1, 2):
            by_name[get_currency_name(code, count=count, locale="en").lower()] = code
        by_name[code.lower()] = code
    # the last word of a currency's name, when it is not also a unit of measure: "yen", "euros", "rupees"
    last_words: dict[str, set[str]] = {}
    for code in all_codes:
        for count in (1, 2):
            last = get_currency_name(code, count=count, locale="en").lower().split()[-1]
            last_words.setdefault(last, set()).add(code)
    for word, codes in last_words.items():
        if word not in by_name and word not in _NOT_CURRENCY and word.isalpha():
            by_name[word] = next(iter(codes)) if len(codes) == 1 else ""
    # English symbols first ("£" is the pound sterling, "¥" the yen); then the symbol each territory writes its
    # own currency with ("RM" in Malaysia, "Rs" in Pakistan), where English has none
    symbols: dict[str, set[str]] = {}
    for code, symbol in english.currency_symbols.items():
        symbols.setdefault(symbol, set()).add(code)
    english_symbols = set(symbols)
    available = set(localedata.locale_identifiers())
    spoken = get_global("territory_languages")
    for territory, entries in get_global("territory_currencies").items():
        current = [e[0] for e in entries if e[2] is None and e[3]]  # tender today
        if not current:
            continue
        languages = sorted(
            spoken.get(territory, {}).items(), key=lambda kv: -kv[1].get("population_percent", 0)
        )
        idents = [f"en_{territory}", *(f"{lang}_{territory}" for lang, _ in languages[:1])]
        for ident in idents:
            if ident not in available:
                continue
            symbol = Locale.parse(ident).currency_symbols.get(current[0])
            if symbol and symbol != current[0] and symbol not in english_symbols:
                symbols.setdefault(symbol, set()).add(current[0])
    by_symbol: dict[str, str | None] = {}
    for symbol, codes in symbols.items():
        if len(symbol) == 1 and symbol.isalpha():
            continue  # "R", "K": a lone letter is not a currency sign in running text
        by_symbol[symbol] = next(iter(codes)) if len(codes) == 1 else None
    by_symbol["$"] = "USD"  # English text: the bare dollar sign is the US dollar
    signs = sorted(by_symbol, key=len, reverse=True)
    words = sorted(by_name, key=len, reverse=True)
    scale = "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True))
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    sign = "|".join(re.escape(s) for s in signs)
    word = "|".join(re.escape(w) for w in words)
    pattern = re.compile(
        # a hyphen joins them in an adjective: "a $5.5-billion plan", "a 1.8-billion-euro fine"
        rf"(?<![\w$])(?:(?P<sign>{sign})\s?(?P<n1>{number})(?:[\s-]?(?P<s1>{scale})\b)?"
        rf"|(?P<n2>{number})[\s-]?(?:(?P<s2>{scale})[\s-]?)?(?:of\s)?(?P<word>{word})\b)",
        re.IGNORECASE,
    )
    return _Currencies(by_symbol, by_name, names, pattern)


def _amount(number: str, scale: str | None) -> float:
    value = Decimal(number.replace(",", ""))
    return float(value * Decimal(SCALES[scale.lower()])) if scale else float(value)


def find_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, in order."""
    table = _currencies()
    out = []
    for match in table.pattern.finditer(text):
        if match.group("sign") is not None:
            sign = match.group("sign")
            code = table.by_symbol.get(sign) if sign in table.by_symbol else table.by_symbol.get(sign.upper())
            if sign not in table.by_symbol and sign.upper() not in table.by_symbol:
                continue
            amount = _amount(match.group("n1"), match.group("s1"))
            unit = table.names.get(code, sign) if code else sign
        else:
            word = match.group("word").lower()
            if word not in table.by_name:
                continue
            code = table.by_name[word] or None  # "": a word several currencies end in ("dollars", "rupees")
            unit = table.names.get(code, word) if code else word
            amount = _amount(match.group("n2"), match.group("s2"))
        out.append(Money(match.start(), match.end(), match.group(0), amount, code, unit))
    return out


def parse_money(text: str) -> Money | None:
    """The first amount of money in ``text``, if any."""
    found = find_money(text)
    return found[0] if found else None
