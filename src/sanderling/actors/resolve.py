"""In-article actor resolution over a spaCy parse.

People are registered from PERSON names with the title words around them ("US Defense Secretary
Lloyd Austin", "his Chinese counterpart Dong Jun", "Wei's successor, Li Shangfu"); later surnames
and pronouns link back to them. Countries, capitals, government seats and institutions are actors
only in an argument position of a predicate: a country named as where something happened
("in Cambodia") or as a topic ("over Taiwan") is never a party.

Written by hand because no offline library does entity linking for event data: coreference
models are not installable offline, and this needs the event-data sectors anyway.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..schema import Actor
from .kb import KnowledgeBase, clean_name

PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers"}
# Prepositions whose object is a party to the predicate, not a place or a topic.
PARTY_PREPS = {"with", "to", "against", "by", "toward", "towards", "between", "from", "among", "on", "upon", "for"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "nummod", "det", "case", "punct", "advmod", "quantmod"}
TITLE_SKIP = {"his", "her", "their", "its", "the", "a", "an", "former", "then", "’s", "'s", ",", "ex", "-", "late"}


class ArticleActors:
    """Actors of one article: people registered once, every mention linked to its actor."""

    def __init__(self, doc: Doc, kb: KnowledgeBase):
        self.doc = doc
        self.kb = kb
        self.people: list[Actor] = []
        self.person_at: dict[int, Actor] = {}  # token index -> person, for every token of a mention
        self.others: dict[str, Actor] = {}  # actor_id -> non-person actor
        self._register_people()

    # -- people --------------------------------------------------------------------------------
    def _person_spans(self) -> list[Span]:
        """PERSON entities, plus names the NER missed right after a title ("counterpart Park Ji-won")."""
        spans = [e for e in self.doc.ents if e.label_ == "PERSON"]
        taken = {t.i for e in spans for t in e}
        doc, i = self.doc, 1
        while i < len(doc):
            start = i
            while (i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].ent_type_ in {"", "PERSON"}
                   and doc[i].i not in taken and not self.kb.is_agent_word(doc[i].text) and not self.kb.country(doc[i].text)):
                i += 1
            if i > start and self.kb.is_agent_word(doc[start - 1].text) and doc[start - 1].head.i >= start:
                spans.append(Span(doc, start, i, label="PERSON"))
            i = max(i, start + 1)
        return sorted(spans, key=lambda s: s.start)

    def _register_people(self) -> None:
        for ent in self._person_spans():
            name = clean_name(ent.text)
            if not name or self.kb.country(name) or self.kb.seat(name):
                continue
            person = self._match_person(name)
            title_tokens, appos_head = self._title_tokens(ent)
            country, sectors, role, former = self._read_title(title_tokens, appos_head, ent)
            if person is None:
                person = Actor(name=name, country=country, sectors=list(sectors), role=role,
                               kind="person", former=former)
                self.people.append(person)
            else:
                if len(name.split()) > len(person.name.split()):
                    person.name = name
                if country and not person.country:
                    person.country = country
                # A fuller explicit title beats a shorter one or one copied from a counterpart.
                copied = bool(person.role and "(" in person.role)
                if sectors and (len(sectors) > len(person.sectors) or (copied and role and "(" not in role)):
                    person.sectors = list(sectors)
                    person.role = role or person.role
            person.mentions.append((ent.start_char, ent.end_char))
            for t in ent:
                self.person_at[t.i] = person
        for person in self.people:
            person.actor_id = Actor(name=person.name, kind="person", country=person.country).actor_id

    def _match_person(self, name: str) -> Actor | None:
        parts = name.split()
        for person in self.people:
            known = person.name.split()
            if name == person.name:
                return person
            if len(parts) == 1 and parts[0] in known:
                return person
            if len(known) == 1 and known[0] in parts:
                return person
        return None

    def _title_tokens(self, ent: Span) -> tuple[list[Token], Token | None]:
        root = ent.root
        left = [t for t in root.subtree if t.i < ent.start and t.dep_ in MODIFIER_DEPS | {"appos"}]
        # Keep only the contiguous run just before the name: "Chinese President Xi".
        run: list[Token] = []
        for t in reversed(left):
            if run and t.i != run[0].i - 1:
                break
            if not run and t.i != ent.start - 1:
                break
            run.insert(0, t)
        appos_head = root.head if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"} else None
        if appos_head is not None:
            run = [t for t in appos_head.subtree if t.i <= appos_head.i] + run
        return run, appos_head

    def _read_title(self, tokens: list[Token], appos_head: Token | None, ent: Span):
        country = None
        role_words: list[str] = []
        former = False
        counterpart_of: Actor | None = None
        successor_of: Actor | None = None
        country_tokens = set()
        for iso3, run in self.countries_in(tokens):
            country = country or iso3
            country_tokens.update(t.i for t in run)
        for t in tokens:
            if t.i in country_tokens:
                continue
            low = t.lower_
            if low in {"former", "ex", "then", "late"}:
                former = former or low != "then"
                continue
            if t.i in self.person_at:  # "Wei's successor"
                successor_of = self.person_at[t.i]
                continue
            if low in TITLE_SKIP or t.is_punct:
                if low in {"his", "her"}:
                    counterpart_of = self._last_person_before(t.i)
                continue
            role_words.append(t.text)
        sectors = self.kb.sectors(role_words)
        role = " ".join(role_words) or None
        low_words = {w.lower() for w in role_words}
        if low_words & {"counterpart", "successor", "predecessor"}:
            other = successor_of or counterpart_of or self._last_person_before(ent.start)
            if other is not None:
                sectors = tuple(other.sectors) or sectors
                if other.role:
                    role = f"{other.role} ({' '.join(role_words)})"
                if "successor" in low_words or "predecessor" in low_words:
                    country = country or other.country
        return country, sectors, role, former

    def countries_in(self, tokens: list[Token]) -> list[tuple[str, list[Token]]]:
        """Country names and demonyms in a run of tokens, longest first ("South Korean")."""
        found, i = [], 0
        while i < len(tokens):
            for n in (4, 3, 2, 1):
                run = tokens[i:i + n]
                if len(run) < n or any(b.i != a.i + 1 for a, b in zip(run, run[1:])):
                    continue
                entry = self.kb.country(" ".join(t.text for t in run))
                if entry and (n > 1 or run[0].ent_type_ in {"GPE", "NORP", "LOC", ""}):
                    found.append((entry.iso3, run))
                    i += n
                    break
            else:
                i += 1
        return found

    def _last_country_before(self, index: int) -> str | None:
        """The country named last before a token: what "its" or "their" refers to."""
        for ent in reversed([e for e in self.doc.ents if e.end <= index and e.label_ == "GPE"]):
            entry = self.kb.country(ent.text)
            if entry and entry.kind == "name":
                return entry.iso3
        return None

    def _last_person_before(self, index: int) -> Actor | None:
        best = None
        for i, person in self.person_at.items():
            if i < index and (best is None or i > best[0]):
                best = (i, person)
        return best[1] if best else None

    # -- actors in argument positions -----------------------------------------------------------
    def actors_at(self, token: Token) -> list[Actor]:
        """The actors a noun phrase headed by `token` denotes (one per party), or []."""
        if token.i in self.person_at:
            return [self.person_at[token.i]]
        for child in token.children:  # "Defense Minister Dong Jun" headed by a title word
            if child.dep_ in {"compound", "appos"} and child.i in self.person_at:
                return [self.person_at[child.i]]
        low = token.lower_
        if low in PRONOUNS_PERSON and token.pos_ == "PRON":
            person = self._last_person_before(token.i)
            return [person] if person else []
        phrase = [t for t in token.subtree if t.i <= token.i and t.dep_ in MODIFIER_DEPS | {"conj", "cc"} or t.i == token.i]
        head_text = self._head_phrase(token)
        seat = self.kb.seat(head_text) or self.kb.seat(token.text)
        if seat:
            return [self._other(clean_name(head_text) if self.kb.seat(head_text) else token.text, seat.country,
                                seat.sectors, seat.role, kind="organization")]
        found = self.kb.country(head_text) or self.kb.country(token.text)
        if found and token.pos_ in {"PROPN", "NOUN"} and found.kind in {"name", "capital"}:
            return [self._other(self._country_label(found.iso3), found.iso3, (), None, kind="country")]
        # An institution or group: role noun with country modifiers ("Chinese officials").
        sectors = self.kb.sectors([t.text for t in phrase if t.pos_ in {"NOUN", "PROPN"}])
        if not sectors:
            return []
        countries, country_tokens = [], set()
        for iso3, run in self.countries_in([t for t in phrase if t.i != token.i]):
            country_tokens.update(t.i for t in run)
            if iso3 not in countries:
                countries.append(iso3)
        if not countries and any(t.lower_ == "its" and t.dep_ == "poss" for t in phrase):
            owner = self._last_country_before(token.i)
            countries = [owner] if owner else []
        role_words = [t.text for t in phrase if t.pos_ in {"NOUN", "PROPN"} and t.i not in country_tokens]
        role = " ".join(role_words) or None
        if not countries:
            return [self._other(role or token.text, None, sectors, role, kind="organization")]
        return [self._other(f"{self._country_label(c)} {role}" if role else self._country_label(c), c, sectors, role,
                            kind="organization") for c in countries]

    def _head_phrase(self, token: Token) -> str:
        words = [t for t in token.subtree if t.i <= token.i and t.dep_ in {"compound", "det"} or t.i == token.i]
        return " ".join(t.text for t in words if t.i >= words[0].i)

    def _country_label(self, iso3: str) -> str:
        return self.kb.country_name(iso3)

    def _other(self, name: str, country: str | None, sectors, role: str | None, kind: str) -> Actor:
        actor = Actor(name=name, country=country, sectors=list(sectors), role=role, kind=kind)
        return self.others.setdefault(actor.actor_id, actor)

    def all(self) -> list[Actor]:
        return list(self.people) + sorted(self.others.values(), key=lambda a: a.actor_id)
