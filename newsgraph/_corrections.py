"""The correction methods of ``KnowledgeGraph``: merge, split, retype, rename, alias, hide, undo, and the log.

Each takes the actor by any name it goes by (its label, an alias, a surname, its IRI: ``graph.lookup``), records
the correction in the store with who made it and when, and applies it at once to every stored article that names
the actor, without extracting them again (``graph.curation``). A correction that would change nothing is refused,
saying why, and nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from newsgraph.errors import ActorNotFoundError, NewsgraphError

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from newsgraph.graph.curation import Correction
    from newsgraph.graph.lookup import FoundActor
    from newsgraph.graph.store import AnyStore
    from newsgraph.loaders import Extraction, Extractor

__all__ = ["Applied", "Corrections"]


@dataclass(frozen=True)
class Applied:
    """A correction made (or undone), and the stored articles it rewrote."""

    correction: Correction
    articles: list[str] = field(default_factory=list)


class Corrections:
    """Mixed into ``KnowledgeGraph``; relies on its ``_writing``, ``_reading`` and ``extractor``."""

    if TYPE_CHECKING:

        def _writing(self, method: str) -> AbstractContextManager[AnyStore]: ...
        def _reading(self) -> AnyStore: ...
        @property
        def extractor(self) -> Extractor: ...

    # ------------------------------------------------------------------ reading
    def find_actor(self, name: str) -> FoundActor:
        """The actor a name means: its label or an alias (any case), a surname, or its IRI (``graph.lookup``).

        >>> from newsgraph import KnowledgeGraph
        >>> KnowledgeGraph.open(None).find_actor("Nobody")
        Traceback (most recent call last):
        ...
        newsgraph.errors.ActorNotFoundError: actor='Nobody': no actor in the store goes by that name
        """
        from newsgraph.graph.lookup import find_actor

        return find_actor(self._reading(), name, parameter="actor")

    def corrections(self) -> list[Correction]:
        """Every correction made in this store, in the order they apply (undone ones too, marked so)."""
        from newsgraph.graph.curation import corrections

        return corrections(self._reading())

    def actor_table(self) -> str:
        """The store's corrections as a user actor table (Turtle, the ``--actors`` format): ``ingest --actors`` and
        ``extract --actors`` with it make the same corrections elsewhere."""
        from newsgraph.graph.curation import actor_table

        return actor_table(self.corrections())

    # ------------------------------------------------------------------ correcting
    def merge(self, actor: str, into: str, *, note: str | None = None, by: str | None = None) -> Applied:
        """``actor`` and ``into`` are one: every mention, role and figure of ``actor`` becomes ``into``'s, and its
        names stay as ``into``'s aliases (so they still find it)."""
        from newsgraph.graph.lookup import find_actor

        def make(store: AnyStore, found: FoundActor) -> dict[str, Any]:
            target = find_actor(store, into, parameter="into")
            if target.iri == found.iri:
                raise NewsgraphError(
                    f"merge(actor={actor!r}, into={into!r}): both name {found.label}; nothing to merge"
                )
            return {
                "into": target.iri,
                "target_label": target.label,
                "target_type": target.type,
                "target_wikidata": _wikidata(store, target.iri),
            }

        return self._correct("merge", actor, make, note=note, by=by)

    def split(
        self,
        actor: str,
        name: str,
        *,
        mentions: Iterable[str] = (),
        articles: Iterable[str] = (),
        type: str | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> Applied:
        """Some mentions of ``actor`` are another actor, ``name``: those written as one of ``mentions`` (any
        case), in the ``articles`` given (an IRI, a headline, a URL or a source file name), or both. What their
        sentences say of ``actor`` (a role, a figure) goes with them."""
        from newsgraph.graph.lookup import actor_rows
        from newsgraph.loaders.table import slug
        from newsgraph.ontology import DATA

        texts = tuple(m.strip() for m in mentions if m.strip())
        wanted = [a for a in articles if a.strip()]
        if not name.strip():
            raise NewsgraphError("split(name=''): give the name of the actor the mentions belong to")
        if not texts and not wanted:
            raise NewsgraphError(
                f"split({actor!r}, {name!r}): say which mentions are {name}: mentions=[...] (as written), articles=[...], or both"
            )

        def make(store: AnyStore, found: FoundActor) -> dict[str, Any]:
            iri = str(DATA[f"actor/{slug(name)}"])
            if iri == found.iri:
                raise NewsgraphError(
                    f"split(name={name!r}): that is {found.label} itself; give the other actor's name"
                )
            existing = actor_rows(store).get(iri)
            kind = _actor_type(type, "type") if type else (existing.type if existing else found.type)
            return {
                "into": iri,
                "target_label": existing.label if existing and not type else name.strip(),
                "target_type": kind,
                "texts": texts,
                "articles": tuple(_find_articles(store, wanted)),
            }

        return self._correct("split", actor, make, note=note, by=by)

    def retype(self, actor: str, type: str, *, note: str | None = None, by: str | None = None) -> Applied:
        """``actor`` is of another type: Person, Organization, Country, Place or Agreement."""
        kind = _actor_type(type, "type")
        return self._correct("retype", actor, lambda store, found: {"target_type": kind}, note=note, by=by)

    def rename(self, actor: str, label: str, *, note: str | None = None, by: str | None = None) -> Applied:
        """``actor`` is called ``label``; its old label stays as an alias."""
        if not label.strip():
            raise NewsgraphError("rename(label=''): give the new label")
        return self._correct("rename", actor, lambda s, f: {"target_label": label.strip()}, note=note, by=by)

    def alias(self, actor: str, name: str, *, note: str | None = None, by: str | None = None) -> Applied:
        """``name`` is another name of ``actor``: commands and queries find it by that name too."""
        if not name.strip():
            raise NewsgraphError("alias(name=''): give the name")
        return self._correct("alias", actor, lambda s, f: {"name": name.strip()}, note=note, by=by)

    def hide(self, actor: str, *, note: str | None = None, by: str | None = None) -> Applied:
        """``actor`` is no actor (page junk, a misreading): it leaves every article, with its roles; the events
        and figures it was part of stay."""
        return self._correct("hide", actor, lambda s, f: {}, note=note, by=by)

    def undo(self, number: int | None = None, *, by: str | None = None) -> Applied:
        """Withdraw a correction (the last one still in force when ``number`` is None). It stays in the log,
        marked undone with who and when; the articles it changed are extracted again from their stored text and
        the other corrections applied to them."""
        from newsgraph.graph.curation import (
            affected_articles,
            corrections,
            current_user,
            now,
            reapply,
            record,
        )

        with self._writing("undo") as store:
            every = corrections(store)
            active = [c for c in every if c.active]
            if number is None:
                if not active:
                    raise NewsgraphError("undo(): there is no correction to undo")
                chosen = active[-1]
            else:
                found = [c for c in every if c.number == number]
                if not found:
                    known = ", ".join(str(c.number) for c in every) or "none"
                    raise NewsgraphError(f"undo(number={number}): no such correction (made: {known})")
                chosen = found[0]
                if not chosen.active:
                    raise NewsgraphError(f"undo(number={number}): undone already, at {chosen.undone_at}")
            undone = replace(chosen, undone_at=now(), undone_by=by or current_user())
            every = [undone if c.number == chosen.number else c for c in every]
            touched = sorted(
                set(_curated_by(store, chosen.number)) | set(affected_articles(store, _iris(chosen)))
            )
            record(store, every)
            extractor = self.extractor
            changed = reapply(store, every, touched, extract=lambda e: _again(extractor, e))
            return Applied(undone, changed)

    def reapply(self) -> Applied | None:
        """Apply every correction to every stored article again (after an ``import`` of another store's
        corrections, or a crash between recording a correction and rewriting the articles)."""
        from newsgraph.graph.curation import corrections, reapply

        with self._writing("reapply") as store:
            every = corrections(store)
            if not every:
                return None
            changed = reapply(store, every, store.named_graphs())
            return Applied(every[-1], changed)

    # ------------------------------------------------------------------ the common part
    def _correct(self, action: str, actor: str, make: Any, *, note: str | None, by: str | None) -> Applied:
        from newsgraph.graph.curation import (
            Correction,
            affected_articles,
            corrections,
            current_user,
            now,
            reapply,
            record,
        )
        from newsgraph.graph.lookup import find_actor

        with self._writing(action) as store:
            found = find_actor(store, actor, parameter="actor")
            fields = make(store, found)
            every = corrections(store)
            number = max((c.number for c in every), default=0) + 1
            made = Correction(
                number, action, found.iri, found.label, found.type,  # type: ignore[arg-type]
                by=by or current_user(), at=now(), note=note, **fields,
            )  # fmt: skip
            touched = affected_articles(store, _iris(made))
            if not _changes(store, [*every, made], touched):
                raise NewsgraphError(f"{made.describe()}: that changes nothing{_why_not(made, found)}")
            record(store, [*every, made])  # the fact first; then each article, one transaction each
            changed = reapply(store, [*every, made], touched)
            return Applied(made, changed)


def _iris(c: Correction) -> list[str]:
    return [c.actor, *([c.into] if c.into else [])]


def _changes(store: AnyStore, every: list[Correction], articles: list[str]) -> bool:
    """Whether the corrections change any of these stored articles (tried on their records, nothing written)."""
    from newsgraph.graph._readback import read_back
    from newsgraph.graph.curation import _graph_quads, curated_quads

    for iri in articles:
        quads = _graph_quads(store, iri)
        back = read_back(iri, quads) if quads else None
        if back is not None and set(curated_quads(back.extraction, every, kept=back.curated)) - set(quads):
            return True
    return False


def _why_not(c: Correction, found: FoundActor) -> str:
    if c.action == "retype":
        article = "an" if found.type[:1] in "AEIOU" else "a"
        return f" ({found.label} is {article} {found.type} already)"
    if c.action == "rename":
        return f" ({found.label} is its label already)"
    if c.action == "alias":
        return f" ({c.name!r} is a name of {found.label} already)"
    if c.action == "split":
        return (
            f" (no mention of {found.label} is written {' or '.join(repr(t) for t in c.texts) or 'so'} there)"
        )
    return ""


def _actor_type(value: str, parameter: str) -> str:
    from newsgraph.graph.curation import ACTOR_TYPES

    for kind in ACTOR_TYPES:
        if kind.lower() == value.strip().lower() or (
            kind == "Organization" and value.lower() == "organisation"
        ):
            return kind
    raise NewsgraphError(f"{parameter}={value!r}: not an actor type; use {', '.join(ACTOR_TYPES)}")


def _wikidata(store: AnyStore, iri: str) -> str | None:
    from newsgraph.queries import bind_params, load_query

    text = load_query("actor-wikidata").text
    return next(
        (str(row["wikidata"].value) for row in store.query(text, bind_params(text, {"actor": iri}))), None
    )


def _find_articles(store: AnyStore, wanted: list[str]) -> list[str]:
    """Articles by IRI, headline, URL or source file (its name or path), each matching exactly one article."""
    from pathlib import PurePath

    from newsgraph.graph.analysis import article_index

    index = article_index(store)
    found = []
    for value in wanted:
        key = value.strip().casefold()
        matches = [
            iri
            for iri, meta in index.items()
            if key
            in {iri.casefold(), (meta.get("title") or "").casefold(), (meta.get("url") or "").casefold()}
            or (
                meta.get("source")
                and key in {meta["source"].casefold(), PurePath(meta["source"]).name.casefold()}
            )
        ]
        if len(matches) != 1:
            said = "no article" if not matches else f"{len(matches)} articles"
            raise ActorNotFoundError(
                f"articles={value!r}: {said} goes by that (give an article's IRI, headline, URL or file name)",
                parameter="articles",
                name=value,
                candidates=[],
            )
        found.append(matches[0])
    return sorted(set(found))


def _curated_by(store: AnyStore, number: int) -> list[str]:
    from newsgraph.graph.curation import _CORRECTION
    from newsgraph.queries import bind_params, load_query

    text = load_query("curated-articles").text
    rows = store.query(text, bind_params(text, {"correction": f"{_CORRECTION}{number}"}))
    return [row["article"].value for row in rows]


def _again(extractor: Extractor, stored: Extraction) -> Extraction:
    """An article extracted again from the text its graph holds."""
    return extractor.extract(stored.article)
