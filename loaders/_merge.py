"""One actor for the several forms of a name in one article.

After resolution an article may hold "Walt Disney Co.", "Walt Disney Company" and "Disney", or "Rapid Support
Forces" and "RSF", as separate actors. ``merge_name_forms`` folds the shorter form into the fuller one by these
rules (word classes from ``ontology/names.toml``):

* **same name, other spelling** - equal once case, spaces, hyphens, full stops, a leading "the" and a company's
  legal suffix are ignored ("ALJAZEERA" / "Al Jazeera"; "Walt Disney Co." / "Walt Disney Company");
* **acronym** - an all-capitals name whose letters are the initials of a longer organisation's name, with or
  without its small words ("RSF" / "Rapid Support Forces", "CAS" / "Court of Arbitration for Sport");
* **short form** - a one-word organisation name that is the first or last word of exactly one longer one, when
  the longer one is not a body of it ("Disney" / "Walt Disney Company", "Shell" / "Royal Dutch Shell", "Labour" /
  "Labour Party"; but not "Twitter" / "Twitter Board");
* **longer personal name** - a person's name that ends another's ("Gandhi Vadra" / "Priyanka Gandhi Vadra"), or
  has the same given name and surname with a middle name between ("Mara Quist" / "Mara Elena Quist");
* **words in another order** - an organisation's name of the same words ("Orlov Group" / "Group Orlov");
* **alternative name** - an organisation named again after a comma and "or", closed by a comma or a bracket ("the
  Orvalian Civil Defence, or Blue Helmets, said"; "Zentrum (or Centre Party)") is one organisation.

An actor from the pinned table is never folded into one minted from the text; the fuller form's label is kept, and
a table actor's label wins over both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.loaders.namewords import NameWords
from newsgraph.loaders.table import normalize_name

if TYPE_CHECKING:
    from newsgraph.loaders.resolve import ArticleActor, Resolution
    from newsgraph.loaders.rules import Rules

__all__ = ["core_name", "fold", "initials_of", "merge_name_forms"]


def core_name(label: str, words: NameWords | None = None) -> str:
    """A name's comparison key without a leading "the" and a company's legal suffix.

    >>> core_name("The Walt Disney Co."), core_name("Walt Disney Company"), core_name("BG Group")
    ('walt disney', 'walt disney', 'bg')
    """
    words = words or NameWords.load()
    parts = normalize_name(label).split()
    while len(parts) > 1 and words.has("legal_suffixes", parts[-1]):
        parts.pop()
    return " ".join(parts)


def _initials(rules: Rules, core: str, *, small: bool) -> str:
    return "".join(w[0] for w in core.split() if small or not rules.words.has("small_words", w)).upper()


def initials_of(rules: Rules, label: str) -> set[str]:
    """The acronyms a name may go by: its initials without and with its small words (word class
    ``small_words``).

    >>> from newsgraph.loaders.rules import Rules
    >>> sorted(initials_of(Rules.load(), "Court of Arbitration for Sport"))
    ['CAS', 'COAFS']
    """
    core = core_name(label, rules.names)
    return {_initials(rules, core, small=False), _initials(rules, core, small=True)} - {""}


def _is_acronym(label: str) -> bool:
    bare = label.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper()


def merge_name_forms(res: Resolution) -> None:
    """Fold each shorter name form of an article's actors into its fuller form (see the module's rules; rule
    ``forms_of_one_name``, and ``alternative_names``)."""

    def candidates(kind: str) -> list[ArticleActor]:
        return [a for a in res.actors.values() if a.type == kind and a.mentions and not a.group]

    if res.rules.on("alternative_names"):
        _alternative_names(res)
    for kind in ("Organization", "Person", "Place"):
        merged = True
        while merged:
            merged = False
            actors = candidates(kind)
            for short in sorted(actors, key=lambda a: len(a.label)):
                if short.table is not None:
                    continue
                target = _fuller_form(res.rules, short, [a for a in actors if a is not short], kind)
                if target is not None:
                    fold(res, short, target)
                    merged = True
                    break


def _alternative_names(res: Resolution) -> None:
    """ "the Civil Defence, or Blue Helmets,": the second name is the first organisation's other name."""
    doc = res.doc
    starts = {span.start: (span, actor) for span, actor in res.spans}
    for span, actor in sorted(res.spans, key=lambda item: item[0].start):
        if actor.type != "Organization" or span.end + 2 >= len(doc):
            continue
        comma = doc[span.end]
        if comma.text not in {",", "("} or doc[span.end + 1].lower_ != "or":
            continue
        found = starts.get(span.end + 2)
        if found is None:
            continue
        other_span, other = found
        closing = doc[other_span.end] if other_span.end < len(doc) else None
        wanted = {",", ")", "."} if comma.text == "," else {")"}
        if other is actor or other.type != "Organization" or closing is None or closing.text not in wanted:
            continue
        if actor.table is not None and other.table is not None:
            continue  # two known organisations: "the UN, or NATO," is a choice between them
        short, target = (actor, other) if actor.table is None and other.table is not None else (other, actor)
        if short.iri in res.actors and target.iri in res.actors:
            fold(res, short, target)


def _fuller_form(
    rules: Rules, short: ArticleActor, others: list[ArticleActor], kind: str
) -> ArticleActor | None:
    words = rules.names
    key = core_name(short.label, words)
    flat = key.replace(" ", "")
    same = [o for o in others if core_name(o.label, words).replace(" ", "") == flat]
    if not same and kind == "Organization" and len(key.split()) >= 2 and rules.on("words_in_another_order"):
        # "Orlov Group" / "Group Orlov": the same words in another order
        same = [o for o in others if sorted(core_name(o.label, words).split()) == sorted(key.split())]
    if same:
        return max(same, key=lambda o: (o.table is not None, len(o.label)))
    if kind == "Person":
        tail = [
            o
            for o in others
            if len(key.split()) >= 2 and normalize_name(o.label).endswith(" " + key) and o.table is None
        ]
        if not tail and len(key.split()) >= 2 and rules.on("middle_names"):
            # "Mara Quist" / "Mara Elena Quist": the same given name and surname, a middle name between
            parts = key.split()
            tail = [
                o
                for o in others
                if len(full := normalize_name(o.label).split()) > len(parts)
                and full[0] == parts[0]
                and full[-1] == parts[-1]
            ]
        return tail[0] if len(tail) == 1 else None
    if kind != "Organization":
        return None
    if _is_acronym(short.label):
        letters = short.label.replace(".", "").upper()
        found = [
            o
            for o in others
            if len(core_name(o.label, words).split()) >= 2 and letters in initials_of(rules, o.label)
        ]
        if len(found) == 1:
            return found[0]
        return None
    parts = key.split()
    if len(parts) != 1:
        return None
    if words.has("organisation_heads", parts[0]) and rules.on("a_bare_head_noun"):
        # "Congress" after "the Indian National Congress": a bare head noun is the one organisation named with it
        # (never one that only starts with it: "Congress Party of X")
        ending = [o for o in others if o.type == "Organization" and core_name(o.label, words).split()[-1:] == parts
                  and len(core_name(o.label, words).split()) >= 2]  # fmt: skip
        return ending[0] if len(ending) == 1 else None
    longer = []
    for other in others:
        other_parts = core_name(other.label, words).split()
        if len(other_parts) < 2 or _is_acronym(other.label):
            continue
        if any(words.has("sub_units", w) for w in other_parts[1:]) and rules.on("bodies_of_an_organisation"):
            continue  # "Twitter Board", "FIFA Ethics Committee": a body of it
        if parts[0] in (other_parts[0], other_parts[-1]):
            longer.append(other)
    return longer[0] if len(longer) == 1 else None


def fold(res: Resolution, short: ArticleActor, target: ArticleActor, *, keep_label: bool = False) -> None:
    """Fold one actor into another: its mentions, roles and tokens become the other's (and its longer name the
    other's label, unless ``keep_label``)."""
    for mention in short.mentions:
        target.add_mention(mention)
    target.mentions.sort(key=lambda m: m.start)
    for role in short.roles:
        if role not in target.roles:
            target.roles.append(role)
    if target.affiliation is None:
        target.affiliation = short.affiliation
    if (
        not keep_label
        and target.table is None
        and len(short.label) > len(target.label)
        and short.type == target.type
    ):
        target.label = short.label
    for index, actor in list(res.token_actor.items()):
        if actor is short:
            res.token_actor[index] = target
    res.spans = [(span, target if actor is short else actor) for span, actor in res.spans]
    for other in res.actors.values():
        if other.affiliation == short.iri:
            other.affiliation = target.iri  # "Harbour Police Chief Ines Moreau": hers is the one actor now
    del res.actors[short.iri]
