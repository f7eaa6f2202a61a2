"""Names the model cut or ran on at a joining word: "California Department of Financial Protection" + "and
Innovation", "Ministry of Labour and" + "Social Policy" are one name when the parts after "of" run on in capitals;
"Federal Circuit" + "and Family Court" one name before one head; "Government as Supreme Court" two names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsgraph.loaders._labels import NAMES

if TYPE_CHECKING:
    from newsgraph.loaders.namewords import NameWords

__all__ = ["cut_at_subordinators", "joined_at_and", "joined_before_a_head"]


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


def joined_before_a_head(spans: list[Span], words: NameWords) -> list[Span]:
    """ "the Federal Circuit and Family Court", "the Weather and Tides Bureau": an organisation's name that ends in
    its head noun (name class ``organisation_heads``) after "and" takes the one to three capitalised words before
    "and" that have no head of their own and are no other kind of name (rule ``names_joined_before_their_head``);
    "Apple and Google" and "the Kestrel Bank and Barclays Bank" stay two."""
    if not spans:
        return spans
    doc = spans[0].doc
    by_end = {s.end: s for s in spans}
    joined: dict[int, Span] = {}
    dropped: set[int] = set()
    for span in spans:
        if (
            span.label_ != "ORG"
            or span.start < 2
            or not words.has("organisation_heads", span[-1].lower_)
            or doc[span.start - 1].lower_ != "and"
        ):
            continue
        start = span.start - 1
        while start > 0 and span.start - 1 - start < 3 and _capital_word(doc[start - 1]):
            start -= 1
        before = doc[start : span.start - 1]
        if not before or any(words.has("organisation_heads", t.lower_) for t in before):
            continue
        if start > 0 and _capital_word(doc[start - 1]):
            continue  # more capitalised words than a name's part: a list of names
        other = by_end.get(span.start - 1)
        if other is not None and (other.start != start or other.label_ not in {"ORG", "PERSON"}):
            continue  # "France and the Netherlands Bureau": a place of its own
        if other is not None:
            dropped.add(other.start)
        joined[span.start] = Span(doc, start, span.end, label="ORG")
    return [joined.get(s.start, s) for s in spans if s.start not in dropped]


def _capital_word(token: Token) -> bool:
    """A capitalised word that may be part of a name: not "The" or "A" opening a sentence."""
    return token.is_alpha and token.text[:1].isupper() and token.pos_ != "DET"


def cut_at_subordinators(spans: list[Span], words: NameWords) -> list[Span]:
    """A name the model ran over a word that opens a clause (name class ``subordinators``: "Government as Supreme
    Court" in a headline) is the names on either side of it, each that begins with a capital (rule
    ``names_run_over_a_clause``)."""
    out: list[Span] = []
    for span in spans:
        cuts = [t.i for t in span[1:-1] if t.is_lower and words.has("subordinators", t.lower_)]
        if not cuts or span.label_ not in NAMES:
            out.append(span)
            continue
        doc = span.doc
        for start, end in zip([span.start, *[c + 1 for c in cuts]], [*cuts, span.end], strict=True):
            if end > start and doc[start].text[:1].isupper():
                out.append(Span(doc, start, end, label=span.label_))
    return out
