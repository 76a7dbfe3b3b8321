"""Readout comparison: two (or more) sides' accounts of one meeting, lined up topic by topic.

`compare_readouts(statements)` takes statement dicts (the output contract's shape) of one meeting,
groups them by side (the speaker's country), pulls key phrases from what each side said (noun
phrases, "X of Y" phrases and named places/organisations), groups phrases that mean the same
thing (shared words, or all-MiniLM-L6-v2 cosine similarity when the model is available), and
reports:

* `sides`: per side, its speakers, channels (`via`), statement ids and topics;
* `shared`: topics raised by two or more sides, with each side's framing (the other phrases that
  side used in the statements that raise the topic) and quotes;
* `only`: per side, the topics no other side raised, with quotes.

`render_readouts(result, console)` prints the comparison with rich.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

from .data_tables import read_table

DATA = Path(__file__).resolve().parent / "data"
_ENTITY_LABELS = {"GPE", "LOC", "ORG", "FAC", "EVENT", "LAW", "NORP", "PRODUCT", "WORK_OF_ART"}
_PARTY_HEADS = {"side", "government", "country", "nation", "leadership", "authority", "official"}
_DROP_POS = {"DET", "PRON", "PUNCT", "SPACE", "CCONJ", "PART"}


# ------------------------------------------------------------------ helpers

def _country_aliases() -> dict[str, str]:
    """Country names, demonyms and capitals -> ISO3, from the actor tables (when present)."""
    out: dict[str, str] = {}
    for name in ("countries.tsv", "country_aliases.tsv"):
        path = DATA / "actors" / name
        if not path.exists():
            continue
        for rec in read_table(path):
            if rec.get("alias") and rec.get("iso3"):
                out.setdefault(rec["alias"].lower(), rec["iso3"])
    return out


def _default_embed() -> Callable[[list[str]], "object"] | None:
    try:
        from .events.embeddings import MiniLM
    except ImportError:
        return None
    try:
        model = MiniLM()
    except Exception:  # model or tokenizer missing: fall back to shared words
        return None
    return model.encode


def _clean(tokens: Iterable) -> list:
    toks = [t for t in tokens if not (t.pos_ in _DROP_POS or t.tag_ == "POS")
            or (t.text == "-" and not t.whitespace_)]  # keep word-internal hyphens
    while toks and (toks[0].is_punct or toks[0].is_stop):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_stop):
        toks = toks[:-1]
    return toks


def _text(toks) -> str:
    """The phrase as written: contiguous runs keep their own spacing and apostrophes."""
    parts, run = [], [toks[0]]
    for t in toks[1:]:
        if t.i == run[-1].i + 1 or (t.i == run[-1].i + 2 and run[-1].nbor().tag_ == "POS"):
            run.append(t)
        else:
            parts.append(run)
            run = [t]
    parts.append(run)
    doc = toks[0].doc
    return " ".join(doc.text[r[0].idx: r[-1].idx + len(r[-1].text)] for r in parts)


def _content_lemmas(toks) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in toks if not t.is_stop and not t.is_punct and t.is_alpha)


class _Phrase:
    __slots__ = ("text", "lemmas", "statement", "side", "entity", "pos", "group", "named")

    def __init__(self, text, lemmas, statement, side, entity, pos, group, named=False):
        self.text, self.lemmas, self.statement, self.side = text, lemmas, statement, side
        self.entity, self.pos, self.group, self.named = entity, pos, group, named or entity


def _phrases(doc, k: int, side: str, aliases: dict[str, str], sides: set[str]) -> list[_Phrase]:
    """Key phrases of one statement. Variants of one noun phrase share a `group` number."""
    out: list[_Phrase] = []

    def party(toks) -> bool:
        if toks[-1].ent_type_ == "PERSON" or toks[-1].pos_ == "PRON":
            return True  # people are speakers, not topics
        names = doc.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)].lower().replace("’", "'")
        if aliases.get(names) in sides or aliases.get(names.replace("'s ", " ")) in sides:
            return True
        root = toks[-1]
        rest = [t for t in toks if t is not root]
        if root.lemma_.lower() in _PARTY_HEADS and all(aliases.get(t.text.lower()) in sides or
                                                      t.ent_type_ in ("GPE", "NORP") for t in rest):
            return True
        return False

    group = 0
    for chunk in doc.noun_chunks:
        toks = _clean(chunk)
        if not toks or not _content_lemmas(toks) or party(toks):
            continue
        group += 1
        variants = [toks]
        root = chunk.root
        # the root without its compound/possessive modifiers: "freedom" of "high seas freedom"
        core = _clean([t for t in chunk if t.i >= root.i or (t.dep_ == "amod" and t.head.i == root.i)])
        if core and core != toks:
            variants.append(core)
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            tail = _clean([t for t in pobj.subtree if t.i <= pobj.i])
            if tail:
                variants.append(toks + [of] + tail)
                if core:
                    variants.append(core + [of] + tail)
        named = any(t.ent_type_ in _ENTITY_LABELS for t in toks)
        for v in variants:
            out.append(_Phrase(_text(v), _content_lemmas(v), k, side, False, v[0].idx, group, named))
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        toks = _clean(ent)
        if not toks or party(toks) or aliases.get(_text(toks).lower()) in sides:
            continue
        group += 1
        out.append(_Phrase(_text(toks), _content_lemmas(toks), k, side, True, ent.start_char, group))
    return out


class _Union:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, a):
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def join(self, a, b):
        self.p[self.find(a)] = self.find(b)


def _quote(st: dict) -> dict:
    sp = st.get("speaker") or {}
    via = st.get("via") or {}
    return {"id": st.get("id"), "speaker": sp.get("name"), "via": via.get("name") if isinstance(via, dict) else via,
            "cue": st.get("cue"), "content": st.get("content"), "direct": st.get("direct")}


# ------------------------------------------------------------------ the comparison

def compare_readouts(statements: list[dict], nlp=None, embed: Callable | None | bool = True,
                     similarity: float = 0.75, max_topics: int = 12) -> dict:
    """Line up what each side of a meeting raised. `embed=False` uses shared words only;
    `embed=True` uses MiniLM when it loads; a callable maps texts to unit vectors."""
    if nlp is None:
        from .nlp import load

        nlp = load()
    if embed is True:
        embed = _default_embed()
    elif embed is False:
        embed = None
    stmts = [s for s in statements if (s.get("content") or "").strip()]
    side_of = [((s.get("speaker") or {}).get("country") or "unknown") for s in stmts]
    sides = sorted(set(side_of) - {"unknown"}) + (["unknown"] if "unknown" in side_of else [])
    aliases = _country_aliases()
    known = set(sides) - {"unknown"}

    phrases: list[_Phrase] = []
    group_base = 0
    for k, doc in enumerate(nlp.pipe([s["content"] for s in stmts])):
        ps = _phrases(doc, k, side_of[k], aliases, known)
        for p in ps:
            p.group += group_base
        group_base += 1000
        phrases.extend(ps)

    # group phrases: variants of one noun phrase, shared content words, or close embeddings
    uf = _Union(len(phrases))
    first_of_group: dict[int, int] = {}
    for i, p in enumerate(phrases):
        if p.group in first_of_group:
            uf.join(i, first_of_group[p.group])
        else:
            first_of_group[p.group] = i
    for i, a in enumerate(phrases):
        for j in range(i + 1, len(phrases)):
            b = phrases[j]
            small, big = (a, b) if len(a.lemmas) <= len(b.lemmas) else (b, a)
            if small.lemmas and small.lemmas <= big.lemmas and (len(small.lemmas) >= 2 or small.entity):
                uf.join(i, j)
    if embed is not None and phrases:
        vecs = embed([p.text for p in phrases])
        sims = vecs @ vecs.T
        for i in range(len(phrases)):
            for j in range(i + 1, len(phrases)):
                if sims[i, j] >= similarity and phrases[i].statement != phrases[j].statement \
                        and not (phrases[i].named or phrases[j].named) \
                        and min(len(phrases[i].lemmas), len(phrases[j].lemmas)) >= 2:
                    # names match by words only; single words are too vague to match by meaning
                    uf.join(i, j)

    clusters: dict[int, list[_Phrase]] = defaultdict(list)
    for i, p in enumerate(phrases):
        clusters[uf.find(i)].append(p)

    topics = []
    for members in clusters.values():
        label = _label(members)
        if label is None:
            continue
        by_side: dict[str, set[int]] = defaultdict(set)
        for p in members:
            by_side[p.side].add(p.statement)
        topics.append({"label": label, "members": members, "by_side": by_side,
                       "entity": any(p.entity for p in members),
                       "statements": {p.statement for p in members}})

    # phrase clusters per statement, for framing
    topic_of_statement: dict[int, list[dict]] = defaultdict(list)
    for t in topics:
        for k in t["statements"]:
            topic_of_statement[k].append(t)

    def salience(t):
        return (len(t["statements"]), t["entity"], -min(p.pos for p in t["members"]))

    shared, only = [], {s: [] for s in sides if s != "unknown"}
    for t in sorted(topics, key=salience, reverse=True):
        real_sides = [s for s in sides if s in t["by_side"] and s != "unknown"]
        if len(real_sides) >= 2:
            entry = {"topic": t["label"], "sides": {}}
            for s in real_sides:
                ks = sorted(t["by_side"][s])
                entry["sides"][s] = {
                    "framing": _framing(t, s, ks, topic_of_statement, topics),
                    "phrases": sorted({p.text for p in t["members"] if p.side == s}),
                    "quotes": [_quote(stmts[k]) for k in ks],
                }
            shared.append(entry)
        elif len(real_sides) == 1:
            s = real_sides[0]
            if len(only[s]) < max_topics:
                only[s].append({"topic": t["label"],
                                "phrases": sorted({p.text for p in t["members"]}),
                                "quotes": [_quote(stmts[k]) for k in sorted(t["by_side"][s])]})

    side_info = {}
    for s in sides:
        if s == "unknown":
            continue
        ks = [k for k, x in enumerate(side_of) if x == s]
        side_info[s] = {
            "speakers": sorted({(stmts[k].get("speaker") or {}).get("name") for k in ks} - {None}),
            "via": sorted({(stmts[k].get("via") or {}).get("name") for k in ks
                           if isinstance(stmts[k].get("via"), dict)} - {None}),
            "statements": [stmts[k].get("id") for k in ks],
            "topics": [t["label"] for t in sorted(topics, key=salience, reverse=True)
                       if s in t["by_side"]][:max_topics],
        }
    return {"sides": side_info, "shared": shared[:max_topics], "only": only,
            "unattributed": sum(1 for x in side_of if x == "unknown"),
            "method": "minilm" if embed is not None else "lexical"}


def _label(members: list[_Phrase]) -> str | None:
    """A short name for a phrase cluster: a named entity if there is one, else the shortest
    phrase of two or more content words; single generic words are no topic."""
    ents = [p for p in members if p.entity]
    if ents:
        return Counter(p.text for p in ents).most_common(1)[0][0]
    multi = [p for p in members if len(p.lemmas) >= 2]
    if not multi:
        return None
    return min(multi, key=lambda p: (len(p.text.split()), -sum(q.text == p.text for q in members), p.text)).text


def _framing(topic, side, ks, topic_of_statement, topics, n: int = 3) -> list[str]:
    """What else a side said in the statements raising a topic: the phrases most tied to it."""
    count_in = Counter()
    count_all = {}
    for k in ks:
        for t in topic_of_statement[k]:
            if t is topic or t["entity"]:
                continue  # framing is what a side says about the topic, not other places
            count_in[id(t)] += 1
            count_all[id(t)] = t
    # ties: the phrase the side repeated most (its emphasis), then the earliest
    ranked = sorted(count_in, key=lambda i: (-count_in[i],
                                             -len(count_all[i]["by_side"].get(side, ())),
                                             min(p.pos for p in count_all[i]["members"])))
    return [count_all[i]["label"] for i in ranked[:n]]


# ------------------------------------------------------------------ rendering

def render_readouts(result: dict, console) -> None:
    """Print a comparison made by `compare_readouts` on a rich Console."""
    from rich.table import Table

    sides = list(result.get("sides", {}))
    head = Table(title="Readouts by side", show_lines=False)
    head.add_column("side")
    head.add_column("speakers")
    head.add_column("via")
    head.add_column("statements", justify="right")
    for s, info in result.get("sides", {}).items():
        head.add_row(s, ", ".join(info["speakers"]), ", ".join(info["via"]), str(len(info["statements"])))
    console.print(head)

    if result.get("shared"):
        t = Table(title="Raised by both sides", show_lines=True)
        t.add_column("topic", style="bold")
        for s in sides:
            if any(s in e["sides"] for e in result["shared"]):
                t.add_column(f"{s} framing")
        for e in result["shared"]:
            cells = []
            for s in sides:
                if any(s in x["sides"] for x in result["shared"]):
                    side = e["sides"].get(s)
                    cells.append(", ".join(side["framing"]) if side else "")
            t.add_row(e["topic"], *cells)
        console.print(t)

    for s, items in result.get("only", {}).items():
        if not items:
            continue
        t = Table(title=f"Raised only by {s}", show_lines=True)
        t.add_column("topic", style="bold")
        t.add_column("quote")
        for e in items:
            q = e["quotes"][0] if e["quotes"] else {}
            who = q.get("speaker") or q.get("via") or ""
            text = (q.get("content") or "")
            t.add_row(e["topic"], f"{who}: {text[:160]}{'…' if len(text) > 160 else ''}")
        console.print(t)
