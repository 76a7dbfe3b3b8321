"""Which country a story and its unplaced actors belong to.

The dateline's place, else the only country the story names, else the one it names clearly most
often (affiliation.focus_country); a role noun ("the police in Lagos") takes a place after it.
A mixin of `ArticleActors` (resolve.py).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..dateline import find_dateline
from .affiliation import focus_country
from .kb import clean_name
from .words import ADMIN_WORDS, ELSEWHERE_PREPS, WHERE_PREPS


def shared_gazetteer():
    from ..places import shared_gazetteer as shared

    return shared()


COURT_WORDS = {"court", "trial", "tribunal", "jury", "courtroom", "hearing"}


class StoryCountryMixin:
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

    def _where(self, token: Token | None, preps=WHERE_PREPS) -> str | None:
        """The country of an "in/of/at <place>" phrase after a noun: "the police in Lagos", "a
        court in Istanbul", "leaders in Chad's capital"."""
        if token is None:
            return None
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in preps:
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

    def act_country(self, token: Token) -> str | None:
        """Where an act with no agent named happened ("the detention of a French aid worker in
        Mali"): a place after the predicate, else an "in/at <place>" anywhere in its own phrase
        (not in a clause of another verb), else the article's one country. An act's "of" phrase
        names whom it befell ("the arrest of a French worker"), not where."""
        return self._where(token, {"in", "at"}) or self._place_in_phrase(token) or self.article_country()

    def _place_in_phrase(self, token: Token) -> str | None:
        for prep in token.subtree:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "at"} or prep.head == token:
                continue
            if any(a.pos_ in {"VERB", "AUX"} for a in prep.ancestors if a != token and token in a.ancestors):
                continue  # "a man who lived in Syria": another verb's place
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ == "GPE":
                    words = [t for t in pobj.subtree if t.ent_type_ == "GPE"]
                    country = self._place_country(" ".join(t.text for t in words))
                    if country and len(country) == 3:
                        return country
        return None

    def where_country(self, token: Token) -> str | None:
        """Where something happened that no actor's country tells: the context's country, else
        the one country its sentence names ("Afghan officials said attackers detonated ...")."""
        return self.context_country(token) or self._sentence_country(token.sent)

    def _last_country_before(self, index: int) -> str | None:
        """The country named last before a token: what "its" or "their" refers to."""
        for ent in reversed([e for e in self._ents if e.end <= index and e.label_ == "GPE"]):
            entry = self.kb.country(ent.text)
            if entry and entry.kind == "name":
                return entry.iso3
        return None

    def court_country(self) -> str | None:
        """Where the story's court sits ("a trial in New York", "a Paris court", "the High Court
        in Harare"): the country of prosecutors, judges and juries the text does not place,
        which may differ from the country the story is about (a New York trial of Iranian agents)."""
        if not hasattr(self, "_court"):
            found = set()
            for token in self.doc:
                if token.lemma_.lower() not in COURT_WORDS:
                    continue
                places = [c for c in token.children if c.dep_ == "compound" and c.ent_type_ == "GPE"]
                places += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}
                           for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"]
                for place in places:
                    words = [t for t in place.subtree if t.ent_type_ == "GPE"] or [place]
                    country = self._place_country(" ".join(t.text for t in words))
                    if country and len(country) == 3:
                        found.add(country)
            self._court = found.pop() if len(found) == 1 else None
        return self._court

