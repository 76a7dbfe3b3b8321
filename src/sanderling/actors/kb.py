"""The actor knowledge base: data tables under sanderling/data/actors, loaded once.

Tables are TSV files with a comment header naming their source and licence. Users add their own
entries in the same shapes in a folder named by $SANDERLING_ACTORS_DIR (files
`countries.tsv`, `seats.tsv`, `agents.tsv`), read after the shipped ones so they win.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Possessive and quote marks that cling to names in news text ("China’s").
_TRIM = " \t\n'’‘\"“”"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


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


class KnowledgeBase:
    def __init__(self, data_dir: Path | None = None, user_dir: Path | None = None):
        self.data_dir = data_dir or Path(str(resources.files("sanderling") / "data" / "actors"))
        env_dir = os.environ.get("SANDERLING_ACTORS_DIR")
        self.user_dir = user_dir or (Path(env_dir) if env_dir else None)
        self.countries: dict[str, CountryName] = {}
        self.country_names: dict[str, str] = {}  # iso3 -> the table's first name for it
        self.seats: dict[str, Seat] = {}
        self.agents: dict[str, tuple[str, ...]] = {}
        self._load()

    def _tables(self, name: str) -> list[Path]:
        paths = [self.data_dir / name]
        if self.user_dir and (self.user_dir / name).exists():
            paths.append(self.user_dir / name)
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
                self.agents[r["phrase"].strip().lower()] = tuple(s for s in r["sectors"].split("|") if s)

    # -- look-ups -----------------------------------------------------------------------------
    def country(self, text: str) -> CountryName | None:
        key = clean_name(text).lower()
        return self.countries.get(key)

    def country_name(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)

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


_DEFAULT: KnowledgeBase | None = None


def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = KnowledgeBase()
    return _DEFAULT
