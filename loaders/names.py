"""Names in the text: the model's entity spans corrected before any actor is made of them.

The small English model finds most names but cuts many, runs some together and labels some wrongly. ``refine``
sets a ``Doc``'s entities once, before the rules read them, by these rules (the words each rule needs are word
classes in ``ontology/names.toml``):

* **brackets balance** - "World Health Organization (WHO" ends before the bracket, the acronym inside a name;
* **names joined at "and"**, **peers** - "the Federal Circuit and Family Court", "Lord Reed" (``_joins``, ``_peerage``);
* **titles are not names** - leading honorifics, ranks and offices leave a person's name ("Rear Adm. Daniel
  Hagari" is "Daniel Hagari"; a lone "Rear Adm." is nothing), except a royal title before a single given name
  ("King Charles");
* **an owner is not part of the name** - "Peltz's Trian Fund Management" is "Trian Fund Management", and "Peltz"
  a name of its own;
* **whole personal names** - a person's name takes in the capitalised given names before it ("Sepp Blatter" when
  the model found "Blatter") and the particles and names after it ("Mohammed bin Salman bin Abdulaziz Al Saud");
* **names the model missed** - capitalised proper nouns after a title ("Lieutenant General Mykola Oleshchuk") or
  before an apposition of office (", executive director of ...") are a person; ending in an organisation's or a
  place's head noun ("Jeju Air", "Kanbalu Township") an organisation or a place;
* **a table name before a person** - "the UN Nikki Haley" is the UN, then Nikki Haley; **headline capitals** - a
  name found only in a title-case headline and nowhere in the body ("Scotland Vowing") is not a name;
* **capitalised common nouns** - a lone common noun that is capitalised only because it starts a sentence
  ("Videos posted online...") or that follows a determiner ("the Board", "the Games") is a description, not a name;
* **types from the head noun and the context** - a name ending in an organisation's head noun is an
  organisation ("Lok Sabha", "Jeju Air"), one ending in a place's is a place ("Kanbalu Township"); a name followed
  by an organisation noun ("the Morena party") or after an organisation descriptor ("streaming giant Spotify") is
  an organisation; after "the village of" or before "village" a place; a state, province or region in ISO 3166-2
  (``pycountry``) is a place ("Uttar Pradesh").

Each rule is registered in the ``names`` phase of ``ontology/rules.toml`` and applies while it is on.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsgraph.loaders._joins import cut_at_subordinators, joined_at_and, joined_before_a_head
from newsgraph.loaders._labels import NAMES, PLACES_OR_BODIES
from newsgraph.loaders._lines import line_bounds, wire_dateline
from newsgraph.loaders._peerage import peers
from newsgraph.loaders._sources_named import names_after_according_to
from newsgraph.loaders._subdivisions import subdivision as _subdivision
from newsgraph.loaders.namewords import NamesError, NameWords, read_names, word_key
from newsgraph.loaders.rules import Rules

__all__ = ["NameWords", "NamesError", "read_names", "refine", "word_key"]


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and _capitalised(token) and token.text.isalpha()


class _Refiner:
    def __init__(
        self, doc: Doc, rules: Rules, *, protected: set[int], headline_end: int, nouns: frozenset[str]
    ) -> None:
        self.doc = doc
        self.rules = rules
        self.on = rules.on
        self.words = rules.names
        self.protected = protected  # tokens of table names: never cut into, never dropped
        self.headline_end = headline_end
        self.nouns = nouns
        self.body = doc.text[doc[headline_end].idx :].lower() if 0 < headline_end < len(doc) else ""
        self.addressed: set[str] = set()

    # -- helpers
    def has(self, cls: str, token: Token) -> bool:
        return word_key(token.text) in self.words.classes[cls]

    def common_noun(self, token: Token) -> bool:
        return token.lower_ in self.nouns or token.lemma_.lower() in self.nouns

    def spans(self) -> list[Span]:
        # "Mr Pourzand": whatever the model said, a name after a form of address is a person's, and so is a name
        # that ends in that surname ("Siamak Pourzand")
        self.addressed = {
            ent[-1].lower_
            for ent in self.doc.ents
            if ent.start > 0 and self.has("honorifics", self.doc[ent.start - 1]) and ent[-1].is_alpha
        }
        if not self.on("addressed_names"):
            self.addressed = set()
        out: list[Span] = []
        for ent in self.doc.ents:
            if ent.label_ not in NAMES:
                out.append(ent)
                continue
            out.extend(self.fix(ent))
        if self.on("names_cut_at_and"):
            out = joined_at_and(sorted(out, key=lambda s: s.start), self.words)
        if self.on("names_joined_before_their_head"):
            out = joined_before_a_head(sorted(out, key=lambda s: s.start), self.words)
        out = peers(self.doc, out, self.words) if self.on("peers_by_their_title") else out
        out = cut_at_subordinators(out, self.words) if self.on("names_run_over_a_clause") else out
        if self.on("names_the_model_missed"):
            out.extend(self.missed_people(out))
        if self.on("names_after_according_to"):
            out = names_after_according_to(self.doc, sorted(out, key=lambda s: s.start))
        if self.on("given_names_sharing_a_surname"):
            out = self.shared_surnames(out)
        if self.on("photographers_and_centres"):
            out = self.credited_photographers(out)
        if self.on("credit_lines_of_two_names"):
            out = self.credit_lines(out)
        return self.datelines(out) if self.on("datelines_in_capitals") else out

    def credit_lines(self, found: list[Span]) -> list[Span]:
        """ "Jane Roe / Nordic Press Agency" on a line of its own: a photo credit names two actors, the
        photographer (a person) and the agency after the slash or bar (an organisation), whatever spans the model
        found across them."""
        doc = self.doc
        for sep in (t for t in doc if t.text in {"/", "|"}):
            start, end = line_bounds(doc, sep.i)
            left, right = doc[start : sep.i], doc[sep.i + 1 : end]
            if not (2 <= len(left) <= 4 and 1 <= len(right) <= 4) or not all(
                t.is_alpha and t.text[:1].isupper() for t in (*left, *right)
            ):
                continue
            if any(self.has("credits", t) for t in (*left, *right)):
                continue
            outlet = any(row.media for row in self.rules.table.lookup(left.text))
            found = [s for s in found if s.end <= start or s.start >= end]
            found.append(Span(doc, start, sep.i, label="ORG" if outlet else "PERSON"))
            found.append(Span(doc, sep.i + 1, end, label="ORG"))
        return sorted(found, key=lambda s: s.start)

    def shared_surnames(self, found: list[Span]) -> list[Span]:
        """ "Faaso and Malui Fonua Tone": a given name alone before "and" and a full name shares its surname; it
        is a person (the model leaves the given name out)."""
        doc = self.doc
        taken = {i for s in found for i in range(s.start, s.end)}
        for span in list(found):
            if (
                span.label_ != "PERSON"
                or len(span) < 2
                or span.start < 2
                or doc[span.start - 1].lower_ != "and"
            ):
                continue
            given = doc[span.start - 2]
            if (
                given.i in taken
                or given.pos_ != "PROPN"
                or not _is_name_word(given)
                or self.has("titles", given)
            ):
                continue
            found.append(Span(doc, given.i, given.i + 1, label="PERSON"))
        return sorted(found, key=lambda s: s.start)

    def datelines(self, found: list[Span]) -> list[Span]:
        """ "BARCELONA: Catalonia's leader said …": capitals opening a paragraph before a colon or a dash are its
        dateline, a place (unless they are a credit or a label: "FILE PHOTO:")."""
        doc = self.doc
        taken = {i for s in found for i in range(s.start, s.end)}
        for token in doc:
            if token.i > 0 and not (doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text):
                continue
            j = token.i
            while j < len(doc) and doc[j].is_alpha and doc[j].text.isupper() and len(doc[j]) > 1:
                j += 1
            if not 1 <= j - token.i <= 3 or j >= len(doc):
                continue
            if doc[j].text not in {":", "—", "–"} and not wire_dateline(doc, j):
                continue
            if any(i in taken for i in range(token.i, j)) or any(
                self.has("credits", t) for t in doc[token.i : j]
            ):
                continue
            if any(self.rules.words.has("page_labels", t.lower_) for t in doc[token.i : j]):
                continue
            found.append(Span(doc, token.i, j, label="GPE"))
        return sorted(found, key=lambda s: s.start)

    def credited_photographers(self, found: list[Span]) -> list[Span]:
        """ "BRENDAN SMIALOWSKI/ AFP": a name in capitals right before the slash of a photo credit is the
        photographer, a person (the model often takes its first word for an organisation)."""
        doc = self.doc
        for slash in (t for t in doc if t.text == "/"):
            j = slash.i
            i = j
            while i > 0 and doc[i - 1].is_alpha and doc[i - 1].text.isupper() and len(doc[i - 1]) > 1:
                i -= 1
            if not 2 <= j - i <= 3 or (i > 0 and doc[i - 1].is_alpha and doc[i - 1].text.isupper()):
                continue
            if any(self.has("credits", t) for t in doc[i:j]):
                continue
            found = [s for s in found if s.end <= i or s.start >= j]
            found.append(Span(doc, i, j, label="PERSON"))
        return sorted(found, key=lambda s: s.start)

    # -- one entity
    def fix(self, ent: Span) -> list[Span]:
        doc = self.doc
        start, end, label = ent.start, ent.end, ent.label_
        extra: list[Span] = []
        # brackets balance: "Long Name (LN" -> "Long Name" and "LN"
        texts = [t.text for t in doc[start:end]]
        # a photo credit's words are no name ("Photo Credit", "File Photo"), and they end one ("Singh/File Photo")
        credit = (
            [i for i in range(start, end) if self.has("credits", doc[i])] if self.on("credit_words") else []
        )
        if credit and all(self.has("credits", t) or not t.is_alpha for t in doc[start:end]):
            return []
        if credit and credit[0] > start and doc[credit[0] - 1].text in {"/", "|"}:
            end = credit[0] - 1
        if not self.on("brackets"):
            pass
        elif "(" in texts and ")" not in texts:
            cut = start + texts.index("(")
            inner = [t for t in doc[cut + 1 : end] if t.text.isalnum()]
            if len(inner) == 1 and inner[0].text.isupper():
                extra.append(Span(doc, inner[0].i, inner[0].i + 1, label=label))
            end = cut
        elif ")" in texts and "(" not in texts:
            start = start + texts.index(")") + 1
        # an owner before a possessive: "Peltz's Trian Fund Management" (the owner a name of its own, unless the
        # table names it)
        for k in range(start + 1, end - 1) if self.on("owners") else ():
            owner = [t for t in doc[start:k] if t.is_alpha]
            if (
                doc[k].text in {"'s", "’s"}
                and _capitalised(doc[k + 1])
                and not all(self.common_noun(t) and not t.text.isupper() for t in owner)  # "People's Army"
            ):
                if not any(i in self.protected for i in range(start, k)):
                    owner_label = "ORG" if label == "PERSON" else label
                    if _subdivision(doc[start:k].text):
                        owner_label = (
                            "GPE"  # "Uttar Pradesh's Rae Bareli seat": the owner is a state of India
                        )
                    extra.append(Span(doc, start, k, label=owner_label))
                start = k + 1
                break
        while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text != "(":
            start += 1
        while end > start and (
            ((doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != ")")
            or (doc[end - 1].tag_ == "POS" and self.on("possessives_and_seats"))
        ):
            end -= 1  # "Uttar Pradesh's": the possessive is not part of the name
        if start >= end:
            return extra
        # a list the model ran together: "Ghosn, Kelly" is two names; a credit's "Name / Agency" too
        commas = [k for k in range(start + 1, end - 1) if doc[k].text == ","]
        if not commas and self.on("names_joined_by_a_slash"):
            commas = [k for k in range(start + 1, end - 1) if doc[k].text in {"/", "|"}]
        if (
            commas
            and label in {"ORG", "PERSON"}
            and all(_capitalised(doc[k + 1]) for k in commas)
            and self.on("run_together_names")
        ):
            parts, begin = [], start
            for k in [*commas, end]:
                parts.extend(self.fix(Span(doc, begin, k, label=label)))
                begin = k + 1
            return [*parts, *extra]
        if all(self.has("titles", t) for t in doc[start:end] if t.is_alpha) and self.on("titles"):
            return extra  # "Rear Adm.": a title alone
        inside = self.title_inside(start, end) if label in {"ORG", "PERSON"} else None
        if inside is not None:
            # "Harbour Authority Chief Ines Moreau": the body, the office, then the person who holds it
            body_end, person_start = inside
            body = [Span(doc, start, body_end, label="ORG")] if body_end > start else []
            return [*body, *self.fix(Span(doc, person_start, end, label="PERSON")), *extra]
        if label == "PERSON":
            start, end = self.person_bounds(start, end)
            if start >= end:
                return extra
        span = Span(doc, start, end, label=self.retype(start, end, label))
        if (
            (
                label in {"ORG", "PRODUCT", "FAC"}
                # "the App Store" read as a person's name: after a determiner, a thing's head noun
                or (label == "PERSON" and start > 0 and self.has("determiners", doc[start - 1]))
            )
            and self.has("thing_heads", doc[end - 1])
            and _capitalised(doc[end - 1])
            and self.on("things")
            and not self.speaks(span)
        ):
            return (
                extra  # "Bloomberg Billionaires Index", "Financial Instruments and Exchange Act": not actors
            )
        if self.junk(span):
            return extra
        split = self.table_then_person(span) if self.on("run_together_names") else [span]
        return [*split, *extra]

    def speaks(self, span: Span) -> bool:
        """The subject of a reporting verb, as only an actor is ("Nordvale Games said"; rule ``names_that_speak``)."""
        head = span.root.head if span.root.dep_ == "nsubj" else None
        return self.on("names_that_speak") and head is not None and head.lemma_ in self.rules.reporting

    def title_inside(self, start: int, end: int) -> tuple[int, int] | None:
        """A title inside a name the model found, between a body's name and a person's ("National Assembly Speaker
        Mara Quist", "Harbour Police Chief Ines Moreau"; rule ``titles_inside_a_name``): where the body's name
        ends (where it starts when the words before the title name no body) and where the person's name starts."""
        doc = self.doc
        if not self.on("titles_inside_a_name") or end - start < 3:
            return None
        for k in range(end - 2, start, -1):
            if not (self.has("titles", doc[k]) and _capitalised(doc[k])):
                continue
            rest = [t for t in doc[k + 1 : end] if t.is_alpha]
            if (
                not rest
                or not _capitalised(doc[k + 1])
                or any(self.has("titles", t) or self.has("organisation_heads", t) for t in rest)
            ):
                return None
            body_end = k
            while body_end > start and self.has("titles", doc[body_end - 1]):
                body_end -= 1  # "Cyber Command Assistant Commissioner": the whole office
            before = doc[start:body_end]
            if (
                not before
                or not self.has("organisation_heads", before[-1])
                or any(i in self.protected for i in range(start, end))
            ):
                body_end = start  # "Prime Minister", "Former Chief Justice": no body is named
            return body_end, k + 1
        return None

    def person_bounds(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        # leading titles
        first = start
        while (
            start < end
            and (self.has("titles", doc[start]) or doc[start].text in {".", "-"})
            and self.on("titles")
        ):
            rest = [t for t in doc[start + 1 : end] if t.is_alpha]
            if (
                self.has("rank_abbreviations", doc[start])
                and not doc[start].text.endswith(".")
                and len(rest) < 2
                and self.on("rank_abbreviations")
            ):
                break  # "Gen Nakatani": a given name, where "Gen Abdul Fattah Al Burhan" is a rank
            start += 1
        if start < end and start > first and end - start == 1 and self.has("royal_titles", doc[start - 1]):
            start -= 1  # "King Charles"
        if start >= end:
            return start, end
        # given names before (when no title was there): capitalised proper nouns, not a title, not a table name
        sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
        k = start - 1
        while (
            start == first
            and self.on("whole_personal_names")
            and k >= max(sent_start, first - 2, self.headline_end)
            and _is_name_word(doc[k])
            and not self.has("titles", doc[k])
            and k not in self.protected
            and not doc[k].ent_type_
        ):
            k -= 1
        if start == first:
            start = k + 1
        # particles and names after: "bin Salman bin Abdulaziz Al Saud", "van Beurden"
        while (
            end + 1 < len(doc)
            and self.has("particles", doc[end])
            and _capitalised(doc[end + 1])
            and self.on("whole_personal_names")
        ):
            stop = end + 1
            while stop < len(doc) and _capitalised(doc[stop]) and doc[stop].is_alpha and stop - end < 4:
                stop += 1
            end = stop
        return start, end

    def retype(self, start: int, end: int, label: str) -> str:
        doc = self.doc
        if any(i in self.protected for i in range(start, end)) or not self.on("types"):
            return label
        last = doc[end - 1]
        words = [t for t in doc[start:end] if t.is_alpha]
        if label in {"NORP", "LAW"}:
            return label
        if (
            label in PLACES_OR_BODIES
            and len(words) <= 3
            and last.lower_ in self.addressed
            and not any(self.has("organisation_heads", t) or self.has("place_heads", t) for t in words)
        ):
            return "PERSON"
        person = label == "PERSON"
        following = doc[end] if end < len(doc) else None
        if (
            following is not None
            and following.is_lower
            and self.words.has("electoral_units", following.lemma_)
            and following.pos_ == "NOUN"
            and self.on("possessives_and_seats")
        ):
            return "LOC"  # "the Rae Bareli Lok Sabha seat": an electoral seat is a place, whatever its name ends in
        if (
            (len(words) > 1 or not person)
            and _capitalised(last)
            and not (person and self.has("surname_heads", last))
        ):
            if self.has("organisation_heads", last):
                return "ORG"
            if self.has("place_heads", last):
                return "LOC"
        after = doc[end] if end < len(doc) else None
        before = doc[start - 1] if start > 0 else None
        if after is not None and after.is_lower and after.pos_ == "NOUN":
            if self.has("organisation_nouns", after):
                return "ORG"
            if self.has("place_nouns", after) and label != "GPE":
                return "LOC"
        if (
            before is not None
            and before.is_lower
            and not (person and len(words) > 1)
            and before.pos_ == "NOUN"
            and before.dep_ == "compound"
            and self.has("organisation_descriptors", before)
        ):
            return "ORG"
        if (
            before is not None
            and before.lower_ == "of"
            and start > 1
            and self.has("place_nouns", doc[start - 2])
        ):
            return "LOC" if label != "GPE" else label
        if label in {"ORG", "LOC", "FAC"} and _subdivision(doc[start:end].text):
            return "GPE"
        if self.on("places_with_their_region") and self.placed(start, end):
            return "GPE"  # "flew to St John's, Newfoundland": a town named with its region
        return label

    def placed(self, start: int, end: int) -> bool:
        """A name after a preposition of place, then a comma and a place's name ("to St John's, Newfoundland,",
        "in Portland, Oregon."): a town or a city named with its region or state."""
        doc, words = self.doc, self.rules.words
        before = doc[start - 1] if start > 0 else None
        if before is None or not (
            words.has("locative", before.lower_) or words.has("directional", before.lower_)
        ):
            return False
        end += doc[end].text in {"'s", "’s"} if end < len(doc) else 0
        if end + 1 >= len(doc) or doc[end].text != ",":
            return False
        return doc[end + 1].ent_type_ in {"GPE", "LOC"} and doc[end + 1].ent_iob_ == "B"

    def junk(self, span: Span) -> bool:

        doc = self.doc
        if any(i in self.protected for i in range(span.start, span.end)):
            return False
        words = [t for t in span if t.is_alpha]
        if not words:
            return True
        if not self.on("capitalised_common_nouns"):
            return self.headline_junk(span)
        # capitalised common nouns: tagged as common nouns, or a lone one after a determiner
        if all(t.tag_ in {"NN", "NNS"} and self.common_noun(t) for t in words):
            return True
        before = doc[span.start - 1] if span.start > 0 else None
        lone = len(words) == 1 and self.common_noun(words[0]) and not words[0].text.isupper()
        # "the Kingdom", "the Games": a description (an institution's head noun, "the Board", stays a name)
        if (
            lone
            and before is not None
            and self.has("determiners", before)
            and not self.has("organisation_heads", words[0])
        ):
            return True
        # "Defense Secretary", "Union minister": a capitalised common noun before a title
        after = doc[span.end] if span.end < len(doc) else None
        if (
            lone
            and after is not None
            and self.has("titles", after)
            and (after.is_lower or not self.has("organisation_heads", words[0]))
        ):
            return True
        return self.headline_junk(span)

    def headline_junk(self, span: Span) -> bool:
        """A title-case headline's words found nowhere in the body (rule ``headline_capitals``)."""
        return (
            self.on("headline_capitals")
            and bool(self.body)
            and span.end <= self.headline_end
            and span.text.lower() not in self.body
        )

    def table_then_person(self, span: Span) -> list[Span]:
        """ "the UN Nikki Haley": a table name at the start of an organisation followed by a person's name."""
        if span.label_ != "ORG":
            return [span]
        doc = self.doc
        k = span.start
        while k < span.end and (k in self.protected or doc[k].lower_ == "the"):
            k += 1
        if k == span.start or k >= span.end:
            return [span]
        rest = doc[k : span.end]
        if 2 <= len(rest) <= 3 and all(
            _is_name_word(t) and not self.has("organisation_heads", t) for t in rest
        ):
            return [Span(doc, span.start, k, label="ORG"), Span(doc, k, span.end, label="PERSON")]
        return [span]

    # -- names the model missed
    def missed_people(self, found: Iterable[Span]) -> list[Span]:
        doc = self.doc
        taken = {i for s in found for i in range(s.start, s.end)} | self.protected
        out: list[Span] = []
        i = 0
        while i < len(doc):
            if i in taken or not _is_name_word(doc[i]) or self.has("titles", doc[i]):
                i += 1
                continue
            j = i
            while (
                j < len(doc) and j not in taken and _is_name_word(doc[j]) and not self.has("titles", doc[j])
            ):
                j += 1
            if 2 <= j - i <= 4 and i >= self.headline_end:
                last = doc[j - 1]
                if self.introduced(i, j) or last.lower_ in self.addressed:
                    out.append(Span(doc, i, j, label="PERSON"))  # "Siamak Pourzand ... Mr Pourzand"
                elif self.has("organisation_heads", last) and not self.has("titles", doc[i]):
                    out.append(Span(doc, i, j, label="ORG"))  # "Jeju Air", "Peru Libre Party"
                elif self.has("place_heads", last):
                    out.append(Span(doc, i, j, label="LOC"))  # "Kanbalu Township"
            i = j
        return out

    def introduced(self, start: int, end: int) -> bool:
        """Is a run of proper nouns a person by its context: a title right before it (not at the start of the
        sentence, where a capitalised title word may be a headline's), or an apposition of office after it."""
        doc = self.doc
        before = doc[start - 1] if start > 0 else None
        if (
            before is not None
            and self.has("titles", before)
            and not self.has("determiners", before)
            and not self.has("organisation_heads", doc[end - 1])
        ):
            return True
        if end + 2 < len(doc) and doc[end].text == ",":
            k = end + 1
            if doc[k].lower_ in {"a", "an", "the"}:
                k += 1
            while (
                k < len(doc) and doc[k].is_lower and not self.has("titles", doc[k]) and doc[k].pos_ == "ADJ"
            ):
                k += 1
            if k < len(doc) and doc[k].is_lower and self.has("titles", doc[k]):
                return True
        return False


def refine(
    doc: Doc,
    rules: Rules,
    *,
    protected: Iterable[int] = (),
    headline_end: int = 0,
    nouns: Iterable[str] = (),
) -> None:
    """Correct ``doc``'s entities by the rules above; ``protected`` are the tokens of table names (left as they
    are), ``headline_end`` the first token after the headline (0: no headline), ``nouns`` the English common nouns.

    >>> import spacy
    >>> doc = spacy.blank("en")("Rear Adm. Daniel Hagari spoke .")
    >>> doc.ents = [Span(doc, 0, 4, "PERSON")]
    >>> refine(doc, Rules.load())
    >>> [(e.text, e.label_) for e in doc.ents]
    [('Daniel Hagari', 'PERSON')]
    """
    from spacy.util import filter_spans

    refiner = _Refiner(
        doc,
        rules,
        protected=set(protected),
        headline_end=headline_end,
        nouns=frozenset(nouns),
    )
    doc.ents = filter_spans(refiner.spans())
