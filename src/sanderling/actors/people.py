"""People in an article: PERSON names with the title words around them, and what the title says.

"US Defense Secretary Lloyd Austin", "his Chinese counterpart Dong Jun", "Wei's successor, Li
Shangfu", "Catherine Russell, UNICEF's executive director": each person is registered once with
the country, body (`org`), sectors and role their title gives, else the knowledge base's office
holders at the article's date, else a titled phrase next to the name, the story's country or
their sentence's one country; later surnames, "Secretary Austin" and pronouns link back to them.
A mixin of `ArticleActors` (resolve.py), which holds the document and the tables.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..schema import Actor
from .affiliation import national_title_country, title_affiliation
from .kb import clean_name
from .words import FORMER_WORDS, HONORIFICS, LOCATIVE_PREPS, MODIFIER_DEPS, RELATION_TITLES, TITLE_SKIP


class PeopleMixin:
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
            if country is None:
                country = national_title_country(role)  # "Secretary of State X": one country's office
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
            if person.country is None and "JUD" in person.sectors:
                person.country = self.court_country()  # a prosecutor or judge: where the court sits
            if (person.country is None or not person.sectors) and person.mentions:
                # "The U.N. envoy for Syria is calling for ... . Geir Pedersen issued his appeal":
                # a titled phrase next to the name that names the body.
                country, org, title = self._nearby_role_body(person)
                if person.country is None:
                    person.country, person.org = country, org
                if person.country and country == person.country and title is not None and not person.sectors:
                    # the title tells what the person is, too: "the Taliban chief" leads a group
                    person.sectors = list(self.kb.sectors([t.text for t in title]))
                    person.role = person.role or " ".join(t.text for t in title if t.pos_ in {"NOUN", "PROPN"})
            if person.country is None and person.sectors and person.mentions:
                # A titled person the text and tables give no country ("President Ana Ruiz" in a
                # story datelined from one country, or naming only one): the article's country.
                at = self.doc.char_span(*person.mentions[0], alignment_mode="expand")
                person.country = (self.court_country() if "JUD" in person.sectors else None) or \
                    self.context_country(at.root if at is not None else None)
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
            if token.i in self.person_at:
                continue
            if token.pos_ != "PROPN" and not (
                    # the tagger takes a surname opening a sentence for a noun ("Trump met ..."):
                    # a capitalised noun that is a registered person's name part still names them
                    token.pos_ == "NOUN" and token.text[:1].isupper() and token.text in parts
                    and len(token.text) > 2 and not self.kb.is_agent_word(token.text)):
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
        if len(parts) == 1 and len(name) >= 5:
            # a surname misspelt once ("Pederson" after "Geir Pedersen"): news copy has typos, and
            # two people of one story whose surnames are one letter apart are rarer still
            near = {id(p): p for p in self.people if len(p.name.split()) > 1
                    and _one_edit(name, p.name.split()[-1])}
            if len(near) == 1:
                return next(iter(near.values()))
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

    def _nearby_role_body(self, person: Actor) -> tuple[str | None, str | None, list[Token] | None]:
        """The country (and body) of the one definite title phrase with no name of its own ("the
        U.N. special envoy for Syria", "the Taliban chief") in the sentence of a person's first
        mention or the sentence on either side, with the title's words; Nones where there is none
        or several."""
        first = self.doc.char_span(*person.mentions[0], alignment_mode="expand")
        if first is None:
            return None, None, None
        sents = self._sents
        at = next((n for n, sent in enumerate(sents) if sent.start <= first.start < sent.end), None)
        if at is None:
            return None, None, None
        found: set[tuple[str, str | None]] = set()
        titles: list[list[Token]] = []
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
                else:
                    continue
                titles.append([t for t in token.subtree if t.i <= token.i and (t.dep_ in MODIFIER_DEPS or t.i == token.i)])
        if len({country for country, _ in found}) != 1:
            return None, None, None
        country = next(iter(found))[0]
        orgs = {org for _, org in found if org}  # "the leader of X's Taliban", "the Taliban chief": one side
        return country, orgs.pop() if len(orgs) == 1 else None, titles[0]

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
        """The country in an "of"/"in"/"from" phrase after a noun: "the mayor of Guatemala",
        "authorities in Peru", "President Ana Ruiz of Chile", "travellers from Morocco"."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "in", "from"}:
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


def _one_edit(a: str, b: str) -> bool:
    """Two words of five letters or more, same first letter, one substitution, insertion,
    deletion or swap of neighbours apart."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]
