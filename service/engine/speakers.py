"""Who said it: each speech quote's cue and speaker, then one entry per person.

The evidence, strongest first: a reporting cue whose subject stands outside the quote in the
quote's own sentences (explicit, or pronoun when the subject is a pronoun); a lead-in line or a
dash signature; the previous quote's speaker when the article goes on quoting the same person
(continuation); a "quotes from X" heading, else for a direct quote the person just named as a
subject before it (context). The rules' pick of a source is one candidate among those the parse
offers; the learned ranker (`ranker.py`) chooses among them.
"""
from __future__ import annotations

import bisect
import re

from . import ranker
from .confidence import confidence, evidence
from .cues import CUE_FORMS, NAMING_VERBS, PHRASAL, is_speech_verb
from .marks import ALL_MARK_CHARS, LINE_SPEAKER_REACH, Intervals
from .model import SPEECH_TYPES, Quote, Span, Speaker, SpeakerRef
from .parse import Doc, Word
from .ranker import RELATIVE_PRONOUNS, SUBJECT_RELS
from .resolve import (ANTECEDENT_SENTENCES, NOT_NAMES, PRONOUNS, EntityTable, in_dateline, is_name_word, is_time,
                      name_of, name_under_title, proper_run_before, run_head)

# Pronouns that name people without referring back to anyone: '"Stop the cover-up!" others shouted'.
INDEFINITE_SOURCES = frozenset("others another some many one several both".split())
_MENTION_PARTS = ("compound", "flat", "flat:name", "nmod:poss", "amod", "det", "case", "nummod",
                  "det:poss", "punct", "nmod:npmod", "obl:npmod")
# Used with match(text, quote end): on the quote's line, or alone on a line of its own after it.
_DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?P<own_line>(?:\n[ \t\u00a0]*){1,2})?[-\u2013\u2014]+[ \t\u00a0]*(?=[A-Z])")
# Searched over the quote's line: a digest item's 'Headline - Carl Bialik: "…"'.
_DASH_LABEL = re.compile(r"[ \u00a0][-\u2013\u2014][ \u00a0]+([^\n:]{2,80}?)[ \u00a0]*:[ \u00a0]*\Z")
# Between a cue and the quote it introduces: only the inverted speaker's name ('explained Rosenberg, "…"').
_INVERTED_BEFORE = re.compile(r"[ \u00a0]+(?:[A-Z][\w.'\u2019-]*[ \u00a0]+){0,4}[A-Z][\w.'\u2019-]*[ \u00a0]*,[ \u00a0]*\Z")
_POSSESSIVE_S = re.compile(  # the end of "Lavrov's", one token that the parser splits into two words
    r"(?:['\u2019]s?)?\Z")
# Cues that can stand set off by commas inside another clause ("The plan, says Smith, is …").
_PARENTHETICAL_CUES = frozenset("say add note explain argue write recall insist contend observe".split())
_INTERRUPTION = 150  # characters: the most an attribution between two halves of a quote takes
_SIGNATURE_LINE = 60  # characters: a signature line is a name and a title, not a bullet point
# '"…" (Donald Trump, at a rally in Ohio)': a bracket right after the quote that opens with a name.
_BRACKET_SIGNATURE = re.compile(r"[ \t\u00a0]*\((?=[A-Z])([^()\n]{1,80})\)")
# A digest item's closing credit, at the end of the quote's paragraph: 'HEADLINE "…" [WaPo.]'.
_CREDIT = re.compile(r"\[([^\[\]\n]{1,60})\][ \t\r\u00a0]*(?:\n|\Z)")
_CREDIT_NAME = re.compile(r"[A-Z][\w&'\u2019/-]*(?:[ \u00a0]+[A-Z0-9][\w&'\u2019/-]*){0,3}")
_NOT_CREDITS = re.compile(r"(?i)\b(?:applause|laugh\w*|cheer\w*|crosstalk|inaudible|boo\w*|music|video|photo\w*|sic)\b")
_CREDIT_REACH = 600  # characters from a quote to its item's end: a digest item is short
_HEADLINE_REACH = 200  # characters: the most a digest item's headline before its quote takes
# The relations of a clause's verb (a finite verb parsed with one of these and no subject is a misparse).
_CLAUSE_RELS = ("root", "conj", "parataxis", "ccomp", "advcl", "acl", "acl:relcl", "dep")
_CONTEXT_HEADING = re.compile(
    r"\bquotes?\s+(?:from|by)\s+((?:[A-Z][\w.\u2019'-]*|['\u2018\u2019\"\u201c\u201d][^'\"\u2019\u201d\n]{1,30}"
    r"['\u2019\"\u201d])(?:\s+(?:[A-Z][\w.\u2019'-]*|['\u2018\"\u201c][^'\"\u2019\u201d\n]{1,30}['\u2019\"\u201d]))*)"
)


class _Attribution:
    __slots__ = ("cue", "source", "method")

    def __init__(self, cue: Word | None, source: Word | None, method: str):
        self.cue, self.source, self.method = cue, source, method


def attribute(doc: Doc, quotes: list[Quote]) -> list[Speaker]:
    """Fill in cue, speaker, attribution and confidence of each speech quote; return the
    speakers, each once, with their mentions and quotes."""
    entities = EntityTable(doc)
    quoted = Intervals([(q.start, q.end) for q in quotes])  # a speaker never stands inside quotation marks
    context_name = _context_name(doc.text)
    previous: tuple[Quote, int] | None = None  # the last attributed quote and its entity
    for index, quote in enumerate(quotes):
        if quote.type not in SPEECH_TYPES:
            continue
        interrupted = previous is not None and _interrupted(doc, previous[0], quote)
        # A digest item: a credit ends the quote's paragraph, and no quote before it there has a
        # speaker ('"A," Sanders said. "B." [CNN]': B is Sanders').
        credit = _credit(doc.text, quote) if previous is None or \
            "\n" in doc.text[previous[0].end:quote.start] else None
        # Its headline ('STORM HITS THE COAST "…" [Reuters.]') is no attribution.
        headline_item = credit is not None and _capitalised_headline(doc.text, quote)
        found = None if interrupted or headline_item else _best_source(doc, quote, quoted)
        entity = None
        if interrupted:  # '"Make no mistake," warned Paul Ryan, "this is …"': one attribution
            prior = previous[0]
            entity, ref_span, method = previous[1], prior.speaker.mention, prior.attribution
            quote.cue, quote.contested = prior.cue, prior.contested
        elif found is not None and found.source is not None:
            mention = _reported_mention(doc, found)
            entity = entities.link(found.source, mention)
            method = "pronoun" if found.source.lower in PRONOUNS else "explicit"
            ref_span = mention
        elif credit is not None:
            entity = entities.link_name(credit)
            ref_span = credit
            method = "explicit"
        elif previous is not None and _continues(doc, previous[0], quote):
            entity = previous[1]
            ref_span = previous[0].speaker.mention
            method = "continuation"
            found = _Attribution(None, None, method)
        elif context_name is not None and _standalone(doc.text, quote):
            entity = entities.link_name(context_name)
            ref_span = context_name
            method = "context"
        elif quote.type == "direct" and (subject := _recent_subject(doc, quote, quoted)) is not None:
            ref_span = mention_span(doc, subject)
            entity = entities.link(subject, ref_span)
            method = "context"
        else:
            method = "none"
        if found is not None and found.cue is not None:
            quote.cue = _cue_span(doc, found.cue)
        if entity is not None:
            quote.speaker = SpeakerRef(name=entities.name(entity), mention=ref_span, id=str(entity))
            entities.add_quote(entity, index, ref_span)
            previous = (quote, entity)
        quote.attribution = method
        quote.confidence = confidence(evidence(method, quote.contested), quote.speech_probability)
    return entities.speakers(quotes)


def speaker_candidates(doc: Doc, quote: Quote, quoted: Intervals) -> list[ranker.Candidate]:
    """The rules' pick and every other source the parse offers, for the ranker."""
    found = _explicit(doc, quote, quoted)
    cands = ranker.candidates(doc, quote, lambda w: not quoted.covers(w.start),
                              found.source if found else None, found.cue if found else None)
    return [c for c in cands if not in_dateline(doc, c.source)]


def _best_source(doc: Doc, quote: Quote, quoted: Intervals) -> _Attribution | None:
    labelled = _dash_label(doc, quote)
    if labelled is not None:  # set off by the layout itself: no other reading to weigh
        return _Attribution(None, labelled, "explicit")
    pick, quote.contested = ranker.choose(doc, quote, speaker_candidates(doc, quote, quoted))
    return None if pick is None else _picked(doc, pick)


def _picked(doc: Doc, pick: ranker.Candidate) -> _Attribution:
    source = pick.source if pick.rule else _name_in_apposition(doc, pick.source) or pick.source
    return _Attribution(pick.cue, source, "explicit")


def _reported_mention(doc: Doc, found: _Attribution) -> Span:
    return mention_span(doc, _relative_pronoun(doc, found) or found.source)


def candidate_mention(doc: Doc, cand: ranker.Candidate) -> Span:
    """The mention the response gives when the ranker picks this candidate ("who" for a
    relative clause's speaker, a role noun's name in apposition)."""
    return _reported_mention(doc, _picked(doc, cand))


def _explicit(doc: Doc, quote: Quote, quoted: Intervals) -> _Attribution | None:
    """A reporting cue outside the quote whose subject is outside it too, in the quote's
    sentences or the sentence right after it."""
    inner = ranker.quote_words(doc, quote)
    sents = sorted({w.sent for w in inner})
    if not sents:
        s = doc.sentence_at(quote.start)
        sents = [s.index] if s else []
    if not sents:
        return None
    candidates = _candidate_sentences(doc, quote, sents)
    governed = _governing_cue(doc, inner, quote)
    if governed is not None:
        source = _source_of(doc, governed, quote, quoted)
        if source is not None:
            return _Attribution(governed, source, "explicit")
    best = None
    for s_idx in candidates:
        own = s_idx in sents
        if not own and any(quoted.overlaps(w.start, w.end) for w in doc.sentence_words(s_idx)):
            continue  # a neighbour sentence with a quote of its own: its cue is that quote's
        for w in doc.sentence_words(s_idx):
            if quoted.covers(w.start):
                continue
            if _mistagged_cue(doc, w, quote):
                source = _first_name_chain(proper_run_before(doc, w))
            elif (_is_cue(doc, w) or _verb_right_after(doc, w, quote)) and \
                    (s_idx <= sents[-1] or ranker.attributes_only(doc, w)):
                source = _source_of(doc, w, quote, quoted)
            else:
                continue
            if source is None:
                continue
            rank = (not own, min(abs(w.start - quote.end), abs(quote.start - w.end)))
            if best is None or rank < best[0]:
                best = (rank, _Attribution(w, source, "explicit"))
    if best is not None:
        return best[1]
    return _lead_in_or_signature(doc, quote, quoted) or _top_verb_subject(doc, inner, quote)


def _relative_pronoun(doc: Doc, found: _Attribution) -> Word | None:
    """'Donald Trump Jr., who suggested …': the mention the attribution rests on is "who"
    (named by its antecedent, as a pronoun is by the person it refers to)."""
    node, steps = found.cue, 0
    while node is not None and steps < 4:
        pronoun = next((c for c in doc.children(node)
                        if c.deprel in SUBJECT_RELS and c.lower in RELATIVE_PRONOUNS), None)
        if pronoun is not None:
            antecedent = ranker.relative_antecedent(doc, node, pronoun)
            if antecedent is None:
                return None
            return pronoun if found.source in (antecedent, _name_in_apposition(doc, antecedent)) else None
        if node.deprel not in ("xcomp", "conj") or node.head is None:
            return None
        node, steps = doc.words[node.head], steps + 1
    return None


def _top_verb_subject(doc: Doc, inner: list[Word], quote: Quote) -> _Attribution | None:
    """No reporting verb: a quote inside a clause takes the person subject of the nearest verb
    above it that has one ('He jokes, "…"', 'she surmised', 'Clinton refused to say "…"', 'in
    which Clinton expressed confidence that … "…"')."""
    for w in inner[:1]:
        node, steps = w, 0
        while node.head is not None and steps < 50:
            node = doc.words[node.head]
            steps += 1
            if quote.start <= node.start < quote.end or node.upos != "VERB":
                continue
            for child in doc.children(node):
                if child.deprel in SUBJECT_RELS and not (quote.start <= child.start < quote.end) and \
                        (child.upos == "PROPN" or child.lower in ("he", "she", "they", "i", "we")):
                    return _Attribution(node, child, "explicit")
            missed = _subject_the_parser_missed(doc, node, lambda x: not (quote.start <= x.start < quote.end))
            if missed is not None:
                return _Attribution(node, missed, "explicit")
    return None


def _candidate_sentences(doc: Doc, quote: Quote, sents: list[int]) -> list[int]:
    """The quote's sentences, and the next one when the quote ends its sentence and the next
    sentence starts in the same paragraph ("…" He said. / "…" Said Mattis)."""
    out = list(sents)
    nxt = sents[-1] + 1
    if nxt < len(doc.sentences) and "\n" not in doc.text[quote.end:doc.sentences[nxt].start]:
        out.append(nxt)
    prev = sents[0] - 1
    if prev >= 0 and doc.text[doc.sentences[prev].start:quote.start].rstrip().endswith(":") and \
            "\n" not in doc.text[doc.sentences[prev].end:quote.start].strip(" \t"):
        out.append(prev)
    return out


def _verb_right_after(doc: Doc, w: Word, quote: Quote) -> bool:
    """A verb that follows the quote at once, or after its speaker, is its cue whatever the
    verb ('"This is fantastic!" beamed Donald Hartley', '"…," he smiled'); so is one that
    introduces it with only a comma or colon between ('Hillary Clinton cracked, "…"')."""
    if w.upos != "VERB" or w.xpos not in ("VBD", "VBZ", "VBN") or \
            (w.xpos == "VBN" and any(c.upos == "AUX" for c in doc.children(w))):
        return False  # a past participle only when it stands for the past tense ('Hollande retaliated')
    if w.end <= quote.start:
        return doc.text[w.end:quote.start].strip(" \u00a0") in (",", ":")
    if w.start < quote.end:
        return False
    gap = doc.text[quote.end:w.start]
    if not gap.strip(" ,\u00a0"):
        return True
    between = [x for x in doc.words_in(quote.end, w.start) if any(c.isalnum() for c in x.text)]
    if not between or doc.text[quote.end:between[0].start].strip(" ,\u00a0\"'\u201d\u2019"):
        return False
    if len(between) == 1 and between[0].lower in ("he", "she", "they"):
        return True
    # A short noun phrase: '"…?" Beck questioned.', '"…," an angry Hollande retaliated.'
    return len(between) <= 4 and between[-1].upos in ("PROPN", "NOUN") and \
        all(x.upos in ("DET", "ADJ", "PROPN", "NOUN") for x in between) and \
        (between[0].upos != "NOUN" or between[0].text[:1].isupper())


def _mistagged_cue(doc: Doc, w: Word, quote: Quote) -> bool:
    """A cue word after a name, tagged a noun: right after the quote ('"…," Conway notes.'),
    or inflected and introducing speech ('Pew notes that …', 'Conway says:')."""
    if w.upos != "NOUN" or w.lower not in CUE_FORMS or w.i == 0 or doc.words[w.i - 1].upos != "PROPN":
        return False
    name = doc.words[w.i - 1]
    if w.start >= quote.end and doc.text[quote.end:name.start].strip(" ,\u00a0").lower() in ("", "the"):
        return True  # '"…," the Saudis state in the paper
    nxt = doc.words[w.i + 1] if w.i + 1 < len(doc.words) else None
    return w.lower.endswith(("s", "ed")) and nxt is not None and nxt.sent == w.sent and \
        (nxt.lower in ("that", ":", ",") or nxt.text in "\"\u201c\u201d'")


def _is_cue(doc: Doc, w: Word) -> bool:
    return is_speech_verb(w) or w.lower == "according" or _puts_it(doc, w)


def _puts_it(doc: Doc, w: Word) -> bool:
    """'As Professor Foner put it: "…"'."""
    nxt = doc.words[w.i + 1] if w.i + 1 < len(doc.words) else None
    return w.lemma == "put" and nxt is not None and nxt.lower == "it" and nxt.head == w.i


def _governing_cue(doc: Doc, inner: list[Word], quote: Quote) -> Word | None:
    """The nearest reporting verb outside the quote above a word of the quote in the tree."""
    for w in inner:
        node, steps = w, 0
        while node.head is not None and steps < 50:
            parent = doc.words[node.head]
            steps += 1
            if not (quote.start <= parent.start < quote.end) and _is_cue(doc, parent):
                if node.deprel in SUBJECT_RELS:
                    break
                return parent
            node = parent
    return None


def _source_of(doc: Doc, cue: Word, quote: Quote, quoted: Intervals) -> Word | None:
    """The speaker of a cue: its subject, the object of 'according to', or the subject of the
    verb it hangs from ('was quoted as saying', 'he smiled and said')."""
    def outside(w: Word) -> bool:
        return not (quote.start <= w.start < quote.end) and not quoted.covers(w.start)

    quoted_person = _quoted_as_saying(doc, cue)
    if quoted_person is not None and outside(quoted_person):
        return quoted_person
    if cue.lower == "according":
        target = ranker.according_to(doc, cue)
        if target is not None and outside(target):
            return target
        return None
    set_off = _parenthetical_speaker(doc, cue) or _agent_after_quote(doc, cue, quote)
    if set_off is not None and outside(set_off):
        return _name_in_apposition(doc, set_off) or set_off
    node, steps = cue, 0
    while node is not None and steps < 4:
        # Nearest subject first: a misparse can make a title its own subject ("Mr." "Allen").
        # When the quote follows the cue, the speaker stands before it ("X said Y was "…""):
        # a subject after the cue is then a misparse of the paraphrase's own subject.
        # A "subject" that modifies another is a misparse ("a spokesman for the campaign said").
        after = quote.start >= cue.end
        subjects = [c for c in doc.children(node) if c.deprel in SUBJECT_RELS]
        for child in sorted(doc.children(node), key=lambda c: (any(ranker.modifies(doc, c, s) for s in subjects),
                                                               after and c.i > node.i, abs(c.i - node.i))):
            if child.deprel in SUBJECT_RELS and outside(child) and not is_time(child):
                if child.lower in RELATIVE_PRONOUNS:
                    antecedent = ranker.relative_antecedent(doc, node, child)  # "Hagee, who said" -> Hagee
                    if antecedent is None or not outside(antecedent):
                        break  # none, or hung from a word of the quote: a misparse
                    return _name_in_apposition(doc, antecedent) or antecedent
                if child.upos != "PRON" or child.lower in PRONOUNS or child.lower in INDEFINITE_SOURCES:
                    return _name_in_apposition(doc, child) or child
        for child in doc.children(node):  # passive agent: "was quoted by aides"
            if child.deprel == "obl:agent" and outside(child):
                return child
        for child in doc.children(node):  # 'As Tabler noted, "…"' parsed as an "as" phrase
            if child.deprel == "obl" and child.i < node.i and child.upos == "PROPN" and outside(child) and \
                    any(c.lower == "as" and c.deprel == "case" for c in doc.children(child)):
                return child
        absolute = _with_subject(doc, node)
        if absolute is not None and outside(absolute):
            return absolute
        if node is cue and ((quote.end <= cue.start and not doc.text[quote.end:cue.start].strip(" ,\u00a0\n")) or
                            cue.i == doc.sentences[cue.sent].first or
                            (cue.xpos in ("VBD", "VBZ", "VBN") and cue.end <= quote.start and  # not "telling Reuters"
                             _INVERTED_BEFORE.match(doc.text, cue.end, quote.start))):
            # '"…," said X', 'Said X, "…"' or '…, explained Rosenberg, "…"' with X parsed as an object
            for child in doc.children(cue):
                if child.i > cue.i and child.deprel in ("obj", "obl", "iobj", "dep", "appos", "xcomp") and \
                        child.upos in ("PROPN", "NOUN") and not is_time(child) and \
                        not any(c.deprel == "case" for c in doc.children(child)):  # not "saying in a post"
                    return child
        if node.deprel in ("xcomp", "advcl", "conj", "ccomp", "parataxis") and node.head is not None:
            node = doc.words[node.head]
            steps += 1
            continue
        break
    found = _inverted_subject(doc, cue, quote) or _name_right_after(doc, cue, quote) or \
        _subject_the_parser_missed(doc, cue, outside)
    if found is None and node is not cue:  # the verb the cue hangs from ("reacted …, saying")
        found = _subject_the_parser_missed(doc, node, outside)
    return found


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
    return _name_in_apposition(doc, person) or person


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
    return name if any(c.lower == "with" and c.deprel == "case" for c in doc.children(name)) else None


def _subject_the_parser_missed(doc: Doc, verb: Word, outside) -> Word | None:
    """A finite verb with no subject is a misparse: 'Beruff, a Scott ally, called …' with the
    verb hanging from 'ally' as a modifier, or 'In a statement released Thursday, Rep. Hakeem
    Jeffries (D-N.Y.) reacted …' with the name joined to 'Thursday'. The noun it hangs from,
    else the last name before it in its sentence that is not in brackets, in a prepositional
    phrase ('catering to American Jews') or a modifier ('a GOP hopeful')."""
    children = doc.children(verb)
    finite = verb.xpos in ("VBD", "VBZ", "VBP") or \
        (verb.xpos == "VBN" and not any(c.upos == "AUX" for c in children))
    if not finite or verb.deprel not in _CLAUSE_RELS or \
            any(c.deprel in SUBJECT_RELS or c.deprel == "aux:pass" for c in children):
        return None  # not a clause's verb ("a so-called fuel"), or it has its subject
    if verb.deprel in ("acl", "acl:relcl") and verb.head is not None and verb.head < verb.i and \
            not any(c.lower in RELATIVE_PRONOUNS for c in children):
        head = doc.words[verb.head]
        if head.upos in ("NOUN", "PROPN") and outside(head) and not is_time(head):
            return _name_in_apposition(doc, head) or head
    depth = 0
    for w in reversed(doc.sentence_words(verb.sent)[:verb.i - doc.sentences[verb.sent].first]):
        depth += (w.text == ")") - (w.text == "(")
        if depth > 0 or w.text == "(" or not outside(w):
            continue
        if w.upos == "PROPN" and not is_time(w) and w.lower not in NOT_NAMES:
            run = proper_run_before(doc, doc.words[w.i + 1])
            head = run_head(run)
            if head.deprel not in ("compound", "nmod:poss", "obj", "iobj") and \
                    not any(c.deprel == "case" for c in doc.children(head)) and \
                    not _in_quotation_marks(doc.text, run[0].start, run[-1].end):
                return head  # not "Clinton, who called Sanders, told", nor '"Chaos" (his call sign) sent'
    first = doc.words[doc.sentences[verb.sent].first]
    if first.lower in INDEFINITE_SOURCES and first.i < verb.i and outside(first) and \
            (first.head == verb.i or first.deprel == "root"):
        return first  # 'Another added, "…"' with "Another" parsed as a determiner
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
    if (cue.lemma or "").lower() not in _PARENTHETICAL_CUES or cue.xpos not in ("VBZ", "VBD") or \
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
    if not any(w.head == cue.i and (w.deprel in ("xcomp", "obj") or any(  # what it was called, not
            c.lower == "as" and c.deprel == "case" for c in doc.children(w)))  # 'reported in a "hit piece" by'
            for w in ranker.quote_words(doc, quote)):
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
                                     _hyphenated(doc, following[lead])):  # "the 46-year-old senator"
        lead += 1
    rest = following[lead:]
    if rest and rest[0].upos == "PROPN":
        return _first_name_chain(rest)
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


def _name_in_apposition(doc: Doc, noun: Word) -> Word | None:
    """The parse made a role noun the subject; the name in apposition to it stands right before
    it ('Miller, a retired worker from a nuclear plant, said') or right after it ('The campaign's
    chief strategist, Joel Benenson, called')."""
    if noun.upos not in ("NOUN", "ADJ") or name_under_title(doc, noun) is not None:  # "spokesman Jesse Ferguson"
        return None  # (an adjective stands for a noun: "a Nice native", "an official")
    if noun.deprel == "appos" and noun.head is not None and doc.words[noun.head].upos == "PROPN":
        return doc.words[noun.head]  # parsed as such: "Meg Whitman, a former candidate …"
    span = mention_span(doc, noun)
    k = bisect.bisect_left(doc.words, span.start, key=lambda w: w.start) - 1
    # An apposition closes with a comma before the verb.
    close = re.match(r"[^,;.]*,", doc.text[span.end:span.end + 40])
    if close and k >= 1 and doc.words[k].text == "," and doc.words[k].sent == noun.sent and \
            not any(w.upos in ("VERB", "AUX") and w.xpos != "VB" for w in doc.words_in(span.end, span.end + close.end())):
        # (no verb but an infinitive before that comma: 'As Trump attacked Clinton, the attendees chanted, "…"')
        before = _first_name_chain(proper_run_before(doc, doc.words[k]))
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
    if words[0].lower in ("he", "she", "they"):
        return words[0]
    if words[0].upos == "PROPN":
        return _first_name_chain(words[:4])
    if len(words) == 1 and words[0].text[:1].isupper() and words[0].lower not in NOT_NAMES:
        return words[0]  # '"…," Husted said' with the surname mistagged
    if len(words) <= 5 and words[0].upos == "NOUN" and any(x.upos == "PROPN" for x in words) and \
            all(x.upos in ("NOUN", "PROPN") for x in words):
        return _first_name_chain(words)  # '"…," spokesman Stuart Roy said'
    if words[0].lower in ("the", "a", "an", "one", "another") and len(words) <= 10:
        # '"…," the White House spokesman, Josh Earnest, said': the name, else the role noun
        after_comma = [w for w in words if w.upos == "PROPN" and doc.words[w.i - 1].text == ","]
        if after_comma:
            return _first_name_chain(words[words.index(after_comma[0]):])
        return next((w for w in words if w.upos == "NOUN"), None) or _first_name_chain(words)
    return None


def _lead_in_or_signature(doc: Doc, quote: Quote, quoted: Intervals) -> _Attribution | None:
    """'"…" -Commissioner Geoffrey Starks' after the quote (or on a short line of its own right
    after it: '"…" / - Bernie Sanders.'), or a line before it ending in a colon that names the
    speaker ('And from Chairwoman Rosenworcel:')."""
    text = doc.text
    dash = _DASH_SIGNATURE.match(text, quote.end)
    line_end = text.find("\n", dash.end()) if dash else -1
    line_end = len(text) if line_end < 0 else line_end
    if dash and (not dash.group("own_line") or line_end - dash.end() <= _SIGNATURE_LINE):
        name = _first_name_chain(doc.words_in(dash.end(), min(line_end, dash.end() + 80)))
        if name is not None:
            return _Attribution(None, name, "explicit")
    bracket = _BRACKET_SIGNATURE.match(text, quote.end)
    if bracket:
        words = doc.words_in(*bracket.span(1))
        run = next((k for k, w in enumerate(words) if not is_name_word(w)), len(words))
        # A full name, then a comma or the bracket's end: not "(Applause)" or "(AP Photo/…)"
        if run >= 2 and (run == len(words) or words[run].text == ","):
            return _Attribution(None, _first_name_chain(words), "explicit")
    para_start = text.rfind("\n", 0, quote.start)
    before = text[max(0, para_start - 200):quote.start]
    if para_start >= 0 and not text[para_start:quote.start].strip() and before.rstrip().endswith(":"):
        line_start = text.rfind("\n", 0, len(before.rstrip()) + max(0, para_start - 200) - 1) + 1
        words = doc.words_in(line_start, para_start)
        for w in reversed(words):  # the cue nearest the colon: '…must go to perform … He said:'
            if _is_cue(doc, w):
                src = _source_of(doc, w, quote, quoted)
                if src is not None:
                    return _Attribution(w, src, "explicit")
        name = _first_name_chain(words)
        if name is not None:
            return _Attribution(None, name, "explicit")
    return None


def _credit(text: str, quote: Quote) -> Span | None:
    """The outlet or writer credited at the end of the quote's paragraph, in a digest of other
    outlets' stories: 'OBAMA'S LAST STATE OF THE UNION "…" [AP.]', '… [Lee Moran, HuffPost]'."""
    end = text.find("\n", quote.end, quote.end + _CREDIT_REACH)
    if end < 0 and len(text) > quote.end + _CREDIT_REACH:
        return None  # a long paragraph: no digest item
    m = _CREDIT.search(text, quote.end, len(text) if end < 0 else end + 1)
    name = m and _CREDIT_NAME.match(text, m.start(1), m.end(1))
    if not name or _NOT_CREDITS.search(m.group(1)):  # "[Applause]", "[AP Photo/Evan Vucci]", "[12]"
        return None
    rest = text[name.end():m.end(1)].strip(" .")
    if rest and rest[0] not in ",|":  # "[Democratic results, …]", "[10:29.]": no credit
        return None
    return Span(name.group(), name.start(), name.end())


def _capitalised_headline(text: str, quote: Quote) -> bool:
    """The quote's line opens with words in capitals and nothing else: 'STORM HITS THE COAST "…"'."""
    start = text.rfind("\n", max(0, quote.start - _HEADLINE_REACH), quote.start)
    if start < 0 and quote.start > _HEADLINE_REACH:
        return False
    before = text[start + 1:quote.start]
    return any(c.isupper() for c in before) and not any(c.islower() for c in before)


def _dash_label(doc: Doc, quote: Quote) -> Word | None:
    """A digest's item: 'Pollsters agree - Carl Bialik: "…"', the names after a dash and
    before the colon that opens the quote."""
    line_start = doc.text.rfind("\n", max(0, quote.start - LINE_SPEAKER_REACH), quote.start) + 1
    m = _DASH_LABEL.search(doc.text, line_start, quote.start)
    if m is None:
        return None
    words = doc.words_in(*m.span(1))
    if not words or not all(is_name_word(w) or w.lower in ("and", ",") for w in words):
        return None
    return _first_name_chain(words)


def _first_name_chain(words: list[Word]) -> Word | None:
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


def _interrupted(doc: Doc, prev: Quote, quote: Quote) -> bool:
    """The quote goes on after its own attribution, in the same sentence: '"…," said X, "…"'."""
    gap = doc.text[prev.end:quote.start]
    marks = [span for span in (prev.cue, prev.speaker.mention if prev.speaker else None) if span is not None]
    if not marks or len(gap) > _INTERRUPTION or "\n" in gap or not gap.rstrip().endswith(",") or \
            not all(prev.end <= span.start and span.end <= quote.start for span in marks):
        return False
    words = doc.words_in(prev.end, quote.start)
    if any(_is_cue(doc, w) and not (marks[0].start <= w.start < marks[0].end) for w in words):
        return False  # a second attribution: '"…," Ryan said on CNN, though he said, "…"'
    return len({w.sent for w in words + ranker.quote_words(doc, quote)[:1]}) == 1


def _continues(doc: Doc, prev: Quote, quote: Quote) -> bool:
    """A quote with no attribution of its own continues the previous speaker when it follows
    within two paragraphs and no other person is named as a subject in between."""
    between = doc.text[prev.end:quote.start]
    if between.count("\n\n") > 1 or len(between) > 1500:
        return False
    mention = prev.speaker.mention if prev.speaker else None
    prev_sent = doc.sentence_at(max(0, prev.end - 1))
    for w in doc.words_in(prev.end, quote.start):
        if (mention is not None and mention.start <= w.start < mention.end) or \
                (prev_sent is not None and w.sent == prev_sent.index):
            continue  # the previous quote's own attribution ('"…," he said. "…"')
        if w.deprel in SUBJECT_RELS and (w.upos == "PROPN" or w.lower in ("he", "she")) and \
                w.lower not in NOT_NAMES and not _same_name(w, prev):  # "said Monday": not a person
            return False
    return True


def _recent_subject(doc: Doc, quote: Quote, quoted: Intervals) -> Word | None:
    """A quote with no attribution of its own and no previous speaker to continue: the person
    the article was just talking about, the last person named as a subject before it
    ('Viguerie is upbeat about Cruz's chances. / "Not only can Ted Cruz win …"')."""
    sent = doc.sentence_at(quote.start)
    if sent is None:
        return None
    first = doc.sentences[max(0, sent.index - ANTECEDENT_SENTENCES)].first
    for w in reversed([x for x in doc.words[first:sent.last] if x.start < quote.start]):
        if w.deprel in SUBJECT_RELS and not quoted.covers(w.start) and not is_time(w) and \
                (w.upos == "PROPN" or w.lower in ("he", "she")) and w.lower not in NOT_NAMES:
            return _name_in_apposition(doc, w) or w
    return None


def _same_name(w: Word, prev: Quote) -> bool:
    return prev.speaker is not None and w.text in prev.speaker.name.split()


def _standalone(text: str, quote: Quote) -> bool:
    left = text.rfind("\n", 0, quote.start) + 1
    right = text.find("\n", quote.end)
    right = len(text) if right < 0 else right
    return not (text[left:quote.start] + text[quote.end:right]).strip()


def _context_name(text: str) -> Span | None:
    m = _CONTEXT_HEADING.search(text)
    if not m:
        return None
    return Span(m.group(1), m.start(1), m.end(1))


def mention_span(doc: Doc, head: Word) -> Span:
    """The contiguous nominal around a head word: 'Jim Mattis', "Putin's spokesman", 'he'."""
    lo, hi = head.i, head.i
    stack = [head]
    while stack:
        node = stack.pop()
        for child in doc.children(node):
            if child.deprel in _MENTION_PARTS or child.deprel.startswith(("compound", "flat")):
                if child.deprel == "punct" and (child.lower not in ("'s", "\u2019s", ".") or abs(child.i - node.i) > 1):
                    continue  # a possessive or an abbreviation's point, not the sentence's full stop
                if child.deprel == "case" and node is head and (child.i < node.i or head.deprel == "nmod:poss"):
                    continue  # the preposition of "according to X", "said of Sanders"; the 's of "Lavrov's"
                lo, hi = min(lo, child.i), max(hi, child.i)
                stack.append(child)
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
    words = doc.words[lo:hi + 1]
    # Keep only the contiguous part around the head (a stray dependent can sit far away).
    start_i = head.i
    while start_i > lo and doc.words[start_i - 1] in words and doc.words[start_i - 1].sent == head.sent:
        start_i -= 1
    start, end = doc.words[start_i].start, doc.words[hi].end
    if hi == head.i and head.deprel == "nmod:poss":  # "Lavrov's" is one token: the mention is "Lavrov"
        end -= len(_POSSESSIVE_S.search(doc.text, start, end).group())
    return Span(doc.text[start:end], start, end)


def _cue_span(doc: Doc, cue: Word) -> Span:
    """The cue word, with its particle for phrasal verbs ('shot back'), 'to' for 'according to'
    or 'it' for 'put it'."""
    nxt = doc.words[cue.i + 1] if cue.i + 1 < len(doc.words) else None
    if nxt is not None and nxt.sent == cue.sent and (
            (cue.lower == "according" and nxt.lower == "to") or _puts_it(doc, cue) or
            (((cue.lemma or ""), nxt.lower) in PHRASAL and nxt.head == cue.i)):  # any relation for "back"
        return Span(doc.text[cue.start:nxt.end], cue.start, nxt.end)
    return Span(doc.text[cue.start:cue.end], cue.start, cue.end)


__all__ = ["attribute", "candidate_mention", "mention_span", "name_of", "NAMING_VERBS"]
