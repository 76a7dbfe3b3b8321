"""How the coder's own pipeline components cut text into sentences (pipeline.py)."""


def _sentences(coder, text):
    return [s.text.strip() for s in coder.nlp(text).sents]


def test_a_subheading_run_into_the_text_is_a_sentence_of_its_own(coder):
    sents = _sentences(coder, "Kenya and Uganda signed the deal on Friday. Vessels near the islands Then on "
                              "March 31, the Kenyan government reported that boats had been spotted.")
    assert "Vessels near the islands" in sents
    assert any(s.startswith("Then on March 31") for s in sents)
    sents = _sentences(coder, "The ministers met on Monday. Financial strain Both camps opened in the 1990s.")
    assert "Financial strain" in sents


def test_a_title_inside_a_sentence_is_not_cut(coder):
    assert len(_sentences(coder, "He saw the film The Godfather in Nairobi on Monday.")) == 1
    assert len(_sentences(coder, "Police in the capital On Monday arrested him.")) >= 1  # no crash on odd case


def test_a_line_break_ends_a_sentence(coder):
    assert _sentences(coder, "Talks in Oslo\nThe ministers met on Monday.")[0] == "Talks in Oslo"


def test_a_subheading_before_a_nationality_and_office_is_cut_there(coder):
    sents = _sentences(coder, "The talks ended. Party control Chinese President Li Wei convened a meeting on Monday.")
    assert "Party control" in sents
    one = _sentences(coder, "Both Mexican President Ana Ruiz and outgoing Canadian Prime Minister Tom Lee spoke.")
    assert len(one) == 1
