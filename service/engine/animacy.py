"""Can a name be "he" or "she"? A person pronoun needs a person antecedent; the article itself
says which names are things: a place ("in Mexico"), an organisation or event ("the Super Bowl",
"the IMF"), a team ("the Broncos"), a day. There is no named-entity model here, so the evidence
is the article's own grammar and a short list of words that end organisation names."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .lexicon import (FEMALE_GIVEN_NAMES, HOLIDAYS, MALE_GIVEN_NAMES, NAME_RELS, NOT_NAMES, ORGANISATION_NOUNS,
                      ORGANISATION_WORDS, PERSON_NOUNS, PLATFORM_NAMES, PERSON_TITLES, PLACE_NAMES, PLACE_PREPOSITIONS, PRONOUNS, GENDERED_FORMS,
                      TITLES)
from .marks import Intervals
from .parse import Doc, Word
from .tree import is_name_word


GIVEN_NAMES_FILE = Path(__file__).with_name("data") / "given_names.json"  # scripts/build_given_names.py
CITY_NAMES_FILE = Path(__file__).with_name("data") / "city_names.json"  # scripts/build_city_names.py
_NAME = r"[A-Z][\w&.'\u2019-]*(?:[ \u00a0][A-Z][\w&.'\u2019-]*)*"
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# "in Clarkston", "throughout El Paso": a name after a place preposition, read from the words
# alone (the sentence may not be parsed); not a possessive ("in Trump's plan").
_AFTER_PLACE_PREPOSITION = re.compile(
    rf"\b(?:{'|'.join(sorted(PLACE_PREPOSITIONS))})[ \u00a0]+((?:[A-Z][a-z]+[ \u00a0]+)*[A-Z][a-z]+)\b(?!['\u2019])")
_AFTER_GIVEN_NAME = re.compile(r"\b([A-Z][a-z]+\.?)[ \u00a0](?=([A-Z][a-z]+)\b)")  # overlapping pairs
# "Rosneft, the Russian oil company", "the oil company Rosneft": a name described as an organisation,
# but not a person's role that an organisation noun modifies ("a former studio executive").
_DESCRIPTION = rf"(?:the|a|an|its)[ \u00a0](?:[\w'\u2019-]+[ \u00a0]){{0,3}}(?:{'|'.join(sorted(ORGANISATION_NOUNS))})\b" \
    rf"(?![ \u00a0](?:{'|'.join(sorted(PERSON_NOUNS))})\b|['\u2019])"
_DESCRIBED = re.compile(rf"({_NAME}),[ \u00a0]{_DESCRIPTION}|{_DESCRIPTION}[ \u00a0]({_NAME})")


def thing_names(doc: Doc, places: bool = True) -> frozenset[str]:
    """The lower-cased proper nouns the article treats as things: `organisation_names`, and with
    `places`, `place_names_in` the article."""
    names = organisation_names(doc)
    return names | place_names_in(doc) if places else names


def organisation_names(doc: Doc) -> frozenset[str]:
    """Proper nouns described as an organisation ("Rosneft, the oil company"), or parsed with
    "the" ("the Pentagon", but not "the Trump campaign": there the name modifies a noun) or as
    plural ("the Broncos")."""
    described = {(m.group(1) or m.group(2)).split()[-1].lower() for m in _DESCRIBED.finditer(doc.text)}
    return frozenset(described) | _proper_nouns(doc, lambda w, children: w.xpos == "NNPS" or any(
        c.deprel == "det" and c.lower == "the" and _leads_name(doc, c, w) for c in children))


def _leads_name(doc: Doc, det: Word, name: Word) -> bool:
    """"the" stands before the name with only the name's words between ("the Super Bowl"), not
    a quote's "the" that a parse of the sentence with the quote elided hung on the speaker."""
    return det.i < name.i and all(w.upos in ("PROPN", "ADJ", "NOUN", "NUM") for w in doc.words[det.i + 1:name.i])


def place_names_in(doc: Doc) -> frozenset[str]:
    """Proper nouns after a place preposition ("in Mexico"), and the countries and states the
    article names (`place_names`)."""
    return place_names(doc.text) | _proper_nouns(doc, lambda w, children: any(
        c.deprel == "case" and c.lower in PLACE_PREPOSITIONS for c in children))


def _proper_nouns(doc: Doc, marked: Callable[[Word, list[Word]], bool]) -> frozenset[str]:
    """The lower-cased heads of proper names whose own dependents mark them as `marked` says;
    a titled name ("the Rev. Al Sharpton") is a person's."""
    out = set()
    for w in doc.words:
        if w.upos != "PROPN" or w.deprel in NAME_RELS:
            continue
        children = doc.children(w)
        if not any(c.lower in TITLES for c in children) and marked(w, children):
            out.add(w.lower)
    return frozenset(out)


def place_names(text: str) -> frozenset[str]:
    """The one-word names of countries, states and cities the text uses ("Ohio", "Russia"), lower-cased,
    but not one it also gives as a person's surname, after a given name or title ("Jim Jordan",
    "Rep. Jordan")."""
    used = {w.lower() for w in _CAPITALISED.findall(text)} & _place_names()
    used |= {m.group().split()[-1].lower() for m in _multi_word_places().finditer(text)}  # "New Hampshire"
    used |= {m.group(1).split()[-1].lower() for m in _AFTER_PLACE_PREPOSITION.finditer(text)}
    surnames = {m.group(2).lower() for m in _AFTER_GIVEN_NAME.finditer(text)
                if m.group(1).lower() in PERSON_FIRST_WORDS and m.group(2).lower() in used}
    return frozenset(used - surnames)


@lru_cache(maxsize=1)
def _country_and_state_names() -> frozenset[str]:
    """pycountry's names and common names of countries, the US states and Canadian provinces,
    and the larger cities (scripts/build_city_names.py: "Liverpool", "Sydney")."""
    import pycountry  # deferred: its tables load on first use

    names = {getattr(c, attr, None) for c in pycountry.countries for attr in ("name", "common_name")}
    names |= {s.name for code in ("US", "CA") for s in pycountry.subdivisions.get(country_code=code)}
    names |= set(json.loads(CITY_NAMES_FILE.read_text(encoding="utf-8"))["cities"])
    return frozenset(n for n in names if n and "," not in n)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Countries, US states, Canadian provinces and cities whose names are one word, and the few
    places news names otherwise (`lexicon.PLACE_NAMES`)."""
    return frozenset(n.lower() for n in _country_and_state_names() if " " not in n) | PLACE_NAMES


@lru_cache(maxsize=1)
def _multi_word_places() -> re.Pattern[str]:
    """The countries, states, provinces and cities whose names are two or three words ("Puerto
    Rico", "South Carolina", "Kansas City"), as one pattern."""
    multi = sorted((n for n in _country_and_state_names() if "(" not in n and 1 < len(n.split()) <= 3),
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in multi) + r")\b")


PERSON_FIRST_WORDS = MALE_GIVEN_NAMES | FEMALE_GIVEN_NAMES | PERSON_TITLES  # what stands right before a surname


def is_organisation_name(name: str, things: frozenset[str]) -> bool:
    """A name of an organisation, team, outlet or platform, as far as the words tell: an acronym
    ("NRA"), an organisation word at its end, a platform, or one of the article's `organisation_names`."""
    words = name.replace(".", "").split()
    if not words or _day_or_holiday(words):
        return False
    last = words[-1].lower()
    before_of = words[:words.index("of")] if "of" in words[1:] else []  # "Bank of England"
    return _acronym(words) or last in ORGANISATION_WORDS or last in PLATFORM_NAMES or last in things or \
        (bool(before_of) and before_of[-1].lower() in ORGANISATION_WORDS)


def _acronym(words: list[str]) -> bool:
    return len(words) == 1 and len(words[0]) > 1 and words[0].isupper() and words[0].isalpha()


def is_thing_name(name: str, things: frozenset[str]) -> bool:
    """A name that cannot be "he" or "she": a day or holiday ("Monday", "Christmas"; but "Theresa
    May"), an organisation's name (`is_organisation_name`), or a name the article treats as a thing
    (`thing_names`)."""
    return _day_or_holiday(name.replace(".", "").split()) or is_organisation_name(name, things)


def _day_or_holiday(words: list[str]) -> bool:
    return len(words) == 1 and (words[0].lower() in HOLIDAYS or words[0].lower() in NOT_NAMES)


def given_name_gender(name: str) -> str | None:
    """"m" or "f" when the name's first word after its titles is a given name of one gender."""
    words = [w for w in name.split() if w.lower() not in TITLES]
    if len(words) < 2:
        return None  # a surname alone ("Trump") says nothing
    first = words[0].lower()
    if first in MALE_GIVEN_NAMES or first in FEMALE_GIVEN_NAMES:
        return "m" if first in MALE_GIVEN_NAMES else "f"  # the hand lists win ("Lindsey" Graham)
    return _census_genders().get(first)


@lru_cache(maxsize=1)
def _census_genders() -> dict[str, str]:
    """US Census given names of one gender, name -> "m" or "f"."""
    data = json.loads(GIVEN_NAMES_FILE.read_text(encoding="utf-8"))
    return {**{n: "f" for n in data["female"]}, **{n: "m" for n in data["male"]}}


def pronoun_genders(doc: Doc, quoted: Intervals) -> dict[str, list[tuple[int, str]]]:
    """What the article's own pronouns say of each capitalised word's gender: for every "he",
    "his", "she", "herself" … outside quotes, (sentence, "m" or "f") under the nearest name word
    before it in its sentence (lower-cased). Noisy one by one ("Trump told Clinton he …"), telling
    in number."""
    out: dict[str, list[tuple[int, str]]] = {}
    last, sent = None, -1
    for w in doc.words:
        if w.sent != sent:
            last, sent = None, w.sent
        if quoted.covers(w.start):
            continue
        if is_name_word(w) and w.text[:1].isupper():
            last = w.text.lower()
            continue
        gender = PRONOUNS.get(w.lower) or GENDERED_FORMS.get(w.lower)
        if last is not None and gender in ("m", "f"):
            out.setdefault(last, []).append((w.sent, gender))
    return out
