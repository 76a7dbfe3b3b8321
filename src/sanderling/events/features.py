"""Features for the event-type classifier: where the source and target sit in the dependency parse,
the predicate(s) that link them, negation and modality, and what the CAMEO verb-pattern dictionary
(PETRARCH's CAMEO.2.0.txt, MIT) says the predicate means once its code is mapped to PLOVER.

Everything here is a pure function of a parsed spaCy sentence plus the two actor spans, so the
runtime and the training script share it exactly.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .ontology import plover_for_cameo, root_type

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
LEXICON_PATH = MODEL_DIR / "cameo_verbs.json.gz"  # gzipped: the models folder must stay under 25 MB

# verbs whose complement carries the event (he threatened to bomb; they agreed to release)
MODALITY = {
    "threaten": "THREAT", "warn": "THREAT", "vow": "INTENT", "pledge": "INTENT", "promise": "INTENT",
    "agree": "AGREE", "offer": "INTENT", "plan": "INTENT", "intend": "INTENT", "decide": "INTENT",
    "refuse": "REFUSE", "decline": "REFUSE", "fail": "REFUSE", "reject": "REFUSE", "deny": "REFUSE",
    "urge": "ASK", "ask": "ASK", "call": "ASK", "demand": "ASK", "request": "ASK", "appeal": "ASK",
    "press": "ASK", "want": "ASK", "seek": "ASK", "order": "ASK", "insist": "ASK",
    "try": "TRY", "attempt": "TRY", "begin": "START", "start": "START", "continue": "START",
    "stop": "STOP", "halt": "STOP", "suspend": "STOP", "cease": "STOP", "end": "STOP",
    "say": "SAY", "tell": "SAY", "announce": "SAY", "state": "SAY", "report": "SAY",
}
NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor", "without"}

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


# ---------------------------------------------------------------------------------------------
# the CAMEO verb-pattern dictionary

def _code(text: str) -> str | None:
    """'[0841]' -> '0841', '[160:160]' -> '160', '[:075]' -> '075', '[---]' -> None."""
    inner = text.strip().strip("[]").strip()
    for part in inner.split(":"):
        part = part.strip()
        if part and part.isdigit():
            return part
    return None


def _pattern_words(text: str) -> list[str]:
    out = []
    for tok in re.split(r"[\s{}()]+", text):
        tok = tok.strip()
        if not tok or tok in {"+", "$", "%", "^", "*", "/"}:
            continue
        if tok.startswith("&"):
            out.append(tok.upper())
            continue
        tok = tok.strip("+$%^/.").lower()
        for w in tok.split("_"):
            if w and _WORD.fullmatch(w):
                out.append(w)
    return out


def build_lexicon(path: str | Path) -> dict:
    """Parse PETRARCH's CAMEO.2.0.txt into {"synsets", "blocks", "verbs"} (plain JSON data)."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    verbs: dict[str, list[list]] = {}
    current_syn = None
    block = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                current_syn = None
                continue
            if line.startswith("&"):
                current_syn = line.strip().upper()
                synsets[current_syn] = []
                continue
            if current_syn is not None and line.startswith("+") and block is None:
                synsets[current_syn].extend(w for w in _pattern_words(line[1:]))
                continue
            m = re.match(r"^---\s+(\S.*?)\s+(\[[^\]]*\])\s+---", line)
            if m:
                block = {"name": m.group(1).strip().lower(), "code": _code(m.group(2)), "patterns": []}
                blocks.append(block)
                current_syn = None
                continue
            if block is None:
                continue
            if line.startswith("-"):
                body = line[1:]
                cm = re.search(r"\[[^\]]*\]", body)
                if not cm or "*" not in body[:cm.start()]:
                    continue
                pat = body[:cm.start()]
                pre, post = pat.split("*", 1)
                block["patterns"].append([_pattern_words(pre), _pattern_words(post), _code(cm.group(0))])
                continue
            # a verb line: WORD {FORMS} [code]  or  +MULTI_WORD {FORMS} [code]
            cm = re.search(r"\[[^\]]*\]", line)
            own = _code(cm.group(0)) if cm else None
            own_null = bool(cm) and own is None
            head = line[:cm.start()] if cm else line
            head = head.split("{", 1)[0].strip()
            words = [w for w in head.lstrip("+").lower().split("_") if w]
            if not words or not all(_WORD.fullmatch(w) for w in words):
                continue
            entry = [len(blocks) - 1, words[1:], own, own_null]
            verbs.setdefault(words[0], []).append(entry)
    # synsets may be declared after first use; all are read by now
    return {"synsets": synsets, "blocks": blocks, "verbs": verbs}


def _forms(word: str) -> set[str]:
    w = word.lower()
    out = {w}
    if w.endswith("ies") and len(w) > 4:
        out.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 4:
        out.add(w[:-2])
    if w.endswith("s") and len(w) > 3:
        out.add(w[:-1])
    return out


class Lexicon:
    """Looks a predicate token up in the CAMEO verb patterns and returns the best CAMEO code."""

    def __init__(self, data: dict) -> None:
        self.synsets = {k: set(v) for k, v in data["synsets"].items()}
        self.blocks = data["blocks"]
        self.verbs = data["verbs"]
        self.block_major: list[str | None] = []
        for b in self.blocks:
            counts: dict[str, int] = {}
            for _pre, _post, code in b["patterns"]:
                lab = plover_for_cameo(code) if code else None
                if lab:
                    lab = root_type(lab)
                    counts[lab] = counts.get(lab, 0) + 1
            bc = plover_for_cameo(b["code"]) if b["code"] else None
            if bc:
                counts[root_type(bc)] = counts.get(root_type(bc), 0) + 3
            self.block_major.append(max(sorted(counts), key=counts.get) if counts else None)

    def block_label(self, tok) -> str | None:
        entries = self.verbs.get(tok.lemma_.lower()) or self.verbs.get(tok.lower_)
        if not entries:
            return None
        own = next((e[2] for e in entries if e[2]), None)
        if own and plover_for_cameo(own):
            return root_type(plover_for_cameo(own))
        return self.block_major[entries[0][0]]

    @classmethod
    def load(cls, path: str | Path = LEXICON_PATH) -> "Lexicon":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return cls(json.load(f))

    def _word_ok(self, pword: str, forms: set[str]) -> bool:
        if pword.startswith("&"):
            return bool(self.synsets.get(pword, set()) & forms)
        return pword in forms

    def _all_in(self, pwords: list[str], forms: set[str]) -> bool:
        return all(self._word_ok(p, forms) for p in pwords)

    def match(self, tok) -> tuple[str | None, int, bool]:
        """(CAMEO code or None, specificity, whether the verb is known) for a predicate token."""
        lemma = tok.lemma_.lower()
        entries = self.verbs.get(lemma) or self.verbs.get(tok.lower_)
        if not entries:
            return None, -1, False
        sent = tok.sent if tok.doc.has_annotation("SENT_START") else tok.doc[:]
        after = tok.doc[tok.i + 1:min(tok.i + 13, sent.end)]
        before = tok.doc[max(sent.start, tok.i - 6):tok.i]
        after_forms: set[str] = set()
        for t in after:
            after_forms |= _forms(t.lower_) | {t.lemma_.lower()}
        before_forms: set[str] = set()
        for t in before:
            before_forms |= _forms(t.lower_) | {t.lemma_.lower()}
        near = set()
        for t in tok.doc[tok.i + 1:min(tok.i + 4, sent.end)]:
            near |= {t.lower_, t.lemma_.lower()}
        best = (None, -1, False)
        for block_i, extra, own, own_null in entries:
            if extra and not all(w in near for w in extra):
                continue
            block = self.blocks[block_i]
            base_code = own if own else (None if own_null else block["code"])
            cand = (base_code, len(extra), True)
            for pre, post, code in block["patterns"]:
                if not pre and not post:
                    continue
                if post and not self._all_in(post, after_forms):
                    continue
                if pre and not self._all_in(pre, before_forms):
                    continue
                spec = len(extra) + len(pre) + len(post) + 1
                if spec > cand[1]:
                    cand = (code, spec, True)
            if cand[1] > best[1]:
                best = cand
        return best


# ---------------------------------------------------------------------------------------------
# locating the actors

def find_span(doc, text: str, needle: str, offset: int = 0, avoid: tuple[int, int] | None = None):
    """Token span of `needle` in `doc` (a Doc or a Span whose text is `text`); None if absent."""
    if not needle:
        return None
    needle = needle.strip()
    starts = []
    low, nlow = text.lower(), needle.lower()
    i = low.find(nlow)
    while i >= 0:
        starts.append(i)
        i = low.find(nlow, i + 1)
    if not starts:
        return None
    if avoid:
        good = [s for s in starts if s + len(needle) <= avoid[0] or s >= avoid[1]]
        starts = good or starts
    s = starts[0]
    return char_span(doc, offset + s, offset + s + len(needle))


def char_span(doc, start: int, end: int):
    d = doc.doc if hasattr(doc, "doc") and doc.doc is not doc else doc
    sp = d.char_span(start, end, alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return None
    return sp


def _ancestors_or_self(tok):
    out = [tok]
    out.extend(tok.ancestors)
    return out


@dataclass
class Structure:
    src: object
    tgt: object
    lca: object
    path_t: list
    path_s: list
    preds: list


def structure(sent, src, tgt) -> Structure:
    root = sent.root if hasattr(sent, "root") else next(iter(sent.sents)).root
    sh = src.root if src is not None else None
    th = tgt.root if tgt is not None else None
    if sh is None and th is None:
        return Structure(None, None, root, [], [], [root])
    if sh is None or th is None:
        h = sh if sh is not None else th
        chain = [a for a in _ancestors_or_self(h)[1:]]
        preds = [a for a in chain if a.pos_ in ("VERB", "AUX", "NOUN")][:3] or [root]
        return Structure(src, tgt, preds[0], chain if th is not None else [], chain if sh is not None else [], preds)
    anc_s = _ancestors_or_self(sh)
    set_s = {t.i for t in anc_s}
    anc_t = _ancestors_or_self(th)
    lca = next((t for t in anc_t if t.i in set_s), root)
    path_t = []
    for t in anc_t[1:] if anc_t[0] is not lca else []:
        path_t.append(t)
        if t is lca:
            break
    if not path_t or path_t[-1] is not lca:
        path_t.append(lca)
    path_s = []
    for t in anc_s[1:] if anc_s[0] is not lca else []:
        path_s.append(t)
        if t is lca:
            break
    # the actor spans themselves are not predicates
    span_ids = set(range(src.start, src.end)) | set(range(tgt.start, tgt.end))
    preds = [t for t in path_t if t.i not in span_ids and t.pos_ in ("VERB", "AUX", "NOUN", "ADJ")]
    if lca.i in span_ids or lca.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
        # e.g. the target inside the source phrase: climb to the first verb above
        up = next((a for a in lca.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if up is not None:
            preds.append(up)
            lca = up
    if not preds:
        preds = [lca]
    return Structure(src, tgt, lca, path_t, path_s, preds)


# ---------------------------------------------------------------------------------------------
# the features

def _lem(t) -> str:
    return t.lemma_.lower()


def _particles(t) -> str:
    prt = [c.lower_ for c in t.children if c.dep_ == "prt"]
    return _lem(t) + ("_" + "_".join(prt) if prt else "")


def _negated(t) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEG_WORDS for c in t.children)


def _dobj(t):
    for c in t.children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            return c
    return None


class FeatureExtractor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def lex(self, tok):
        code, spec, known = self.lexicon.match(tok)
        if not known:
            return None, None
        if code is None:
            return "NULL", None
        p = plover_for_cameo(code)
        return (root_type(p) if p else "CAMEO" + code[:2]), code

    def features(self, sent, src, tgt) -> tuple[dict, str, str | None]:
        """(feature dict, text for the bag-of-words part, best CAMEO code guess)."""
        st = structure(sent, src, tgt)
        f: dict[str, float] = {}
        lca = st.lca
        f["lca=" + _particles(lca)] = 1
        f["lca_pos=" + lca.pos_] = 1
        if st.src is None:
            f["no_src"] = 1
        if st.tgt is None:
            f["no_tgt"] = 1
        if st.tgt is not None:
            th = st.tgt.root
            f["tdep=" + th.dep_] = 1
            if th.dep_ == "pobj":
                f["tprep=" + th.head.lower_] = 1
                f["tprep_head=" + _lem(th.head.head) + "_" + th.head.lower_] = 1
            if th.dep_ == "poss":
                f["tposs_of=" + _lem(th.head)] = 1
        if st.src is not None:
            sh = st.src.root
            f["sdep=" + sh.dep_] = 1
            if sh.dep_ == "pobj":
                f["sprep=" + sh.head.lower_] = 1
        if st.src is not None and st.tgt is not None:
            f["order=" + ("st" if st.src.start <= st.tgt.start else "ts")] = 1
        # predicates on the path target -> lca, nearest the target first
        preds = st.preds
        chain = [_lem(p) for p in preds if p.pos_ in ("VERB", "AUX")]
        for k, p in enumerate(preds[:4]):
            name = "p0" if k == 0 else "pk"
            f[f"{name}={_particles(p)}"] = 1
            f["pany=" + _lem(p)] = 1
            d = _dobj(p)
            if d is not None:
                f["pdobj=" + _lem(p) + "_" + _lem(d)] = 1
                f["dobj=" + _lem(d)] = 1
            for c in p.children:
                if c.dep_ == "prep":
                    f["pprep=" + _lem(p) + "_" + c.lower_] = 1
                if c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "to", "could", "may", "might"):
                    f["future"] = 1
            if _negated(p):
                f["neg"] = 1
                f["neg_p=" + _lem(p)] = 1
            mod = MODALITY.get(_lem(p))
            if mod:
                f["mod=" + mod] = 1
        if len(chain) >= 2:
            f["chain=" + chain[-1] + ">" + chain[0]] = 1
            f["chain_top=" + chain[-1]] = 1
        # the lca's own xcomp / ccomp (e.g. target attached to the top verb directly)
        for c in lca.children:
            if c.dep_ in ("xcomp", "ccomp"):
                f["lca_comp=" + _lem(lca) + ">" + _lem(c)] = 1
                mod = MODALITY.get(_lem(lca))
                if mod:
                    f["mod=" + mod] = 1
        if _negated(lca):
            f["neg"] = 1
        # CAMEO verb patterns
        best_code = None
        lex_labels = []
        for k, p in enumerate(preds[:4]):
            lab, code = self.lex(p)
            if lab is None:
                continue
            lex_labels.append(lab)
            blk = self.lexicon.block_label(p)
            if blk:
                f[("blk0=" if k == 0 else "blkk=") + blk] = 1
            f[("lex0=" if k == 0 else "lexk=") + lab] = 1
            f["lexany=" + lab] = f.get("lexany=" + lab, 0) + 1
            if code and best_code is None and not lab.startswith("CAMEO") and lab != "NULL":
                best_code = code
        lab, code = self.lex(lca)
        if lab is not None:
            f["lexlca=" + lab] = 1
            mod = MODALITY.get(_lem(lca))
            if mod:
                f["mod_lex=" + mod + ">" + (lex_labels[0] if lex_labels else "NONE")] = 1
        if lex_labels and len(lex_labels) >= 2:
            f["lexpair=" + lex_labels[-1] + ">" + lex_labels[0]] = 1
        if "neg" in f and lex_labels:
            f["neg_lex=" + lex_labels[0]] = 1
        # bag of words: path predicates, their dependents, and words between the actors
        bag = []
        for p in preds[:4]:
            bag.append(_lem(p))
            for c in p.children:
                if c.dep_ in ("dobj", "prt", "prep", "xcomp", "neg", "acomp", "attr", "advmod", "aux"):
                    bag.append(_lem(c))
                    for g in c.children:
                        if g.dep_ in ("pobj", "dobj", "compound", "amod"):
                            bag.append(_lem(g))
        if st.src is not None and st.tgt is not None:
            a, b = sorted([st.src, st.tgt], key=lambda s: s.start)
            doc = a.doc
            for t in doc[a.end:b.start]:
                if not t.is_punct:
                    bag.append("btw_" + _lem(t))
        text = " ".join(bag)
        return f, text, best_code


def masked_text(text: str, src_char: tuple[int, int] | None, tgt_char: tuple[int, int] | None) -> str:
    """The sentence with the actors replaced by placeholders, for the n-gram part."""
    spans = []
    if src_char:
        spans.append((src_char[0], src_char[1], " SRCACTOR "))
    if tgt_char:
        spans.append((tgt_char[0], tgt_char[1], " TGTACTOR "))
    spans.sort(reverse=True)
    out = text
    last = len(text) + 1
    for s, e, rep in spans:
        if e <= last:
            out = out[:s] + rep + out[e:]
            last = s
    return out
