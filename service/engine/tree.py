"""A small API over the dependency tree of a `parse.Doc` (in the spirit of spaCy's Token API):
walks up the tree, subjects, names, mention spans. Pure functions of the parse; no rules about
quotes or speakers beyond what a word is (a name, a time, a person)."""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator

from .lexicon import (AUTHOR_VERBS, CLIMB_RELS, CLIMB_STEPS, DOCUMENT_PHRASE_DEPTH, MENTION_PARTS, NAME_PARTICLES, NAME_PARTS, NOT_NAMES, RELATIVE_PRONOUNS, ROLE_NOUNS,
                      SAYING_NOUNS, SUBJECT_RELS, TIME_NOUNS, TITLE_PREFIXES, TITLES, TREE_DEPTH)
from .marks import DOUBLE_CLOSE, DOUBLE_EITHER, DOUBLE_OPEN, SINGLE_OPEN
from .model import Quote, Span
from .parse import Doc, Word

_SPEECH_MARK_CHARS = frozenset("".join(DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER + SINGLE_OPEN) + "`")
_POSSESSIVE_S = re.compile(  # the end of "Lavrov's", one token that the parser splits into two words
    r"(?:['\u2019]s?)?\Z")


# --- Walking the tree ---

def ancestors(doc: Doc, word: Word, limit: int = TREE_DEPTH) -> Iterator[tuple[Word, Word]]:
    """(the word below, its head) for each step up from `word`, nearest first, at most `limit` steps."""
    node = word
    for _ in range(limit):
        if node.head is None:
            return
        head = doc.words[node.head]
        yield node, head
        node = head


def clause_chain(doc: Doc, word: Word, rels: Iterable[str], length: int) -> list[Word]:
    """`word`, then each head above it reached by one of `rels` ('he smiled and said': said, smiled),
    at most `length` words."""
    chain = [word]
    while len(chain) < length and chain[-1].deprel in rels and chain[-1].head is not None:
        chain.append(doc.words[chain[-1].head])
    return chain


def next_word(doc: Doc, w: Word) -> Word | None:
    return doc.words[w.i + 1] if w.i + 1 < len(doc.words) else None


def subjects(doc: Doc, verb: Word) -> list[Word]:
    return [c for c in doc.children(verb) if c.deprel in SUBJECT_RELS]


def has_case(doc: Doc, w: Word, *words: str) -> bool:
    """w has a case marker ("by" of "by Democrats"); any one when no words are named."""
    return any(c.deprel == "case" and (not words or c.lower in words) for c in doc.children(w))


def modifies(doc: Doc, w: Word, other: Word) -> bool:
    """w's preposition follows `other` at once: "a spokesman for the campaign" parsed as two
    subjects, where "the campaign" modifies "a spokesman"."""
    return any(c.deprel == "case" and c.upos == "ADP" and c.i == other.i + 1 for c in doc.children(w))


# --- Quotes in the tree ---

def inside(quote: Quote, w: Word) -> bool:
    return quote.start <= w.start < quote.end


def quote_words(doc: Doc, quote: Quote) -> list[Word]:
    """The quote's words, not its marks: a mark token may hang from, or open, the sentence
    beside it."""
    return [w for w in doc.words_in(quote.start, quote.end) if any(c.isalnum() for c in w.text)]


def quote_sentences(doc: Doc, quote: Quote) -> list[int]:
    return sorted({w.sent for w in quote_words(doc, quote)})


# --- What a word is ---

def is_time(w: Word) -> bool:
    """'said Monday', 'this week published': a time, never a speaker."""
    return (w.upos == "PROPN" and w.lower in NOT_NAMES) or w.lower in TIME_NOUNS


AGE = re.compile(r"(\d+)-year-old")  # "the 46-year-old said": a person described by age


def opening_name(doc: Doc, w: Word) -> bool:
    """'Groberg, 33, opened up …', "O'Malley, the former governor, stressed …" parsed with the
    name as a vocative: a name that opens its sentence and that the parser tied to nothing else
    is its subject."""
    first = doc.sentences[w.sent].first
    return w.deprel == "vocative" and not is_time(w) and all(doc.words[k].upos == "PROPN" for k in range(first, w.i))


def title_of(token: str) -> str | None:
    """The title a word is, lower-cased, without a "then-" or "ex-" ("then-Secretary": secretary)."""
    lower = token.lower()
    for prefix in TITLE_PREFIXES:
        if lower.startswith(prefix):
            lower = lower[len(prefix):]
    return lower if lower in TITLES else None


# A title's capitalised "of" phrase and the name after it, which the parser hangs under the phrase's
# noun: "Secretary of State Hillary Clinton", "director of the FBI James B. Comey".
_TITLE_OF_NAME = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?((?:[A-Z][\w.&'\u2019-]*[ \u00a0]+){2,6}"
                            r"[A-Z][\w'\u2019-]+)(?=[ \u00a0]*(?:[,.;:)]|\Z)|[ \u00a0]+[a-z])")
_INITIAL = re.compile(r"[A-Z]\.")


def name_after_title_of(doc: Doc, title: Word) -> str | None:
    """The person's name closing a title's "of" phrase: the run's last two words (three with a
    middle initial), where words of the phrase stand before them."""
    m = _TITLE_OF_NAME.match(doc.text, title.end) if title_of(title.text) else None
    if m is None:
        return None
    words = m.group(1).replace("\u00a0", " ").split()
    k = 3 if _INITIAL.fullmatch(words[-2]) else 2
    return " ".join(words[-k:]) if len(words) > k else None


def is_name_word(w: Word) -> bool:
    """A proper noun, or an unparsed capitalised word that is not a function word."""
    return w.upos == "PROPN" or (w.upos is None and w.text[:1].isupper() and w.lower not in NOT_NAMES)


def name_goes_on(doc: Doc, w: Word) -> bool:
    """The name goes on past this word in its sentence: a name word follows, or a particle and
    then one ("Erik ten Hag", "Bill de Blasio"), as an unparsed sentence gives them."""
    last = doc.sentence_words(w.sent)[-1].i
    return (w.i + 1 <= last and is_name_word(doc.words[w.i + 1])) or particle_between(doc, w.i, last)


def particle_between(doc: Doc, k: int, last: int) -> bool:
    """words[k+1] is a lower-case name particle between two name words: "Erik ten Hag"."""
    if k + 2 > last:
        return False
    return doc.words[k + 1].text in NAME_PARTICLES and is_name_word(doc.words[k]) and is_name_word(doc.words[k + 2])


def person_like(w: Word) -> bool:
    return w.upos in ("PROPN", "PRON") or w.lower in ROLE_NOUNS


# --- Names ---

def proper_run_before(doc: Doc, w: Word) -> list[Word]:
    """The proper nouns right before a word in its sentence ("Rep. Hakeem Jeffries" before "(")."""
    run: list[Word] = []
    k = w.i - 1
    while k >= 0 and doc.words[k].upos == "PROPN" and doc.words[k].sent == w.sent:
        run.insert(0, doc.words[k])
        k -= 1
    return run


def run_head(run: list[Word]) -> Word:
    """The word a run of name words hangs from (UD names hang off their first word); the last
    word when the parse does not make one head, or left them unparsed."""
    inside_run = {w.i for w in run}
    heads = [w for w in run if w.head not in inside_run]
    return heads[0] if len(heads) == 1 and heads[0].upos is not None else run[-1]


# After a role noun's mention: its "of …" phrase, then ", Name" closing the phrase:
# "Spirit's director of marketing, Paul Berry." (parsed as "marketing and Paul Berry" or not).
_NAME_AFTER_ROLE = re.compile(r"(?:[ \u00a0]+(?:of|for|at)[ \u00a0]+[a-z][\w'\u2019 -]{0,40}?)?,[ \u00a0]+"
                              r"((?:[A-Z][\w.'\u2019-]*[ \u00a0]+){0,3}[A-Z][\w'\u2019-]+)[ \u00a0]*(?=[,.;:)]|\Z)")
# … or, with no comma, an "of" phrase of lower-case words and then a full name:
# "director of marketing Paul Berry", "master of ceremonies Asab Al-Tabchi".
_NAME_CLOSING_ROLE = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:[a-z][\w'\u2019-]*[ \u00a0]+){1,3}"
                                r"((?:[A-Z][\w.'\u2019-]*[ \u00a0]+){1,3}[A-Z][\w'\u2019-]+)(?=[ \u00a0]*(?:[,.;:)]|\Z)|[ \u00a0]+[a-z])")


def name_after_role(doc: Doc, head: Word) -> Word | None:
    """The name set off by a comma right after a role noun's mention, or closing its "of" phrase
    ("director of marketing, Paul Berry,", "director of marketing Paul Berry"): the person the
    role noun means."""
    span = mention_span(doc, head)
    m = _NAME_AFTER_ROLE.match(doc.text, span.end) or _NAME_CLOSING_ROLE.match(doc.text, span.end)
    if m is None:
        return None
    return first_name_chain([w for w in doc.words_in(m.start(1), m.end(1)) if w.sent == head.sent])


def first_name_chain(words: list[Word]) -> Word | None:
    """The head of the first run of proper nouns (a hyphen inside a name joins it: Holtz-Eakin)."""
    run: list[Word] = []
    for w in words:
        if is_name_word(w) or (run and w.text == "-" and run[-1].end == w.start):
            run.append(w)
        elif run:
            break
    while run and run[-1].text == "-":
        run.pop()
    return run_head(run) if run else None


def name_under_title(doc: Doc, title: Word) -> Word | None:
    """A proper noun hanging off a title word without a preposition, not itself a title."""
    for child in doc.children(title):
        if child.i > title.i and child.upos == "PROPN" and child.lower not in TITLES and \
                child.deprel in ("appos", "nmod", "flat", "flat:name", "compound") and not has_case(doc, child):
            return child
    nxt = next_word(doc, title)
    if nxt is not None and nxt.upos == "PROPN" and nxt.lower not in TITLES and title.deprel in SUBJECT_RELS and \
            nxt.deprel == title.deprel and nxt.head == title.head:
        return nxt  # the parser made title and name two subjects: "President(nsubj) Trump(nsubj)"
    return None


def relative_antecedent(doc: Doc, clause: Word, pronoun: Word) -> Word | None:
    """What a relative clause's "who" refers to: the noun the clause hangs from, or the name
    right before ", who" when the parser hung the clause from the noun whose prepositional
    phrase that name ends ('a rebuke from Jeb Bush, who said …') or did not parse it as a
    relative clause at all ('said Mr. Sanders, who said he …')."""
    head = doc.words[clause.head] if clause.deprel == "acl:relcl" and clause.head is not None else None
    k = pronoun.i - 2  # the word before the comma of a non-restrictive clause
    if k < 0 or doc.words[k + 1].text != "," or doc.words[k].sent != pronoun.sent or \
            (head is not None and k <= head.i):
        return head
    if doc.words[k].upos == "NOUN" and pronoun.lower == "who" and doc.words[k].lower in ROLE_NOUNS and \
            (head is None or not person_like(head)):
        return doc.words[k]  # "a rebuke from the governor, who called …": "who" is a person
    if doc.words[k].upos != "PROPN":
        return head
    name = run_head(proper_run_before(doc, doc.words[k + 1]))
    if head is not None and (name is head or (name.deprel in NAME_PARTS and name.head == head.i)):
        return head  # the name is the head's own ("the radio host Charlie Sykes, who")
    return _placed_person(doc, name) or name


def _placed_person(doc: Doc, name: Word) -> Word | None:
    """The person a place name says where they are from: "Rubio" of "Sen. Marco Rubio of
    Florida, who …"."""
    if name.head is None or not has_case(doc, name, "of", "from"):
        return None
    person = doc.words[name.head]
    return person if person.upos == "PROPN" and person.i < name.i else None


def relative_subject(doc: Doc, verb: Word) -> Word | None:
    """The "who" (or "that", "which") subject of a relative clause's verb."""
    return next((c for c in subjects(doc, verb) if c.lower in RELATIVE_PRONOUNS), None)


def according_to(doc: Doc, according: Word) -> Word | None:
    """The X of "according to X", which "according" hangs from; for "according to a statement
    by Sergei Lavrov" or "to Lavrov's statement", the one who made the statement."""
    target = doc.words[according.head] if according.head is not None else None
    if target is not None and target.upos not in ("NOUN", "PROPN", "PRON"):
        target = _first_name_after(doc, according)  # "According to club(VERB) president Ali Koc"
    if target is None or (target.lemma or "").lower() not in SAYING_NOUNS:
        return target
    return next(iter(_made_by(doc, target)), target)


def _first_name_after(doc: Doc, according: Word) -> Word | None:
    """The first name in the phrase after "according to", up to its punctuation."""
    phrase = []
    for w in doc.sentence_words(according.sent)[according.i - doc.sentences[according.sent].first + 2:]:
        if w.upos == "PUNCT":
            break
        phrase.append(w)
    return first_name_chain(phrase)


def _made_by(doc: Doc, noun: Word, depth: int = 1) -> list[Word]:
    """The possessor or "by"/"from" phrase of a noun: "Lavrov's statement", "a letter from X";
    with depth > 1, also of the nouns that modify it ("A letter this month to the bank board from
    the staff association", where the parse hangs "from" off "board")."""
    out = []
    for c in doc.children(noun):
        if c.deprel == "nmod:poss" or (c.deprel == "nmod" and has_case(doc, c, "by", "from")):
            out.append(c)
        elif depth > 1 and c.deprel in ("nmod", "appos"):
            out += _made_by(doc, c, depth - 1)
    return out


def document_author(doc: Doc, document: Word) -> Word | None:
    """Who wrote or sent a document: "the panel's memo", "a letter from the staff association",
    "The email … was sent … by Jeremy Bash", "The Cruz campaign sent an email", "Trump's
    campaign backtracked, putting out a statement". Not a time ("Thursday's memo") nor a pronoun."""
    made_by = [c for c in _made_by(doc, document, DOCUMENT_PHRASE_DEPTH) if not is_time(c) and c.upos != "PRON"]
    if made_by:
        return made_by[0]
    top = document  # the top of the document's phrase: "sent a copy of the letter", "a fundraising email Wednesday"
    for _ in range(DOCUMENT_PHRASE_DEPTH):
        if top.deprel not in ("compound", "nmod", "appos", "conj") or top.head is None or \
                doc.words[top.head].upos not in ("NOUN", "PROPN"):
            break
        top = doc.words[top.head]
    head = doc.words[top.head] if top.head is not None else None
    verbs = [head] if head is not None and top.deprel in ("obj", "nsubj:pass") else []
    verbs += [c for c in doc.children(document) if c.deprel == "acl"]  # "an email sent by"
    for verb in verbs:
        if (verb.lemma or "").lower() not in AUTHOR_VERBS:
            continue
        agent = next((c for c in doc.children(verb) if c.deprel.startswith("obl") and has_case(doc, c, "by")), None)
        subject = _clause_subject(doc, verb) if verb is head and top.deprel == "obj" else None
        if agent is not None or subject is not None:
            return agent or subject
    return None


def _clause_subject(doc: Doc, verb: Word) -> Word | None:
    """The subject of a verb, or of the clause it hangs from ("backtracked, putting out"); not a pronoun."""
    for _ in range(CLIMB_STEPS):
        found = subjects(doc, verb)
        if found:
            return found[0] if found[0].upos != "PRON" else None
        if verb.deprel not in CLIMB_RELS or verb.head is None:
            return None
        verb = doc.words[verb.head]
    return None


# --- Mention spans ---

def is_symbol(token: str) -> bool:
    """Emoji, pictographs and other symbols only ("🎤", "™", "❤️"): never part of a name."""
    return all(unicodedata.category(c)[0] == "S" or c in "\ufe0f\u200d" for c in token)


def mention_span(doc: Doc, head: Word) -> Span:
    """The contiguous nominal around a head word: 'Jim Mattis', "Putin's spokesman", 'he'."""
    lo, hi = _dependents_extent(doc, head)
    while lo > 0 and doc.words[lo - 1].sent == head.sent and doc.words[lo - 1].upos == "PROPN" and \
            doc.words[lo - 1].head in (head.i, head.head) and doc.words[lo - 1].deprel in SUBJECT_RELS:
        lo -= 1  # "Mr." parsed as a second subject beside "Allen"
    while head.upos is None and lo > 0 and doc.words[lo - 1].sent == head.sent and \
            is_name_word(doc.words[lo - 1]):
        lo -= 1  # an unparsed name: its capitalised words
    person = name_under_title(doc, head)
    if person is not None and person.i > hi and \
            all(w.upos in ("PROPN", "ADP", "DET") for w in doc.words[hi + 1:person.i]):
        # "Former Secretary of State Hillary Clinton", the name parsed as a modifier of the title
        hi = max([person.i] + [c.i for c in doc.children(person) if c.deprel.startswith(("flat", "compound"))])
    while hi > head.i and is_symbol(doc.words[hi].text):
        hi -= 1  # an emoji or symbol after the name ("Taylor Swift 🎤") is no part of the mention
    words = doc.words[lo:hi + 1]
    # Keep only the contiguous part around the head (a stray dependent can sit far away).
    start_i = head.i
    while start_i > lo and doc.words[start_i - 1] in words and doc.words[start_i - 1].sent == head.sent:
        start_i -= 1
    marks = [k for k in range(start_i, head.i) if _is_quotation_mark(doc.words[k].text)]
    if len(marks) % 2:  # 'the most difficult moments for me," Ban': the parse reached into the quote
        start_i = marks[-1] + 1
    start, end = doc.words[start_i].start, doc.words[hi].end
    if hi == head.i and head.deprel == "nmod:poss":  # "Lavrov's" is one token: the mention is "Lavrov"
        end -= len(_POSSESSIVE_S.search(doc.text, start, end).group())
    return Span(doc.text[start:end], start, end)


def _is_quotation_mark(token: str) -> bool:
    """A token of quotation marks that cannot be an apostrophe (“, ”, ", ‘, «)."""
    return bool(token) and all(c in _SPEECH_MARK_CHARS for c in token)


def _dependents_extent(doc: Doc, head: Word) -> tuple[int, int]:
    """The first and last word index of the head's nominal dependents, transitively."""
    lo, hi = head.i, head.i
    stack = [head]
    while stack:
        node = stack.pop()
        for child in doc.children(node):
            if child.deprel in MENTION_PARTS or child.deprel.startswith(("compound", "flat")):
                if child.deprel == "punct" and (child.lower not in ("'s", "\u2019s", ".") or abs(child.i - node.i) > 1):
                    continue  # a possessive or an abbreviation's point, not the sentence's full stop
                if child.deprel == "case" and node is head and (child.i < node.i or head.deprel == "nmod:poss"):
                    continue  # the preposition of "according to X", "said of Sanders"; the 's of "Lavrov's"
                lo, hi = min(lo, child.i), max(hi, child.i)
                stack.append(child)
    return lo, hi


def word_before(doc: Doc, pos: int) -> int:
    """The index of the last word starting before `pos` (-1 when none)."""
    return bisect.bisect_left(doc.words, pos, key=lambda w: w.start) - 1
