"""The speaker of a reporting cue: its subject, the X of "according to X", the person it is
said of ("quoted … as saying"), or, where the parser missed the subject, the name the sentence
puts in its place. Used by the sieves; pure functions of the parse."""
from __future__ import annotations

import re
from collections.abc import Callable

from .lexicon import (CLAUSE_RELS, CLIMB_RELS, CLIMB_STEPS, INDEFINITE_SOURCES, NOT_NAMES, PARENTHETICAL_CUES, PRONOUNS,
                      RELATIVE_PRONOUNS, SUBJECT_RELS, THIRD_PERSON)
from .marks import ALL_MARK_CHARS, Intervals
from .model import Quote, Span
from .parse import Doc, Word
from .tree import (according_to, clause_chain, first_name_chain, has_case, inside, is_name_word, is_time,
                   mention_span, modifies, name_under_title, proper_run_before, quote_words,
                   relative_antecedent, relative_subject, run_head, subjects, title_of, word_before)

Outside = Callable[[Word], bool]
# Between a cue and the quote it introduces: only the inverted speaker's name ('explained Rosenberg, "…"').
_INVERTED_BEFORE = re.compile(r"[ \u00a0]+(?:[A-Z][\w.'\u2019-]*[ \u00a0]+){0,4}[A-Z][\w.'\u2019-]*[ \u00a0]*,[ \u00a0]*\Z")
_APPOSITION_CLOSE = re.compile(r"[^,;.]*,")  # an apposition closes with a comma before the verb
_INVERTED_BEFORE_RELS = ("obj", "obl", "iobj", "dep", "appos", "xcomp")  # how a misparse hangs an inverted speaker
_FINITE_PAST = ("VBD", "VBZ", "VBN")


def source_of(doc: Doc, cue: Word, quote: Quote, quoted: Intervals) -> Word | None:
    """The speaker of a cue: its subject, the object of 'according to', or the subject of the
    verb it hangs from ('was quoted as saying', 'he smiled and said')."""
    def outside(w: Word) -> bool:
        return not inside(quote, w) and not quoted.covers(w.start)

    quoted_person = _quoted_as_saying(doc, cue)
    if quoted_person is not None and outside(quoted_person):
        return quoted_person
    if cue.lower == "according":
        target = according_to(doc, cue)
        return target if target is not None and outside(target) else None
    set_off = _parenthetical_speaker(doc, cue) or _agent_after_quote(doc, cue, quote)
    if set_off is not None and outside(set_off):
        return name_in_apposition(doc, set_off) or set_off
    chain = clause_chain(doc, cue, CLIMB_RELS, CLIMB_STEPS + 1)
    for node in chain[:CLIMB_STEPS]:
        found = _speaker_of_clause(doc, node, cue, quote, outside)
        if found is not None:
            return found
    found = _inverted_subject(doc, cue, quote) or _name_right_after(doc, cue, quote) or \
        subject_the_parser_missed(doc, cue, outside)
    if found is None and len(chain) > 1:  # the verb the cue hangs from ("reacted …, saying")
        found = subject_the_parser_missed(doc, chain[-1], outside)
    return found


def _speaker_of_clause(doc: Doc, node: Word, cue: Word, quote: Quote, outside: Outside) -> Word | None:
    """The speaker a clause's verb gives the cue: its subject, passive agent, "as" phrase, the
    subject of its "with" phrase, or an inverted cue's speaker parsed as its object."""
    found = _subject(doc, node, cue, quote, outside)
    if found is not None:
        return found
    for child in doc.children(node):  # passive agent: "was quoted by aides"
        if child.deprel == "obl:agent" and outside(child):
            return child
    for child in doc.children(node):  # 'As Tabler noted, "…"' parsed as an "as" phrase
        if child.deprel == "obl" and child.i < node.i and child.upos == "PROPN" and outside(child) and \
                has_case(doc, child, "as"):
            return child
    absolute = _with_subject(doc, node)
    if absolute is not None and outside(absolute):
        return absolute
    return _inverted_object(doc, cue, quote) if node is cue else None


def _subject(doc: Doc, node: Word, cue: Word, quote: Quote, outside: Outside) -> Word | None:
    """Nearest subject first: a misparse can make a title its own subject ("Mr." "Allen").
    When the quote follows the cue, the speaker stands before it ("X said Y was "…""): a
    subject after the cue is then a misparse of the paraphrase's own subject. A "subject" that
    modifies another is a misparse ("a spokesman for the campaign said")."""
    after = quote.start >= cue.end
    subjects_ = subjects(doc, node)
    for child in sorted(doc.children(node), key=lambda c: (any(modifies(doc, c, s) for s in subjects_),
                                                           after and c.i > node.i, abs(c.i - node.i))):
        if child.deprel in SUBJECT_RELS and outside(child) and not is_time(child):
            if child.lower in RELATIVE_PRONOUNS:
                antecedent = relative_antecedent(doc, node, child)  # "Hagee, who said" -> Hagee
                if antecedent is None or not outside(antecedent):
                    return None  # none, or hung from a word of the quote: a misparse
                return name_in_apposition(doc, antecedent) or antecedent
            if child.upos != "PRON" or child.lower in PRONOUNS or child.lower in INDEFINITE_SOURCES:
                return name_in_apposition(doc, child) or child
    return None


def _inverted_object(doc: Doc, cue: Word, quote: Quote) -> Word | None:
    """'"…," said X', 'Said X, "…"' or '…, explained Rosenberg, "…"' with X parsed as an object."""
    text = doc.text
    inverted = (quote.end <= cue.start and not text[quote.end:cue.start].strip(" ,\u00a0\n")) or \
        cue.i == doc.sentences[cue.sent].first or \
        (cue.xpos in _FINITE_PAST and cue.end <= quote.start and  # not "telling Reuters"
         _INVERTED_BEFORE.match(text, cue.end, quote.start) is not None)
    if not inverted:
        return None
    for child in doc.children(cue):
        if child.i > cue.i and child.deprel in _INVERTED_BEFORE_RELS and \
                child.upos in ("PROPN", "NOUN") and not is_time(child) and \
                not has_case(doc, child):  # not "saying in a post"
            return child
    return None


def _quoted_as_saying(doc: Doc, cue: Word) -> Word | None:
    """'The Times quoted an unnamed official as saying …': the person quoted, not the paper."""
    if cue.lower != "saying" or cue.i < 2 or doc.words[cue.i - 1].lower != "as":
        return None
    before = doc.sentence_words(cue.sent)[:cue.i - doc.sentences[cue.sent].first - 1]
    verb = next((w for w in reversed(before) if (w.lemma or "").lower() == "quote" and w.upos == "VERB"), None)
    if verb is None or any(c.deprel in ("aux:pass", "nsubj:pass") for c in doc.children(verb)):
        return None  # "was quoted as saying": the subject is the person quoted
    k = cue.i - 2
    while k > verb.i and doc.words[k].upos == "PUNCT":
        k -= 1
    person = doc.words[k]
    if k <= verb.i or person.upos not in ("NOUN", "PROPN", "ADJ"):
        return None
    return name_in_apposition(doc, person) or person


def _with_subject(doc: Doc, verb: Word) -> Word | None:
    """'…, with Trump reportedly yelling: "…"': the name after "with" right before the -ing
    verb is its subject, wherever the parser hung the "with" phrase."""
    if verb.xpos != "VBG":
        return None
    k = verb.i - 1
    while k >= 0 and doc.words[k].upos == "ADV" and doc.words[k].sent == verb.sent:
        k -= 1
    if k < 0 or doc.words[k].upos != "PROPN" or doc.words[k].sent != verb.sent:
        return None
    name = run_head(proper_run_before(doc, doc.words[k + 1]))
    return name if has_case(doc, name, "with") else None


def subject_the_parser_missed(doc: Doc, verb: Word, outside: Outside) -> Word | None:
    """A finite verb with no subject is a misparse: 'Beruff, a Scott ally, called …' with the
    verb hanging from 'ally' as a modifier, or 'In a statement released Thursday, Rep. Hakeem
    Jeffries (D-N.Y.) reacted …' with the name joined to 'Thursday'. The noun it hangs from,
    else the last name before it in its sentence that is not in brackets, in a prepositional
    phrase ('catering to American Jews') or a modifier ('a GOP hopeful')."""
    children = doc.children(verb)
    finite = verb.xpos in ("VBD", "VBZ", "VBP") or \
        (verb.xpos == "VBN" and not any(c.upos == "AUX" for c in children))
    if not finite or verb.deprel not in CLAUSE_RELS or \
            any(c.deprel in SUBJECT_RELS or c.deprel == "aux:pass" for c in children):
        return None  # not a clause's verb ("a so-called fuel"), or it has its subject
    if verb.deprel in ("acl", "acl:relcl") and verb.head is not None and verb.head < verb.i and \
            not any(c.lower in RELATIVE_PRONOUNS for c in children):
        head = doc.words[verb.head]
        if head.upos in ("NOUN", "PROPN") and outside(head) and not is_time(head):
            return name_in_apposition(doc, head) or head
    return _name_before_verb(doc, verb, outside) or _indefinite_opener(doc, verb, outside)


def _name_before_verb(doc: Doc, verb: Word, outside: Outside) -> Word | None:
    """The last name before the verb in its sentence, outside brackets, not an object or a
    modifier ("Clinton, who called Sanders, told"), nor a nickname in quotation marks."""
    depth = 0
    for w in reversed(doc.sentence_words(verb.sent)[:verb.i - doc.sentences[verb.sent].first]):
        depth += (w.text == ")") - (w.text == "(")
        if depth > 0 or w.text == "(" or not outside(w):
            continue
        if w.upos == "PROPN" and not is_time(w) and w.lower not in NOT_NAMES:
            run = proper_run_before(doc, doc.words[w.i + 1])
            head = run_head(run)
            if (head.deprel not in ("compound", "nmod:poss", "obj", "iobj") or _object_of_opener(doc, head, run)) and \
                    not has_case(doc, head) and not _in_quotation_marks(doc.text, run[0].start, run[-1].end):
                return head  # not '"Chaos" (his call sign) sent'
    return None


def _object_of_opener(doc: Doc, head: Word, run: list[Word]) -> bool:
    """'Transport(VERB) Secretary(obj) Louise Haigh said': the capitalised word opening the
    sentence right before the name, parsed as a verb taking it as its object, is the name's own."""
    verb = doc.words[head.head] if head.head is not None else None
    return head.deprel == "obj" and verb is not None and verb.i == doc.sentences[head.sent].first and \
        verb.i + 1 == run[0].i and verb.text[:1].isupper()


def _indefinite_opener(doc: Doc, verb: Word, outside: Outside) -> Word | None:
    """'Another added, "…"' with "Another" parsed as a determiner."""
    first = doc.words[doc.sentences[verb.sent].first]
    if first.lower in INDEFINITE_SOURCES and first.i < verb.i and outside(first) and \
            (first.head == verb.i or first.deprel == "root"):
        return first
    return None


def _in_quotation_marks(text: str, start: int, end: int) -> bool:
    """A nickname or title: '"Chaos" (his radio call sign) sent home his tanks'."""
    return text[max(0, start - 3):start].rstrip()[-1:] in ALL_MARK_CHARS and \
        text[end:end + 3].lstrip()[:1] in ALL_MARK_CHARS


def _inverted_subject(doc: Doc, cue: Word, quote: Quote) -> Word | None:
    """'"…," said the younger Mr. Trump, surrounded by …': the cue right after the quote and the
    speaker right after the cue, whatever relations the parser gave them."""
    if quote.end > cue.start or doc.text[quote.end:cue.start].strip(" ,\u00a0\n"):
        return None
    return _speaker_after(doc, cue)


def _parenthetical_speaker(doc: Doc, cue: Word) -> Word | None:
    """'The strategy, says Jane Smith, a lobbyist, was "…"': a cue set off by a comma inside
    another clause has its speaker right after it; the subject before it is the clause's."""
    if (cue.lemma or "").lower() not in PARENTHETICAL_CUES or cue.xpos not in ("VBZ", "VBD") or \
            cue.i == 0 or doc.words[cue.i - 1].text != ",":
        return None
    speaker = _speaker_after(doc, cue)
    if speaker is None:
        return None
    k = speaker.i + 1  # set off by a comma too: not 'X, an adviser, said Nunberg was …'
    while k < len(doc.words) and is_name_word(doc.words[k]):
        k += 1
    return speaker if k < len(doc.words) and doc.words[k].text in (",", ".", ";") else None


def _agent_after_quote(doc: Doc, cue: Word, quote: Quote) -> Word | None:
    """'The plan was described as "a disaster" by Mitch McConnell': a passive cue's agent right
    after the quote, wherever the parser hung the "by" phrase (often from the quote's noun)."""
    if quote.start < cue.end or not any(c.deprel in ("aux:pass", "nsubj:pass") for c in doc.children(cue)):
        return None
    if not any(w.head == cue.i and (w.deprel in ("xcomp", "obj") or has_case(doc, w, "as"))  # what it was
               for w in quote_words(doc, quote)):  # called, not 'reported in a "hit piece" by'
        return None
    by = next((w for w in doc.words_in(quote.end, quote.end + 8) if w.lower == "by"), None)
    if by is None or doc.text[quote.end:by.start].strip(" ,\u00a0") or by.head is None:
        return None
    agent = doc.words[by.head]
    return agent if agent.i > by.i and agent.upos in ("NOUN", "PROPN", "PRON") else None


def _speaker_after(doc: Doc, cue: Word) -> Word | None:
    """The name or role noun right after an inverted cue ("said the younger Mr. Trump")."""
    following = [w for w in doc.words[cue.i + 1:cue.i + 9] if w.sent == cue.sent]
    lead = 0
    while lead < len(following) and (following[lead].upos in ("DET", "ADJ", "NUM") or  # "one Democrat"
                                     _hyphenated(doc, following[lead]) or  # "the 46-year-old senator"
                                     (title_of(following[lead].text) and following[lead].upos == "VERB")):  # "Managing Director"
        lead += 1
    rest = following[lead:]
    if rest and rest[0].upos == "PROPN":
        return first_name_chain(rest)
    if rest and rest[0].upos == "NOUN" and lead:
        return rest[0]
    last = following[lead - 1] if lead else None
    # '"…," said the 46-year-old.': the modifier stands for the person
    return last if last is not None and last.lower == "old" and _hyphenated(doc, last) else None


def _hyphenated(doc: Doc, w: Word) -> bool:
    """A part of a hyphenated modifier ("46-year-old"): a hyphen, or a word joined to one."""
    if w.text == "-":
        return True
    return any(0 <= k < len(doc.words) and doc.words[k].text == "-" and doc.words[k].sent == w.sent and
               (doc.words[k].start == w.end or doc.words[k].end == w.start) for k in (w.i - 1, w.i + 1))


def name_in_apposition(doc: Doc, noun: Word) -> Word | None:
    """The parse made a role noun the subject; the name in apposition to it stands right before
    it ('Miller, a retired worker from a nuclear plant, said') or right after it ('The campaign's
    chief strategist, Joel Benenson, called')."""
    if noun.upos not in ("NOUN", "ADJ") or name_under_title(doc, noun) is not None:  # "spokesman Jesse Ferguson"
        return None  # (an adjective stands for a noun: "a Nice native", "an official")
    if noun.deprel == "appos" and noun.head is not None and doc.words[noun.head].upos == "PROPN":
        return doc.words[noun.head]  # parsed as such: "Meg Whitman, a former candidate …"
    span = mention_span(doc, noun)
    k = word_before(doc, span.start)
    close = _APPOSITION_CLOSE.match(doc.text[span.end:span.end + 40])
    if close and k >= 1 and doc.words[k].text == "," and doc.words[k].sent == noun.sent and \
            not any(w.upos in ("VERB", "AUX") and w.xpos != "VB" for w in doc.words_in(span.end, span.end + close.end())):
        # (no verb but an infinitive before that comma: 'As Trump attacked Clinton, the attendees chanted, "…"')
        before = first_name_chain(proper_run_before(doc, doc.words[k]))
        if before is not None and not is_time(before) and \
                not any(c.deprel == "case" and c.lower != "as" for c in doc.children(before)):
            return before  # not "In a statement to the Observer, her adviser, Jake Sullivan, said"
    return next((c for c in doc.children(noun) if c.deprel == "appos" and c.upos == "PROPN" and c.i > noun.i
                 and doc.words[c.i - 1].text == ","), None)


def _name_right_after(doc: Doc, cue: Word, quote: Quote) -> Word | None:
    """'"…," Mr. Guerrero, who is an actor, said': the parse gave the cue no subject, but a name
    or pronoun opens the attribution right after the quote, before the cue."""
    if quote.end > cue.start:
        return None
    between = [w for w in doc.words_in(quote.end, cue.start) if w.sent == cue.sent]
    words = [w for w in between if any(c.isalnum() for c in w.text)]
    if not words or doc.text[quote.end:words[0].start].strip(" ,\u00a0\n\"'\u201d\u2019"):
        return None
    if words[0].lower in THIRD_PERSON:
        return words[0]
    if words[0].upos == "PROPN":
        return first_name_chain(words[:4])
    if len(words) == 1 and words[0].text[:1].isupper() and words[0].lower not in NOT_NAMES:
        return words[0]  # '"…," Husted said' with the surname mistagged
    if len(words) <= 5 and words[0].upos == "NOUN" and any(x.upos == "PROPN" for x in words) and \
            all(x.upos in ("NOUN", "PROPN") for x in words):
        return first_name_chain(words)  # '"…," spokesman Stuart Roy said'
    if words[0].lower in ("the", "a", "an", "one", "another") and len(words) <= 10:
        # '"…," the White House spokesman, Josh Earnest, said': the name, else the role noun
        after_comma = [w for w in words if w.upos == "PROPN" and doc.words[w.i - 1].text == ","]
        if after_comma:
            return first_name_chain(words[words.index(after_comma[0]):])
        return next((w for w in words if w.upos == "NOUN"), None) or first_name_chain(words)
    return None


def relative_mention(doc: Doc, cue: Word | None, source: Word) -> Word | None:
    """'Donald Trump Jr., who suggested …': the mention the attribution rests on is "who"
    (named by its antecedent, as a pronoun is by the person it refers to)."""
    if cue is None:
        return None
    for node in clause_chain(doc, cue, ("xcomp", "conj"), CLIMB_STEPS):
        pronoun = relative_subject(doc, node)
        if pronoun is not None:
            antecedent = relative_antecedent(doc, node, pronoun)
            if antecedent is None:
                return None
            return pronoun if source in (antecedent, name_in_apposition(doc, antecedent)) else None
    return None


def speaker_mention(doc: Doc, cue: Word | None, source: Word) -> Span:
    """The mention the response gives for a source: "who" for a relative clause's speaker."""
    return mention_span(doc, relative_mention(doc, cue, source) or source)


