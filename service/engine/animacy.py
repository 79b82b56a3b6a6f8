"""Can a name be "he" or "she"? A person pronoun needs a person antecedent; the article itself
says which names are things: a place ("in Mexico"), an organisation or event ("the Super Bowl",
"the IMF"), a team ("the Broncos"), a day. There is no named-entity model here, so the evidence
is the article's own grammar and a short list of words that end organisation names."""
from __future__ import annotations

from .lexicon import HOLIDAYS, NOT_NAMES, ORGANISATION_WORDS, PLACE_PREPOSITIONS, TITLES
from .parse import Doc, Word


def thing_names(doc: Doc) -> frozenset[str]:
    """The lower-cased proper nouns the parse treats as things anywhere in the article: with
    "the" ("the Pentagon", but not "the Trump campaign": there the name modifies a noun), after
    a place preposition ("in Mexico"), or plural ("the Broncos")."""
    out = set()
    for w in doc.words:
        if w.upos != "PROPN" or w.deprel in ("compound", "flat", "flat:name"):
            continue
        children = doc.children(w)
        if any(c.lower in TITLES for c in children):
            continue  # "the Rev. Al Sharpton"
        if w.xpos == "NNPS" or any(_marks_thing(c) for c in children):
            out.add(w.lower)
    return frozenset(out)


def _marks_thing(child: Word) -> bool:
    return (child.deprel == "det" and child.lower == "the") or \
        (child.deprel == "case" and child.lower in PLACE_PREPOSITIONS)


def is_thing_name(name: str, things: frozenset[str]) -> bool:
    """A name that cannot be "he" or "she": an acronym ("IMF"), an organisation word at its end
    ("American Motors Corp.", "Liverpool FC"), a day or holiday, or a name the article treats
    as a thing (`thing_names`)."""
    words = name.replace(".", "").split()
    if not words:
        return False
    last = words[-1].lower()
    if len(words) == 1:  # "IMF", "Christmas", "Monday"; but "Theresa May"
        word = words[0]
        if (len(word) > 1 and word.isupper() and word.isalpha()) or last in HOLIDAYS or last in NOT_NAMES:
            return True
    return last in ORGANISATION_WORDS or last in things
