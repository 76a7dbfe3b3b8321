"""The small closed word classes the resolver reads a parse with (prepositions, pronouns,
courtesy titles): grammar, not knowledge, so they live here and not in data tables."""
from __future__ import annotations

# Lower-case titles that name a person after them ("his counterpart Park Ji-won").
RELATION_TITLES = {"counterpart", "successor", "predecessor", "deputy", "envoy"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers"}
PRONOUNS_GROUP = {"it", "its", "they", "them", "their", "theirs"}
# Prepositions whose object is a party to the predicate, not a place or a topic.
PARTY_PREPS = {"with", "to", "against", "by", "toward", "towards", "between", "from", "among", "on", "upon", "for"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "nummod", "det", "case", "punct", "advmod", "quantmod"}
TITLE_SKIP = {"his", "her", "their", "its", "the", "a", "an", "former", "then", "’s", "'s", ",", "ex", "-", "late",
              "outgoing", "new", "incoming", "newly", "appointed", "current", "acting", "interim"}
FORMER_WORDS = {"former", "ex", "late", "outgoing"}
# Courtesy titles: "Mr Jordan" is a person even where "Jordan" is also a country.
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "rep.", "gen.", "col.", "lt.", "adm.",
              "sir", "dame", "madam", "madame"}
# Before a place, not a person: "in Austin", "near Jordan".
LOCATIVE_PREPS = {"in", "at", "near", "from", "into", "across", "outside", "inside", "around", "via", "through",
                  "throughout", "within", "to", "toward", "towards"}
PAIR_WORDS = {"two", "both"}
# The kind of division after a place's name: "Ghazni province", "Kern County".
ADMIN_WORDS = {"county", "province", "district", "state", "region", "governorate", "prefecture", "city"}
# "the alliance", "the bloc": a definite noun that points back to an organisation or group.
ORG_NOUNS = {"alliance", "bloc", "organization", "organisation", "body", "union", "group", "movement", "militia",
             "agency", "court", "council", "coalition", "league", "fund", "bank", "tribunal", "forum"}
COUNTRY_NOUNS = {"country", "countries", "nation", "nations", "state", "states", "side", "sides", "government",
                 "governments", "capitals", "neighbours", "neighbors", "allies", "powers"}
# Prepositions after a role noun that name where it is: "the police in Lagos", "a court in Ankara".
WHERE_PREPS = {"in", "of", "at"}
# Prepositions whose object is another party or a destination, not where the story is.
ELSEWHERE_PREPS = {"to", "into", "toward", "towards", "from", "with", "against", "by"}
