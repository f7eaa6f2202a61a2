"""Sources the model missed: the proper nouns right after "according to" name who is cited (rule
``names_after_according_to``), an organisation unless the model's own label says otherwise."""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["names_after_according_to"]


def names_after_according_to(doc: Doc, found: list[Span]) -> list[Span]:
    """``found`` with a name added for each run of proper nouns after "according to" (an optional "the" before
    it) that no span of ``found`` covers: "according to OceanGate, …".

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("According to OceanGate , the sub has air .")
    >>> for t, pos in zip(doc, ["VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "NOUN", "PUNCT"]):
    ...     t.pos_ = pos
    >>> [(s.text, s.label_) for s in names_after_according_to(doc, [])]
    [('OceanGate', 'ORG')]
    """
    taken = {i for s in found for i in range(s.start, s.end)}
    added: list[Span] = []
    for token in doc[:-2]:
        if token.lower_ != "according" or doc[token.i + 1].lower_ != "to":
            continue
        start = token.i + 2
        if start < len(doc) and doc[start].lower_ == "the":
            start += 1
        end = start
        while (
            end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and end not in taken
        ):
            end += 1
        if end > start and not any(i in taken for i in range(start, end)):
            added.append(Span(doc, start, end, label="ORG"))
    return sorted([*found, *added], key=lambda s: s.start)
