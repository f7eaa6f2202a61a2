"""Names the model cut at "and": "California Department of Financial Protection" + "and Innovation", "Ministry of
Labour and" + "Social Policy" are one name when the parts after "of" run on in capitals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

if TYPE_CHECKING:
    from newsgraph.loaders.namewords import NameWords

__all__ = ["joined_at_and"]


def joined_at_and(spans: list[Span], words: NameWords) -> list[Span]:
    """An organisation's name with "of" in it that the model ended before "and" takes the capitalised words after
    "and" that are no name of their own (one to three: "Department of Financial Protection and Innovation"); one
    the model ended with "and" takes the short name of the model's that follows, when it has no head noun of its
    own ("Ministry of Labour and" + "Social Policy"). Two names joined by "and" ("Apple and Google", "the Bank of
    Kestrel and Barclays") stay two."""
    if not spans:
        return spans
    doc = spans[0].doc
    by_start = {s.start: s for s in spans}
    out: list[Span] = []
    skip: set[int] = set()
    for span in spans:
        if span.start in skip:
            continue
        if span.label_ != "ORG" or not any(t.lower_ == "of" for t in span[1:-1]):
            out.append(span)
            continue
        end = span.end
        ran_in = doc[end - 1].lower_ == "and"  # the model took "and" into the name: it runs on
        if not ran_in:
            if end >= len(doc) or doc[end].lower_ != "and":
                out.append(span)
                continue
            end += 1
        following = by_start.get(end)
        if following is not None and not ran_in:
            out.append(span)  # "the Bank of Kestrel and Barclays": two names
            continue
        if following is not None:
            own_head = any(words.has("organisation_heads", t.lower_) for t in following)
            if (
                following.label_ != "ORG"
                or own_head
                or len(following) > 3
                or any(t.lower_ == "of" for t in following)
            ):
                out.append(span)
                continue
            skip.add(following.start)
            out.append(Span(doc, span.start, following.end, label="ORG"))
            continue
        stop = end
        while stop < len(doc) and stop - end < 3 and doc[stop].is_alpha and doc[stop].text[:1].isupper():
            stop += 1
        if stop == end or (stop < len(doc) and doc[stop].text[:1].isupper()):
            out.append(span)
            continue
        out.append(Span(doc, span.start, stop, label="ORG"))
    return out
