"""Quotes and reported speech: who said what, to whom, through which channel.

`StatementExtractor.extract(doc, article_id, resolve_actor)` reads a parsed spaCy Doc of a whole
article and returns `Statement` records with character offsets into the article text:

* direct quotes      “...,” the minister said.            direct=True
* partial quotes     X “underscored the need ...”          direct=True (content inside quotes)
* indirect speech    X said (that) ... / X warned Y not to ... / X called for ...
* "according to"     According to X, ...                   (X becomes the speaker, or the `via`
                                                            channel of a cue in the same clause)
* told/warned Y that addressee Y
* headlines          "..., X says"
* channels           "the statement said": `via` is the channel ("Pentagon statement"), the
                     speaker the person the quote names or the institution the channel belongs to.
* split quotes       “A,” X said, adding: “B.”  -> both parts attributed to X; so is a quotation
                     that opens the next sentence (“A,” X said on Monday. “B.”), and a quotation
                     of several sentences next to its attribution is content whole.
* co-speakers        "A and B told ..." -> one statement each (when a resolver is given).

Which words are cues is data, not code: `data/statements/cues.tsv` (lemma statistics derived from
PolNeAR train, see its header) and `data/statements/channels.tsv` (nouns naming a channel).
The parse does the rest: the cue's subject is the speaker, its clausal or object argument the
content.

Modules, in data-flow order: `tables` (the cue and channel tables), `spans` (quotation marks,
subtrees), `extract` (cues, speaker phrases, contents), `speakers` (phrase -> actor: a phrase
whose head has no country takes the body inside it, "a spokesman for X"; he/she -> the speaker
of the clause above, the previous sentence's subject, or the last speaker; a bare spokesperson
-> the body that spoke just before).

The extractor reads only the Doc; the pipeline supplies `resolve_actor(span) -> Actor | None`.
"""
from .extract import StatementExtractor
from .spans import _find_quotes
from .tables import Cue, load_channels, load_cues

__all__ = ["StatementExtractor", "Cue", "load_cues", "load_channels", "_find_quotes"]
