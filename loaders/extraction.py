"""From articles to ``Extraction`` records: the prediction step, kept apart from writing triples.

``Extractor.pipe`` streams articles through spaCy in batches and yields one ``Extraction`` per article; an article
that fails goes to the ``on_error`` handler and the stream goes on.

>>> from newsgraph.loaders import Article, Extractor
>>> text = "Talks in Hanoi\\n\\nPresident Vladimir Putin met Kim Jong Un in Pyongyang in June 2024, officials said."
>>> (extraction,) = Extractor().pipe([Article(text=text, source="example")])
>>> sorted(a.label for a in extraction.actors if a.type == "Person")
['Kim Jong Un', 'Vladimir Putin']
>>> [(e.type, e.date) for e in extraction.events if e.type == "meeting"]
[('meeting', '2024-06')]
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import ArticleError
from newsgraph.loaders import _doc
from newsgraph.loaders._batch import batches
from newsgraph.loaders.article import Article
from newsgraph.loaders.claims import find_claims
from newsgraph.loaders.events import find_agreements, find_events
from newsgraph.loaders.found import event_label
from newsgraph.loaders.language import foreign_reason
from newsgraph.loaders.lexicon import Lexicon
from newsgraph.loaders.measures import happening_of
from newsgraph.loaders.names import NameWords
from newsgraph.loaders.nlp import load_model
from newsgraph.loaders.read import ErrorHandler
from newsgraph.loaders.records import (
    ActorRecord,
    ClaimRecord,
    EventRecord,
    Extraction,
    MentionRecord,
    ParticipantRecord,
    SentenceRecord,
)
from newsgraph.loaders.resolve import resolve
from newsgraph.loaders.rules import Registry, Rules
from newsgraph.loaders.setup import BATCH_CHARS, BATCH_SIZE, ExtractorSetup, extractor_version, model_name
from newsgraph.loaders.table import ActorTable
from newsgraph.loaders.words import Words
from newsgraph.ontology import DATA
from newsgraph.ontology.taxonomy import Taxonomy

__all__ = [
    "ActorRecord",
    "ClaimRecord",
    "EventRecord",
    "Extraction",
    "Extractor",
    "ExtractorSetup",
    "MentionRecord",
    "ParticipantRecord",
    "SentenceRecord",
    "extractor_version",
]

log = logging.getLogger(__name__)


def _surrogate_field(article: Article) -> str | None:
    """The first text field of an article that cannot be encoded as UTF-8 (lone surrogates), if any."""
    from dataclasses import fields

    for name in (f.name for f in fields(article)):
        value = getattr(article, name)
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return name
    return None


#: an article longer than this is parsed in pieces of about this size (744 MB for 170 kB in one piece, 256 MB)
PIECE_CHARS = 20_000


def _pieces(text: str, size: int) -> Iterator[str]:
    r"""``text`` cut into pieces of about ``size`` characters that join back to it exactly: at a paragraph break
    when there is one, else at a line break or a space (never inside a word).

    >>> parts = list(_pieces("one two.\n\nthree four five.\n\nsix.", 10))
    >>> parts, "".join(parts) == "one two.\n\nthree four five.\n\nsix."
    (['one two.\n\n', 'three four five.\n\n', 'six.'], True)
    """
    start = 0
    while len(text) - start > size:
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = text.rfind(mark, start + size // 2, start + 2 * size)
            if found >= 0:
                cut = found + len(mark)
                break
        if cut <= start:
            cut = start + size  # no break at all: a hard cut
        yield text[start:cut]
        start = cut
    if start < len(text):
        yield text[start:]


def _headline_length(article: Article) -> int:
    """How long the headline that opens the article's text is: its title; without one, a first paragraph that
    reads as a headline (at most 30 words, no full stop at its end), else 0 (a page with no headline line starts
    with its first paragraph).

    >>> _headline_length(Article(text="Talks resume\\n\\nThe two sides met.", source="t"))
    12
    >>> _headline_length(Article(text="The two sides met on Monday.\\n\\nThey agreed.", source="t"))
    0
    """
    if article.title:
        return len(article.title) if article.text.startswith(article.title) else 0
    first = article.text.split("\n\n", 1)[0]
    if "\n\n" not in article.text or len(first.split()) > 30 or first.rstrip().endswith("."):
        return 0
    return len(first)


def _headline_end(doc: Any, article: Article) -> int:
    """The first token after the article's headline when it is set in title case ("Scotland Vowing Aid": capitals
    that make no name), else 0."""
    if not article.title or not article.text.startswith(article.title):
        return 0
    words = [w for w in article.title.split() if len(w) > 3 and w[:1].isalpha()]
    if not words or sum(w[:1].isupper() for w in words) < 0.6 * len(words):
        return 0
    span = doc.char_span(0, len(article.title), alignment_mode="expand")
    return int(span.end) if span is not None and span.end < len(doc) else 0


class Extractor:
    """Runs the extraction steps over a stream of articles.

    The spaCy model (``model``, default ``en_core_web_sm``) and the actor table are loaded once; ``actors`` are a
    user's own actor table files (Turtle, the format of ``ontology/actors.ttl``) added to the packaged one, and
    ``actor_tables`` the same given as text; ``lexicon`` is a lexicon in place of the packaged one (a
    ``Lexicon``, or a file in the format of ``ontology/lexicon.toml``), ``lexicon_text`` the same given as text.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        table: ActorTable | None = None,
        lexicon: Lexicon | str | Path | None = None,
        actors: tuple[str | Path, ...] = (),
        actor_tables: tuple[str, ...] = (),
        lexicon_text: str | None = None,
        names: NameWords | str | Path | None = None,
        names_text: str | None = None,
        without: Iterable[str] = (),
    ) -> None:
        from newsgraph.loaders.lexicon import read_lexicon
        from newsgraph.loaders.names import read_names
        from newsgraph.loaders.table import read_table

        self.model_name = model_name(model)
        self.nlp = load_model(self.model_name)
        self.actor_tables = (*actor_tables, *(read_table(p) for p in actors))
        self.table = table or ActorTable.with_texts(*self.actor_tables)
        if lexicon is not None and not isinstance(lexicon, Lexicon):
            lexicon_text = read_lexicon(lexicon)
        self.lexicon_text = lexicon_text
        if isinstance(lexicon, Lexicon):
            self.lexicon = lexicon
        elif lexicon_text is not None:
            self.lexicon = Lexicon.from_text(lexicon_text, source=str(lexicon or "lexicon"))
        else:
            self.lexicon = Lexicon.load()
        if names is not None and not isinstance(names, NameWords):
            names_text = read_names(names)
        self.names_text = names_text
        if isinstance(names, NameWords):
            name_words = names
        elif names_text is not None:
            name_words = NameWords.from_text(names_text, source=str(names or "names"))
        else:
            name_words = NameWords.load()
        registry = Registry.load()
        off = registry.check(without)
        #: what makes this extractor, as text a worker on another machine can rebuild it from
        self.setup = ExtractorSetup(model, self.actor_tables, lexicon_text, names_text, tuple(sorted(off)))
        self.version = extractor_version(
            self.model_name, actors=self.actor_tables, lexicon=lexicon_text, names=names_text, without=off
        )
        self.taxonomy = Taxonomy.load()
        #: the one context of every extraction: what the rules know and which rules are off
        self.rules = Rules(
            lexicon=self.lexicon,
            names=name_words,
            words=Words.load(),
            taxonomy=self.taxonomy,
            table=self.table,
            off=off,
        )

    @classmethod
    def from_setup(cls, setup: ExtractorSetup) -> Extractor:
        """An extractor made as ``setup`` says (what a worker process builds)."""
        return cls(
            model=setup.model,
            actor_tables=setup.actor_tables,
            lexicon_text=setup.lexicon_text,
            names_text=setup.names_text,
            without=setup.without,
        )

    def pipe(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = BATCH_SIZE,
        on_error: ErrorHandler | None = None,
        on_progress: Callable[[Article, int, int], None] | None = None,
    ) -> Iterator[Extraction]:
        """Yield one ``Extraction`` per article; a failing article goes to ``on_error`` (default: raise).

        Articles longer than the model's ``max_length`` (spaCy's limit, 1,000,000 characters) are refused before
        parsing. If spaCy fails on a batch, its articles are parsed one at a time, so only the bad one is lost.
        Memory stays bounded: a batch holds at most ``BATCH_CHARS`` characters, and an article longer than
        ``PIECE_CHARS`` is parsed in pieces cut at paragraph breaks (then joined into one ``Doc``, offsets
        unchanged); ``on_progress(article, characters_done, characters)`` is told after each piece.
        """

        def fail(article: Article, reason: str, exc: BaseException | None = None) -> None:
            failure = ArticleError(article.source, reason)
            if on_error is None:
                if exc is not None:
                    raise failure from exc
                raise failure
            on_error(failure)

        for batch in batches(articles, batch_size, weight=lambda a: len(a.text), most=BATCH_CHARS):
            ready: list[Article] = []
            for article in batch:
                refused = self._refusal(article)
                if refused is not None:
                    fail(article, refused)
                else:
                    ready.append(article)
            for article, doc in self._parse(ready, batch_size, fail, on_progress):
                try:
                    yield self._extract(doc, article)
                except ArticleError as error:
                    if on_error is None:
                        raise
                    on_error(error)
                except Exception as exc:  # one bad article must not lose the others
                    log.debug("extraction failed for %s", article.source, exc_info=True)
                    fail(article, f"extraction failed: {type(exc).__name__}: {exc}", exc)

    def _refusal(self, article: Article) -> str | None:
        """Why an article is not parsed (a lone surrogate, over the model's length, another language), if it is not."""
        bad = _surrogate_field(article)
        if bad is not None:
            return (
                f"refused: its {bad} holds a lone surrogate (U+D800-U+DFFF), not a Unicode character;"
                " RDF cannot store it"
            )
        if len(article.text) > self.nlp.max_length:
            return (
                f"skipped: {len(article.text):,} characters is over the {self.nlp.max_length:,}-character"
                " limit of the spaCy model"
            )
        return self._foreign(article.text)

    def _foreign(self, text: str) -> str | None:
        """Why a text is not read, when it is in another language than the model's (see ``language``)."""
        return foreign_reason(text, str(self.nlp.lang), self.model_name)

    def _parse(
        self, batch: list[Article], batch_size: int, fail: Any, on_progress: Any = None
    ) -> Iterator[tuple[Article, Any]]:
        short: list[Article] = []
        for article in batch:
            if len(article.text) <= PIECE_CHARS:
                short.append(article)
                continue
            yield from self._parse_short(short, batch_size, fail)
            short = []
            try:
                doc = self._parse_long(article, on_progress)
            except Exception as exc:
                fail(article, f"spaCy could not parse it: {type(exc).__name__}: {exc}", exc)
                continue
            yield article, doc
        yield from self._parse_short(short, batch_size, fail)

    def _parse_long(self, article: Article, on_progress: Any) -> Any:
        from spacy.tokens import Doc

        pieces = list(_pieces(article.text, PIECE_CHARS))
        docs = []
        done = 0
        for piece, doc in zip(pieces, self.nlp.pipe(pieces, batch_size=1), strict=True):
            docs.append(doc)
            done += len(piece)
            if on_progress is not None:
                on_progress(article, done, len(article.text))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _parse_short(self, batch: list[Article], batch_size: int, fail: Any) -> Iterator[tuple[Article, Any]]:
        if not batch:
            return
        try:
            docs = list(self.nlp.pipe((a.text for a in batch), batch_size=batch_size))
        except Exception:  # spaCy failed somewhere in the batch: find the article, keep the rest
            log.debug("a spaCy batch failed; parsing its articles one by one", exc_info=True)
            for article in batch:
                try:
                    doc = self.nlp(article.text)
                except Exception as exc:
                    fail(article, f"spaCy could not parse it: {type(exc).__name__}: {exc}", exc)
                    continue
                yield article, doc
            return
        yield from zip(batch, docs, strict=True)

    def extract(self, article: Article) -> Extraction:
        """Extract one article."""
        (result,) = self.pipe([article])
        return result

    def _extract(self, doc: Any, article: Article, rules: Rules | None = None) -> Extraction:
        rules = rules or self.rules
        found = _doc.settle(doc, article.text)
        res = resolve(doc, rules, self.nlp, headline_end=_headline_end(doc, article))
        agreements = find_agreements(res)
        headline = _headline_length(article)
        found_events = find_events(res, anchor=article.anchor, agreements=agreements, headline=headline)
        found_claims = find_claims(res, anchor=article.anchor)
        sentence_text: dict[int, str] = {}
        sentence_end: dict[int, int] = {}
        for s in found:  # each sentence's Span.text, sliced rather than joined from its tokens
            raw = article.text[s.start_char : s.end_char]
            sentence_text[s.start] = raw.strip()
            sentence_end[s.start] = s.start_char + len(raw.rstrip())
        records = [SentenceRecord(s.start_char, sentence_end[s.start], sentence_text[s.start]) for s in found]
        by_index = list(sentence_text.values())

        actors = []
        outlets = {a.iri for a in res.actors.values() if a.table is not None and a.table.media}
        outlets |= {a.iri for e in found_events for a, role in e.participants if role == "outlet"}
        used = {a.iri for e in found_events for a, _ in e.participants}
        used |= {e.place.iri for e in found_events if e.place is not None}
        used |= {c.speaker.iri for c in found_claims if c.speaker is not None}
        for actor in [*res.actors.values(), *res.looked_up.values()]:
            if not actor.mentions and actor.iri not in used:
                continue
            actors.append(
                ActorRecord(
                    iri=actor.iri,
                    label=actor.label,
                    type=actor.type,
                    wikidata=actor.wikidata,
                    aliases=list(actor.aliases),
                    role=actor.role or (actor.table.role if actor.table else None),
                    mentions=[
                        MentionRecord(m.text, m.start, m.end, by_index[m.sentence]) for m in actor.mentions
                    ],
                    affiliation=actor.affiliation,
                    outlet=actor.iri in outlets,
                )
            )
        actors.sort(key=lambda a: (a.mentions[0].start if a.mentions else 10**9, a.label))

        base = str(DATA[f"event/{article.key}-"])
        roles = rules.words.ordered("label_roles")
        events = []
        for n, event in enumerate(found_events):
            sent = event.sentence
            events.append(
                EventRecord(
                    iri=f"{base}{n}",
                    type=event.type,
                    label=event_label(event, roles),
                    date=event.date.iso if event.date else None,
                    date_text=event.date.text if event.date else None,
                    date_granularity=event.date.granularity if event.date else None,
                    place=event.place.label if event.place else None,
                    place_iri=event.place.iri if event.place else None,
                    participants=[ParticipantRecord(a.label, role, a.iri) for a, role in event.participants],
                    sentence=sentence_text[sent.start],
                    start=sent.start_char,
                    end=sentence_end[sent.start],
                    trigger=event.trigger.text,
                    trigger_start=event.trigger.idx,
                    trigger_end=event.trigger.idx + len(event.trigger.text),
                    agreement=event.agreement.label if event.agreement else None,
                    agreement_iri=event.agreement.iri if event.agreement else None,
                    fine_type=event.fine,
                )
            )

        claim_base = str(DATA[f"claim/{article.key}-"])
        claims = []
        event_iri = {id(e): f"{base}{n}" for n, e in enumerate(found_events)}
        for n, claim in enumerate(found_claims):
            sent = claim.sentence
            if rules.on("figure_happenings"):
                claim.happening = happening_of(claim, found_events)
            happening = claim.happening
            claims.append(
                ClaimRecord(
                    iri=f"{claim_base}{n}",
                    speaker=claim.speaker.label if claim.speaker else None,
                    speaker_iri=claim.speaker.iri if claim.speaker else None,
                    subject_iri=claim.subject_actor.iri if claim.subject_actor else None,
                    about=claim.about,
                    value=claim.value,
                    min=claim.min,
                    max=claim.max,
                    approximate=claim.approximate,
                    unit=claim.unit,
                    date=claim.date.iso if claim.date is not None else None,
                    date_text=claim.date.text if claim.date is not None else None,
                    date_granularity=claim.date.granularity if claim.date is not None else None,
                    sentence=sentence_text[sent.start],
                    sentence_start=sent.start_char,
                    sentence_end=sentence_end[sent.start],
                    start=claim.start,
                    end=claim.end,
                    quantity_text=claim.quantity_text,
                    measure=claim.measure,
                    counts=claim.counts,
                    happening_iri=event_iri[id(happening)] if happening is not None else None,
                    happening=event_label(happening, roles) if happening is not None else None,
                    subject=claim.subject_actor.label if claim.subject_actor else None,
                    status=claim.status,
                    part=claim.part,
                    earlier=claim.earlier,
                    later=claim.later,
                    base_unit=claim.base_unit,
                    base_factor=claim.base_factor,
                )
            )
        return Extraction(
            article=article,
            actors=actors,
            events=events,
            claims=claims,
            sentences=records,
            model=self.model_name,
            version=self.version,
        )
