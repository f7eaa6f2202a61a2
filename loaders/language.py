"""The language check: a text in another language than the model's is not read (an English model would read any
other language into junk actors), with a reason that points to ``--model``.

>>> foreign_reason("The minister said on Monday that the talks would go on next week in Geneva.", "en", "m") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

__all__ = ["foreign_reason"]

_LETTERS = re.compile(r"[^\W\d_]+")
#: languages whose spaCy stop-word lists the language check compares (Latin-script ones, and a few others)
_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ro", "hu", "tr",
              "id", "ca", "hr", "sk", "sl", "lt", "lv", "et", "ru", "uk")  # fmt: skip
_LATIN = {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ro", "hu", "tr", "id",
          "ca", "hr", "sk", "sl", "lt", "lv", "et"}  # fmt: skip


@lru_cache(maxsize=4)
def _stop_words(own: str) -> dict[str, frozenset[str]]:
    """spaCy's stop-word list of each compared language (and the model's own).

    Each list is read from its own file, ``spacy/lang/CODE/stop_words.py``, without importing the language's
    package: importing ``spacy.lang.fr`` compiles its tokenizer exceptions, seconds of every process's start.
    """
    import importlib.util
    import runpy

    spec = importlib.util.find_spec("spacy.lang")
    folders = [Path(p) for p in (spec.submodule_search_locations or [])] if spec is not None else []
    out = {}
    for code in dict.fromkeys((own, *_LANGUAGES)):
        path = next(
            (f / code / "stop_words.py" for f in folders if (f / code / "stop_words.py").is_file()), None
        )
        if path is None:
            continue
        out[code] = frozenset(w.lower() for w in runpy.run_path(str(path))["STOP_WORDS"])
    return out


#: a text shorter than this is not judged; below this share of function words it is not the model's language
_LANGUAGE_MIN_WORDS = 15
_LANGUAGE_MIN_SHARE = 0.12
#: a text reads as another language only with this many different function words of it (one-letter words and
#: markup remnants such as "b" or "amp" are in some lists: a handful of them is not a language)
_LANGUAGE_MIN_DISTINCT = 6


def foreign_reason(text: str, own: str, model: str) -> str | None:
    """Why a text is not read, when it is in another language than the model's: it reads as that language
    (more of its words are that language's function words, from spaCy's stop-word lists, than the model's
    language's: "the", "of", "said" make a third of English news) or is written in another script. An English
    model would read any other language into junk actors; a model for the text's language (``--model``)
    reads it. Text that reads as no language (markup, lists of names) is not judged."""
    sample = text[:20_000]
    words = [w.lower() for w in _LETTERS.findall(sample)]
    words = [w for w in words if len(w) > 1]
    # each different character and word is judged once, and counted as often as it occurs
    latin: dict[str, bool] = {}

    def is_latin(char: str) -> bool:
        found = latin.get(char)
        if found is None:
            found = latin[char] = "LATIN" in unicodedata.name(char, "")
        return found

    letters = {c: n for c, n in Counter(sample).items() if c.isalpha()}
    counted = Counter(words)
    # another script: most letters are not Latin, and they make a text (words enough, or letters enough for
    # a script written without spaces, as Chinese); a few runs of symbols beside an English sentence do not
    foreign_words = sum(n for w, n in counted.items() if not any(is_latin(c) for c in w))
    foreign_letters = sum(n for c, n in letters.items() if not is_latin(c))
    other_script = (
        own in _LATIN
        and (foreign_words >= _LANGUAGE_MIN_WORDS or foreign_letters >= 100)
        and foreign_letters > 0.5 * sum(letters.values())
    )
    if len(words) < _LANGUAGE_MIN_WORDS and not other_script:
        return None
    shares = {
        code: sum(n for w, n in counted.items() if w in stop) / max(len(words), 1)
        for code, stop in _stop_words(own).items()
    }
    mine = shares.get(own, 0.0)
    best = max(shares, key=lambda code: shares[code])
    distinct = len(counted.keys() & _stop_words(own).get(best, frozenset()))
    if not other_script and (
        best == own
        or shares[best] < _LANGUAGE_MIN_SHARE
        or mine >= _LANGUAGE_MIN_SHARE
        or distinct < _LANGUAGE_MIN_DISTINCT
    ):
        return None
    from babel import Locale

    names = Locale("en").languages
    language = names.get(own, own)
    found = "is in another script" if other_script else f"reads as {names.get(best, best)}"
    return (
        f"skipped: the text {found}, not {language}, the language of the model {model}"
        f" ({mine:.0%} of its words are common {language} words; {language} news has"
        f" {_LANGUAGE_MIN_SHARE:.0%} or more): read it with a model for its language (--model; model= in Python)"
    )
