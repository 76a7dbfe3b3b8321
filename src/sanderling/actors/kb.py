"""The actor knowledge base: data tables under sanderling/data/actors, loaded once.

Tables are TSV files with a comment header naming their source and licence:

- countries.tsv, country_aliases.tsv: names, demonyms and capitals -> ISO alpha-3
- cameo_codes.tsv: CAMEO / event-data country codes -> ISO alpha-3 (ROM -> ROU)
- seats.tsv: government seats used as metonyms ("the Kremlin")
- organizations.tsv, organizations_extra.tsv: international bodies (country IGO/NGO/MNC) and armed
  and political groups (the country they operate in)
- agents.tsv, agents_extra.tsv: role nouns -> sectors
- people.tsv: office holders with dated terms

Users add their own entries without touching code in a folder named by $SANDERLING_ACTORS_DIR:
files with the shipped tables' names and columns (TSV, or CSV with a `.csv` suffix), and any
`*.yaml` / `*.yml` file holding a list of entries such as

    - {name: Jane Roe, kind: person, country: GBR, sectors: [GOV], role: Foreign Secretary, start: 2031-01-05}
    - {name: Blue Coalition, kind: organization, country: IGO, aliases: [BC]}

They are read after the shipped tables, so they win.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..data_tables import data_lines, read_table

# Possessive and quote marks that cling to names in news text ("China’s").
_TRIM = " \t\n'’‘\"“”"
# Sector codes of the PLOVER agents table that mark a word as no actor at all: NON (not an actor:
# "tuesday", "cash"), JNK (junk: "man", "member", "region"), UNK (unknown). Such phrases are kept
# apart so that they never make a noun phrase an actor.
NOT_ACTOR_SECTORS = {"NON", "JNK", "UNK"}


def fold(text: str) -> str:
    """Lower case without accents: "Pérez" and "Perez" are one key."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _rows(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".csv":
        return read_table(path, sep=",", quoted=True)
    return read_table(path)


def _split(value) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value or "").replace(",", "|").split("|") if v.strip())


def clean_name(text: str) -> str:
    text = text.strip(_TRIM)
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    lowered = text.lower()
    if lowered.startswith("the "):
        text = text[4:]
    return text.strip(_TRIM)


@dataclass(frozen=True, slots=True)
class CountryName:
    iso3: str
    kind: str  # name | demonym | capital


@dataclass(frozen=True, slots=True)
class Seat:
    country: str
    sectors: tuple[str, ...]
    role: str | None


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    country: str | None  # ISO alpha-3, or IGO / NGO / MNC / IMG
    sectors: tuple[str, ...]
    code: str | None = None  # the CAMEO code it came with
    kind: str = "organization"  # organization | group


@dataclass(frozen=True, slots=True)
class Term:
    country: str | None
    sectors: tuple[str, ...]
    start: str | None  # ISO date, None: open
    end: str | None
    role: str | None = None
    known_until: str | None = None  # the date its source describes: an open term is unknown after it

    def holds(self, on: str) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def stale(self, on: str) -> bool:
        return self.end is None and self.known_until is not None and on > self.known_until


@dataclass(slots=True)
class PersonEntry:
    name: str
    terms: list[Term] = field(default_factory=list)

    def at(self, on: str | None) -> tuple[Term | None, bool]:
        """The term that holds on a date (ISO), and whether the person held office before and not
        now (a former office holder). An undated term is what holds outside the dated ones."""
        dated = [t for t in self.terms if t.start or t.end]
        undated = [t for t in self.terms if not (t.start or t.end)]
        if on is None:
            current = [t for t in dated if t.end is None]
            pick = current or undated or dated
            return (max(pick, key=lambda t: t.start or "") if pick else None), False
        holding = [t for t in dated if t.holds(on) and not t.stale(on)]
        stale = [t for t in dated if t.holds(on) and t.stale(on) and "ELI" not in t.sectors]
        if not holding and stale:
            # In office when the source was written, unknown since: the country, not the office.
            last = max(stale, key=lambda t: t.start or "")
            return Term(last.country, (), last.start, None, None, last.known_until), False
        if holding:
            # Prefer office over elite status, then the most recent start, then the longest role.
            best = max(holding, key=lambda t: ("ELI" not in t.sectors, t.start or "", len(t.sectors), bool(t.role)))
            return best, False
        before = [t for t in dated if t.end and t.end < on and "ELI" not in t.sectors]
        if undated:
            return undated[0], bool(before)
        if before:
            last = max(before, key=lambda t: t.end or "")
            return Term(last.country, ("ELI",), last.end, None, None), True
        return None, False


class KnowledgeBase:
    def __init__(self, data_dir: Path | None = None, user_dir: Path | None = None):
        self.data_dir = data_dir or Path(str(resources.files("sanderling") / "data" / "actors"))
        env_dir = os.environ.get("SANDERLING_ACTORS_DIR")
        self.user_dir = user_dir or (Path(env_dir) if env_dir else None)
        self.countries: dict[str, CountryName] = {}
        self.country_names: dict[str, str] = {}  # iso3 -> the table's first name for it
        self.seats: dict[str, Seat] = {}
        self.agents: dict[str, tuple[str, ...]] = {}
        self.not_actors: set[str] = set()  # phrases the agents tables mark NON / JNK / UNK
        self.cameo: dict[str, str] = {}  # CAMEO country code -> ISO alpha-3
        self.organizations: dict[str, Organization] = {}  # lower-case alias -> organisation or group
        self.people: dict[str, PersonEntry] = {}  # lower-case full name -> entry
        self.person_aliases: dict[str, str] = {}  # lower-case alias -> lower-case full name
        self._surnames: dict[str, list[PersonEntry]] | None = None
        self._load()

    def _tables(self, name: str) -> list[Path]:
        paths = [self.data_dir / name]
        if self.user_dir:
            for candidate in (self.user_dir / name, (self.user_dir / name).with_suffix(".csv")):
                if candidate.exists():
                    paths.append(candidate)
        return paths

    def _load(self) -> None:
        for path in self._tables("countries.tsv") + self._tables("country_aliases.tsv"):
            if not path.exists():
                continue
            for r in _rows(path):
                key = r["alias"].strip().lower()
                # The first reading of an alias wins (names before territories' demonyms),
                # except in the user's own file, which overrides.
                if key not in self.countries or path.parent == self.user_dir:
                    self.countries[key] = CountryName(r["iso3"].strip(), r.get("kind", "name").strip())
                self.country_names.setdefault(r["iso3"].strip(), r["alias"].strip())
        for path in self._tables("seats.tsv"):
            for r in _rows(path):
                self.seats[r["alias"].strip().lower()] = Seat(
                    r["country"].strip(), tuple(s for s in r["sectors"].split("|") if s), (r.get("role") or "").strip() or None)
        for path in self._tables("agents.tsv") + self._tables("agents_extra.tsv"):
            if not path.exists():
                continue
            for r in _rows(path):
                self._add_agent(r["phrase"], tuple(s for s in r["sectors"].split("|") if s))
        for path in self._tables("cameo_codes.tsv"):
            if path.exists():
                for r in _rows(path):
                    self.cameo[r["code"].strip().upper()] = r["iso3"].strip().upper()
        for path in self._tables("organizations.tsv") + self._tables("organizations_extra.tsv"):
            if path.exists():
                # The hand-made table corrects the derived one (AQAP operates in Yemen, not "IMG").
                hand = path.name.startswith("organizations_extra") or path.parent == self.user_dir
                for r in _rows(path):
                    self._add_organization({**r, "_user": True} if hand else r)
        for path in self._tables("people.tsv"):
            if path.exists():
                for r in _rows(path):
                    self._add_person(r)
        if self.user_dir and self.user_dir.is_dir():
            for path in sorted(self.user_dir.glob("*.y*ml")):
                self._load_yaml(path)
        # The country table carries CAMEO's pseudo-countries for the UN ("UNO") and the EU
        # ("EUR"); the output contract codes intergovernmental bodies as IGO with the body in its
        # own field, so a name the organisation table knows as an IGO is no country.
        for key in [k for k, v in self.countries.items() if v.kind == "name"]:
            org = self.organizations.get(key)
            if org is not None and org.country == "IGO":
                del self.countries[key]

    def _add_agent(self, phrase: str, sectors: tuple[str, ...]) -> None:
        key = phrase.strip().lower()
        if not key:
            return
        if sectors and set(sectors) <= NOT_ACTOR_SECTORS:
            self.not_actors.add(key)
            self.agents.pop(key, None)
            return
        self.not_actors.discard(key)
        self.agents[key] = tuple(s for s in sectors if s not in NOT_ACTOR_SECTORS)

    def _add_organization(self, r: dict) -> None:
        name = str(r.get("name") or r.get("alias") or "").strip()
        if not name:
            return
        org = Organization(name, (str(r.get("country") or "").strip().upper() or None), _split(r.get("sectors")),
                           str(r.get("code") or "").strip() or None, str(r.get("kind") or "organization").strip())
        for alias in (str(r.get("alias") or name),) + _split(r.get("aliases")) + (name,):
            key = clean_name(alias).lower()
            if key and (key not in self.organizations or r.get("_user")):
                self.organizations[key] = org

    def _add_person(self, r: dict) -> None:
        name = str(r.get("name") or "").strip()
        if not name:
            return
        key = fold(name)
        entry = self.people.setdefault(key, PersonEntry(name))
        if r.get("_user") and not r.get("_more"):
            entry.terms = []  # the user's entry replaces the shipped one
        country = str(r.get("country") or "").strip().upper() or None
        entry.terms.append(Term(country, _split(r.get("sectors")), str(r.get("start") or "").strip() or None,
                                str(r.get("end") or "").strip() or None, str(r.get("role") or "").strip() or None,
                                str(r.get("known_until") or "").strip() or None))
        for alias in _split(r.get("aliases")):
            self.person_aliases.setdefault(fold(alias), key)

    def _load_yaml(self, path: Path) -> None:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):
            data = data.get("actors") or []
        seen: set[str] = set()
        for item in data:
            if not isinstance(item, dict) or not item.get("name"):
                continue
            item = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in item.items()}
            kind = str(item.get("kind") or "person").lower()
            if kind == "person":
                key = fold(str(item["name"]))
                self._add_person({**item, "_user": True, "_more": key in seen})
                seen.add(key)
            elif kind == "country":
                iso3 = str(item.get("country") or item.get("iso3") or "").upper()
                for alias in (str(item["name"]),) + _split(item.get("aliases")):
                    self.countries[alias.lower()] = CountryName(iso3, "name")
                self.country_names.setdefault(iso3, str(item["name"]))
            elif kind == "seat":
                for alias in (str(item["name"]),) + _split(item.get("aliases")):
                    self.seats[alias.lower()] = Seat(str(item.get("country") or "").upper(), _split(item.get("sectors")),
                                                     item.get("role") or None)
            elif kind in {"agent", "role"}:
                self._add_agent(str(item["name"]), _split(item.get("sectors")))
            else:
                self._add_organization({**item, "kind": "group" if kind == "group" else "organization", "_user": True})

    # -- look-ups -----------------------------------------------------------------------------
    def country(self, text: str) -> CountryName | None:
        key = clean_name(text).lower()
        return self.countries.get(key)

    def country_name(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)

    def iso3(self, code: str | None) -> str | None:
        """A country code as ISO alpha-3: CAMEO's older codes mapped (ROM -> ROU); IGO etc. kept."""
        if not code:
            return None
        code = code.strip().upper()
        return self.cameo.get(code[:3], code[:3]) if len(code) >= 3 else code

    def organization(self, text: str) -> Organization | None:
        key = clean_name(text).lower()
        found = self.organizations.get(key)
        if found is None and ("u.n. " in key or "u.s. " in key):
            # "U.N. General Assembly": the table spells most bodies "UN ..."
            found = self.organizations.get(key.replace("u.n. ", "un ").replace("u.s. ", "us "))
        return found

    def person(self, name: str, on: str | None = None) -> tuple[PersonEntry, Term | None, bool] | None:
        """A known office holder by full name or listed alias: (entry, the term holding on `on`, former)."""
        key = fold(clean_name(name))
        key = key if key in self.people else self.person_aliases.get(key) or self._by_first_and_last(key)
        if key is None:
            return None
        entry = self.people[key]
        term, former = entry.at(on)
        if term is None:
            countries = {t.country for t in entry.terms if t.country}
            if len(countries) == 1:  # known, not in office then: the country, not an office
                term = Term(countries.pop(), (), None, None, None)
        return entry, term, former

    def _group_heads(self) -> set[str]:
        path = self.data_dir / "group_heads.txt"
        return {fold(line.strip()) for line in data_lines(path)} if path.exists() else set()

    def _surname_index(self) -> dict[str, list[PersonEntry]]:
        if self._surnames is None:
            self._surnames = {}
            heads = self._group_heads()
            for key, entry in self.people.items():
                words = key.split()
                if heads.intersection(words) or {"of", "the", "and", "for"}.intersection(words):
                    continue  # a group the table lists among people: no surname to index
                self._surnames.setdefault(words[-1], []).append(entry)
                if len(words) >= 3:  # Hispanic double surnames: "Uribe" of "Alvaro Uribe Velez"
                    self._surnames.setdefault(words[-2], []).append(entry)
        return self._surnames

    def _by_first_and_last(self, key: str) -> str | None:
        """A full name the tables give with a middle name ("Gloria Arroyo" for "Gloria Macapagal
        Arroyo"): the one entry with the same first and last word."""
        words = key.split()
        if len(words) < 2:
            return None
        hits = [k for k in (fold(e.name) for e in self._surname_index().get(words[-1], []))
                if k.split()[0] == words[0] and len(k.split()) > len(words)]
        return hits[0] if len(hits) == 1 else None

    def person_by_surname(self, surname: str, on: str | None) -> tuple[PersonEntry, Term, bool] | None:
        """The one office holder with this surname whose office is known to hold on `on` ("Putin"
        in 2024): None when none or several do. A bare surname is too ambiguous otherwise. With no
        date, only the country, and only when everyone of that name the tables know shares it."""
        entries = self._surname_index().get(fold(clean_name(surname)), [])
        if on is None:
            countries = {t.country for entry in entries for t in entry.terms if t.country}
            if len(countries) == 1:
                entry = entries[0] if len(entries) == 1 else PersonEntry(surname)
                return entry, Term(countries.pop(), (), None, None, None), False
            return None
        hits = []
        for entry in entries:
            term, former = entry.at(on)
            if term is not None and not former and term.sectors and "ELI" not in term.sectors:
                hits.append((entry, term, former))
        if len(hits) == 1:
            return hits[0]
        if entries and not hits:
            # Everyone of that name the tables know is of one country, none known to hold office
            # then: the country only ("Trump" in a year the tables do not cover).
            countries = {t.country for entry in entries for t in entry.terms if t.country}
            if len(countries) == 1:
                entry = entries[0] if len(entries) == 1 else PersonEntry(surname)
                return entry, Term(countries.pop(), (), None, None, None), False
        return None

    def seat(self, text: str) -> Seat | None:
        return self.seats.get(clean_name(text).lower())

    def sectors(self, words: list[str]) -> tuple[str, ...]:
        """Sectors for role words ("Defense", "Minister"): the longest known phrase wins."""
        words = [w.lower().strip(_TRIM) for w in words if w.strip(_TRIM)]
        best: tuple[int, tuple[str, ...]] = (0, ())
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                if j - i <= best[0]:
                    break
                found = self._agent(" ".join(words[i:j]))
                if found:
                    best = (j - i, found)
                    break
        return best[1]

    def _agent(self, phrase: str) -> tuple[str, ...] | None:
        if phrase in self.not_actors:
            return None
        if phrase in self.agents:
            return self.agents[phrase]
        # The PLOVER table lists singulars and stems ("defence minist"): try those.
        if phrase.endswith("ies") and phrase[:-3] + "y" in self.agents:
            return self.agents[phrase[:-3] + "y"]
        if phrase.endswith("s") and phrase[:-1] in self.agents:
            return self.agents[phrase[:-1]]
        if phrase.endswith(("minister", "ministry")) and phrase[:-2] in self.agents:
            return self.agents[phrase[:-2]]
        return None

    def is_agent_word(self, word: str) -> bool:
        return self._agent(word.lower()) is not None

    def is_not_actor(self, word: str) -> bool:
        """A word the agents tables mark as no actor ("tuesday", "cash", "region")."""
        w = word.lower().strip(_TRIM)
        return w in self.not_actors or (w.endswith("s") and w[:-1] in self.not_actors)


_DEFAULT: KnowledgeBase | None = None


def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = KnowledgeBase()
    return _DEFAULT
