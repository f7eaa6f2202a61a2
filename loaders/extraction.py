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

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.errors import ArticleError
from newsgraph.loaders import _doc
from newsgraph.loaders._batch import batches
from newsgraph.loaders.article import Article
from newsgraph.loaders.claims import find_claims
from newsgraph.loaders.events import find_agreements, find_events
from newsgraph.loaders.lexicon import Lexicon
from newsgraph.loaders.nlp import BATCH_SIZE, load_model, model_name
from newsgraph.loaders.read import ErrorHandler
from newsgraph.loaders.resolve import resolve
from newsgraph.loaders.table import ActorTable
from newsgraph.ontology import DATA
from newsgraph.ontology.taxonomy import Taxonomy

__all__ = [
    "ActorRecord",
    "ClaimRecord",
    "EventRecord",
    "Extraction",
    "Extractor",
    "MentionRecord",
    "ParticipantRecord",
    "SentenceRecord",
    "extractor_version",
]

log = logging.getLogger(__name__)


def _surrogate_field(article: Article) -> str | None:
    """The first text field of an article that cannot be encoded as UTF-8 (lone surrogates), if any."""
    for name in ("text", "title", "url", "outlet", "source"):
        value = getattr(article, name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return name
    return None


@dataclass
class MentionRecord:
    text: str
    start: int
    end: int
    sentence: str


@dataclass
class ActorRecord:
    iri: str
    label: str
    type: str
    wikidata: str | None
    aliases: list[str]
    role: str | None
    mentions: list[MentionRecord]
    affiliation: str | None = None
    #: a news organisation: a source statements are reported by, kept out of centrality and communities
    outlet: bool = False


@dataclass
class ParticipantRecord:
    actor: str
    role: str
    iri: str


@dataclass
class EventRecord:
    iri: str
    type: str
    label: str
    date: str | None
    place: str | None
    participants: list[ParticipantRecord]
    sentence: str
    start: int
    end: int
    trigger: str
    date_text: str | None = None
    date_granularity: str | None = None
    place_iri: str | None = None
    agreement: str | None = None
    agreement_iri: str | None = None
    trigger_start: int = 0
    trigger_end: int = 0
    #: the finer type of the taxonomy (``verdict``, ``earthquake``…); ``type`` is its broad one of the eleven
    fine_type: str | None = None


@dataclass
class ClaimRecord:
    iri: str
    speaker: str | None
    about: str
    value: float | None
    min: float | None
    max: float | None
    approximate: bool
    unit: str | None
    date: str | None
    sentence: str
    start: int
    end: int
    quantity_text: str
    sentence_start: int
    sentence_end: int
    speaker_iri: str | None = None
    subject_iri: str | None = None


@dataclass
class SentenceRecord:
    start: int
    end: int
    text: str


@dataclass
class Extraction:
    """What newsgraph found in one article (the JSON of ``newsgraph extract``)."""

    article: Article
    actors: list[ActorRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    sentences: list[SentenceRecord] = field(default_factory=list)
    model: str = ""
    #: what made it: release, model and rules' data (``ng:extractorVersion``)
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape: article, actors, events, claims."""
        art = self.article
        return {
            "article": {
                "iri": art.iri,
                "title": art.title,
                "url": art.url,
                "published": art.published.isoformat() if art.published else None,
                "source": art.source,
                "outlet": art.outlet,
                "content_hash": art.content_hash,
            },
            "actors": [asdict(a) for a in self.actors],
            "events": [asdict(e) for e in self.events],
            "claims": [_claim_dict(c) for c in self.claims],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _claim_dict(claim: ClaimRecord) -> dict[str, Any]:
    data = asdict(claim)
    for key in ("value", "min", "max"):
        data[key] = _number(data[key])
    return data


#: the most characters one spaCy batch holds at once (memory grows with it)
BATCH_CHARS = 200_000
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


def extractor_version(model: str, *, actors: tuple[str, ...] = (), lexicon: str | None = None) -> str:
    """What made an article's graph (``ng:extractorVersion``): an article is extracted again when this changes.
    It names the newsgraph release, the model, and a digest of the rules' data (the packaged lexicons, word
    classes, event types and actor tables, a user's own actor tables and a user's lexicon in place of the
    packaged one), so that new rules or a new table reach the articles already stored.

    >>> extractor_version("en_core_web_sm").startswith("newsgraph ")
    True
    """
    from newsgraph._version import __version__

    return f"newsgraph {__version__}; spaCy model {model}; rules {_rules_digest(actors, lexicon)}"


@lru_cache(maxsize=8)
def _rules_digest(actors: tuple[str, ...], lexicon: str | None = None) -> str:
    import hashlib

    from newsgraph.ontology import ontology_path

    digest = hashlib.sha256()
    for name in ("lexicon.toml", "names.toml", "events.ttl", "actors.ttl", "institutions.ttl", "media.ttl",
                 "countries.ttl"):  # fmt: skip
        if name == "lexicon.toml" and lexicon is not None:
            digest.update(b"user lexicon\0" + lexicon.encode("utf-8"))
            continue
        digest.update(ontology_path(name).read_bytes())
    for text in actors:
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:12]


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


_LETTERS = re.compile(r"[^\W\d_]+")
#: languages whose spaCy stop-word lists the language check compares (Latin-script ones, and a few others)
_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ro", "hu", "tr",
              "id", "ca", "hr", "sk", "sl", "lt", "lv", "et", "ru", "uk")  # fmt: skip
_LATIN = {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ro", "hu", "tr", "id",
          "ca", "hr", "sk", "sl", "lt", "lv", "et"}  # fmt: skip


@lru_cache(maxsize=4)
def _stop_words(own: str) -> dict[str, frozenset[str]]:
    """spaCy's stop-word list of each compared language (and the model's own)."""
    import importlib

    out = {}
    for code in dict.fromkeys((own, *_LANGUAGES)):
        try:
            module = importlib.import_module(f"spacy.lang.{code}.stop_words")
        except ImportError:
            continue
        out[code] = frozenset(w.lower() for w in module.STOP_WORDS)
    return out


#: a text shorter than this is not judged; below this share of function words it is not the model's language
_LANGUAGE_MIN_WORDS = 15
_LANGUAGE_MIN_SHARE = 0.12
#: a text reads as another language only with this many different function words of it (one-letter words and
#: markup remnants such as "b" or "amp" are in some lists: a handful of them is not a language)
_LANGUAGE_MIN_DISTINCT = 6


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
    ) -> None:
        from newsgraph.loaders.lexicon import read_lexicon
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
        self.version = extractor_version(self.model_name, actors=self.actor_tables, lexicon=lexicon_text)
        self.taxonomy = Taxonomy.load()

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
                bad = _surrogate_field(article)
                if bad is not None:
                    fail(
                        article,
                        f"refused: its {bad} holds a lone surrogate (U+D800-U+DFFF), not a Unicode character;"
                        " RDF cannot store it",
                    )
                elif len(article.text) > self.nlp.max_length:
                    fail(
                        article,
                        f"skipped: {len(article.text):,} characters is over the {self.nlp.max_length:,}-character"
                        " limit of the spaCy model",
                    )
                elif (foreign := self._foreign(article.text)) is not None:
                    fail(article, foreign)
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

    def _foreign(self, text: str) -> str | None:
        """Why a text is not read, when it is in another language than the model's: it reads as that language
        (more of its words are that language's function words, from spaCy's stop-word lists, than the model's
        language's: "the", "of", "said" make a third of English news) or is written in another script. An English
        model would read any other language into junk actors; a model for the text's language (``--model``)
        reads it. Text that reads as no language (markup, lists of names) is not judged."""
        sample = text[:20_000]
        words = [w.lower() for w in _LETTERS.findall(sample)]
        words = [w for w in words if len(w) > 1]
        own = str(self.nlp.lang)
        letters = [c for c in sample if c.isalpha()]
        # another script: most letters are not Latin, and they make a text (words enough, or letters enough for
        # a script written without spaces, as Chinese); a few runs of symbols beside an English sentence do not
        foreign_words = sum(1 for w in words if not any("LATIN" in unicodedata.name(c, "") for c in w))
        foreign_letters = sum("LATIN" not in unicodedata.name(c, "") for c in letters)
        other_script = (
            own in _LATIN
            and (foreign_words >= _LANGUAGE_MIN_WORDS or foreign_letters >= 100)
            and foreign_letters > 0.5 * len(letters)
        )
        if len(words) < _LANGUAGE_MIN_WORDS and not other_script:
            return None
        shares = {
            code: sum(w in stop for w in words) / max(len(words), 1)
            for code, stop in _stop_words(own).items()
        }
        mine = shares.get(own, 0.0)
        best = max(shares, key=lambda code: shares[code])
        distinct = len(set(words) & _stop_words(own).get(best, frozenset()))
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
            f"skipped: the text {found}, not {language}, the language of the model {self.model_name}"
            f" ({mine:.0%} of its words are common {language} words; {language} news has"
            f" {_LANGUAGE_MIN_SHARE:.0%} or more): read it with a model for its language (--model; model= in Python)"
        )

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

    def _extract(self, doc: Any, article: Article) -> Extraction:
        found = _doc.settle(doc, article.text)
        res = resolve(doc, self.table, self.nlp, headline_end=_headline_end(doc, article))
        agreements = find_agreements(res, lexicon=self.lexicon)
        headline = _headline_length(article)
        found_events = find_events(
            res,
            anchor=article.published,
            agreements=agreements,
            lexicon=self.lexicon,
            taxonomy=self.taxonomy,
            headline=headline,
        )
        found_claims = find_claims(res, lexicon=self.lexicon)
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
        for actor in res.actors.values():
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
        events = []
        for n, event in enumerate(found_events):
            sent = event.sentence
            events.append(
                EventRecord(
                    iri=f"{base}{n}",
                    type=event.type,
                    label=event.label,
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
        for n, claim in enumerate(found_claims):
            sent = claim.sentence
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
                    date=None,
                    sentence=sentence_text[sent.start],
                    sentence_start=sent.start_char,
                    sentence_end=sentence_end[sent.start],
                    start=claim.start,
                    end=claim.end,
                    quantity_text=claim.quantity_text,
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
