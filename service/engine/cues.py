"""Reporting cues: the verbs and phrases that introduce speech, and the sentences worth parsing."""
from __future__ import annotations

from .lexicon import (ANTECEDENT_SENTENCES, DOCUMENT_NOUNS, IRREGULAR_FORMS, NAMING_VERBS, ORGANISATION_NOUNS, PERSON_NOUNS, PHRASAL, PRONOUNS, QUOTE_HEAD_WORDS,
                      ORGANISATION_REACH, QUOTE_TAIL_WORDS, RANKER_PARSE_SENTENCES, SHORT_SENTENCE, SINGULAR_PERSON, SPEECH_NOUNS,
                      SPEECH_VERBS)
from .marks import QuotedSpan
from .model import Quote, Span, SpeakerRef
from .parse import Doc, Sentence, Word
from .tree import AGE, ancestors, next_word

__all__ = ["CUE_FORMS", "NAMING_VERBS", "PHRASAL", "SPEECH_NOUNS", "SPEECH_VERBS", "attributes_only", "cue_span", "is_cue",
           "is_speech_verb", "puts_it", "sentences_to_parse", "sentences_to_revisit", "words_to_elide"]


def _forms(lemma: str) -> set[str]:
    if lemma in IRREGULAR_FORMS:
        return {lemma, *IRREGULAR_FORMS[lemma]}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", stem + "ed", stem + "ing", lemma + "ed", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if lemma[-1] in "bdglmnprt" and len(lemma) <= 4:  # "snap" -> "snapped"
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


CUE_FORMS = frozenset(f for lemma in SPEECH_VERBS | {v for v, _ in PHRASAL} for f in _forms(lemma)) | {"according"}


def is_speech_verb(word: Word) -> bool:
    return word.upos in ("VERB", "AUX") and (word.lemma or "").lower() in SPEECH_VERBS or \
        word.lower in ("according",) or (word.upos == "VERB" and word.lower in CUE_FORMS)


def is_cue(doc: Doc, w: Word) -> bool:
    return is_speech_verb(w) or puts_it(doc, w)


def puts_it(doc: Doc, w: Word) -> bool:
    """'As Professor Foner put it: "…"'."""
    nxt = next_word(doc, w)
    return w.lemma == "put" and nxt is not None and nxt.lower == "it" and nxt.head == w.i


def cue_span(doc: Doc, cue: Word) -> Span:
    """The cue word, with its particle for phrasal verbs ('shot back'), 'to' for 'according to'
    or 'it' for 'put it'."""
    nxt = next_word(doc, cue)
    if nxt is not None and nxt.sent == cue.sent and (
            (cue.lower == "according" and nxt.lower == "to") or puts_it(doc, cue) or
            (((cue.lemma or ""), nxt.lower) in PHRASAL and nxt.head == cue.i)):  # any relation for "back"
        return Span(doc.text[cue.start:nxt.end], cue.start, nxt.end)
    return Span(doc.text[cue.start:cue.end], cue.start, cue.end)


def attributes_only(doc: Doc, verb: Word) -> bool:
    """A sentence after a quote attributes it only with a cue that reports no clause of its own
    and stands in no other cue's report ('"…" He said.', not '"…" Ohio Gov. John Kasich said he would have
    fired …, according to press reports.')."""
    if any(c.deprel == "ccomp" for c in doc.children(verb)):
        return False
    return not any(is_speech_verb(node) for _, node in ancestors(doc, verb))


def sentences_to_parse(doc: Doc, spans: list[QuotedSpan]) -> list[int]:
    """The sentences attribution needs: those touching a quote, and when such a sentence has
    no cue word of its own outside its quotes, its neighbours that may carry its attribution.
    Other sentences are not parsed (measured on PolNeAR train: parsing them all changes no
    attribution); `sentences_to_revisit` adds those a speaker not named at first needs."""
    wanted: set[int] = set()
    n = len(doc.sentences)
    k = 0
    for s in doc.sentences:
        while k < len(spans) and spans[k].end <= s.start:
            k += 1
        touching = []
        for span in spans[k:]:
            if span.start >= s.end:
                break
            touching.append(span)
        if not touching:
            continue
        wanted.add(s.index)
        if not _has_cue(doc.sentence_words(s), outside=touching):
            wanted.update(i for i in (s.index - 1, s.index + 1)
                          if 0 <= i < n and _may_attribute(doc, doc.sentences[i]))
    return sorted(wanted)


def words_to_elide(doc: Doc, spans: list[QuotedSpan]) -> frozenset[int]:
    """Indexes of the words in the middle of long quotations."""
    out: set[int] = set()
    for span in spans:
        inner = doc.words_in(span.inner_start, span.inner_end)
        if len(inner) > QUOTE_HEAD_WORDS + QUOTE_TAIL_WORDS + 2:
            out.update(w.i for w in inner[QUOTE_HEAD_WORDS:len(inner) - QUOTE_TAIL_WORDS])
    return frozenset(out)


def sentences_to_revisit(doc: Doc, quotes: list[Quote], back: int = ANTECEDENT_SENTENCES) -> list[int]:
    """Unparsed sentences before a quote whose speaker the first pass could not name: before a
    pronoun speaker not resolved to a name (the person it refers to is named there), and before
    a direct quote with no attribution of its own (who the article was just talking about); and
    those of the paragraph before the pronoun speaker of a paragraph's first quote (a person
    brought in there takes its "he said"); and the RANKER_PARSE_SENTENCES before a resolved
    "he" or "she" (before its quote, where that comes first), whose grammar the antecedent
    ranker weighs; and before a person description
    not resolved to a name ("the Florida senator": who it is was named there), and before any
    "they" (the group is named there, and "they" finds some organisation anywhere); and, before an
    "it" not resolved, those within ORGANISATION_REACH that name a document ("The Cruz campaign
    sent a fundraising email … the email read … It stated")."""
    wanted: set[int] = set()
    previous_end = 0
    for q in quotes:
        if q.speaker is not None and q.speaker.mention.text.lower() in PRONOUNS and \
                "\n" in doc.text[previous_end:q.speaker.mention.start]:  # the paragraph's first quote
            wanted.update(_unparsed_in_paragraph_before(doc, q.speaker.mention.start, back))
        previous_end = q.end
        if q.speaker is not None and q.speaker.name.lower() == "it":
            wanted.update(_naming_documents_before(doc, q.speaker.mention.start))
        reach = back
        if q.speaker is not None and (q.speaker.name.lower() in PRONOUNS or _unnamed_description(q.speaker) or
                                      q.speaker.mention.text.lower() == "they"):
            s = doc.sentence_at(q.speaker.mention.start)
        elif q.speaker is not None and q.speaker.mention.text.lower() in SINGULAR_PERSON:
            s, reach = doc.sentence_at(min(q.start, q.speaker.mention.start)), RANKER_PARSE_SENTENCES
        elif q.attribution in ("none", "context") and q.type == "direct":  # as the recent-subject step
            s = doc.sentence_at(q.start)
        else:
            continue
        if s is not None:
            wanted.update(i for i in range(max(0, s.index - reach), s.index) if not doc.sentences[i].parsed)
    return sorted(wanted)


def _unnamed_description(speaker: SpeakerRef) -> bool:
    """'the Florida senator', 'the fund' with no name found for it."""
    words = speaker.mention.text.lower().split()
    return len(words) > 1 and words[0] == "the" and \
        (words[-1] in PERSON_NOUNS or words[-1] in ORGANISATION_NOUNS or AGE.fullmatch(words[-1])) and \
        speaker.name.lower() in speaker.mention.text.lower()


def _naming_documents_before(doc: Doc, pos: int) -> list[int]:
    """Unparsed sentences starting within ORGANISATION_REACH before pos that name a document."""
    s = doc.sentence_at(pos)
    out: list[int] = []
    for i in range(s.index - 1, -1, -1) if s is not None else ():
        sentence = doc.sentences[i]
        if sentence.start < pos - ORGANISATION_REACH:
            break
        if not sentence.parsed and any(w.lower in DOCUMENT_NOUNS or w.lower[:-1] in DOCUMENT_NOUNS
                                       for w in doc.sentence_words(sentence)):
            out.append(i)
    return out


def _unparsed_in_paragraph_before(doc: Doc, pos: int, back: int) -> list[int]:
    """Unparsed sentences of pos's paragraph before it: a person brought in there may be the one
    a pronoun speaker refers to ("Sir Keir Starmer was scathing. '…,' he said")."""
    s = doc.sentence_at(pos)
    out: list[int] = []
    for i in range(s.index - 1, max(-1, s.index - 1 - back), -1) if s is not None else ():
        if "\n" in doc.text[doc.sentences[i].end:doc.sentences[i + 1].start]:
            break
        if not doc.sentences[i].parsed:
            out.append(i)
    return out


def _may_attribute(doc: Doc, s: Sentence) -> bool:
    """A sentence that can carry a neighbour's attribution: it has a cue word, is short, or is
    a lead-in line ending in a colon, or a dash signature ('-Commissioner Geoffrey Starks')."""
    text = doc.text[s.start:s.end]
    words = doc.sentence_words(s)
    return _has_cue(words) or len(words) <= SHORT_SENTENCE or text.rstrip().endswith(":") or \
        text.lstrip()[:1] in "-\u2013\u2014"


def _has_cue(words: list[Word], outside: list[QuotedSpan] = ()) -> bool:
    return any(w.lower in CUE_FORMS and not any(q.start <= w.start < q.end for q in outside) for w in words)
