"""Corrections applied to an article's ``Extraction`` records: the one place a merge, split, retype, rename, alias
or hide changes what extraction found. Ingest applies them to each new article before writing it; the store
applies them to the articles it holds by reading each graph back (``_readback``) and writing it again. The same
function on the same records gives the same graph, so a correction holds whichever way an article came in.

Corrections apply in the order they were made, each to what the ones before it left; applying them to records they
have already been applied to changes nothing (a merged actor is gone, a renamed one has its name), so the whole
list can always be applied again.

>>> from newsgraph.loaders import Article, Extractor
>>> text = "Summit ends\\n\\nPresident Vladimir Putin met Kim Jong Un in Pyongyang in June 2024, officials said."
>>> extraction = Extractor().extract(Article(text=text, source="example"))
>>> putin = next(a.iri for a in extraction.actors if a.label == "Vladimir Putin")
>>> fix = Correction(1, "rename", putin, "Vladimir Putin", "Person", target_label="Vladimir V. Putin")
>>> curated, changed = apply_corrections(extraction, [fix])
>>> changed, [e.label for e in curated.events if e.type == "meeting"]
([1], ['meeting: Vladimir V. Putin and Kim Jong Un in Pyongyang, 2024-06'])
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Literal

from newsgraph.loaders.dates import label_date
from newsgraph.loaders.records import ActorRecord, Extraction
from newsgraph.loaders.table import normalize_name
from newsgraph.ontology.taxonomy import Taxonomy

__all__ = ["ACTIONS", "ACTOR_TYPES", "Action", "Correction", "apply_corrections"]

Action = Literal["merge", "split", "retype", "rename", "alias", "hide"]
ACTIONS: tuple[Action, ...] = ("merge", "split", "retype", "rename", "alias", "hide")
#: the types an actor may be given
ACTOR_TYPES = ("Person", "Organization", "Country", "Place", "Agreement")


@dataclass(frozen=True)
class Correction:
    """One correction, as the user made it: what it changes, who made it and when.

    ``actor`` is the IRI corrected, with the ``label`` and ``type`` it had then. A merge names the actor it joins
    (``into``, with its ``target_label``, ``target_type`` and ``target_wikidata``); a split the new actor
    (``into``, ``target_label``, ``target_type``) and which mentions go to it (``texts``: mentions written so;
    ``articles``: in these articles; either empty means every one); a retype the ``target_type``; a rename the
    ``target_label``; an alias the ``name`` added.
    """

    number: int
    action: Action
    actor: str
    label: str
    type: str
    into: str | None = None
    target_label: str | None = None
    target_type: str | None = None
    target_wikidata: str | None = None
    name: str | None = None
    texts: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    by: str = ""
    at: str = ""
    note: str | None = None
    #: when it was undone, and by whom (an undone correction is kept, and no longer applied)
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def describe(self) -> str:
        """One line: "merge Kim into Kim Jong Un"."""
        what = {
            "merge": f"merge {self.label} into {self.target_label}",
            "split": f"split {self.target_label} off {self.label}"
            + (f" (mentions {', '.join(repr(t) for t in self.texts)})" if self.texts else "")
            + (
                f" (in {len(self.articles)} article{'s' if len(self.articles) != 1 else ''})"
                if self.articles
                else ""
            ),
            "retype": f"retype {self.label} from {self.type} to {self.target_type}",
            "rename": f"rename {self.label} to {self.target_label}",
            "alias": f"alias {self.name!r} for {self.label}",
            "hide": f"hide {self.label} ({self.type})",
        }[self.action]
        return what


def _actor(extraction: Extraction, iri: str) -> ActorRecord | None:
    return next((a for a in extraction.actors if a.iri == iri), None)


def _referenced(extraction: Extraction, iri: str) -> bool:
    return (
        any(p.iri == iri for e in extraction.events for p in e.participants)
        or any(iri in (e.place_iri, e.agreement_iri) for e in extraction.events)
        or any(iri in (c.speaker_iri, c.subject_iri) for c in extraction.claims)
        or any(a.affiliation == iri for a in extraction.actors)
    )


def _add_name(record: ActorRecord, name: str) -> None:
    if name and name != record.label and name not in record.aliases:
        record.aliases.append(name)


def _relabel(extraction: Extraction, iri: str, label: str) -> set[str]:
    """Every reference to ``iri`` says ``label``; the events touched."""
    touched = set()
    for event in extraction.events:
        for participant in event.participants:
            if participant.iri == iri:
                participant.actor = label
                touched.add(event.iri)
        if event.place_iri == iri:
            event.place = label
            touched.add(event.iri)
        if event.agreement_iri == iri:
            event.agreement = label
            touched.add(event.iri)
    for claim in extraction.claims:
        if claim.speaker_iri == iri:
            claim.speaker = label
    return touched


def _repoint(
    extraction: Extraction, old: str, new: str, label: str, *, within: tuple[int, int] | None = None
) -> set[str]:
    """References to ``old`` become references to ``new`` (only those of the sentence ``within``, when given); the
    events touched. A participant then named twice in one role is named once."""
    touched = set()

    def here(start: int, end: int) -> bool:
        return within is None or (start, end) == within

    for event in extraction.events:
        if not here(event.start, event.end):
            continue
        for participant in event.participants:
            if participant.iri == old:
                participant.iri, participant.actor = new, label
                touched.add(event.iri)
        seen: set[tuple[str, str]] = set()
        kept = []
        for participant in event.participants:
            if (participant.iri, participant.role) not in seen:
                seen.add((participant.iri, participant.role))
                kept.append(participant)
        event.participants = kept
        if event.place_iri == old:
            event.place_iri, event.place = new, label
            touched.add(event.iri)
        if event.agreement_iri == old:
            event.agreement_iri, event.agreement = new, label
            touched.add(event.iri)
    for claim in extraction.claims:
        if not here(claim.sentence_start, claim.sentence_end):
            continue
        if claim.speaker_iri == old:
            claim.speaker_iri, claim.speaker = new, label
        if claim.subject_iri == old:
            claim.subject_iri = new
    if within is None:
        for actor in extraction.actors:
            if actor.affiliation == old:
                actor.affiliation = new if new != actor.iri else None
    return touched


def _move(
    extraction: Extraction, old: str, new: str, label: str, kind: str, *, same: bool, wikidata: str | None
) -> set[str] | None:
    """Actor ``old`` becomes ``new`` in this article (its mentions, names and every reference); None when the
    article does not name it. ``same``: they are one actor (a merge: the old names stay as aliases); else another
    actor takes over mentions that were wrongly given to ``old`` (a split)."""
    record = _actor(extraction, old)
    if record is None and not _referenced(extraction, old):
        return None
    target = _actor(extraction, new)
    if record is not None:
        if target is None:
            before = record.label
            record.iri, record.label, record.type = new, label, kind
            if same:
                _add_name(record, before)
                record.wikidata = wikidata or record.wikidata
            else:
                record.aliases, record.wikidata, record.role, record.affiliation = [], wikidata, None, None
        else:
            spans = {(m.start, m.end) for m in target.mentions}
            target.mentions += [m for m in record.mentions if (m.start, m.end) not in spans]
            target.mentions.sort(key=lambda m: (m.start, m.end))
            if same:
                for name in (record.label, *record.aliases):
                    _add_name(target, name)
                target.role = target.role or record.role
                target.wikidata = target.wikidata or record.wikidata
                target.affiliation = target.affiliation or record.affiliation
                target.outlet = target.outlet or record.outlet
            extraction.actors.remove(record)
    return _repoint(extraction, old, new, label)


def _hide(extraction: Extraction, iri: str) -> set[str] | None:
    record = _actor(extraction, iri)
    if record is None and not _referenced(extraction, iri):
        return None
    if record is not None:
        extraction.actors.remove(record)
    touched = set()
    for event in extraction.events:
        kept = [p for p in event.participants if p.iri != iri]
        if len(kept) != len(event.participants) or iri in (event.place_iri, event.agreement_iri):
            touched.add(event.iri)
        event.participants = kept
        if event.place_iri == iri:
            event.place_iri = event.place = None
        if event.agreement_iri == iri:
            event.agreement_iri = event.agreement = None
    for claim in extraction.claims:
        if claim.speaker_iri == iri:
            claim.speaker_iri = claim.speaker = None
        if claim.subject_iri == iri:
            claim.subject_iri = None
    for actor in extraction.actors:
        if actor.affiliation == iri:
            actor.affiliation = None
    return touched


def _split(extraction: Extraction, c: Correction) -> set[str] | None:
    record = _actor(extraction, c.actor)
    if record is None or (c.articles and extraction.article.iri not in c.articles) or c.into is None:
        return None
    texts = {normalize_name(t) for t in c.texts}
    moved = [m for m in record.mentions if not texts or normalize_name(m.text) in texts]
    if not moved:
        return None
    label, kind = c.target_label or c.label, c.target_type or c.type
    if len(moved) == len(record.mentions):
        return _move(extraction, c.actor, c.into, label, kind, same=False, wikidata=None)
    record.mentions = [m for m in record.mentions if m not in moved]
    target = _actor(extraction, c.into)
    if target is None:
        target = ActorRecord(c.into, label, kind, None, [], None, [])
        extraction.actors.append(target)
    target.mentions = sorted(target.mentions + moved, key=lambda m: (m.start, m.end))
    # what is said in a sentence whose every mention of the actor moved is said of the new one
    staying = {
        (s.start, s.end) for s in extraction.sentences for m in record.mentions if s.start <= m.start < s.end
    }
    going = {(s.start, s.end) for s in extraction.sentences for m in moved if s.start <= m.start < s.end}
    touched = set()
    for span in sorted(going - staying):
        touched |= _repoint(extraction, c.actor, c.into, label, within=span)
    return touched


def _apply(extraction: Extraction, c: Correction) -> set[str] | None:
    """Apply one correction; the events it touched (None: it changed nothing here)."""
    if c.action == "merge" and c.into is not None:
        if c.into == c.actor:
            return None
        return _move(
            extraction, c.actor, c.into, c.target_label or c.label, c.target_type or c.type, same=True,
            wikidata=c.target_wikidata,
        )  # fmt: skip
    if c.action == "split":
        return _split(extraction, c)
    if c.action == "hide":
        return _hide(extraction, c.actor)
    record = _actor(extraction, c.actor)
    if record is None:
        return None
    if c.action == "retype" and c.target_type and record.type != c.target_type:
        record.type = c.target_type
        return set()
    if c.action == "rename" and c.target_label and record.label != c.target_label:
        before, record.label = record.label, c.target_label
        _add_name(record, before)
        record.aliases = [a for a in record.aliases if a != record.label]
        return _relabel(extraction, c.actor, c.target_label)
    if c.action == "alias" and c.name and c.name != record.label and c.name not in record.aliases:
        record.aliases.append(c.name)
        return set()
    return None


def _relabel_events(extraction: Extraction, touched: set[str]) -> None:
    from newsgraph.loaders.found import label_from_parts
    from newsgraph.loaders.words import Words

    taxonomy = Taxonomy.load()
    roles = Words.load().ordered("label_roles")
    for event in extraction.events:
        if event.iri in touched:
            fine = event.fine_type or event.type
            event.label = label_from_parts(
                taxonomy.label(fine) if fine in taxonomy else fine.replace("_", " "),
                [(p.iri, p.actor, p.role) for p in event.participants],
                roles=roles,
                place=event.place,
                agreement=event.agreement,
                date=label_date(event.date),
                trigger=event.trigger,
                expected=event.label.endswith(" (expected)"),
            )


def apply_corrections(extraction: Extraction, corrections: list[Correction]) -> tuple[Extraction, list[int]]:
    """The article's records with every active correction applied, in order (a copy; the input is left as it
    was), and the numbers of the corrections that changed something in it."""
    out = copy.deepcopy(extraction)
    changed = []
    touched: set[str] = set()
    for correction in corrections:
        if not correction.active:
            continue
        events = _apply(out, correction)
        if events is not None:
            changed.append(correction.number)
            touched |= events
    if touched:
        _relabel_events(out, touched)
    if changed:
        out.actors.sort(key=lambda a: (a.mentions[0].start if a.mentions else 10**9, a.label))
    return out, changed
