"""Who puts a figure forward: the source of a claim.

The subject of a reporting verb the figure depends on ("X said", "X told Y", "X claims", "estimating" sharing its
clause's subject), "according to X", a report "from X", "X's estimate", the agent of a passive penalty, an outlet
after its reporting verb or after "per"; "he"/"she" is the person the pronoun refers to; "It believes" the
organisation that reported last; a quotation's speaker; a closing "…, X reported" after "Reports emerged of …". A
penalty with no source is the court's, a figure someone is accused of the prosecution's. An unattributed figure
stays unattributed.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc, _quotes
from newsgraph.loaders._args import office_body, people_of_a_state
from newsgraph.loaders._labels import (
    INVERTED_SOURCE,
    NOUN_MODIFIER,
    SOURCE_CLAUSE,
    SPEAKER_MODIFIERS,
    SUBJECTS,
)
from newsgraph.loaders._reports import after_a_preposition, beside, forms, promises, put_forward
from newsgraph.loaders._syntax import passive
from newsgraph.loaders.found import FoundClaim
from newsgraph.loaders.pronouns import last_person
from newsgraph.loaders.resolve import ArticleActor, Resolution, is_dateline, is_title
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.table import normalize_name

__all__ = [
    "accused",
    "accuser",
    "actor_of_np",
    "authority",
    "context_speaker",
    "exact_figure",
    "follow_on_speaker",
    "forms",
    "penalised_subject",
    "speaker",
    "subject_actor",
]


def _is_source_verb(rules: Rules, token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and bool(forms(token) & rules.figure_sources)


def actor_of_np(res: Resolution, token: Token) -> ArticleActor | None:
    """The actor a noun phrase names: the token itself, its apposition, or an owner/modifier ("U.S. figures")."""
    rules = res.rules
    words = rules.words
    if words.has("person_pronouns", token.lower_):
        return last_person(
            res, token
        )  # the one pronoun resolver (rules personal_pronouns, pronouns_bound_by_a_subject)
    # an apposition names the speaker more precisely: "the broadcaster of Ukraine, Suspilne, reported"
    if rules.on("apposition_and_head_noun"):
        for child in token.children:
            if child.dep_ == "appos":
                found = res.actor_at(child)
                if found is not None:
                    return found
    actor = res.actor_at(token) or office_body(res, token)
    if actor is not None:
        return actor
    if (
        token.pos_ in {"NOUN", "PROPN"}
        and is_title(rules, token.lower_)
        and rules.on("titles_ending_in_a_name")
    ):
        # "U.S. Ambassador to the UN Nikki Haley": the parser hangs the name in the title's phrase
        last = max(token.subtree, key=lambda t: t.i)
        person = res.actor_at(last)
        if person is not None and person.type == "Person" and last.i > token.i:
            return person
    if words.has("branches", token.lower_) and rules.on("branches_speak"):
        # "the Kenyan chapter of Amnesty International": the organisation speaks, not the state it is in
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    found = res.actor_at(obj)
                    if found is not None and found.type == "Organization":
                        return found
    # a name right on the head noun ("the JoongAng Ilbo newspaper") before its owner ("South Korea's ...")
    order = {dep: n for n, dep in enumerate(SPEAKER_MODIFIERS)}
    if not rules.on("apposition_and_head_noun"):
        order = {}
    for child in sorted(token.children, key=lambda c: (order.get(c.dep_, 9), c.i)):
        if child.dep_ in NOUN_MODIFIER:
            found = res.actor_at(child) or res.country_of(child)
            if found is not None and found.type == "Country" and people_of_a_state(rules, token):
                return None  # "Australian tennis fans said": its people, not the state, speak
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            for obj in child.children:
                if obj.lower_ in {"whom", "which", "them"}:
                    continue
                found = actor_of_np(res, obj)
                if found is not None:
                    return found
    return None


def subject_actor(res: Resolution, verb: Token) -> ArticleActor | None:
    """The actor a verb's subject (or a passive's agent) names; of two subjects the parser gives it (a dateline
    taken for one: "BARCELONA: Catalonia's leader Carles Puigdemont said"), the one that names an actor."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            found = actor_of_np(res, child)
            if found is not None and not (found.type == "Place" and _opens_paragraph(res, child)):
                return found
        if child.dep_ == "agent":
            for obj in child.children:
                return actor_of_np(res, obj)
    return None


def _opens_paragraph(res: Resolution, token: Token) -> bool:
    """A name that is its paragraph's dateline ("BARCELONA: …")."""
    return any(span.start <= token.i < span.end and is_dateline(span) for span, _ in res.spans)


def accused(rules: Rules, number: Token) -> bool:
    """Whether a figure is what someone is accused of ("accused of hiding $5 million", "on suspicion of
    under-reporting ¥5 billion"): an accusation word above it in its clause (rule ``accusations``)."""
    if not rules.on("accusations"):
        return False
    accusations = rules.lexicon.accusations
    for ancestor in number.ancestors:
        if ancestor.lower_ in accusations or ancestor.lemma_.lower() in accusations:
            return True
        if ancestor.dep_ in {"ROOT", "ccomp", "parataxis"} and ancestor.pos_ == "VERB":
            return False  # the figure's clause ends here
    return False


def accuser(res: Resolution, sentence: Span) -> ArticleActor | None:
    """Who accuses, when the sentence names no source: the prosecution the sentence names, else the article's most
    named one (an organisation with an accuser's word in its name, a person in such a role)."""
    accusers_words = res.rules.lexicon.accusers

    def accuses(actor: ArticleActor) -> bool:
        words = set(normalize_name(actor.label).split()) | {m.text.lower() for m in actor.mentions}
        if actor.type == "Person":
            words = {w for role in actor.roles for w in role.lower().split()}
        return bool(words & accusers_words)

    accusers = [a for a in res.actors.values() if a.type in {"Organization", "Person"} and accuses(a)]
    here = [
        a for a in accusers if any(sentence.start_char <= m.start < sentence.end_char for m in a.mentions)
    ]
    if here:
        return here[0]
    return max(accusers, key=lambda a: (a.type == "Organization", len(a.mentions)), default=None)


def _judicial(rules: Rules, actor: ArticleActor) -> bool:
    """A court, tribunal or judge: an organisation whose name has a court's word, a person whose role is a judge's."""
    if actor.type == "Organization":
        return bool(set(normalize_name(actor.label).split()) & rules.words["court_names"])
    if actor.type == "Person":
        courts = rules.lexicon.classes.get("court", frozenset())
        return any(
            set(role.lower().split()) & courts & {"judge", "justice", "magistrate"} for role in actor.roles
        )
    return False


def penalised_subject(res: Resolution, length: Token, speaker: ArticleActor) -> bool:
    """Whether ``speaker`` is the subject of the penalty verb a length of time hangs on, a verb with no object:
    a headline drops the "was" of the passive ("Lee sentenced to five years"), so the subject is the one punished
    (rule ``penalised_subjects``)."""
    if not res.rules.on("penalised_subjects"):
        return False
    verb = next((t for t in [length, *length.ancestors] if t.pos_ == "VERB"), None)
    if verb is None or not forms(verb) & res.rules.words["penalising"]:
        return False
    if any(c.dep_ in {"dobj", "dative"} for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and res.actor_at(c) is speaker for c in verb.children)


def authority(res: Resolution, sentence: Span) -> ArticleActor | None:
    """Who imposes a penalty whose sentence names no source ("Lee was jailed for five years"): the court or judge
    the sentence names, else the article's (a court before a judge, the most named first; a presiding judge before
    another judge; rule ``penalty_authorities``)."""
    if not res.rules.on("penalty_authorities"):
        return None
    judicial = [a for a in res.actors.values() if _judicial(res.rules, a)]
    if not judicial:
        return None
    here = [
        a for a in judicial if any(sentence.start_char <= m.start < sentence.end_char for m in a.mentions)
    ]
    if here:
        return here[0]

    def rank(actor: ArticleActor) -> tuple[int, int, int]:
        presiding = any("presiding" in role.lower() for role in actor.roles)
        return (actor.type == "Organization", presiding, len(actor.mentions))

    return max(judicial, key=rank)


def _agent(res: Resolution, verb: Token) -> ArticleActor | None:
    """The "by X" of a passive verb: "fined 50,000 francs by the committee"; also when the parser hangs it on the
    verb's last object ("fined 50,000 francs and Platini 80,000 francs by the committee"; rule
    ``misattached_agents``)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                found = actor_of_np(res, obj)
                if found is not None:
                    return found
    if not passive(verb) or not res.rules.on("misattached_agents"):
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "conj"} and c.pos_ in {"NOUN", "PROPN"}]
    for obj in objects:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for target in child.children:
                    found = actor_of_np(res, target)
                    if found is not None and found.type != "Place":
                        return found
    return None


def _media_after(res: Resolution, verb: Token) -> ArticleActor | None:
    """ "..., reported The Sydney Morning Herald", "reports the AP": an outlet after its reporting verb."""
    if not res.rules.on("outlets_as_sources"):
        return None
    for child in verb.children:
        if child.i > verb.i and child.dep_ in INVERTED_SOURCE:
            found = res.actor_at(child)
            if found is not None and found.table is not None and found.table.media:
                return found
    return None


def speaker(res: Resolution, number: Token, sentence: Span) -> tuple[ArticleActor | None, Token | None]:
    """Who puts the figure forward, and the reporting word that says so. The subject of an act that sets a figure
    ("the company will cut 2,000 jobs") is its source unless a reporting verb above it names another ("Haddix
    announced that the company will cut ...")."""
    rules = res.rules
    reporters = rules.reporting
    act: tuple[ArticleActor, Token] | None = None
    # a thing a relative clause describes: "an apology for a crash that killed 181"
    described: Token | None = None
    unnamed = False  # the figure's own source verb has an unnamed subject ("most economists expected")
    for ancestor in number.ancestors:
        source_verb = _is_source_verb(rules, ancestor)
        if (
            ancestor.dep_ == "relcl"
            and ancestor.head.pos_ == "PROPN"
            and not source_verb
            and rules.on("not_a_claim_of_the_speaker")
        ):
            # "… the envoy, whom she had met twice": a relative clause on a name is the writer's background
            return None, None
        if (
            ancestor.dep_ == "relcl"
            and ancestor.head.pos_ == "NOUN"
            and not source_verb
            and rules.on("what_an_act_is_about")
        ):
            described = described or ancestor.head
        if (
            described is not None
            and source_verb
            and (forms(ancestor).isdisjoint(reporters) or promises(rules, ancestor))
            and not put_forward(ancestor, described)
        ):
            # "Kim issued an apology for a crash that killed 181 people": the clause describes the crash in the
            # writer's words; what the act puts forward is the apology ("showed records of a station where X got
            # 187 votes" puts the figure forward in what it shows)
            return None, None
        if passive(ancestor):
            if forms(ancestor) & rules.lexicon.claim_sources and rules.on("figure_sources"):
                agent = _agent(res, ancestor)
                if agent is not None:
                    return agent, ancestor  # "was fined 50,000 francs by the ethics committee"
            if rules.on("not_a_claim_of_the_speaker"):
                continue  # "he had not been told": the hearer, not the source
        if source_verb and beside(rules, number, ancestor):
            continue  # "X claimed the attack, and 11 people were arrested": a clause beside what X says
        if source_verb and rules.on("reporting_verbs"):
            inverted = _media_after(res, ancestor) if subject_actor(res, ancestor) is None else None
            if inverted is not None:
                return inverted, ancestor  # "..., reported the Bangkok Post" (but "X told Reuters": X speaks)
            found = subject_actor(res, ancestor)
            node = ancestor
            while (
                found is None
                and node.head is not node
                and (node.dep_ in SOURCE_CLAUSE or after_a_preposition(rules, node))
            ):
                node = node.head.head if after_a_preposition(rules, node) else node.head
                found = subject_actor(res, node) if node.pos_ in {"VERB", "AUX"} else actor_of_np(res, node)
            if found is not None:
                if act is None and forms(ancestor).isdisjoint(reporters):
                    act = (found, ancestor)
                    continue
                if act is not None and forms(ancestor).isdisjoint(reporters):
                    continue
                return found, ancestor
            if (
                act is None
                and rules.on("unnamed_sources")
                and any(
                    c.dep_ == "nsubj"
                    and c.pos_ == "NOUN"
                    and not rules.words.has("empty_subjects", c.lemma_.lower())
                    for c in ancestor.children
                )
            ):
                # "Most economists had been expecting 10.7%, but the ONS said …": the figure is the unnamed
                # economists', not the source of the clause beside it (a reporter above it still is)
                unnamed = True
        if (
            ancestor.lemma_ in rules.words["report_nouns"]
            and ancestor.pos_ == "NOUN"
            and rules.on("reporting_nouns")
        ):
            found = actor_of_np(res, ancestor)
            if found is not None:
                return found, ancestor
        if ancestor.lemma_ == "be" and rules.on("reporting_nouns"):
            # "A News Corp poll was 84% in favour": the report the copula's subject names measures the figure
            for subject in (c for c in ancestor.children if c.dep_ == "nsubj"):
                if subject.lemma_ in rules.words["report_nouns"] and subject.pos_ == "NOUN":
                    found = actor_of_np(res, subject)
                    if found is not None:
                        return found, subject
    if act is not None:
        return act
    for token in sentence:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to"
            and rules.on("according_to")
        ):
            for obj in token.doc[token.i + 1].children:
                found = actor_of_np(res, obj)
                if found is not None:
                    return found, token
        if token.lower_ == "per" and rules.on("outlets_as_sources"):  # "..., per Reuters"
            for obj in token.children:
                found = res.actor_at(obj)
                if found is not None and found.table is not None and found.table.media:
                    return found, token
    for token in sentence if not unnamed and rules.on("closing_sources") else sentence[:0]:
        # a closing attribution ("..., reported the Bangkok Post") hangs on the root as a conjunct
        closing = token.dep_ in {"conj", "parataxis"} and token.head.dep_ == "ROOT" and token.i > number.i
        if (
            _is_source_verb(rules, token)
            and (token.dep_ == "ROOT" or closing)
            and not passive(token)
            and not beside(rules, number, token)
        ):
            inverted = _media_after(res, token) if subject_actor(res, token) is None else None
            if inverted is not None:
                return inverted, token
            found = subject_actor(res, token)
            if found is not None:
                return found, token
    return None, None


def follow_on_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """'Reports emerged of ...' then 'X reported.' in one of the next two sentences: the report is X's (rule
    ``reports_then_attribution``). Only a closing attribution counts ("..., X reported." / "X reported."), not
    "X reported that <new fact>"."""
    if not res.rules.on("reports_then_attribution"):
        return None
    doc = sentence.doc
    end = sentence.end
    for _ in range(2):
        if end >= len(doc):
            return None
        nxt = doc[end].sent
        for token in nxt:
            if (
                token.lemma_ in {"report", "say"}
                and token.pos_ == "VERB"
                and all(c.i < token.i for c in token.children if c.dep_ == "ccomp")
            ):
                found = subject_actor(res, token)
                if found is not None and found.type != "Person":
                    return found
        end = nxt.end
    return None


def _speech_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """The speaker of a reporting verb in a sentence, when it names a person or an organisation."""
    for token in sentence:
        if token.pos_ == "VERB" and forms(token) & res.rules.reporting and not passive(token):
            found = subject_actor(res, token)
            if found is not None and found.type in {"Person", "Organization"}:
                return found
    return None


def _quotation_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """Who speaks a quotation that names no speaker in its own sentence: the one whose reporting verb opens or
    closes the quotation in the same paragraph ('Powell said, "We are not ... We aim for 2%."'), and for a
    paragraph that is all quotation, the speaker of the paragraph before it (up to two back; rule
    ``quotation_speakers``)."""
    if not res.rules.on("quotation_speakers"):
        return None
    text = _doc.text(res.doc)
    start = text.rfind("\n\n", 0, sentence.start_char)
    start = 0 if start < 0 else start + 2
    if not _quotes.speech(text[start : sentence.start_char], sentence.text):
        return None
    before = _paragraph_sentences(sentence, backwards=True)
    after = _paragraph_sentences(sentence, backwards=False)
    for other in [*before, *after]:
        found = _speech_speaker(res, other)
        if found is not None:
            return found
    first = before[-1] if before else sentence
    for _ in range(2):  # a paragraph of quotation goes on with the speaker of the one before
        if text[first.start_char : first.start_char + 1] not in {'"', "“"} or first.start == 0:
            return None
        previous = res.doc[first.start - 1].sent
        sentences = [previous, *_paragraph_sentences(previous, backwards=True)]
        for other in sentences:
            found = _speech_speaker(res, other)
            if found is not None:
                return found
        first = sentences[-1]
    return None


def _paragraph_sentences(sentence: Span, *, backwards: bool) -> list[Span]:
    """The other sentences of a sentence's paragraph, nearest first, before it or after it (walked from the
    sentence, so a long article is not read again for each figure)."""
    doc = sentence.doc
    text = _doc.text(doc)
    start = text.rfind("\n\n", 0, sentence.start_char)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", sentence.start_char)
    end = len(text) if end < 0 else end
    out: list[Span] = []
    current = sentence
    while True:
        index = current.start - 1 if backwards else current.end
        if not 0 <= index < len(doc):
            return out
        current = doc[index].sent
        if not start <= current.start_char < end:
            return out
        if current.start != sentence.start:
            out.append(current)


def context_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """A figure's source when its own clause names none: "It believes ..." (the organisation that reported last),
    else the speaker of the quotation the sentence is part of, else who a later sentence says made the figures
    known."""
    return (
        _pronoun_source(res, sentence) or _quotation_speaker(res, sentence) or _revealed_after(res, sentence)
    )


def _revealed_after(res: Resolution, sentence: Span) -> ArticleActor | None:
    """ "The figures were revealed in a letter from X", "The data come from X" in one of the next three sentences:
    the figures before are X's (rule ``figures_revealed_after``; word classes ``figure_nouns``, ``revealing``)."""
    if not res.rules.on("figures_revealed_after"):
        return None
    words = res.rules.words
    doc = sentence.doc
    end = sentence.end
    for _ in range(3):
        if end >= len(doc):
            return None
        nxt = doc[end].sent
        for token in nxt:
            if not (
                words.has("figure_nouns", token.lower_)
                and token.dep_ in {"nsubj", "nsubjpass"}
                and any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in token.children)
                and forms(token.head) & words["revealing"]
            ):
                continue
            for child in token.head.children:
                if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in {"in", "from", "by"}):
                    for obj in child.children:
                        found = actor_of_np(res, obj)
                        if found is not None and found.type in {"Person", "Organization", "Country"}:
                            return found
        end = nxt.end
    return None


def _pronoun_source(res: Resolution, sentence: Span) -> ArticleActor | None:
    """ "It believes ...", "They estimate ...": the organisation that last reported something before (rule
    ``pronoun_sources``)."""
    reporting = res.rules.lexicon.reporting
    if not res.rules.on("pronoun_sources"):
        return None
    root = sentence.root
    if root.lemma_ not in reporting:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in {"it", "they"}:
        return None
    for token in reversed(res.doc[: sentence.start]):
        if token.lemma_ in reporting and token.pos_ == "VERB":
            found = subject_actor(res, token)
            if found is not None and found.type in {"Organization", "Country"}:
                return found
    return None


def exact_figure(
    res: Resolution,
    sentence: Span,
    span: Span,
    *,
    value: float,
    unit: str,
    about: str,
    kind: str,
    measure: str | None = None,
) -> FoundClaim:
    """A figure of one exact value a pattern found in ``span`` (a fraction of a whole, a percentage, a tally of
    votes), put forward by whoever puts any figure forward there (:func:`speaker`, else the context's speaker)."""
    found, said = speaker(res, span.root, sentence)
    return FoundClaim(
        sentence=sentence,
        quantity_text=span.text,
        value=value,
        min=None,
        max=None,
        approximate=False,
        unit=unit,
        about=about,
        speaker=found or context_speaker(res, sentence),
        subject_actor=None,
        start=span.start_char,
        end=span.end_char,
        token=span.root,
        said=said,
        kind=kind,
        measure=measure,
    )
