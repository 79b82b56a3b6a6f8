"""Speaker entities: names from mentions, pronouns and role nouns resolved to the person they
refer to, and every mention of one person gathered under one entry."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from . import antecedents
from .animacy import (given_name_gender, is_organisation_name, is_thing_name, organisation_names, place_names_in,
                      pronoun_genders)
from .cues import is_speech_verb
from .lexicon import (ABBREVIATIONS, ANTECEDENT_SENTENCES, ANTECEDENT_WINDOW, DATELINE_CHARS, DOCUMENT_NOUNS, GROUP_NOUNS, FLAT_RELS, GENERATIONAL_SUFFIXES,
                      HEADLINE_CHARS, HONORIFIC_GENDER, INDEFINITE_DETERMINERS, LEADING_DETERMINERS, NAME_PARTICLES,
                      NAME_BREAKS, NAME_RELS, NOT_NAMES, ONE_PERSON, ORGANISATION_NOUNS, ORGANISATION_REACH, PERSON_NOUNS,
                      OFFICES_OF, ORGANISATION_WORDS, PERSON_TITLES, PRESS_NOUNS, PRESS_WORDS, PRONOUNS, ROLE_NOUNS, ROLE_REACH, ROLES, STATE_ABBREVIATIONS,
                      SUBJECT_RELS, TITLE_CASE_LOWER, TITLES, DESCRIPTION_REACH)
from .marks import Intervals
from .model import Quote, Span, Speaker, SpeakerRef
from .parse import Doc, Word
from .tree import (AGE, document_author, has_case, is_name_word, is_symbol, is_time, mention_span, name_after_role, name_after_title_of, name_goes_on, particle_between,
                   name_under_title, opening_name, title_of)


def name_of(doc: Doc, head: Word) -> tuple[str, list[str]]:
    """(best name, title words) for a mention headed by `head`: proper nouns around the head
    without leading titles; for a common-noun head, the nominal itself ("Putin's spokesman")."""
    sent = doc.sentence_words(head.sent)
    titled = _titled_person(doc, head)
    if titled is not None:
        return titled
    if head.upos == "PROPN" or (head.upos is None and head.text[:1].isupper()):
        lo, hi = _proper_bounds(doc, head, sent[0].i, sent[-1].i)
        hi = max(hi, _of_phrase_end(doc, head, sent[-1].i))
        tokens = [w for w in doc.words[lo:hi + 1]]
        while len(tokens) > 1 and tokens[0].lower == "the":  # an unparsed sentence's opening "The"
            tokens = tokens[1:]
        titles = []
        while len(tokens) > 1 and (title := title_of(tokens[0].text)) and \
                not all(title_of(t.text) for t in tokens[1:]):  # "the Prime Minister" has no name
            titles.append(ABBREVIATIONS.get(title, title))
            tokens = tokens[1:]
        while len(tokens) > 1 and tokens[-1].lower in _POSSESSIVE_TOKENS:
            tokens = tokens[:-1]
        return _POSSESSIVE_END.sub("", doc.text[tokens[0].start:tokens[-1].end]), titles
    words = _nominal_words(doc, head)
    if not words:
        return head.text, []
    name = _POSSESSIVE_END.sub("", doc.text[words[0].start:words[-1].end])
    organisation = _organisation_of_role(doc, head)
    return (f"{organisation} {name}" if organisation else name), [head.lower]


def _organisation_of_role(doc: Doc, head: Word) -> str | None:
    """The organisation a role noun speaks for, as a caption puts it before the noun: "Home
    Office" of "a spokesman for the Home Office", "Pentagon" of "an official at the Pentagon"."""
    if head.lower not in ROLE_NOUNS:
        return None
    for child in doc.children(head):
        if child.i > head.i and child.deprel == "nmod" and child.upos == "PROPN" and \
                has_case(doc, child, "for", "at", "of"):
            words = _nominal_words(doc, child, preposition=True)
            return " ".join(doc.text[words[0].start:words[-1].end].split()) if words else None
    return None


def _nominal_words(doc: Doc, head: Word, preposition: bool = False) -> list[Word]:
    """The words of a noun's mention without its leading determiners, and with `preposition`
    without the preposition before them ("for the Home Office": Home Office)."""
    words = doc.words_in(*_nominal_bounds(doc, head))
    while words and (words[0].lower in LEADING_DETERMINERS or (preposition and words[0].upos == "ADP")):
        words = words[1:]
    return words


def _proper_bounds(doc: Doc, head: Word, first: int, last: int) -> tuple[int, int]:
    """The first and last word of the proper name around `head`, inside its sentence."""
    lo = hi = head.i
    while True:
        if lo - 1 >= first and _name_part(doc.words[lo - 1], head):
            lo -= 1
        elif lo - 2 >= first and particle_between(doc, lo - 2, last):
            lo -= 2  # "Erik ten Hag" parsed as two subjects around "ten"
        elif (opening := _possessor_in_name(doc, lo, first)) is not None:
            lo = opening  # "the Women's Institute", "the Professional Footballers' Association"
        else:
            break
    while hi + 1 <= last:
        nxt = doc.words[hi + 1]
        if _name_part(nxt, head) and nxt.head is not None and (
                lo <= nxt.head <= hi or  # or a sibling: "Senator(→) Mitch(flat) McConnell(flat)", "President(nsubj) Trump(nsubj)"
                (nxt.deprel in FLAT_RELS and nxt.deprel == doc.words[hi].deprel and nxt.head == doc.words[hi].head)):
            hi += 1
        elif _joins_hyphenated(doc, hi, last) or particle_between(doc, hi, last):
            hi += 2  # "Holtz-Eakin", "Bill de Blasio"
        else:
            break
    return lo, hi


def _of_phrase_end(doc: Doc, head: Word, last: int) -> int:
    """The last word of an organisation's or an office's "of" phrase, part of its name ("the
    Bank of England", "the Department of Health", "the Duke of Sussex"); -1 when none. A
    person's is not ("Sen. Marco Rubio of Florida")."""
    if head.lower not in ORGANISATION_WORDS and head.lower not in OFFICES_OF:
        return -1
    if head.upos is None:
        return _unparsed_of_phrase_end(doc, head, last)
    for child in doc.children(head):
        between = doc.words[head.i + 1:child.i]
        if child.i > head.i and child.deprel == "nmod" and child.upos == "PROPN" and between and \
                between[0].lower == "of" and all(w.lower in ("of", "the") or w.upos == "PROPN" for w in between):
            return _proper_bounds(doc, child, child.i, last)[1]
    return -1


def _unparsed_of_phrase_end(doc: Doc, head: Word, last: int) -> int:
    """In an unparsed sentence: "of", maybe "the", then capitalised words."""
    k = head.i + 1
    if k > last or doc.words[k].lower != "of":
        return -1
    k += 2 if k + 1 <= last and doc.words[k + 1].lower == "the" else 1
    end = k - 1
    while end + 1 <= last and doc.words[end + 1].text[:1].isupper():
        end += 1
    return end if end >= k else -1


def _of_phrase_head(doc: Doc, w: Word) -> Word:
    """The organisation or office whose "of" phrase ends the name w is in ("Michigan" of "the
    University of Michigan"); else w."""
    if w.upos is None:  # unparsed: the word before "of" (and "the") before the capitalised run holding w
        k = w.i
        while k > 0 and doc.words[k - 1].upos is None and doc.words[k - 1].text[:1].isupper():
            k -= 1
        before = [x.lower for x in doc.words[max(0, k - 2):k]]
        back = 2 if before == ["of", "the"] else 1 if before[-1:] == ["of"] else 0
        head = doc.words[k - back - 1] if back and k - back - 1 >= 0 else None
    else:
        head = doc.words[w.head] if w.head is not None and w.head < w.i else None
    return head if head is not None and _of_phrase_end(doc, head, doc.sentence_words(w.sent)[-1].i) >= w.i else w


def _possessor_in_name(doc: Doc, k: int, first: int) -> int | None:
    """Where a name starts whose words before words[k] are a capitalised possessor led by "the"
    ("the Women's Institute"; not "Russia's Rosneft", two names)."""
    if k - 2 < first or doc.words[k - 1].lower not in _POSSESSIVE_TOKENS:
        return None
    possessor = doc.words[k - 2]
    det = next((c for c in doc.children(possessor) if c.deprel == "det" and c.lower == "the"), None)
    if possessor.upos != "PROPN" or possessor.deprel != "nmod:poss" or det is None or det.i < first or \
            not all(w.text[:1].isupper() for w in doc.words[det.i + 1:k - 1]):
        return None
    return det.i + 1


def _titled_person(doc: Doc, head: Word) -> tuple[str, list[str]] | None:
    """The name a title or role noun stands for: closing its capitalised "of" phrase ("Secretary
    of State Hillary Clinton", whatever the parse), hung off it ("U. S. Secretary of Defense James
    Mattis", "campaign manager Jeff Weaver"), or set off after it."""
    closing = name_after_title_of(doc, head)
    if closing is not None:
        return closing, [ABBREVIATIONS.get(t, t) for t in [title_of(head.text)] if t]
    for title in [head] + [c for c in doc.children(head) if c.deprel in NAME_RELS]:
        if title_of(title.text) or (title is head and head.upos == "NOUN"):
            person = name_under_title(doc, title) or (name_after_role(doc, head) if title is head else None)
            if person is not None:
                name, titles = name_of(doc, person)
                return name, titles + [title_of(title.text) or title.lower]
    return None


_QUOTED_NICKNAME = re.compile(r"['\u2018\"\u201c][^'\u2019\"\u201d]*['\u2019\"\u201d]")  # "James 'Mad Dog' Mattis"
_PERSON = ("m", "f", ONE_PERSON)  # what a person pronoun or description needs
_POSSESSIVE_TOKENS = ("'s", "\u2019s", "'", "\u2019")  # a possessive the tokenizer split off ("Trump 's")
_POSSESSIVE_END = re.compile(r"(?<=\w)['\u2019]s?$")  # "Trump's" left as one token: the name is "Trump"


def _joins_hyphenated(doc: Doc, k: int, last: int) -> bool:
    """words[k+1] is a hyphen typed without spaces between words[k] and a proper noun."""
    if k + 2 > last:
        return False
    dash, nxt = doc.words[k + 1], doc.words[k + 2]
    return dash.text == "-" and doc.words[k].end == dash.start and dash.end == nxt.start and \
        (nxt.upos == "PROPN" or (nxt.upos is None and nxt.text[:1].isupper()))


def _name_part(w: Word, head: Word) -> bool:
    if is_symbol(w.text):
        return False  # an emoji or a symbol after a name is no part of it ("Taylor Swift 🎤")
    if w.upos is None:
        return w.text[:1].isupper() and w.sent == head.sent
    return w.upos == "PROPN" and (w.head == head.i or w.deprel in NAME_RELS or w.head == w.i + 1 or
                                  (w.head == head.head and w.deprel == head.deprel and w.deprel in FLAT_RELS))


def _nominal_bounds(doc: Doc, head: Word) -> tuple[int, int]:
    span = mention_span(doc, head)
    return span.start, span.end


@dataclass
class _Entity:
    id: str
    order: int  # creation order (ties between entities go to the first)
    names: dict[str, None] = field(default_factory=dict)  # each name once, in the order given
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    mentions: dict[Span, None] = field(default_factory=dict)  # each mention once, in the order given
    quotes: list[int] = field(default_factory=list)
    last_pos: int = -1
    honorific: str | None = None  # "mrs.", as the article first gives it
    not_one_person: bool | None = None  # named only by plurals or common nouns (None: not named by the parse)
    group: bool = False  # a "they" named by its people ("Trump and Ryan"): no name of one person matches it
    best: str = "?"  # the best of its names, kept up to date by add_name

    def add_name(self, name: str) -> None:
        if name not in self.names:
            self.names[name] = None
            names = [n for n in self.names if n.split()]
            proper = [n for n in names if n.split()[-1][:1].isupper()]  # not "Florida senator"
            self.best = max(proper or names or ["?"], key=lambda n: (len(n.split()), len(n)))

    @property
    def known_person(self) -> bool:
        """Known to be a person: by a "he" or "she", an honorific or a person's title."""
        return self.gender in ("m", "f") or bool(self.honorific) or bool(self.titles & PERSON_TITLES)

    @property
    def speakable(self) -> bool:
        """Named with a capital: a person a later pronoun can refer to."""
        return bool(self.names) and self.best[:1].isupper()

    def best_in(self, full_names: dict[str, str]) -> str:
        """The best name without the titles before it, lengthened to the fullest form of it the
        article uses."""
        best = _after_titles(self.best)
        if self.group:
            return best  # "Todd Wilcox and Carlos Beruff" is no longer form of "Carlos Beruff"
        if best.isupper() and best.split()[-1].title() in full_names:
            return full_names[best.split()[-1].title()]  # a transcript's "SMITH:" is the article's Zadie Smith
        longer = full_names.get(best.split()[-1]) if best[:1].isupper() else None
        known = self.gender or HONORIFIC_GENDER.get(self.honorific or "")
        if longer is not None and known in ("m", "f") and given_name_gender(longer) not in (None, known):
            return best  # "Mrs. Clinton", "she": not the Bill Clinton the article names in full
        if longer is None and len(best.split()) == 1:  # a first name alone: "Vladimir"
            longer = next((n for n in full_names.values() if n.split()[0] == best), None) or \
                next((n for n in full_names.values() if best in n.split()[1:-1]), None)  # "Ms. Acosta": Melba Acosta Febo
            return longer or best
        if longer and len(longer.split()) > len(best.split()) and surname_of(longer) == best.split()[-1] and \
                (len(best.split()) == 1 or longer.split()[0] == best.split()[0] or _ends_with(longer, best)):
            return longer  # "Debbie Wasserman Schultz" for "Wasserman Schultz", "Bill de Blasio" for "De Blasio"
        if longer and len(best.split()) > 1 and surname_of(longer) == best.split()[-1] and \
                (_ends_with(best, longer) or (given_name_gender(longer) and not given_name_gender(best))):
            return longer  # "Wendy Sherman" for "Political Affairs Wendy Sherman", "Susan Sarandon" for "Liberal Oscar-winner Sarandon"
        return best

    @property
    def surname(self) -> str:
        return self.best.split()[-1].lower()


class EntityTable:
    def __init__(self, doc: Doc, quoted: Intervals | None = None):
        self.doc = doc
        self.quoted = quoted or Intervals([])  # a name inside a quote is never a pronoun's antecedent
        self.entities: list[_Entity] = []
        self._runs: list[NameRun] | None = None
        self._linked: dict[int, str] = {}  # head word -> entity, so one mention is always one person
        self._full_names: dict[str, str] | None = None
        self._titled: list[tuple[int, str, str, str]] | None = None
        self._name_counts: Counter[str] | None = None
        # The entities a pronoun may refer to, kept apart so that a pronoun's search does not
        # grow with the unnamed ones ("he" after "he" after "he": linear, not quadratic).
        self._speakable: dict[int, _Entity] = {}
        self._things: frozenset[str] | None = None  # proper nouns the article treats as things
        self._organisations: frozenset[str] | None = None  # the same without the places
        self._mid_sentence: frozenset[str] | None = None  # capitalised words found after a lower-case word
        self._capitalised: Counter[str] | None = None  # how often each capitalised word appears
        self._pronoun_genders: dict[str, list[tuple[int, str]]] | None = None

    @property
    def runs(self) -> list[NameRun]:
        if self._runs is None:
            self._runs = name_runs(self.doc.text)
        return self._runs

    @property
    def full_names(self) -> dict[str, str]:
        if self._full_names is None:
            self._full_names = full_names(self.runs, self.doc.text)
        return self._full_names

    @property
    def titled(self) -> list[tuple[int, str, str, str]]:
        if self._titled is None:
            self._titled = titled_names(self.runs, self.doc.text)
        return self._titled

    def _new(self) -> _Entity:
        entity = _Entity(id=f"s{len(self.entities) + 1}", order=len(self.entities))
        self.entities.append(entity)
        return entity

    def _add_name(self, entity: _Entity, name: str) -> None:
        entity.add_name(name)
        if entity.speakable:
            self._speakable[entity.order] = entity
        else:
            self._speakable.pop(entity.order, None)

    def _speakable_entities(self) -> list[_Entity]:
        return [self._speakable[k] for k in sorted(self._speakable)]

    def _by_id(self, entity_id: str) -> _Entity:
        return self.entities[int(entity_id[1:]) - 1]

    def link(self, head: Word, mention: Span) -> str:
        """The entity a speaker mention refers to, created if new."""
        if head.i in self._linked:  # one attribution for two quotes: '"…," she said. "…"'
            return self._linked[head.i]
        gender = PRONOUNS.get(head.lower, "")
        if head.lower in PRONOUNS:
            entity = self._antecedent(head, gender)
            found = self._document_author(head) if gender == "n" else self._group(head) if gender == "p" else None
            if found is not None and (entity is None or found[1] >= entity.last_pos):
                entity = found[0]
            if entity is None and (later := self._cataphor(head, gender)) is not None:
                entity = self._named(later)
            if gender in ("m", "f"):
                entity = self._ranked_antecedent(head, gender, entity)
            if entity is None:
                entity = self._new()
                self._add_name(entity, mention.text)
        else:
            entity = self._named(head)
        if gender in ("m", "f") and entity.gender is None:
            entity.gender = gender
        entity.last_pos = max(entity.last_pos, mention.start)
        self._linked[head.i] = entity.id
        return entity.id

    def link_name(self, written: str) -> str:
        """The entity a name found in the text's layout refers to (a "quotes from James 'Mad
        Dog' Mattis" heading, a "[Reuters.]" credit), created if new; nicknames in quotation
        marks are no part of the name."""
        name = " ".join(_QUOTED_NICKNAME.sub(" ", written).split()) or \
            " ".join(written.strip("'\u2018\u2019\"\u201c\u201d").split()) or written
        return self._known_or_new(name).id

    def _known_or_new(self, name: str) -> _Entity:
        """The entity of a name that has no mention of its own in the parse, created if new."""
        entity = self._match_name(name)
        if entity is None:
            entity = self._new()
            self._add_name(entity, name)
        return entity

    def _linked_or_named(self, w: Word) -> _Entity:
        """The entity a word was linked to, else the one its name makes."""
        return self._by_id(self._linked[w.i]) if w.i in self._linked else self._named(w)

    def _named(self, head: Word) -> _Entity:
        """The entity a name or role noun refers to, created if new, with this name and titles."""
        name, titles = name_of(self.doc, head)
        honorific = next((t for t in titles if t in HONORIFIC_GENDER), None)
        entity = self._match(name, head, honorific) or self._new()
        self._add_name(entity, name)
        # Named only by plurals, or only by common nouns that are no person's role ("Demonstrators
        # said", "Sequestration would …"): "they" or "it", never "he" or "she".
        common = head.upos == "NOUN" and head.lower not in ROLE_NOUNS and head.lower not in ROLES and not titles
        plural = head.xpos in ("NNS", "NNPS")
        entity.not_one_person = (common or plural) and entity.not_one_person is not False
        entity.titles.update(titles)
        entity.honorific = entity.honorific or honorific
        if entity.gender is None and honorific:
            entity.gender = HONORIFIC_GENDER[honorific]
        return entity

    def _match(self, name: str, head: Word, honorific: str | None) -> _Entity | None:
        role_noun = not name[:1].isupper() or \
            (head.upos == "NOUN" and head.lower in ROLES and not name.split()[-1][:1].isupper()) or \
            ((head.lower in ROLES or head.lower in PERSON_NOUNS) and name.lower() == head.lower)  # "the Spaniard", "the Prime Minister"
        if role_noun:  # "the secretary", "the general", "the Florida senator"
            return self._role_referent(head, self._known_role(head))
        return self._match_name(name, honorific)

    def _known_role(self, head: Word) -> _Entity | None:
        """The last speaker with this title ("the secretary" after "Secretary Mattis said"), and
        with its names ("the Vermont senator" is not "the Florida senator")."""
        children = self.doc.children(head)
        if any(c.lower in INDEFINITE_DETERMINERS for c in children if c.deprel in ("det", "nummod")):
            return None  # "another supporter wrote": someone new
        modifiers = self._role_modifiers(head)
        for entity in sorted(self.entities, key=lambda e: -e.last_pos):
            if head.lower in entity.titles and entity.last_pos < head.start and \
                    any(all(m in name.lower() for m in modifiers) for name in entity.names):
                return entity
        return None

    def _role_modifiers(self, head: Word) -> list[str]:
        """The words before a role noun that say which one: "Florida" of "the Florida senator",
        "vice" of "the vice president"."""
        start = min([head.start] + [c.start for c in self.doc.children(head) if c.i < head.i])
        return [w.lower for w in self.doc.words_in(start, head.start) if w.text.isalpha() and len(w.text) > 2 and
                ((w.text[:1].isupper() and w.lower != "the") or w.lower in TITLES)]  # "vice", "former"; not "U.S."

    def _usual_full_name(self, name: str) -> bool:
        """Is this the full name the article gives most often for its surname (or the only one)?"""
        if self._name_counts is None:
            self._name_counts = Counter(run.name for run in self.runs if len(run.name.split()) > 1)
        surname = name.split()[-1]
        counts = [n for full, n in self._name_counts.items() if full.split()[-1] == surname]
        return not counts or self._name_counts.get(name, 0) >= max(counts)

    def _role_referent(self, head: Word, known: _Entity | None) -> _Entity | None:
        """Who "the senator" is: the last speaker with that title, else the person the article
        names most with it before ("Florida Sen. Marco Rubio … the Florida senator said"), when
        the words before the role noun ("Florida") stand by that title too."""
        children = self.doc.children(head)
        if known is not None or not any(c.lower == "the" for c in children) or \
                any(c.deprel == "nmod:poss" for c in children):
            return known  # "a senator", "Putin's spokesman": not the one named before
        if head.lower in ORGANISATION_NOUNS:  # "the staff association" is not the World Bank named before
            kind = any(c.deprel == "compound" and c.upos == "NOUN" for c in children)
            return None if kind else self._organisation_before(head)
        role = ABBREVIATIONS.get(head.lower, head.lower)
        modifiers = self._role_modifiers(head)
        named = [(self.doc.text.count(name.split()[-1]), pos, name) for pos, title, name, around in self.titled
                 if pos < head.start and title == role and all(m in around.lower() for m in modifiers)]
        if not named:
            return self._described_person(head, modifiers)
        _, pos, nearest = max(named, key=lambda n: n[1])
        # Named just before ("Sen. Jeff Merkley, the only senator to …"), else the one the article
        # names most: its "president" is Obama, not the World Bank's.
        named = nearest if head.start - pos < ROLE_REACH else max(named)[2]
        entity = self._known_or_new(named)
        entity.titles.add(role)
        return entity

    def _described_person(self, head: Word, modifiers: list[str]) -> _Entity | None:
        """'Sen. Marco Rubio responded first. "…," the Florida senator said': a definite person
        description that no titled name matches refers, as "he" would, to a person named before:
        the ranker's pick among those with its title and its words nearby ("Rubio (R-Fla.)",
        "Smith, 46,"), else with its words and no other title, else with its title, else the rules'
        pick ("Rubio said … the Florida senator said") if it has no other title and is not named in
        the description's own sentence ("Trump endured a lecture from the Mexican president")."""
        if head.lower not in PERSON_NOUNS and not AGE.fullmatch(head.lower) or head.xpos == "NNS":
            return None
        role = ABBREVIATIONS.get(head.lower, head.lower)
        marks = [m for m in modifiers if m[:1].isalpha() and m not in TITLES] + AGE.findall(head.lower)
        start = min([head.start] + [c.start for c in self.doc.children(head) if c.i < head.i])
        cands = self.antecedent_candidates(head, ONE_PERSON, self._antecedent(head, ONE_PERSON))
        # A nationality, an age or a trade goes with any title ("Liverpool manager Arne Slot … the Dutchman").
        titles = {c.key: self._titles_before(c.key, start) if role in ROLES else set() for c in cands}
        near = {c.key: self._described_near(c.key, marks, start) for c in cands}
        other = {c.key: self._described_otherwise(c.key, marks, start) for c in cands}
        elsewhere = {c.key: all(m.word.sent != head.sent for m in c.mentions) for c in cands}
        tiers = ([c for c in cands if role in titles[c.key] and near[c.key]],
                 [c for c in cands if marks and near[c.key] and not titles[c.key] - {role}],
                 [c for c in cands if role in titles[c.key] and not other[c.key]],
                 [c for c in cands if c.rule and not titles[c.key] - {role} and not other[c.key] and elsewhere[c.key]])
        pick = antecedents.choose(self.doc, head, next((tier for tier in tiers if tier), []))
        entity = self._entity_of(pick) if pick is not None else None
        if entity is not None:
            entity.titles.add(role)
        return entity

    def _titles_before(self, surname: str, before: int) -> set[str]:
        """The ROLES the text gives a name of this surname before a position ("Sen. Marco Rubio")."""
        return {title for pos, title, name, _ in self.titled if pos < before and surname_of(name).lower() == surname}

    def _described_near(self, surname: str, marks: list[str], before: int) -> bool:
        """Does each mark (a modifier or an age) stand within DESCRIPTION_REACH of the surname,
        in the text before the description itself?"""
        near = self._text_near(surname, before)
        return all(any(_mentions_state(around, mark) for around in near) for mark in marks)

    def _described_otherwise(self, surname: str, marks: list[str], before: int) -> bool:
        """Is the surname described with another state than the description's ("the Vermont
        senator" is not "Florida Sen. Marco Rubio")?"""
        states = [m for m in marks if m in STATE_ABBREVIATIONS]
        others = [st for st in STATE_ABBREVIATIONS if st not in states]
        return bool(states) and any(_mentions_state(around, st) for st in others
                                    for around in self._text_near(surname, before))

    def _text_near(self, surname: str, before: int) -> list[str]:
        text = self.doc.text
        return [text[max(0, m.start() - DESCRIPTION_REACH):min(before, m.end() + DESCRIPTION_REACH)].lower()
                for m in re.finditer(rf"\b{re.escape(surname)}\b", text[:before], re.IGNORECASE)]

    def _organisation_before(self, head: Word) -> _Entity | None:
        """Which organisation "the company" (the club, the airline) is: the nearest earlier
        proper-noun name outside quotes the article treats as a thing, or follows with "it" in its
        sentence ("Spirit Airlines said it would …")."""
        first = head.start - ORGANISATION_REACH
        words = self.doc.words
        for w in reversed(words[:head.i]):
            if w.start < first:
                break
            last_of_name = w.deprel not in NAME_RELS if w.upos else not (w.i + 1 < head.i and is_name_word(words[w.i + 1]))
            if not is_name_word(w) or not last_of_name or is_time(w) or self._in_capitals_line(w) or \
                    self.quoted.covers(w.start):
                continue  # a name inside the company's own quote is not the company
            name = name_of(self.doc, _of_phrase_head(self.doc, w))[0]
            press = name.split()[-1].lower() in PRESS_WORDS
            if (press if head.lower in PRESS_NOUNS else True) and (is_organisation_name(name, self.organisations) or
                                                                   (self._followed_by_it(w) and not self._a_person(name))):
                return self._known_or_new(name)
        return None

    def _a_person(self, name: str) -> bool:
        """A name known as a person's: by a "he" or "she" or a title, or by a given name in its full form."""
        known = self._match_name(name)
        if known is not None and known.known_person:
            return True
        return given_name_gender(self.full_names.get(name.split()[-1], name)) is not None

    @property
    def organisations(self) -> frozenset[str]:
        if self._organisations is None:
            self._organisations = organisation_names(self.doc)
        return self._organisations

    def _in_capitals_line(self, w: Word) -> bool:
        """'2. U.N. PANEL RULES FOR WIKILEAKS FOUNDER.': a headline in capitals has no acronyms."""
        text = self.doc.text
        start = text.rfind("\n", max(0, w.start - HEADLINE_CHARS), w.start) + 1
        end = text.find("\n", w.end, w.end + HEADLINE_CHARS)
        line = text[start:end if end >= 0 else min(len(text), w.end + HEADLINE_CHARS)]
        letters = [c for c in line if c.isalpha()]
        return len(letters) > 2 * len(w.text) and all(c.isupper() for c in letters)

    def _followed_by_it(self, w: Word) -> bool:
        return any(x.lower in ("it", "its") for x in self.doc.sentence_words(w.sent) if x.i > w.i)

    def _match_name(self, name: str, honorific: str | None = None) -> _Entity | None:
        parts = name.split()
        surname = parts[-1].lower() if parts else ""
        same: list[_Entity] = []
        for entity in self.entities:
            if not entity.names or entity.group or entity.surname != surname or _other_gender(honorific, entity.honorific) or \
                    (honorific and entity.gender in ("m", "f") and entity.gender != HONORIFIC_GENDER[honorific]):
                continue  # "Mrs. Clinton" is not the "Mr. Clinton" or the "he" before
            mine, theirs = parts[:-1], entity.best.split()[:-1]
            if mine and theirs and not _same_given_names(mine, theirs):
                continue  # same surname, different first name: another person
            if mine and not theirs and not self._usual_full_name(name):
                continue  # a bare "Trump" is Donald, whom the article names most: "Ivanka Trump" is someone else
            same.append(entity)
        if honorific and any(e.honorific == honorific for e in same):
            same = [e for e in same if e.honorific == honorific]
        if len(same) > 1 and not parts[:-1]:  # a bare "Trump" after Melania and Donald Trump: the one named most
            return next((e for e in same if self._usual_full_name(_after_titles(e.best))), same[0])
        return same[0] if same else None

    def _antecedent(self, pronoun: Word, gender: str | None) -> _Entity | None:
        """The nearest earlier named person compatible in gender: a recent quote speaker, or
        else a singular proper-noun subject in the three sentences before."""
        best: _Entity | None = None
        for entity in self._speakable_entities():
            if entity.last_pos < pronoun.start and self._can_be(entity, gender):
                if best is None or entity.last_pos > best.last_pos:
                    best = entity
        subject = self._nearest_subject(pronoun, gender, back=0)
        if subject is None:
            subject = self._reporting_subject(pronoun, gender)
        if subject is None:  # no subject earlier in its own sentence ("Bush … when he called")
            recent, nearest = self._recently_named(pronoun, gender), self._nearest_subject(pronoun, gender)
            newcomer = self._paragraph_subject(nearest, pronoun, best)
            if newcomer is not None and (recent is None or newcomer.start > recent[1]):
                subject = newcomer  # "Sir Keir Starmer was scathing. '…,' he said": not the last speaker
            elif recent is not None and (best is None or recent[1] > best.last_pos):
                return recent[0]  # "a letter from General Mattis. In the letter, he spoke …"
            elif best is not None and "\n\n\n\n" not in self.doc.text[best.last_pos:pronoun.start].replace(" ", ""):
                return best
            else:
                subject = nearest
        if subject is None:
            return best
        entity = self._linked_or_named(subject)
        entity.last_pos = max(entity.last_pos, subject.start)
        return entity

    def _ranked_antecedent(self, pronoun: Word, gender: str, rule: _Entity | None) -> _Entity | None:
        """The antecedent the learned ranker (`antecedents`) prefers among the rules' pick and the
        other people the text offers before the pronoun."""
        pick = antecedents.choose(self.doc, pronoun, self.antecedent_candidates(pronoun, gender, rule))
        return rule if pick is None or pick.rule else self._entity_of(pick)

    def _entity_of(self, pick: antecedents.Candidate) -> _Entity:
        """The entity of a ranked candidate: its known one, or one made from its last mention."""
        if pick.entity is not None:
            return pick.entity
        entity = self._named(pick.mentions[-1].word)
        entity.last_pos = max(entity.last_pos, pick.mentions[-1].word.start)
        return entity

    def antecedent_candidates(self, pronoun: Word, gender: str, rule: _Entity | None) -> list[antecedents.Candidate]:
        """The rules' pick, the names in the pronoun's sentence and the ANTECEDENT_WINDOW before
        it, and the people quoted so far, one candidate per surname."""
        out = self._window_candidates(pronoun, gender)
        people = [e for e in self._speakable_entities() if e.last_pos < pronoun.start and self._can_be(e, gender)]
        speakers = [e for e in people if e.quotes]
        for entity in speakers + ([rule] if rule is not None else []):
            cand = out.get(entity.surname)
            if cand is None:
                cand = out[entity.surname] = antecedents.Candidate(entity.surname, _after_titles(entity.best))
            if cand.entity is None or entity is rule:
                cand.entity = entity
        last = max(speakers, key=lambda e: e.last_pos, default=None)
        for cand in out.values():
            self._describe(cand, pronoun, gender, rule, last)
        return list(out.values())

    def _window_candidates(self, pronoun: Word, gender: str) -> dict[str, antecedents.Candidate]:
        """The names before the pronoun in its sentence and the ANTECEDENT_WINDOW before, by surname."""
        doc, out = self.doc, {}
        first = doc.sentences[max(0, pronoun.sent - ANTECEDENT_WINDOW)].first
        for w in doc.words[first:pronoun.i]:
            if not self._possible_antecedent(w, gender):
                continue
            name = _after_titles(name_of(doc, w)[0]) or w.text
            key = surname_of(name).lower()
            cand = out.get(key)
            if cand is None:
                known = self._match_name(name)
                if known is not None and not self._can_be(known, gender):
                    continue  # "she" is not the Trump quoted before
                cand = out[key] = antecedents.Candidate(key, name)
                if known is not None and known.speakable and known.last_pos < pronoun.start:
                    cand.entity = known
            elif len(name.split()) > len(cand.name.split()):
                cand.name = name
            cand.mentions.append(antecedents.Mention(w, antecedents.role_of(doc, w)))
        return out

    def _describe(self, cand: antecedents.Candidate, pronoun: Word, gender: str, rule: _Entity | None,
                  last_speaker: _Entity | None) -> None:
        """Fill in what the article has said of the candidate so far."""
        entity = cand.entity
        cand.rule = entity is not None and entity is rule
        if entity is not None:
            cand.spoke, cand.last_speaker = bool(entity.quotes), entity is last_speaker
            cand.speaker_chars = max(0, pronoun.start - entity.last_pos) if entity.last_pos >= 0 else None
        surname = cand.name.split()[-1] if cand.name.split() else cand.key
        cand.article_count = self._capitalised_counts[surname]
        cand.first_pos = max(0, self.doc.text.find(surname))
        cand.display = self._display(entity) if entity is not None else self.full_names.get(surname, cand.name)
        known = entity.gender if entity is not None else None
        cand.gender_known = (known or given_name_gender(cand.display)) == gender
        said = [g for sent, g in self.pronoun_genders.get(surname.lower(), ()) if sent != pronoun.sent]
        cand.said_same, cand.said_other = said.count(gender), len(said) - said.count(gender)
        cand.opener_only = surname not in self.mid_sentence_capitals

    def _possible_antecedent(self, w: Word, gender: str) -> bool:
        """A name's head word (or the title a name hangs from: "chairwoman Nancy Worley"), outside
        quotes and datelines, that may be a person of this gender."""
        titled = w.upos == "NOUN" and w.lower in TITLES and name_under_title(self.doc, w) is not None
        if not (is_name_word(w) or titled) or self.quoted.covers(w.start) or self._capitalised_as_opener(w):
            return False
        if w.upos is not None and w.deprel in NAME_RELS and not _hung_from_a_noun(self.doc, w):
            return False  # a part of the name whose head comes later ("Donald" of "Donald Trump")
        if w.deprel == "appos" and w.head is not None and is_name_word(self.doc.words[w.head]) and \
                any(c.deprel == "det" for c in self.doc.children(w)):
            return False  # "Wilcox, an Orlando Republican": what the name before is
        if gender in _PERSON and _one_of_a_kind(self.doc, w):
            return False
        if w.upos is None and name_goes_on(self.doc, w):
            return False
        name = name_of(self.doc, w)[0]
        full = self.full_names.get(surname_of(_after_titles(name) or w.text), name)
        return not is_thing_name(name, self.things) and not in_dateline(self.doc, w) and \
            _compatible(given_name_gender(name) or given_name_gender(full), gender)

    @property
    def _capitalised_counts(self) -> Counter[str]:
        if self._capitalised is None:
            self._capitalised = Counter(_CAPITALISED_WORD.findall(self.doc.text))
        return self._capitalised

    def _document_author(self, pronoun: Word) -> tuple[_Entity, int] | None:
        """'A letter … from the staff association … "…," it said': an "it" that speaks is the
        author of the document named last before it outside quotes, in its sentence or the
        ANTECEDENT_SENTENCES before (or the one an earlier "it" there was), with the position of
        that mention. A document named with "the" and no author is the one named so before it,
        within ORGANISATION_REACH ("sent a fundraising email … the email read … It stated")."""
        first = self.doc.sentences[max(0, pronoun.sent - ANTECEDENT_SENTENCES)].first
        same: str | None = None  # the document a definite mention with no author stands for
        for w in reversed(self.doc.words[:pronoun.i]):
            if w.i < first and (same is None or w.start < pronoun.start - ORGANISATION_REACH):
                return None
            if self.quoted.covers(w.start):
                continue
            if w.lower == "it" and w.i in self._linked and w.i >= first:
                return self._by_id(self._linked[w.i]), w.start
            kind = w.lemma or w.lower
            if w.upos != "NOUN" or kind not in DOCUMENT_NOUNS or (w.i < first and kind != same):
                continue
            author = document_author(self.doc, w)
            if author is not None and not self.quoted.covers(author.start):
                return self._linked_or_named(author), w.start
            if same is None and any(c.lower == "the" for c in self.doc.children(w)):
                same = kind
        return None

    def _group(self, pronoun: Word) -> tuple[_Entity, int] | None:
        """'Millennials say they believe …', 'Wilcox and Beruff argued …': a "they" that speaks is
        the nearest plural subject of people before it outside quotes, in its sentence or the
        ANTECEDENT_SENTENCES before, a main clause's first in an earlier one (or the group an
        earlier "they" there was); with its position."""
        if pronoun.lower != "they":
            return None
        doc = self.doc
        for s in range(pronoun.sent, max(0, pronoun.sent - ANTECEDENT_SENTENCES) - 1, -1):
            found = [w for w in reversed(doc.sentence_words(s)) if w.start < pronoun.start and
                     not self.quoted.covers(w.start) and (self._group_subject(w) or
                                                          (w.lower == "they" and w.i in self._linked))]
            main = [w for w in found if s < pronoun.sent and w.head is not None and doc.words[w.head].deprel == "root"]
            if found:
                w = (main or found)[0]
                if w.lower == "they":
                    return self._by_id(self._linked[w.i]), w.start
                name = [w] + [c for c in doc.children(w) if c.deprel in FLAT_RELS]  # "Professors Foner(flat) and Alba"
                joined = [c for x in name for c in doc.children(x) if c.deprel == "conj" and c.upos == "PROPN"]
                start, end = mention_span(doc, w).start, mention_span(doc, joined[-1] if joined else w).end
                return self._group_named(" ".join(_without_determiner(doc.text[start:end]).split())), w.start
        return None

    def _group_subject(self, w: Word) -> bool:
        """A subject naming people in numbers: "Millennials", "the protesters", "Wilcox and Beruff"."""
        if w.deprel not in SUBJECT_RELS or w.upos not in ("NOUN", "PROPN"):
            return False
        if w.upos == "PROPN" and any(c.deprel == "conj" and c.upos == "PROPN" for c in self.doc.children(w)) and \
                w.xpos != "NNPS":
            return not is_thing_name(w.text, self.things)  # not "Iowa and New Hampshire"
        people = PERSON_NOUNS | ROLE_NOUNS | GROUP_NOUNS
        return w.xpos in ("NNS", "NNPS") and (w.upos == "PROPN" or (w.lemma or w.lower) in people or w.lower[:-1] in people)

    def _group_named(self, name: str) -> _Entity:
        """The entity of a group's name, one for each name; never a person's."""
        entity = next((e for e in self.entities if e.group and name in e.names), None)
        if entity is None:
            entity = self._new()
            self._add_name(entity, name)
            entity.not_one_person = entity.group = True
        return entity

    def _cataphor(self, pronoun: Word, gender: str | None) -> Word | None:
        """'After he blasted "Frozen," Pastor Kevin Swanson set his sights on …': a pronoun with no
        antecedent, in a clause before its sentence's main one, takes that clause's proper-noun
        subject."""
        if gender not in _PERSON or pronoun.head is None or self.doc.words[pronoun.head].deprel == "root":
            return None
        for w in self.doc.sentence_words(pronoun.sent):
            verb = self.doc.words[w.head] if w.head is not None else None
            if w.i > pronoun.i and verb is not None and verb.deprel == "root" and w.deprel in SUBJECT_RELS and \
                    self._person_subject(w, earlier=False) and self._may_be(w, gender):
                return w
        return None

    def _reporting_subject(self, pronoun: Word, gender: str | None) -> Word | None:
        """'Cox says Obama is trying … He says …': a pronoun reporting speech takes the person who
        reports speech in the main clause of the sentence before, in its paragraph."""
        if gender not in _PERSON or pronoun.sent == 0 or pronoun.head is None or \
                not is_speech_verb(self.doc.words[pronoun.head]):
            return None
        before = self.doc.sentences[pronoun.sent - 1]
        if "\n" in self.doc.text[before.start:pronoun.start]:
            return None
        for w in self.doc.sentence_words(before):
            verb = self.doc.words[w.head] if w.head is not None else None
            if verb is not None and verb.deprel == "root" and w.deprel in SUBJECT_RELS and is_speech_verb(verb) and \
                    self._person_subject(w, earlier=True) and self._may_be(w, gender):
                return w
        return None

    def _may_be(self, w: Word, gender: str | None) -> bool:
        """The person a name word refers to, if known, may be referred to with this pronoun."""
        name = name_of(self.doc, w)[0]
        known = self._by_id(self._linked[w.i]) if w.i in self._linked else self._match_name(name)
        return _compatible(given_name_gender(name), gender) if known is None else self._can_be(known, gender)

    def _paragraph_subject(self, subject: Word | None, pronoun: Word, last_speaker: _Entity | None) -> Word | None:
        """The pronoun's nearest subject if it is a person brought in in the pronoun's own paragraph,
        after the last speaker's paragraph: the paragraph is about them now."""
        if subject is None or last_speaker is None or subject.start < last_speaker.last_pos:
            return None
        text = self.doc.text
        new_paragraph = "\n" in text[last_speaker.last_pos:subject.start]
        same_paragraph = "\n" not in text[subject.start:pronoun.start]
        return subject if new_paragraph and same_paragraph else None

    def _can_be(self, entity: _Entity, gender: str | None) -> bool:
        """May a pronoun of this gender refer to the entity? "he", "she" and "the senator" need a person."""
        known = entity.gender or given_name_gender(entity.best) or given_name_gender(entity.best_in(self.full_names))
        if not _compatible(known, gender):
            return False  # "she" is not Donald Trump, even where the article calls him just "Trump"
        if gender not in _PERSON or entity.known_person:
            return True
        return not entity.not_one_person and not is_thing_name(entity.best, self.things)

    @property
    def things(self) -> frozenset[str]:
        if self._things is None:
            self._things = self.organisations | place_names_in(self.doc)
        return self._things

    def _recently_named(self, pronoun: Word, gender: str | None) -> tuple[_Entity, int] | None:
        """A known speaker whose surname appears, in any role, in the ANTECEDENT_SENTENCES before
        the pronoun (or before it in its own), with the position of that mention."""
        by_surname = {e.surname: e for e in self._speakable_entities() if self._can_be(e, gender)}
        if not by_surname:
            return None
        first = self.doc.sentences[max(0, pronoun.sent - ANTECEDENT_SENTENCES)].first
        for w in reversed(self.doc.words[first:pronoun.i]):
            entity = by_surname.get(w.lower)
            if entity is not None and w.text[:1].isupper() and not self.quoted.covers(w.start):
                return entity, w.start
        return None

    def _nearest_subject(self, pronoun: Word, gender: str | None, back: int = ANTECEDENT_SENTENCES) -> Word | None:
        """The nearest singular proper-noun subject before the pronoun, in its own sentence and
        the `back` sentences before it; in an earlier sentence its main clause's subject first
        ("Cox says Obama is trying … He says": Cox)."""
        if gender not in _PERSON:
            return None
        first_sent = max(0, pronoun.sent - back)
        for s in range(pronoun.sent, first_sent - 1, -1):
            words = [w for w in self.doc.sentence_words(s) if w.start < pronoun.start]
            found = [w for w in reversed(words) if self._person_subject(w, earlier=s < pronoun.sent) and
                     _compatible(given_name_gender(name_of(self.doc, w)[0]), gender)]
            main = [w for w in found if s < pronoun.sent and w.head is not None and self.doc.words[w.head].deprel == "root"]
            if found:
                return (main or found)[0]
        return None

    def _person_subject(self, w: Word, earlier: bool) -> bool:
        """A proper noun that may be a person, standing as a subject (or its possessor or
        apposition, an "according to" source, or an earlier sentence's opening name)."""
        if w.upos != "PROPN" or is_thing_name(w.text, self.things) or self.quoted.covers(w.start) or \
                self._capitalised_as_opener(w) or _one_of_a_kind(self.doc, w) or _before_its_subject(self.doc, w):
            return False
        return w.deprel in SUBJECT_RELS or _subjects_possessor(self.doc, w) or _subjects_apposition(self.doc, w) or \
            (earlier and opening_name(self.doc, w)) or _according_to(self.doc, w) or _names_titled_subject(self.doc, w)

    def _capitalised_as_opener(self, w: Word) -> bool:
        """'Footage of Al-Awlaki appears.', 'Several said …': a word tagged a proper noun that opens
        its sentence, has no name word beside it, and is capitalised nowhere else in the article."""
        words, first = self.doc.words, self.doc.sentences[w.sent].first
        opens = all(not x.text[:1].isalnum() for x in words[first:w.i])
        alone = w.i + 1 >= len(words) or not is_name_word(words[w.i + 1])
        if not (opens and alone) or w.text in self.full_names:
            return False
        return w.text not in self.mid_sentence_capitals and re.search(rf"\b{re.escape(w.lower)}\b", self.doc.text) is not None

    @property
    def mid_sentence_capitals(self) -> frozenset[str]:
        """The capitalised words the text has after a lower-case word or a comma: not only openers."""
        if self._mid_sentence is None:
            self._mid_sentence = frozenset(_MID_SENTENCE_CAPITAL.findall(self.doc.text))
        return self._mid_sentence

    @property
    def pronoun_genders(self) -> dict[str, list[tuple[int, str]]]:
        if self._pronoun_genders is None:
            self._pronoun_genders = pronoun_genders(self.doc, self.quoted)
        return self._pronoun_genders

    def add_quote(self, entity_id: str, index: int, mention: Span) -> None:
        entity = self._by_id(entity_id)
        entity.quotes.append(index)
        entity.mentions.setdefault(mention, None)
        entity.last_pos = max(entity.last_pos, mention.start)

    def name(self, entity_id: str) -> str:
        return self._display(self._by_id(entity_id))

    def _display(self, entity: _Entity) -> str:
        """The entity's best name; "Mrs. Clinton" when only the honorific tells her from a "Mr.
        Clinton" of the same article (the full names found do not say which is whose)."""
        if entity.honorific and len(entity.best.split()) == 1 and any(
                other.surname == entity.surname and _other_gender(entity.honorific, other.honorific)
                for other in self.entities):
            return f"{entity.honorific.capitalize()} {entity.best}"
        return entity.best_in(self.full_names)

    def speakers(self, quotes: list[Quote]) -> tuple[list[Quote], list[Speaker]]:
        """The quotes with their speakers' final names and ids, and the speakers with quotes,
        numbered by first appearance."""
        used = [e for e in self.entities if e.quotes]
        used.sort(key=lambda e: min(e.quotes))
        renumber = {e.id: f"s{k + 1}" for k, e in enumerate(used)}
        names = {e.id: self._display(e) for e in used}
        quotes = [q if q.speaker is None else replace(q, speaker=SpeakerRef(
            name=names[q.speaker.id], mention=q.speaker.mention, id=renumber[q.speaker.id])) for q in quotes]
        return quotes, [Speaker(id=renumber[e.id], name=names[e.id], mentions=sorted(e.mentions, key=lambda m: m.start),
                        quotes=sorted(e.quotes)) for e in used]


# "McConnell" whole, not "Mc"; "Ban Ki-moon" and "Holtz-Eakin" with the part after the hyphen
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'\u2019-]*")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w'\u2019-]*")
_NAME_WORD = r"(?:(?:[A-Z][a-z]*[A-Z][a-z]+|[A-Z][a-z]+)(?:-[A-Za-z][a-z]+)?|[A-Z]\.)(?![\w-])"
_PARTICLE = "|".join(NAME_PARTICLES)
_NAME_RUN = re.compile(rf"(?<!\w)(?:{_NAME_WORD})(?:[ \u00a0](?:{_NAME_WORD}|(?:{_PARTICLE})(?=[ \u00a0][A-Z])))+")


# A dateline opening a paragraph: "PORTLAND, Ore. - ", "WASHINGTON (AP) — ", "PASADENA, Calif., Jan. 1 (UPI) — ".
_DATELINE = re.compile(r"[ \t\u00a0]*[A-Z]{2}[A-Z.' ]*(?:,[^\n]{0,30}?)?(?: \([A-Za-z]+\))?[ \u00a0]+[-\u2013\u2014]+[ \u00a0]")


def in_dateline(doc: Doc, w: Word) -> bool:
    """A word of the dateline that opens its paragraph: a place, never a speaker."""
    reach = max(0, w.start - DATELINE_CHARS)
    start = doc.text.rfind("\n", reach, w.start) + 1
    if start == 0 and reach > 0:
        return False  # far into its paragraph
    m = _DATELINE.match(doc.text, start)
    return m is not None and w.end <= m.end()


def _without_determiner(text: str) -> str:
    """ "the protesters" -> "protesters"."""
    first, _, rest = text.partition(" ")
    return rest if first.lower() in LEADING_DETERMINERS and rest else text


def _last_title(parts: list[str]) -> int:
    """The index of the last title in a name's words, before its last word; -1 when none."""
    return max((k for k, part in enumerate(parts[:-1]) if part.lower() in PERSON_TITLES), default=-1)


def _after_titles(name: str) -> str:
    """The name after the last title in it: "Judicial Watch President Tom Fitton" -> "Tom Fitton"."""
    parts = name.split()
    return " ".join(parts[_last_title(parts) + 1:])


@dataclass(frozen=True)
class NameRun:
    """A run of capitalised words in the text: "Florida Sen. Marco Rubio"."""

    start: int
    written: str  # as in the text
    with_titles: str  # without the sentence openers and titles before it: "Labor Secretary Thomas Perez"
    titles: tuple[str, ...]  # lower-cased, in order: those before it, then the last one inside it ("secretary")
    name: str  # after its last title: "Thomas Perez"


def name_runs(text: str) -> list[NameRun]:
    out = []
    for m in _NAME_RUN.finditer(text):
        parts = m.group().replace("\u00a0", " ").split()
        cut = max((k for k, part in enumerate(parts[:-1]) if part.lower() in NAME_BREAKS), default=-1)
        written, start = " ".join(parts[cut + 1:]), m.start() + len(" ".join(parts[:cut + 1])) + (cut >= 0)
        parts = parts[cut + 1:]
        titles = []
        while len(parts) > 1 and (parts[0].lower() in TITLES or parts[0].lower() in NOT_NAMES):
            word = parts.pop(0).lower()
            if word in TITLES:
                titles.append(word)
        last = _last_title(parts)
        if last >= 0:
            titles.append(parts[last].lower())
        out.append(NameRun(start, written, " ".join(parts), tuple(titles), " ".join(parts[last + 1:])))
    return out


def titled_names(runs: list[NameRun], text: str) -> list[tuple[int, str, str, str]]:
    """(position, title, name, the text around it) for every name the text gives with a title
    before it, in order: "Sen. Marco Rubio" (senator), "Republican presidential candidate Donald
    Trump" (candidate)."""
    out = []
    for run in runs:
        before = text[max(0, run.start - 40):run.start].split()
        k = len(before)
        while k > 0 and before[k - 1].lower() in TITLES:  # "Sen.", "presidential candidate"
            k -= 1
        titles = list(run.titles) + [word.lower() for word in before[k:]]
        # The title's own words and one before it: "Florida" of "Florida Sen. Marco Rubio".
        around = " ".join(before[max(0, k - 1):]) + " " + run.written
        for title in titles:
            title = ABBREVIATIONS.get(title, title)
            if title in ROLES:
                out.append((run.start, title, run.name, around))
    return out


def full_names(runs: list[NameRun], text: str) -> dict[str, str]:
    """Surname -> the name ending in it (titles stripped) that the text's name runs give most,
    preferring those outside title-case lines (a headline's "Attacks On Donald Trump" is no
    name)."""
    out: dict[str, str] = {}
    rank: dict[str, tuple[bool, int, bool, bool, int, int]] = {}
    uses = Counter(run.name for run in runs)
    for run in runs:
        parts = run.name.split()
        name = run.name
        suffix = _SUFFIX.match(text, run.start + len(run.written))
        if len(parts) > 2 and parts[-1].lower() in GENERATIONAL_SUFFIXES:  # "Joseph R. Biden Jr": Biden's
            parts = parts[:-1]
            name += "." if text.startswith(".", run.start + len(run.written)) else ""
        elif suffix:
            name += suffix.group()  # "Brent Bozell III"
        if len(parts) < 2 or len(parts) > 4 or _asks(text, run):
            continue
        # The name used most ("Chris Murphy", not the "Anne Marie Murphy" named once), then one
        # opened by a given name ("Susan Sarandon", not the headline's "Liberal Oscar-winner
        # Sarandon"), then one given with a title ("Labor Secretary Thomas Perez"), then the first
        # (who the article is about), then the longest with its titles.
        score = (not _in_title_case(text, run.start), uses[run.name], given_name_gender(name) is not None,
                 bool(run.titles), -run.start, len(run.with_titles))
        if parts[-1] not in rank or score > rank[parts[-1]]:
            out[parts[-1]], rank[parts[-1]] = name, score
    return out


_SUFFIX = re.compile(r",?[ \u00a0](?:II|III|IV)\b")  # the suffixes _NAME_WORD does not take in
# A question opened by its verb: "Will Sanders come down?" names no one "Will".
_QUESTION_VERBS = frozenset("will can may should would could did does do is are was were has have".split())
_SENTENCE_END = re.compile(r"[.!?\n]")


def _asks(text: str, run: NameRun) -> bool:
    """The run opens a question with its verb ("Will Sanders come down off the pique?")."""
    first = run.name.split()[0].lower()
    before = text[:run.start].rstrip(" \u00a0\"'\u201c\u2018")
    end = _SENTENCE_END.search(text, run.start)
    return first in _QUESTION_VERBS and (not before or before[-1] in ".!?\n:") and end is not None and end.group() == "?"


def surname_of(name: str) -> str:
    """A name's last word before any generational suffix: "Biden" of "Joseph R. Biden Jr."."""
    parts = name.replace(",", "").split()
    while len(parts) > 1 and parts[-1].rstrip(".").lower() in GENERATIONAL_SUFFIXES:
        parts = parts[:-1]
    return parts[-1] if parts else ""


_LINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _in_title_case(text: str, pos: int) -> bool:
    """Is the line around `pos` a title-case headline: every word capitalised but short
    function words ("Why Voters Like Donald Trump", not "So Secretary Thomas Perez spoke.")?"""
    start = text.rfind("\n", max(0, pos - HEADLINE_CHARS), pos) + 1
    end = text.find("\n", pos, start + HEADLINE_CHARS + 1)
    if (start == 0 and pos > HEADLINE_CHARS) or (end < 0 and len(text) > start + HEADLINE_CHARS):
        return False
    words = _LINE_WORD.findall(text, start, len(text) if end < 0 else end)
    return len(words) >= 3 and all(w[0].isupper() or w in TITLE_CASE_LOWER for w in words)


def _ends_with(name: str, tail: str) -> bool:
    """The name is the tail with given names before it, not titles ("Police Chief Michel Moore")."""
    words, tail_words = name.lower().split(), tail.lower().split()
    head = words[:len(words) - len(tail_words)]
    return words[len(head):] == tail_words and not any(w in TITLES for w in head)


def _other_gender(honorific: str | None, other: str | None) -> bool:
    return honorific is not None and other is not None and HONORIFIC_GENDER[honorific] != HONORIFIC_GENDER[other]


def _same_given_names(mine: list[str], theirs: list[str]) -> bool:
    """The words before two mentions' shared surname name one person: the same initial
    ("Hillary Rodham" and "Hillary", "Jim" and "James": nicknames mostly keep it), or one ends
    the other ("Comedian Sarah" and "Sarah")."""
    shorter, longer = sorted((mine, theirs), key=len)
    return mine[0][:1].lower() == theirs[0][:1].lower() or longer[len(longer) - len(shorter):] == shorter


def _subjects_possessor(doc: Doc, w: Word) -> bool:
    """'Mr. Trump's response was swift. "…," he told the crowd': the subject's possessor."""
    return w.deprel == "nmod:poss" and w.head is not None and doc.words[w.head].deprel in SUBJECT_RELS


def _subjects_apposition(doc: Doc, w: Word) -> bool:
    """'The governor's spokeswoman, Amy Jones, declined …': the name in apposition to the subject."""
    return w.deprel == "appos" and w.head is not None and doc.words[w.head].deprel in SUBJECT_RELS


def _hung_from_a_noun(doc: Doc, w: Word) -> bool:
    """'master of ceremonies Asab Al-Tabchi' parsed as words of "ceremonies": the first word of a
    name hung from a common noun stands for the whole name."""
    head = doc.words[w.head] if w.head is not None else None
    return w.deprel in NAME_RELS and head is not None and head.upos == "NOUN" and head.i < w.i and \
        head.lower not in TITLES and not (w.i > 0 and is_name_word(doc.words[w.i - 1]))


def _one_of_a_kind(doc: Doc, w: Word) -> bool:
    """'a Democrat', 'another Iowan': a proper noun after an indefinite determiner is a kind of person,
    not a name ('Clinton, a Democrat, did not …' misparsed with "Democrat" its subject)."""
    return any(c.deprel in ("det", "nummod") and c.lower in INDEFINITE_DETERMINERS for c in doc.children(w))


def _before_its_subject(doc: Doc, w: Word) -> bool:
    """'Tesla(nsubj) chief executive Elon Musk(nsubj) said': the parser gave the verb two
    subjects; the first, with only title words between, says whose title it is."""
    if w.deprel not in SUBJECT_RELS:
        return False
    for x in doc.words[w.i + 1:w.i + 5]:
        if x.deprel in SUBJECT_RELS and x.head == w.head and x.upos == "PROPN":
            return True
        if x.lower not in TITLES or x.sent != w.sent:
            return False
    return False


def _names_titled_subject(doc: Doc, w: Word) -> bool:
    """'Liverpool manager(nsubj) Arne(flat) Slot insists': the name under a title the parser made the subject."""
    title = doc.words[w.head] if w.head is not None else None
    return title is not None and title.upos == "NOUN" and title.deprel in SUBJECT_RELS and \
        title.lower in TITLES and name_under_title(doc, title) is w


def _according_to(doc: Doc, w: Word) -> bool:
    return any(c.lower == "according" for c in doc.children(w))


def _mentions_state(text: str, word: str) -> bool:
    """Does lower-cased text hold the word, or for a state its AP abbreviation in a party label ("r-fla.")?"""
    return word in text or (word in STATE_ABBREVIATIONS and f"-{STATE_ABBREVIATIONS[word]}" in text)


def _compatible(a: str | None, b: str | None) -> bool:
    """May a name of gender `a` take a pronoun or description needing `b` ("mf": either)?"""
    return a is None or not b or a in b
