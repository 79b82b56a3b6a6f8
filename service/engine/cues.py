"""Reporting cues: the verbs and phrases that introduce speech, and the sentences worth parsing."""
from __future__ import annotations

from .marks import QuotedSpan
from .model import Quote
from .parse import Doc, Sentence, Word
from .resolve import ANTECEDENT_SENTENCES, PRONOUNS

# Lemmas of verbs that report speech or writing. Collected from news copy (the PolNeAR train
# split's cues) and the verbs newsroom style guides list; the parse decides whether a use is a cue.
SPEECH_VERBS = frozenset("""
say tell add write continue tweet ask note report explain reply state declare conclude recall
respond argue read pledge acknowledge accuse suggest insist promise assure warn announce admit
urge chant claim complain predict quip shout yell scream joke boast vow emphasize emphasise
stress observe remark comment mention testify concede confirm deny maintain contend assert
allege caution counter retort snap charge demand wonder muse lament grumble post blog recount
elaborate reiterate repeat proclaim pronounce opine gush sigh exclaim whisper mutter murmur
cry plead beg implore reason offer agree disagree object protest complain inform advise
threaten thunder fume rail scoff sneer tease marvel rave hail praise slam blast criticize
criticise attack lash describe characterize characterise call label dub brand term
interject interrupt chime add answer reassure reveal disclose insist explain remind swear
guarantee estimate forecast acknowledge apologize apologise concede recommend propose
""".split())
# Verbs that name rather than report: their quoted object is usually a name or a label.
NAMING_VERBS = frozenset("call dub name nickname label brand term title christen refer".split())
# Particles that make a phrasal reporting verb: "shot back", "fired back", "went on".
PHRASAL = {("shoot", "back"), ("fire", "back"), ("go", "on"), ("point", "out"), ("hit", "back"),
           ("lash", "out"), ("cry", "out"), ("speak", "out"), ("sum", "up"), ("weigh", "in"),
           ("chime", "in"), ("push", "back"), ("write", "back")}
# Nouns that carry attribution: "in a statement", "his remarks", "according to".
SPEECH_NOUNS = frozenset("""
statement interview remarks remark speech comment comments tweet tweets post letter email
memo release testimony address op-ed editorial column essay message words press conference
""".split())

# Every inflected form of these ("going" left out: "is going to" is no cue).
_IRREGULAR = {"say": ["said", "says", "saying"], "tell": ["told", "tells", "telling"],
              "write": ["wrote", "written", "writes", "writing"], "shoot": ["shot", "shoots", "shooting"],
              "read": ["reads", "reading"], "swear": ["swore", "sworn", "swears", "swearing"],
              "go": ["went", "goes", "gone"], "cry": ["cried", "cries", "crying"], "hit": ["hits", "hitting"],
              "speak": ["spoke", "spoken", "speaks", "speaking"]}


def _forms(lemma: str) -> set[str]:
    if lemma in _IRREGULAR:
        return {lemma, *_IRREGULAR[lemma]}
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


# A long quotation is parsed by its first and last words only: what attribution and the
# speech classifier read inside a quote (its first clause, how it ends, how it hangs from the
# sentence around it) lies there, and the middle is most of the parser's work.
QUOTE_HEAD_WORDS, QUOTE_TAIL_WORDS = 6, 2


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
    a direct quote with no attribution of its own (who the article was just talking about)."""
    wanted: set[int] = set()
    for q in quotes:
        if q.speaker is not None and q.speaker.name.lower() in PRONOUNS:
            s = doc.sentence_at(q.speaker.mention.start)
        elif q.attribution in ("none", "context") and q.type == "direct":  # as speakers._recent_subject
            s = doc.sentence_at(q.start)
        else:
            continue
        if s is not None:
            wanted.update(i for i in range(max(0, s.index - back), s.index) if not doc.sentences[i].parsed)
    return sorted(wanted)


_SHORT_SENTENCE = 5  # words: '"…?" / Beck questioned.' is cheap to parse and may carry a cue


def _may_attribute(doc: Doc, s: Sentence) -> bool:
    """A sentence that can carry a neighbour's attribution: it has a cue word, is short, or is
    a lead-in line ending in a colon, or a dash signature ('-Commissioner Geoffrey Starks')."""
    text = doc.text[s.start:s.end]
    words = doc.sentence_words(s)
    return _has_cue(words) or len(words) <= _SHORT_SENTENCE or text.rstrip().endswith(":") or \
        text.lstrip()[:1] in "-\u2013\u2014"


def _has_cue(words: list[Word], outside: list[QuotedSpan] = ()) -> bool:
    return any(w.lower in CUE_FORMS and not any(q.start <= w.start < q.end for q in outside) for w in words)
