"""Attribution of quotes and reported speech, on sentences written for these tests."""
from __future__ import annotations

import pytest

from sanderling.schema import Actor
from sanderling.statements import _find_quotes, load_cues

PEOPLE = {
    "keller": ("Anna Keller", "NOR", "person"),
    "petrov": ("Ivan Petrov", "RUS", "person"),
    "santos": ("Maria Santos", "PER", "person"),
    "ankara": ("Turkey", "TUR", "country"),
    "kenyan": ("Kenya", "KEN", "country"),
    "foreign ministry": ("Ministry of Foreign Affairs", "CAN", "organization"),
    "ottawa": ("Canada", "CAN", "country"),
}


def resolve(span):
    low = span.text.lower()
    for key, (name, country, kind) in PEOPLE.items():
        if key in low:
            return Actor(name=name, country=country, kind=kind)
    return None


@pytest.fixture
def run(nlp, extractor):
    def _run(text):
        doc = nlp(text)
        out = extractor.extract(doc, "a1", resolve_actor=resolve)
        for s in out:  # every offset gives its span back
            assert text[s.cue_start:s.cue_end] == s.cue
            if s.content_start is not None:
                assert text[s.content_start:s.content_end].replace("’", "'") == s.content.replace("’", "'")
            assert s.start <= s.cue_start and s.cue_end <= s.end
        return out
    return _run


def one(statements, phrase):
    hits = [s for s in statements if phrase in s.content]
    assert hits, [s.content for s in statements]
    return hits[0]


def test_tables_load():
    cues = load_cues()
    assert ("say", "VERB") in cues and "ccomp" in cues[("say", "VERB")].content
    assert ("reiterate", "VERB") in cues


def test_quotes_curly_and_apostrophes():
    text = "He called it “a ‘historic’ day” and Norway’s envoy agreed."
    spans = [text[a:b] for a, b in _find_quotes(text)]
    assert spans == ["“a ‘historic’ day”"]
    other = "the ‘red lines’ of Oslo’s plan"
    assert [other[a:b] for a, b in _find_quotes(other)] == ["‘red lines’"]


def test_direct_quote(run):
    out = run("“We will not accept any delay in the withdrawal,” Keller said on Monday.")
    s = one(out, "any delay")
    assert s.direct and s.cue == "said"
    assert s.speaker.name == "Anna Keller"
    assert s.content.startswith("“We will")


def test_indirect_speech(run):
    out = run("The Kenyan government said it would reopen its consulate in Mogadishu next month.")
    s = one(out, "reopen its consulate")
    assert not s.direct
    assert s.speaker.country == "KEN"


def test_partial_quote(run):
    out = run("Keller also “stressed the need for calm along the disputed border.”")
    s = one(out, "the need for calm")
    assert s.direct and s.cue.endswith("stressed")
    assert s.speaker.name == "Anna Keller"


def test_according_to(run):
    out = run("According to Keller, the ferry talks will resume in May.")
    s = one(out, "ferry talks will resume")
    assert s.cue == "According to"
    assert s.speaker.name == "Anna Keller"


def test_told_addressee(run):
    out = run("Keller told Petrov that the fishing quotas would stay in place.")
    s = one(out, "fishing quotas")
    assert s.cue == "told"
    assert s.speaker.name == "Anna Keller" and s.addressee.name == "Ivan Petrov"


def test_pronoun_speaker(run):
    out = run("Maria Santos arrived in Lima on Sunday evening. She said the new port would open in June.")
    s = one(out, "new port")
    assert s.speaker.name == "Maria Santos"
    assert s.speaker_start is not None and s.speaker_end - s.speaker_start == 3  # the pronoun itself


def test_headline_says(run):
    out = run("Grain corridor must stay open, Ankara says\nThe talks ended late on Thursday.")
    s = one(out, "Grain corridor must stay open")
    assert s.cue == "says" and s.speaker.country == "TUR"


def test_split_quote_stays_attributed(run):
    text = ("Petrov spoke to reporters after the talks. “The first round was useful,” he said, adding: "
            "“Both delegations agreed to meet again before winter.”")
    out = run(text)
    first = one(out, "first round was useful")
    second = one(out, "meet again before winter")
    assert first.speaker.name == second.speaker.name == "Ivan Petrov"
    assert first.direct and second.direct


def test_via_channel(run):
    text = ("Ottawa published a Foreign Ministry statement on Friday. "
            "“Canada supports an immediate ceasefire,” the statement said.")
    out = run(text)
    s = one(out, "immediate ceasefire")
    assert s.via == "Foreign Ministry statement"
    assert s.speaker is not None and s.speaker.country == "CAN"
    assert s.to_dict()["via"] == {"name": "Foreign Ministry statement"}


def test_nested_report_is_one_statement(run):
    out = run("“I told them we would never sign,” Petrov said.")
    assert len(out) == 1 and out[0].speaker.name == "Ivan Petrov"
