"""Can a name be "he" or "she"? A person pronoun needs a person antecedent; the article itself
says which names are things: a place ("in Mexico"), an organisation or event ("the Super Bowl",
"the IMF"), a team ("the Broncos"), a day. There is no named-entity model here, so the evidence
is the article's own grammar and a short list of words that end organisation names."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (FEMALE_GIVEN_NAMES, HOLIDAYS, MALE_GIVEN_NAMES, NOT_NAMES, ORGANISATION_NOUNS,
                      ORGANISATION_WORDS, PERSON_TITLES, PLACE_NAMES, PLACE_PREPOSITIONS, TITLES)
from .parse import Doc, Word


_NAME = r"[A-Z][\w&.'\u2019-]*(?:[ \u00a0][A-Z][\w&.'\u2019-]*)*"
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_AFTER_GIVEN_NAME = re.compile(r"\b([A-Z][a-z]+\.?)[ \u00a0](?=([A-Z][a-z]+)\b)")  # overlapping pairs
_DESCRIPTION = rf"(?:the|a|an|its)[ \u00a0](?:[\w'\u2019-]+[ \u00a0]){{0,3}}(?:{'|'.join(sorted(ORGANISATION_NOUNS))})\b"
# "Rosneft, the Russian oil company", "the oil company Rosneft": a name described as an organisation.
_DESCRIBED = re.compile(rf"({_NAME}),[ \u00a0]{_DESCRIPTION}|{_DESCRIPTION}[ \u00a0]({_NAME})")


def thing_names(doc: Doc, places: bool = True) -> frozenset[str]:
    """The lower-cased proper nouns the article treats as things: described as an organisation
    ("Rosneft, the oil company"), or parsed with "the" ("the Pentagon", but not "the Trump
    campaign": there the name modifies a noun), as plural ("the Broncos"), and with `places`,
    after a place preposition ("in Mexico") or named as a country or state (`place_names`)."""
    out = {(m.group(1) or m.group(2)).split()[-1].lower() for m in _DESCRIBED.finditer(doc.text)}
    if places:
        out |= place_names(doc.text)
    for w in doc.words:
        if w.upos != "PROPN" or w.deprel in ("compound", "flat", "flat:name"):
            continue
        children = doc.children(w)
        if any(c.lower in TITLES for c in children):
            continue  # "the Rev. Al Sharpton"
        if w.xpos == "NNPS" or any(_marks_thing(c, places) for c in children):
            out.add(w.lower)
    return frozenset(out)


def place_names(text: str) -> frozenset[str]:
    """The one-word names of countries and states the text uses ("Ohio", "Russia"), lower-cased,
    but not one it also gives as a person's surname, after a given name or title ("Jim Jordan",
    "Rep. Jordan")."""
    used = {w.lower() for w in _CAPITALISED.findall(text)} & _place_names()
    surnames = {m.group(2).lower() for m in _AFTER_GIVEN_NAME.finditer(text)
                if m.group(1).lower() in PERSON_FIRST_WORDS and m.group(2).lower() in used}
    return frozenset(used - surnames)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Countries (pycountry's names and common names), US states and Canadian provinces whose
    names are one word, and the few places news names otherwise (`lexicon.PLACE_NAMES`)."""
    import pycountry  # deferred: its tables load on first use

    names = {getattr(c, attr, None) for c in pycountry.countries for attr in ("name", "common_name")}
    names |= {s.name for code in ("US", "CA") for s in pycountry.subdivisions.get(country_code=code)}
    return frozenset(n.lower() for n in names if n and " " not in n and "," not in n) | PLACE_NAMES


def _marks_thing(child: Word, places: bool) -> bool:
    return (child.deprel == "det" and child.lower == "the") or \
        (places and child.deprel == "case" and child.lower in PLACE_PREPOSITIONS)


PERSON_FIRST_WORDS = MALE_GIVEN_NAMES | FEMALE_GIVEN_NAMES | PERSON_TITLES  # what stands right before a surname


def is_organisation_name(name: str, things: frozenset[str]) -> bool:
    """A name of an organisation, team or outlet, as far as the words tell: an acronym ("NRA"),
    an organisation word at its end, or a name the article gives with "the" (`thing_names`
    without places)."""
    words = name.replace(".", "").split()
    if not words or (len(words) == 1 and (words[0].lower() in NOT_NAMES or words[0].lower() in HOLIDAYS)):
        return False
    last = words[-1].lower()
    return _acronym(words) or last in ORGANISATION_WORDS or last in things


def _acronym(words: list[str]) -> bool:
    return len(words) == 1 and len(words[0]) > 1 and words[0].isupper() and words[0].isalpha()


def is_thing_name(name: str, things: frozenset[str]) -> bool:
    """A name that cannot be "he" or "she": a day or holiday ("Monday", "Christmas"; but "Theresa
    May"), an organisation's name (`is_organisation_name`), or a name the article treats as a thing
    (`thing_names`)."""
    words = name.replace(".", "").split()
    day = len(words) == 1 and (words[0].lower() in HOLIDAYS or words[0].lower() in NOT_NAMES)
    return day or is_organisation_name(name, things)


def given_name_gender(name: str) -> str | None:
    """"m" or "f" when the name's first word after its titles is a given name of one gender."""
    words = [w for w in name.split() if w.lower() not in TITLES]
    if len(words) < 2:
        return None  # a surname alone ("Trump") says nothing
    first = words[0].lower()
    return "m" if first in MALE_GIVEN_NAMES else "f" if first in FEMALE_GIVEN_NAMES else None
