"""The cue and channel tables (data/statements/): which words introduce a statement, and which
nouns name a channel ("statement", "account")."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data_tables import read_rows, read_table

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "statements"

# argument labels that can hold what is said (the table may list others, which are ignored)
_CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd", "acl", "acomp", "pcomp"}

@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    pos: str  # VERB | NOUN | ADJ | ADP
    content: tuple[str, ...]  # preferred argument deps, most frequent first
    ratio: float  # how often this lemma is a cue where it occurs (PolNeAR train)
    count: int
    origin: str  # polnear | manual


def load_cues(min_ratio: float = 0.2, min_count: int = 2) -> dict[tuple[str, str], Cue]:
    """The cue table: (lemma, pos) -> Cue, keeping rows frequent and reliable enough."""
    cues: dict[tuple[str, str], Cue] = {}
    for rec in read_table(DATA_DIR / "cues.tsv"):
        deps = tuple(d for d in rec["content"].split(",") if d in _CONTENT_DEPS or d.startswith("prep:"))
        cue = Cue(rec["lemma"], rec["pos"], deps,
                  float(rec["ratio"]), int(rec["count"]), rec["origin"])
        if cue.origin == "manual" or (cue.count >= min_count and cue.ratio >= min_ratio):
            cues[(cue.lemma, cue.pos)] = cue
    return cues


def load_channels() -> set[str]:
    return {row[0].strip().lower() for row in read_rows(DATA_DIR / "channels.tsv")}

