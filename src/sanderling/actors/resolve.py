"""In-article actor resolution over a spaCy parse.

Layout: people.py registers people and reads their titles; story_country.py says which country
the story and its unplaced actors belong to; this module links every argument phrase to its
actors. People are registered from PERSON names with the title words around them ("US Defense Secretary
Lloyd Austin", "his Chinese counterpart Dong Jun", "Wei's successor, Li Shangfu"); later surnames,
titles with a surname ("Secretary Austin"), pronouns ("he", "she"), role nouns ("the minister",
"his counterpart") and pairs ("the two ministers") link back to them. Countries, capitals,
government seats, international organisations and armed groups are actors only in an argument
position of a predicate: a country named as where something happened ("in Cambodia") or as a
topic ("over Taiwan") is never a party.

Time: a person's country and sectors come first from the text's own title; where the text gives
none, from the knowledge base's office holders at the article's date (not today's); "former"
marks an office no longer held. Memory: `known` actors (from earlier articles, loaded from the
store by the caller) let a surname alone ("Dong") resolve to the person an earlier article named.

Written by hand because no offline library does entity linking for event data: coreference
models are not installable offline, and this needs the event-data sectors anyway.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..schema import Actor
from .kb import KnowledgeBase, clean_name
from .people import PeopleMixin
from .story_country import StoryCountryMixin, shared_gazetteer  # noqa: F401  (shared_gazetteer: re-exported)
from .words import PARTY_PREPS  # noqa: F401  (re-exported: events/ read it from here)
from .words import COUNTRY_NOUNS, LOCATIVE_PREPS, MODIFIER_DEPS, ORG_NOUNS, PAIR_WORDS, PRONOUNS_GROUP, PRONOUNS_PERSON


def _org_field(org) -> str | None:
    """The body an IGO/NGO actor is or speaks for; a group keeps its country and needs none."""
    return org.name if org is not None and org.country in {"IGO", "NGO", "MNC"} else None


def _date_str(published) -> str | None:
    if published is None:
        return None
    if isinstance(published, date):
        return published.isoformat()
    return str(published)[:10] or None


class ArticleActors(PeopleMixin, StoryCountryMixin):
    """Actors of one article: people registered once, every mention linked to its actor.

    `published` (a date or ISO string) is the date offices are looked up at; `known` are actors
    from earlier articles (people above all) that a bare surname may refer to.
    """

    def __init__(self, doc: Doc, kb: KnowledgeBase, published=None, known: Iterable[Actor] | None = None,
                 gazetteer=None, dateline=None):
        self.doc = doc
        self.dateline = dateline  # a Dateline the coder blanked out of the parsed text
        self.kb = kb
        self._gazetteer = gazetteer
        self._article_country: tuple[str | None] | None = None
        self.on = _date_str(published)
        self.known = [a for a in (known or []) if a.kind == "person" and a.name]
        self.people: list[Actor] = []
        self.person_at: dict[int, Actor] = {}  # token index -> person, for every token of a mention
        self.others: dict[str, Actor] = {}  # actor_id -> non-person actor
        self._appos: dict[int, int] = {}  # title noun -> first token of the name in apposition to it
        # spaCy builds doc.ents and doc.sents anew on every access: read once, or long articles
        # take quadratic time.
        self._ents: list[Span] = list(doc.ents)
        self._sents: list[Span] = list(doc.sents)
        self._sent_starts = [sent.start for sent in self._sents]
        self._ent_at: dict[int, Span] = {t: e for e in self._ents for t in range(e.start, e.end)}
        self._register_people()
        self._link_surnames()

    def _last_party_before(self, index: int, plural: bool = False, organizations_only: bool = False,
                           skip: set[str] = frozenset(), sentences: int = 1) -> list[Actor]:
        """What "its" / "their" / "it" / "they" refers to: the nearest earlier organisation, group,
        seat or country (a pair for "their" when two countries are named together), not of a
        country in `skip` (the clause's own subject's)."""
        # a body the tagger took for a person ("Zanu PF") is still the body the KB knows
        ents = [e for e in self._ents if e.end <= index and (e.label_ in {"ORG", "GPE", "NORP", "FAC"} or (
            e.label_ == "PERSON" and e.start not in self.person_at and self.kb.organization(e.text) is not None))]
        # Stay within the sentence and the `sentences` before it.
        at = bisect_right(self._sent_starts, index) - 1  # the sentence of the token
        floor = self._sent_starts[max(0, at - sentences)] if at >= 1 else 0
        found: list[Actor] = []
        for ent in reversed(ents):
            if ent.start < floor:
                break
            actor = self._named_party(ent)
            if actor is None and ent.label_ == "NORP" and ent.root.dep_ in {"amod", "compound"} \
                    and ent.root.head.lemma_.lower() in COUNTRY_NOUNS | ORG_NOUNS:
                # "the Thai government": the institution the nationality word heads
                actor = next(iter(self._actors_at(ent.root.head)), None)
            if actor is None or (organizations_only and actor.kind == "country") or actor.country in skip:
                continue
            if ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS and actor.kind == "country":
                continue  # "in Cambodia": a place, not what "its" points back to
            if not found:
                found.append(actor)
                if not plural:
                    break
            elif plural and actor.actor_id != found[0].actor_id and (
                    ent.root.dep_ == "conj" or any(t.dep_ == "conj" for t in ent.root.children)):
                found.append(actor)
                break
        return list(reversed(found))

    def _named_party(self, ent: Span) -> Actor | None:
        text = ent.text
        org = self.kb.organization(text)
        if org:
            return self._org_actor(org)
        seat = self.kb.seat(text)
        if seat:
            return self._other(clean_name(text), seat.country, seat.sectors, seat.role, kind="organization")
        found = self.kb.country(text)
        if found and found.kind in {"name", "capital"}:
            return self._other(self._country_label(found.iso3), found.iso3, (), None, kind="country")
        return None

    def actors_at(self, token: Token) -> list[Actor]:
        """The actors a noun phrase headed by `token` denotes (one per party), or []. Each actor
        keeps the span of the phrase among its mentions."""
        found = self._actors_at(token)
        if found:
            words = [t for t in token.subtree if t.i <= token.i and t.dep_ in {"compound", "det", "amod", "poss"}
                     and t.lower_ not in {"the", "a", "an"} or t.i == token.i]
            span = (min(t.idx for t in words), token.idx + len(token.text))
            for actor in found:
                if actor.kind != "person" and span not in actor.mentions:
                    actor.mentions.append(span)
                    actor.mentions.sort()
        return found

    def _actors_at(self, token: Token) -> list[Actor]:
        if token.i in self.person_at:
            return [self.person_at[token.i]]
        for child in token.children:  # "Defense Minister Dong Jun" headed by a title word
            if child.dep_ in {"compound", "appos"} and child.i in self.person_at:
                return [self.person_at[child.i]]
        if token.i in self._appos and self._appos[token.i] in self.person_at:
            return [self.person_at[self._appos[token.i]]]
        low = token.lower_
        if low in PRONOUNS_PERSON and token.pos_ == "PRON":
            person = self._salient_person_before(token.i)
            return [person] if person else []
        if low in PRONOUNS_GROUP and token.pos_ == "PRON":
            # "Beijing had assured it that ...": an object pronoun is not its own clause's subject
            subject = next((c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i),
                           None) if token.dep_ in {"dobj", "dative"} else None
            skip = {a.country for a in self._actors_at(subject) if a.country} if subject is not None else set()
            return self._last_party_before(token.i, plural=low in {"they", "them", "their", "theirs"}, skip=skip)
        phrase = [t for t in token.subtree if t.i <= token.i and t.dep_ in MODIFIER_DEPS | {"conj", "cc"} or t.i == token.i]
        if low in {"spokesperson", "spokesman", "spokeswoman"} and token.dep_ == "nsubj" and all(
                t.lower_ in {"a", "an", "the"} for t in phrase if t.i != token.i) and not any(
                c.dep_ == "prep" for c in token.children):
            # "A spokesperson said the State Department does not comment ...": the body the
            # spokesperson's words are about is the one they speak for
            body = next((a for c in token.head.children if c.dep_ == "ccomp" for s in c.children
                         if s.dep_ == "nsubj" for a in self._actors_at(s) if a.kind == "organization" and a.country),
                        None)
            if body is not None:
                return [body]
        if low in {"country", "nation"} and [t.lower_ for t in phrase] == ["the", low]:
            named = self._country_named_before(token)
            if named is not None:
                return [self._other(self._country_label(named), named, (), None, kind="country")]
        pair = self._pair(token, phrase)
        if pair is not None:
            return pair
        head_text = self._head_phrase(token)
        org = self._organization_at(token, head_text)
        if org is not None:
            return [org]
        seat = self.kb.seat(head_text) or self.kb.seat(token.text)
        if seat:
            return [self._other(clean_name(head_text) if self.kb.seat(head_text) else token.text, seat.country,
                                seat.sectors, seat.role, kind="organization")]
        found = self.kb.country(head_text) or self.kb.country(token.text)
        if found and token.pos_ in {"PROPN", "NOUN"} and found.kind == "capital" and not (
                token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS):
            # "Baghdad rejected ...": the capital stands for the government (CAMEO codes it GOV).
            return [self._other(clean_name(head_text) if self.kb.country(head_text) else token.text, found.iso3,
                                ("GOV",), None, kind="organization")]
        if found and token.pos_ in {"PROPN", "NOUN"} and found.kind in {"name", "capital"}:
            return [self._other(self._country_label(found.iso3), found.iso3, (), None, kind="country")]
        if token.lemma_.lower() in ORG_NOUNS and token.tag_ == "NN" and any(
                t.lower_ in {"the", "this", "that"} for t in phrase if t.i < token.i) and not any(
                t.dep_ in {"compound", "amod"} and (t.text[:1].isupper() or self.countries_in([t]))
                for t in phrase if t.i < token.i):
            # "the alliance", "the insurgent group", "the rights group": the organisation or group
            # named before, unless a name or a country says which (a sentence of comment may
            # come between: "It was the deadliest ... The group denied")
            owners = self._last_party_before(token.i, organizations_only=True, sentences=2)
            if owners:
                return owners
        if token.lemma_.lower() == "party" and token.tag_ == "NN" and [t.lower_ for t in phrase] == ["the", "party"]:
            # "what the party described as ...": the political party named last (not any body:
            # "the party" is also a side to a deal or a case)
            owners = self._last_party_before(token.i, organizations_only=True)
            if owners and "PTY" in (owners[0].sectors or []):
                return owners
        role_person = self._role_reference(token, phrase)
        if role_person is not None:
            return [role_person]
        owner_org = None
        owner_seat = None
        owner_tokens: set[int] = set()
        # "NATO forces", "Hamas fighters", "Republican lawmakers", "military chiefs of NATO"
        of_orgs = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and token.pos_ == "NOUN"
                   for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        for t in phrase + of_orgs:
            if t.i != token.i and (t.dep_ in {"compound", "poss", "nmod", "pobj"} or (t.dep_ == "amod" and t.text[:1].isupper())):
                ent = self._ent_at.get(t.i)
                org = self.kb.organization(self._head_phrase(t)) or (
                    self.kb.organization(ent.text) if ent is not None and ent.label_ == "ORG" and ent.root.i == t.i else None)
                if org is not None:
                    owner_org = org
                    owner_tokens.update(x.i for x in t.subtree)
                elif t.dep_ == "compound" and token.pos_ == "NOUN" and (seat := self.kb.seat(self._head_phrase(t))) is not None:
                    owner_seat = seat  # "a State Department official", "Kremlin aides"
                    owner_tokens.update(x.i for x in t.subtree)
        if self.kb.is_not_actor(token.text):
            # "Tuesday", "members", "region": no actor of their own; "Boko Haram members" are the group.
            return [self._org_actor(owner_org)] if owner_org is not None else []
        # An institution or group: role noun with country modifiers ("Chinese officials").
        sectors = self.kb.sectors([t.text for t in phrase if t.pos_ in {"NOUN", "PROPN"}])
        countries, country_tokens = [], set()
        after = self._of_country(token) if token.pos_ in {"NOUN", "PROPN"} else []
        for iso3, run in self.countries_in([t for t in phrase if t.i != token.i]) + self.countries_in(after):
            country_tokens.update(t.i for t in run)
            if iso3 not in countries:
                countries.append(iso3)
        if owner_seat is not None and not countries:
            countries = [owner_seat.country]
            sectors = tuple(dict.fromkeys(tuple(sectors) + tuple(owner_seat.sectors)))
        demonym = self.kb.country(token.text) or (
            self.kb.country(token.text[:-1]) if token.tag_ == "NNPS" and token.text.endswith("s") else None)  # "Kenyans"
        if not sectors and demonym and demonym.kind == "demonym" and token.ent_type_ == "NORP":
            # "the Palestinians", "Egyptian" on its own: the country's people.
            return [self._other(self._country_label(demonym.iso3), demonym.iso3, (), None, kind="country")]
        if not sectors and len(countries) == 1 and token.lemma_.lower() in {"side", "nation", "state", "country"} \
                and not (token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS):
            # "the American side", "the Chinese state": the country itself
            return [self._other(self._country_label(countries[0]), countries[0], (), None, kind="country")]
        if not sectors:
            owned = {x.i for c in token.children if c.dep_ == "poss" for x in c.subtree}
            if country_tokens and country_tokens <= owned:
                # "Beijing's territorial claims": something the country has, not a group of its people
                return []
            if countries and token.pos_ in {"NOUN", "PROPN"} and token.tag_ in {"NNS", "NNPS", "NNP"} \
                    and not (token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS):
                # "Iraqi pilots", "Kurdish Peshmerga": a group of that country, sector unknown.
                role = " ".join(t.text for t in phrase if t.pos_ in {"NOUN", "PROPN"} and t.i not in country_tokens) or None
                return [self._other(f"{self._country_label(c)} {role}" if role else self._country_label(c), c, (), role,
                                    kind="organization") for c in countries]
            return []
        country_tokens.update(owner_tokens)
        if not countries and owner_org is None:
            # "Prime Minister Hun Sen's government", "the Assad regime": the named person's country.
            for t in phrase:
                person = self.person_at.get(t.i)
                if t.i != token.i and person is not None and person.country and t.dep_ in {"compound", "poss"}:
                    countries = [person.country]
                    break
        possessive = [t for t in phrase if t.lower_ in {"its", "their", "his", "her"} and t.dep_ == "poss"]
        if not countries and owner_org is None and possessive and possessive[0].lower_ in {"his", "her"}:
            # "the army chief said his forces ...": the institution of the person named before
            owner = self._clause_subject(possessive[0])
            countries = [owner.country] if owner is not None and owner.country else []
        elif not countries and owner_org is None and possessive:
            owners = self._last_party_before(token.i, plural=possessive[0].lower_ == "their")
            if len(owners) == 1 and owners[0].kind != "country":  # "NATO said its forces ..."
                owner = owners[0]
                role = " ".join(t.text for t in phrase if t.pos_ in {"NOUN", "PROPN"} and t.i not in country_tokens) or None
                merged = tuple(dict.fromkeys(tuple(owner.sectors) + tuple(sectors)))
                return [self._other(f"{owner.name} {role}" if role else owner.name, owner.country, merged, role,
                                    kind=owner.kind, org=owner.org)]
            countries = [a.country for a in owners if a.country]
            if not countries:
                owner = self._last_country_before(token.i)
                countries = [owner] if owner else []
        role_words = [t.text for t in phrase if t.pos_ in {"NOUN", "PROPN"} and t.i not in country_tokens]
        role = " ".join(role_words) or None
        if owner_org is not None and not countries:
            sectors = tuple(dict.fromkeys(tuple(owner_org.sectors) + tuple(sectors)))
            return [self._other(f"{owner_org.name} {role}" if role else owner_org.name, owner_org.country, sectors,
                                role, kind=owner_org.kind, org=_org_field(owner_org))]
        if not countries and token.dep_ == "conj" and token.head.pos_ in {"NOUN", "PROPN"}:
            # "an Austrian student, activist and journalist": the conjuncts share the modifiers.
            head_mods = [t for t in token.head.subtree if t.i < token.head.i and t.dep_ in MODIFIER_DEPS]
            countries = [c for c, _ in self.countries_in(head_mods)][:1]
        if not countries and all(t.lower_ == "the" for t in phrase if t.i != token.i) and len(phrase) > 1:
            # "the government demanded ...": the government the story named last ("the Chilean
            # government reported ... The government ...")
            countries = self._antecedent_countries(token)
        if not countries:
            country = (self.court_country() if "JUD" in sectors else None) or self.context_country(token) \
                or self._sector_country_before(token, sectors)
            if country is None:
                return [self._other(role or token.text, None, sectors, role, kind="organization")]
            countries = [country]
        return [self._other(f"{self._country_label(c)} {role}" if role else self._country_label(c), c, sectors, role,
                            kind="organization") for c in countries]

    def _organization_at(self, token: Token, head_text: str) -> Actor | None:
        """An international organisation or armed group named by the phrase or the entity it heads."""
        candidates = [head_text, token.text]
        if token.ent_type_ in {"ORG", "NORP", "GPE", "FAC", "PERSON"}:
            ent = self._ent_at.get(token.i)
            if ent is not None:
                candidates.insert(0, ent.text)
        for text in candidates:
            org = self.kb.organization(text)
            if org is not None and not (len(clean_name(text)) <= 3 and not token.text.isupper() and token.text == text):
                return self._org_actor(org)
        return None

    def _org_actor(self, org) -> Actor:
        return self._other(org.name, org.country, org.sectors, None, kind=org.kind, org=_org_field(org))

    def _pair(self, token: Token, phrase: list[Token]) -> list[Actor] | None:
        """"the two ministers", "both countries": the last two people or countries named before."""
        if not any(t.lower_ in PAIR_WORDS for t in phrase if t.i != token.i):
            return None
        low = token.lower_
        if low in COUNTRY_NOUNS or token.lemma_.lower() in COUNTRY_NOUNS:
            found: list[Actor] = []
            for ent in reversed([e for e in self._ents if e.end <= token.i]):
                if ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS:
                    continue
                actor = self._named_party(ent)
                if actor is None and ent.start in self.person_at:
                    person = self.person_at[ent.start]
                    if person.country:
                        actor = self._other(self._country_label(person.country), person.country, (), None, kind="country")
                if actor is not None and actor.kind == "country" and all(a.actor_id != actor.actor_id for a in found):
                    found.append(actor)
                if len(found) == 2:
                    return list(reversed(found))
            return None
        if self.kb.is_agent_word(token.text) or low in {"men", "women", "leaders", "sides"}:
            people = self._people_before(token.i)
            if len(people) >= 2:
                return list(reversed(people[:2]))
        return None

    def _salient_person_before(self, index: int) -> Actor | None:
        """Whom "he"/"his" stands for: in the nearest sentence (this one or the two before) that
        names people, the last one named as a subject or a subject's possessor ("Suga's travels
        will include meeting Modi and Duterte. ... his meeting": Suga), else the last named."""
        at = bisect_right(self._sent_starts, index) - 1
        for n in range(at, max(-1, at - 3), -1):
            start = self._sent_starts[n]
            end = self._sent_starts[n + 1] if n + 1 < len(self._sent_starts) else len(self.doc)
            named = [(i, p) for i, p in self.person_at.items() if start <= i < min(end, index)]
            if not named:
                continue
            subjects = [(i, p) for i, p in named if _subject_like(self.doc[i])]
            return max(subjects or named, key=lambda x: x[0])[1]
        return self._last_person_before(index)

    def _country_named_before(self, token: Token) -> str | None:
        """"the withdrawal of U.S. troops from the country": the country named last before, in
        this sentence or the one before, outside the phrase "the country" belongs to."""
        scope = token.head.head if token.dep_ == "pobj" else token.head
        inside = {t.i for t in scope.subtree}
        at = bisect_right(self._sent_starts, token.i) - 1
        floor = self._sent_starts[max(0, at - 1)]
        for ent in reversed(self._ents):
            if ent.end > token.i or ent.label_ != "GPE" or ent.start in inside:
                continue
            if ent.start < floor:
                break
            entry = self.kb.country(ent.text)
            if entry and entry.kind == "name":
                return entry.iso3
        return None

    def _sector_country_before(self, token: Token, sectors) -> str | None:
        """"The Moroccan agency broke up a cell. Authorities said ...": bare state actors the story
        leaves unplaced are of the one country whose state actors the sentence before names."""
        state = {"GOV", "COP", "MIL", "JUD", "SPY"}
        at = bisect_right(self._sent_starts, token.i) - 1
        if at < 1 or not set(sectors) & state:
            return None
        found = set()
        for t in self._sents[at - 1]:
            if t.pos_ in {"NOUN", "PROPN"} and t.dep_ not in {"compound", "amod", "poss"} \
                    and set(self.kb.sectors([t.text])) & state:
                mods = [m for m in t.subtree if m.i < t.i and m.dep_ in MODIFIER_DEPS]
                found.update(c for c, _ in self.countries_in(mods))
        return found.pop() if len(found) == 1 else None

    def _antecedent_countries(self, token: Token) -> list[str]:
        """The country of the last earlier phrase with the same head noun and a country of its
        own, within this sentence and the two before it."""
        at = bisect_right(self._sent_starts, token.i) - 1
        floor = self._sent_starts[max(0, at - 2)]
        lemma = token.lemma_.lower()
        for i in range(token.i - 1, floor - 1, -1):
            earlier = self.doc[i]
            if earlier.lemma_.lower() != lemma or earlier.pos_ != token.pos_:
                continue
            mods = [t for t in earlier.subtree if t.i < earlier.i and t.dep_ in MODIFIER_DEPS]
            countries = [c for c, _ in self.countries_in(mods)] or [c for c, _ in self.countries_in(self._of_country(earlier))]
            if not countries:  # "a senior State Department official ... The official added"
                seats = [self.kb.seat(self._head_phrase(t)) for t in mods if t.dep_ == "compound"]
                countries = [seat.country for seat in seats if seat is not None and seat.country]
            if len(set(countries)) == 1:
                return countries[:1]
        return []

    def _clause_subject(self, pronoun: Token) -> Actor | None:
        """Whom "his"/"her" stands for: the subject of a clause above it ("the army chief said his
        forces ..."), else the last person named in the same sentence."""
        for above in pronoun.ancestors:
            for child in above.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i < pronoun.i and pronoun not in child.subtree:
                    found = [a for a in self._actors_at(child) if a.country]
                    if len(found) == 1:
                        return found[0]
        person = self._last_person_before(pronoun.i)
        if person is not None and any(i >= pronoun.sent.start and p is person for i, p in self.person_at.items()
                                      if i < pronoun.i):
            return person
        return None

    def _role_reference(self, token: Token, phrase: list[Token]) -> Actor | None:
        """"the minister", "the secretary", "his counterpart": the earlier person with that role."""
        if token.pos_ != "NOUN" or not self.kb.is_agent_word(token.text) or token.tag_ in {"NNS", "NNPS"}:
            return None
        dets = [t for t in phrase if t.dep_ in {"det", "poss"} and t.i < token.i]
        if not dets or dets[0].lower_ not in {"the", "his", "her", "this", "that"}:
            return None
        if any(t.pos_ == "ADJ" or (t.dep_ == "amod") or self.countries_in([t]) for t in phrase
               if t.i != token.i and t.lower_ not in {"the", "his", "her", "this", "that"}):
            # "the Chinese minister" names a country: only a person of that country will do.
            countries = [c for c, _ in self.countries_in([t for t in phrase if t.i != token.i])]
        else:
            countries = []
        low = token.lemma_.lower()
        people = self._people_before(token.i)
        if low == "counterpart":
            owner = next((t for t in dets if t.lower_ in {"his", "her"}), None)
            if owner is None:
                return None
            speaker = self._last_person_before(owner.i)
            for person in people:  # someone already named as a counterpart, else the other side
                if person is not speaker and person.role and "counterpart" in person.role.lower():
                    return person
            for person in people:
                if speaker is not None and person is not speaker and person.country != speaker.country:
                    return person
            return None
        for person in people:
            words = {w.lower() for w in (person.role or "").replace("(", " ").replace(")", " ").split()}
            if (low in words or token.lower_ in words) and (not countries or person.country in countries):
                return person
        return None

    def _head_phrase(self, token: Token) -> str:
        words = [t for t in token.subtree if t.i <= token.i and t.dep_ in {"compound", "det"} or t.i == token.i]
        return " ".join(t.text for t in words if t.i >= words[0].i)

    def _country_label(self, iso3: str) -> str:
        return self.kb.country_name(iso3)

    def other(self, actor: Actor) -> Actor:
        """The article's non-person actor with `actor`'s id (kind, country, sectors, body): the one
        met first, so that every mention of a body is one actor; `actor` when it is new."""
        return self.others.setdefault(actor.actor_id, actor)

    def _other(self, name: str, country: str | None, sectors, role: str | None, kind: str,
               org: str | None = None) -> Actor:
        actor = Actor(name=name, country=country, sectors=list(sectors), role=role, kind=kind, org=org)
        known = self.other(actor)
        named = self.kb.country(name)
        if known is not actor and role is None and known.role and (named is None or named.kind == "capital"):
            # one body named twice ("the South Korean capital", "Seoul"): its proper name wins
            known.name, known.role = name, None
        return known

    def all(self) -> list[Actor]:
        return list(self.people) + sorted(self.others.values(), key=lambda a: a.actor_id)


def _subject_like(token: Token) -> bool:
    """A name token inside a clause's subject: "Suga", "Suga's travels", "President Suga"."""
    while token.dep_ in {"compound", "flat", "appos"} and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss":
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}
