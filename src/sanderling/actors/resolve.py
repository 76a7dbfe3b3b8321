"""In-article actor resolution over a spaCy parse.

People are registered from PERSON names with the title words around them ("US Defense Secretary
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
from ..dateline import find_dateline
from .affiliation import focus_country, title_affiliation
from .kb import KnowledgeBase, clean_name

# Lower-case titles that name a person after them ("his counterpart Park Ji-won").
RELATION_TITLES = {"counterpart", "successor", "predecessor", "deputy", "envoy"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers"}
PRONOUNS_GROUP = {"it", "its", "they", "them", "their", "theirs"}
# Prepositions whose object is a party to the predicate, not a place or a topic.
PARTY_PREPS = {"with", "to", "against", "by", "toward", "towards", "between", "from", "among", "on", "upon", "for"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "nummod", "det", "case", "punct", "advmod", "quantmod"}
TITLE_SKIP = {"his", "her", "their", "its", "the", "a", "an", "former", "then", "’s", "'s", ",", "ex", "-", "late",
              "outgoing", "new", "incoming", "newly", "appointed", "current", "acting", "interim"}
FORMER_WORDS = {"former", "ex", "late", "outgoing"}
# Courtesy titles: "Mr Jordan" is a person even where "Jordan" is also a country.
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "rep.", "gen.", "col.", "lt.", "adm.",
              "sir", "dame", "madam", "madame"}
# Before a place, not a person: "in Austin", "near Jordan".
LOCATIVE_PREPS = {"in", "at", "near", "from", "into", "across", "outside", "inside", "around", "via", "through",
                  "throughout", "within", "to", "toward", "towards"}
PAIR_WORDS = {"two", "both"}
# The kind of division after a place's name: "Ghazni province", "Kern County".
ADMIN_WORDS = {"county", "province", "district", "state", "region", "governorate", "prefecture", "city"}
# "the alliance", "the bloc": a definite noun that points back to an organisation or group.
ORG_NOUNS = {"alliance", "bloc", "organization", "organisation", "body", "union", "group", "movement", "militia",
             "agency", "court", "council", "coalition", "league", "fund", "bank", "tribunal", "forum"}
COUNTRY_NOUNS = {"country", "countries", "nation", "nations", "state", "states", "side", "sides", "government",
                 "governments", "capitals", "neighbours", "neighbors", "allies", "powers"}
# Prepositions after a role noun that name where it is: "the police in Lagos", "a court in Ankara".
WHERE_PREPS = {"in", "of", "at"}
# Prepositions whose object is another party or a destination, not where the story is.
ELSEWHERE_PREPS = {"to", "into", "toward", "towards", "from", "with", "against", "by"}


def shared_gazetteer():
    from ..places import shared_gazetteer as shared

    return shared()


def _org_field(org) -> str | None:
    """The body an IGO/NGO actor is or speaks for; a group keeps its country and needs none."""
    return org.name if org is not None and org.country in {"IGO", "NGO", "MNC"} else None


def _date_str(published) -> str | None:
    if published is None:
        return None
    if isinstance(published, date):
        return published.isoformat()
    return str(published)[:10] or None


class ArticleActors:
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

    # -- people --------------------------------------------------------------------------------
    def _titled(self, token: Token) -> bool:
        """A title or courtesy word right before a token ("Secretary Austin", "Mr Jordan")."""
        if token.i == 0:
            return False
        prev = self.doc[token.i - 1]
        return prev.lower_ in HONORIFICS or (prev.text[:1].isupper() and self.kb.is_agent_word(prev.text)
                                             and prev.lower_ not in {"officials", "official", "government", "leader"})

    def _person_spans(self) -> list[Span]:
        """PERSON entities, plus names the NER missed right after a title ("counterpart Park Ji-won")."""
        doc = self.doc
        spans = []
        for e in doc.ents:
            if e.label_ != "PERSON":
                continue
            # A country's name tagged PERSON ("Jordan") is the country unless a title says otherwise.
            if len(e) == 1 and self.kb.country(e.text) and not self._titled(e[0]):
                continue
            spans.append(e)
        taken = {t.i for e in spans for t in e}
        if self.on:
            # A lone surname the NER missed that only one known office holder has ("Erdogan said").
            for t in doc:
                if (t.i not in taken and t.pos_ == "PROPN" and t.ent_type_ in {"", "PERSON", "ORG", "NORP"}
                        and t.text[:1].isupper() and not (t.i and doc[t.i - 1].pos_ == "PROPN")
                        and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
                        and not self.kb.country(t.text) and not self.kb.organization(t.text) and not self.kb.seat(t.text)
                        and not self.kb.is_agent_word(t.text)):
                    found = self.kb.person_by_surname(t.text, self.on)
                    if found is not None and found[1].sectors:
                        spans.append(Span(doc, t.i, t.i + 1, label="PERSON"))
                        taken.add(t.i)
        i = 1
        while i < len(doc):
            start = i
            while (i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()
                   and (doc[i].ent_type_ in {"", "PERSON"} or (i == start and self._titled(doc[i]) and doc[i].ent_type_ in {"GPE", "ORG", "NORP"}))
                   and doc[i].i not in taken and not self.kb.is_agent_word(doc[i].text)
                   and not (self.kb.country(doc[i].text) and doc[i - 1].lower_ not in HONORIFICS)):
                i += 1
            inside_org = doc[start].ent_type_ == "ORG" and doc[start].ent_iob_ == "I"  # "Bishops Conference"
            if i > start and not inside_org and doc[start - 1].pos_ in {"NOUN", "PROPN"} \
                    and (self.kb.is_agent_word(doc[start - 1].text) or doc[start - 1].lower_ in HONORIFICS) \
                    and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in RELATION_TITLES) and (doc[start - 1].head.i >= start or doc[start - 1].lower_ in HONORIFICS):
                spans.append(Span(doc, start, i, label="PERSON"))
            i = max(i, start + 1)
        return sorted(spans, key=lambda s: s.start)

    def _register_people(self) -> None:
        for ent in self._person_spans():
            name = clean_name(ent.text)
            if not name or (self.kb.country(name) and not self._titled(ent[0])) or self.kb.seat(name) \
                    or self.kb.organization(name) or (len(ent) == 1 and self.kb.is_agent_word(ent.text)):
                continue  # a place, a body, or a title the tagger took for a name ("Chief")
            person = self._match_person(name)
            title_tokens, appos_head = self._title_tokens(ent)
            country, sectors, role, former = self._read_title(title_tokens, appos_head, ent)
            org = None
            body = title_affiliation(title_tokens + self._body_phrase(ent, appos_head), self.kb, self._place_country)
            if body is not None and (country is None or (body.org and body.at < self._first_country_at(title_tokens))):
                # "UNICEF's director", "the U.N. envoy for Syria", "WFP's director in Malawi":
                # the body they serve; a country word before it ("the Chinese U.N. envoy") wins.
                country, org = body.country, body.org
                sectors = tuple(dict.fromkeys(tuple(sectors) + body.sectors))
            if person is None:
                person = self._from_memory(name)
                if person is not None:
                    if country and person.country != country and len(name.split()) > 1:
                        person = None  # the same surname, another person
                    else:
                        self.people.append(person)
            if person is None:
                person = Actor(name=name, country=country, sectors=list(sectors), role=role,
                               kind="person", former=former, org=org)
                self.people.append(person)
            else:
                if len(name.split()) > len(person.name.split()):
                    person.name = name
                if country and not person.country:
                    person.country, person.org = country, org
                # A fuller explicit title beats a shorter one or one copied from a counterpart.
                copied = bool(person.role and "(" in person.role)
                if sectors and (len(sectors) > len(person.sectors) or (copied and role and "(" not in role)):
                    person.sectors = list(sectors)
                    person.role = role or person.role
                person.former = person.former or former
            person.mentions.append((ent.start_char, ent.end_char))
            for t in ent:
                self.person_at[t.i] = person
        for person in self.people:
            self._from_kb(person)
            if person.country is None and person.mentions:
                # "The U.N. envoy for Syria is calling for ... . Geir Pedersen issued his appeal":
                # a titled phrase next to the name that names the body.
                person.country, person.org = self._nearby_role_body(person)
            if person.country is None and person.sectors and person.mentions:
                # A titled person the text and tables give no country ("President Ana Ruiz" in a
                # story datelined from one country, or naming only one): the article's country.
                at = self.doc.char_span(*person.mentions[0], alignment_mode="expand")
                person.country = self.context_country(at.root if at is not None else None)
                if person.country is None and at is not None:
                    # "Speaking at a think tank in Washington, National Security Adviser X said":
                    # the one country the sentence of the first mention names.
                    person.country = self._sentence_country(at.sent)
            if person.former and person.sectors and "ELI" not in person.sectors:
                person.sectors = list(person.sectors) + ["ELI"]  # CAMEO: a former official is an elite
            person.actor_id = Actor(name=person.name, kind="person", country=person.country).actor_id

    def _from_kb(self, person: Actor) -> None:
        """Fill what the text left open from the office holders known at the article's date."""
        found = self.kb.person(person.name, self.on)
        if found is None and len(person.name.split()) == 1:
            found = self.kb.person_by_surname(person.name, self.on)
            if found is not None and found[0].terms:
                person.name = found[0].name
        if found is None:
            return
        _, term, former = found
        if term is None:
            return
        if not person.country and term.country:
            person.country = term.country
        if term.country and person.country != term.country:
            return  # the text says otherwise: a namesake
        if not person.sectors and term.sectors:
            person.sectors = list(term.sectors)
            person.role = person.role or term.role
            person.former = person.former or former
        if term.start and not person.former:
            person.role_start = person.role_start or term.start
        if former and not person.role_end:
            person.role_end = term.start

    def _from_memory(self, name: str) -> Actor | None:
        """A person an earlier article named: by full name, or by a surname only one of them has."""
        if not self.known:
            return None
        parts = name.split()
        same = [a for a in self.known if a.name == name]
        if not same and len(parts) == 1:
            same = [a for a in self.known if name in a.name.split()[1:] or a.name.split()[0] == name]
        if len({a.actor_id for a in same}) != 1:
            return None
        known = same[0]
        return Actor(name=known.name, country=known.country, sectors=list(known.sectors), role=known.role,
                     kind="person", former=known.former, role_start=known.role_start, role_end=known.role_end,
                     org=known.org)

    def _link_surnames(self) -> None:
        """Surnames the NER missed or took for a place ("Secretary Austin", "... and Dong agreed"):
        a proper noun that is a registered person's name part, unless it reads as a place
        ("in Austin", "Austin, Texas") or is a country named without a title."""
        parts: dict[str, set[int]] = {}
        for n, person in enumerate(self.people):
            for word in person.name.split():
                if len(word) > 1:
                    parts.setdefault(word, set()).add(n)
        remembered = {a.name.split()[-1] for a in self.known if len(a.name.split()) > 1}
        for token in self.doc:
            if token.i in self.person_at or token.pos_ != "PROPN":
                continue
            if token.text not in parts and token.text in remembered and not self.kb.country(token.text) \
                    and not self.kb.organization(token.text) and self._reads_as_person(token) \
                    and not (token.i + 1 < len(self.doc) and self.doc[token.i + 1].pos_ == "PROPN"):
                # A surname an earlier article gave in full ("Okafor" after "Dara Okafor").
                person = self._from_memory(token.text)
                if person is not None:
                    person.actor_id = Actor(name=person.name, kind="person", country=person.country).actor_id
                    self.people.append(person)
                    parts.setdefault(token.text, set()).add(len(self.people) - 1)
            if token.text not in parts or len(parts[token.text]) != 1:
                continue
            person = self.people[next(iter(parts[token.text]))]
            if not self._reads_as_person(token):
                continue
            self.person_at[token.i] = person
            person.mentions.append((token.idx, token.idx + len(token.text)))
        for person in self.people:
            person.mentions.sort()

    def _reads_as_person(self, token: Token) -> bool:
        doc = self.doc
        if self._titled(token):
            return True
        if token.ent_type_ in {"GPE", "LOC", "FAC"}:
            if self.kb.country(token.text):
                return False  # "Jordan" the country
            prev = doc[token.i - 1] if token.i else None
            if prev is not None and prev.lower_ in LOCATIVE_PREPS:
                return False  # "in Austin"
            if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
                return False
            nxt = doc[token.i + 1: token.i + 3]
            if len(nxt) == 2 and nxt[0].text == "," and nxt[1].ent_type_ in {"GPE", "LOC"}:
                return False  # "Austin, Texas"
        elif token.ent_type_ not in {"", "PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT"}:  # the tagger misreads names
            return False
        return True

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
        left = [t for t in root.subtree if t.i < ent.start and (t.dep_ in MODIFIER_DEPS | {"appos"} or (
            t.dep_ == "prep" and t.lower_ == "of") or (t.dep_ == "pobj" and t.head.lower_ == "of"))]
        # Keep only the contiguous run just before the name: "Chinese President Xi".
        run: list[Token] = []
        for t in reversed(left):
            if run and t.i != run[0].i - 1:
                break
            if not run and t.i != ent.start - 1:
                break
            run.insert(0, t)
        appos_head = root.head if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"} else None
        first = run[0].i if run else ent.start
        if appos_head is None and first >= 2 and self.doc[first - 1].text == ",":
            # "his German counterpart, Lukas Weber", "the Navy Chief of Staff, Admiral Ana Reyes":
            # an apposition the parser attached elsewhere.
            before = self.doc[first - 2]
            if before.dep_ == "pobj" and before.head.lower_ == "of" and before.head.head.pos_ in {"NOUN", "PROPN"}:
                before = before.head.head  # "Chief of Staff": the title is its head noun
            if before.pos_ in {"NOUN", "PROPN"} and self.kb.is_agent_word(before.text) and before.i not in self.person_at \
                    and (before.pos_ == "NOUN" or before.ent_type_ in {"", "PERSON", "ORG"}):
                appos_head = before
        if appos_head is not None:
            self._appos[appos_head.i] = ent.start
            run = [t for t in appos_head.subtree if t.i <= appos_head.i] + run
        # "Lloyd Austin, the US defense secretary": an apposition after the name.
        for child in root.children:
            if child.dep_ == "appos" and child.i > ent.end - 1 and child.pos_ in {"NOUN", "PROPN"}:
                run = run + [t for t in child.subtree if t.i <= child.i and t.dep_ in MODIFIER_DEPS | {"appos"} or t.i == child.i]
                run = run + self._of_country(child)
        run = run + self._of_country(root)
        if appos_head is not None:
            run = run + self._of_country(appos_head)
        return run, appos_head

    def _sentence_country(self, sent: Span) -> str | None:
        found = set()
        for ent in sent.ents:
            if ent.label_ in {"GPE", "NORP"} and ent.start not in self.person_at:
                country = self._place_country(ent.text)
                if country and len(country) == 3 and country not in {"IGO", "NGO", "MNC"}:
                    found.add(country)
        return found.pop() if len(found) == 1 else None

    def _nearby_role_body(self, person: Actor) -> tuple[str | None, str | None]:
        """The country (and body) of the one definite title phrase with no name of its own ("the
        U.N. special envoy for Syria", "the Taliban chief") in the sentence of a person's first
        mention or the sentence on either side; (None, None) where there is none or several."""
        first = self.doc.char_span(*person.mentions[0], alignment_mode="expand")
        if first is None:
            return None, None
        sents = self._sents
        at = next((n for n, sent in enumerate(sents) if sent.start <= first.start < sent.end), None)
        if at is None:
            return None, None
        found: set[tuple[str, str | None]] = set()
        for sent in sents[max(0, at - 1): at + 2]:
            for token in sent:
                if not (token.pos_ == "NOUN" and token.tag_ == "NN" and self.kb.is_agent_word(token.text)):
                    continue
                if token.i in self.person_at or token.i in self._appos or any(
                        c.i in self.person_at for c in token.subtree):
                    continue
                if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                    continue
                mods = [t for t in token.subtree if t.i < token.i and t.dep_ in MODIFIER_DEPS]
                mods += [t for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}
                         for t in c.subtree if t.i != c.i]
                countries = self.countries_in(mods)
                body = title_affiliation(mods, self.kb)
                if body is not None and (body.org or not countries):
                    found.add((body.country, body.org))
                elif countries:
                    found.add((countries[0][0], None))
        return next(iter(found)) if len(found) == 1 else (None, None)

    def _body_phrase(self, ent: Span, appos_head: Token | None) -> list[Token]:
        """The "of"/"for"/"at" phrase of a person's title noun, where the body they serve is named:
        "director of the White House National Economic Council", "a spokesperson for UNHCR"."""
        nouns = [c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end and c.pos_ in {"NOUN", "PROPN"}]
        if appos_head is not None:
            nouns.append(appos_head)
        nouns += [c for n in list(nouns) for c in n.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        found: list[Token] = []
        for noun in nouns:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in {"of", "for", "at", "in"}:
                    found.extend(t for t in prep.subtree if t.i != prep.i and t.dep_ not in {"relcl", "acl"})
        return found

    def _first_country_at(self, tokens: list[Token]) -> int:
        found = [run[0].i for _, run in self.countries_in(sorted(tokens, key=lambda t: t.i))]
        return min(found) if found else len(self.doc)

    def _of_country(self, token: Token) -> list[Token]:
        """The country in an "of"/"in" phrase after a noun: "the mayor of Guatemala", "authorities
        in Peru", "President Ana Ruiz of Chile"."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        words = [t for t in pobj.subtree if t.dep_ in {"compound", "det"} or t.i == pobj.i]
                        entry = self.kb.country(" ".join(t.text for t in words))
                        if entry and entry.kind == "name" and pobj.ent_type_ in {"GPE", ""}:
                            return [t for t in words if t.lower_ != "the"]
        return []

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
            if low in FORMER_WORDS | {"then"}:
                former = former or low != "then"
                continue
            if t.i in self.person_at:  # "Wei's successor"
                successor_of = self.person_at[t.i]
                continue
            if low in TITLE_SKIP or t.is_punct or low in HONORIFICS:
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
                    base = other.role.split(" (")[0]
                    rest = [w for w in role_words if w.lower() not in {"counterpart", "successor", "predecessor"}]
                    role = " ".join(rest) if rest and self.kb.sectors(rest) else base
                    role = f"{role} ({' '.join(role_words)})" if "counterpart" in low_words else role
                if "successor" in low_words or "predecessor" in low_words:
                    country = country or other.country
                if "successor" in low_words:
                    other.former = True  # succeeded: no longer holds the office
                if "predecessor" in low_words:
                    former = True
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
                if entry and (n > 1 or run[0].ent_type_ in {"GPE", "NORP", "LOC", ""} or (
                        # "Nigeria Police", "Philippine National Police": a country word that
                        # opens a national body's name (tagged ORG as a whole).
                        run[0].ent_type_ == "ORG" and run[0].ent_iob_ == "B" and run[0].dep_ in {"compound", "amod"}
                        and entry.kind in {"name", "demonym"})) and not (
                        n == 1 and run[0].i in self.person_at):
                    found.append((entry.iso3, run))
                    i += n
                    break
            else:
                i += 1
        return found

    # -- the article's country --------------------------------------------------------------
    @property
    def gazetteer(self):
        if self._gazetteer is None:
            self._gazetteer = shared_gazetteer()
        return self._gazetteer

    def _place_country(self, text: str) -> str | None:
        entry = self.kb.country(text)
        if entry is not None:
            return entry.iso3
        name = clean_name(text)
        place = self.gazetteer.resolve(name)
        words = name.split()
        if place is None and len(words) > 1 and words[-1].lower() in ADMIN_WORDS:
            place = self.gazetteer.resolve(" ".join(words[:-1]))  # "Lamu County" -> Lamu
        return place.country if place is not None else None

    def _where(self, token: Token | None) -> str | None:
        """The country of an "in/of/at <place>" phrase after a noun: "the police in Lagos", "a
        court in Istanbul", "leaders in Chad's capital"."""
        if token is None:
            return None
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in WHERE_PREPS:
                continue
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                words = list(pobj.subtree)
                found = self.countries_in(words)
                if found:
                    return found[0][0]
                for ent in self._ents:
                    if ent.label_ in {"GPE", "LOC", "FAC"} and ent.start >= words[0].i and ent.end <= words[-1].i + 1:
                        country = self._place_country(ent.text)
                        if country:
                            return country
        return None

    def dateline_country(self) -> str | None:
        """The country of the place the story was filed from ("MANILA, Philippines --")."""
        line = self.dateline if self.dateline is not None else find_dateline(self.doc.text)
        if line is None:
            return None
        if line.region:
            found = self._place_country(line.region)
            if found:
                return found
        found = self.kb.organization(line.place)
        if found is not None:
            return None  # "UNITED NATIONS, Nov 17 -": filed from a body's seat, not a country
        return self._place_country(line.place) if len(line.place) > 2 else None

    def article_country(self) -> str | None:
        """The one country the article is about: its dateline's, else the only country its place
        names and nationality words name (None when it names several or none)."""
        if self._article_country is None:
            found = self.dateline_country()
            if found is None:
                named = set()
                for ent in self._ents:
                    if ent.label_ not in {"GPE", "NORP", "LOC"}:
                        continue
                    if self.kb.organization(ent.text) is not None:
                        continue
                    if ent.root.dep_ == "pobj" and ent.root.head.lower_ in ELSEWHERE_PREPS:
                        continue  # "a visit to Russia", "officials from Peru": somewhere else
                    entry = self.kb.country(ent.text)
                    country = entry.iso3 if entry else (self._place_country(ent.text) if ent.label_ == "GPE" else None)
                    if country:
                        named.add(country)
                found = named.pop() if len(named) == 1 else None
            if found is None:
                found = focus_country(self.doc, self.kb)
            self._article_country = (found,)
        return self._article_country[0]

    def context_country(self, token: Token | None) -> str | None:
        """The country of an actor the phrase itself leaves open ("the government", "police"):
        a place after it, else the article's one country."""
        return self._where(token) or self.article_country()

    def _last_country_before(self, index: int) -> str | None:
        """The country named last before a token: what "its" or "their" refers to."""
        for ent in reversed([e for e in self._ents if e.end <= index and e.label_ == "GPE"]):
            entry = self.kb.country(ent.text)
            if entry and entry.kind == "name":
                return entry.iso3
        return None

    def _last_party_before(self, index: int, plural: bool = False, organizations_only: bool = False) -> list[Actor]:
        """What "its" / "their" / "it" / "they" refers to: the nearest earlier organisation, group,
        seat or country (a pair for "their" when two countries are named together)."""
        ents = [e for e in self._ents if e.end <= index and e.label_ in {"ORG", "GPE", "NORP", "FAC"}]
        # Stay within the sentence and the one before it.
        at = bisect_right(self._sent_starts, index) - 1  # the sentence of the token
        floor = self._sent_starts[at - 1] if at >= 1 else 0
        found: list[Actor] = []
        for ent in reversed(ents):
            if ent.start < floor:
                break
            actor = self._named_party(ent)
            if actor is None or (organizations_only and actor.kind == "country"):
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

    def _last_person_before(self, index: int) -> Actor | None:
        best = None
        for i, person in self.person_at.items():
            if i < index and (best is None or i > best[0]):
                best = (i, person)
        return best[1] if best else None

    def _people_before(self, index: int) -> list[Actor]:
        """People in the order they were last mentioned before a token, most recent first."""
        order: dict[str, tuple[int, Actor]] = {}
        for i, person in self.person_at.items():
            if i < index and (person.actor_id not in order or i > order[person.actor_id][0]):
                order[person.actor_id] = (i, person)
        return [p for _, p in sorted(order.values(), key=lambda x: -x[0])]

    # -- actors in argument positions -----------------------------------------------------------
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
            person = self._last_person_before(token.i)
            return [person] if person else []
        if low in PRONOUNS_GROUP and token.pos_ == "PRON":
            return self._last_party_before(token.i, plural=low in {"they", "them", "their", "theirs"})
        phrase = [t for t in token.subtree if t.i <= token.i and t.dep_ in MODIFIER_DEPS | {"conj", "cc"} or t.i == token.i]
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
                t.dep_ in {"amod", "compound"} for t in phrase if t.i < token.i):
            owners = self._last_party_before(token.i, organizations_only=True)
            if owners:
                return owners
        role_person = self._role_reference(token, phrase)
        if role_person is not None:
            return [role_person]
        owner_org = None
        owner_tokens: set[int] = set()
        for t in phrase:  # "NATO forces", "Hamas fighters", "Republican lawmakers"
            if t.i != token.i and (t.dep_ in {"compound", "poss", "nmod"} or (t.dep_ == "amod" and t.text[:1].isupper())):
                org = self.kb.organization(self._head_phrase(t))
                if org is not None:
                    owner_org = org
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
        demonym = self.kb.country(token.text)
        if not sectors and demonym and demonym.kind == "demonym" and token.ent_type_ == "NORP":
            # "the Palestinians", "Egyptian" on its own: the country's people.
            return [self._other(self._country_label(demonym.iso3), demonym.iso3, (), None, kind="country")]
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
        possessive = [t for t in phrase if t.lower_ in {"its", "their"} and t.dep_ == "poss"]
        if not countries and owner_org is None and possessive:
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
        if not countries:
            country = self.context_country(token)
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

    def _other(self, name: str, country: str | None, sectors, role: str | None, kind: str,
               org: str | None = None) -> Actor:
        actor = Actor(name=name, country=country, sectors=list(sectors), role=role, kind=kind, org=org)
        return self.others.setdefault(actor.actor_id, actor)

    def all(self) -> list[Actor]:
        return list(self.people) + sorted(self.others.values(), key=lambda a: a.actor_id)
