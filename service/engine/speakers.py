"""Who said it: each speech quote's cue and speaker, then one entry per person.

A transcript's turn (an interview's question or answer, a labelled line) is its label's speaker
(`transcript_turn`). Each other quote goes through `STEPS` in order; the first step that
decides gives its speaker:

1. interrupted: the second half of '"…," said X, "…"' shares the first half's attribution;
2. dash-label: a digest's 'Headline - Carl Bialik: "…"' (the layout leaves nothing to weigh);
3. ranked: the sieves' pick (`sieves.SIEVES`) and every other source the parse offers,
   chosen by the learned ranker (`ranker.py`); skipped for a digest item's capitalised headline;
4. credit: a digest item's closing credit ('… [Reuters.]');
5. continuation: the previous quote's speaker, when no one else is named in between;
6. context-heading: a "quotes from X" heading, for a quote alone on its line;
7. recent-subject: for a direct quote, the person just named as a subject before it.

Quotes are built anew (`dataclasses.replace`); the ones given are not changed.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from . import ranker
from .confidence import confidence, evidence
from .cues import cue_span, is_cue
from .layout import (Turn, asks, byline, capitalised_headline, context_heading, credit, dash_label, interview_turn,
                     interviewee, narrator, standalone)
from .lexicon import (ANTECEDENT_SENTENCES, CONTINUATION_CHARS, NOT_NAMES, PRONOUNS,
                      SINGULAR_PERSON, SUBJECT_RELS)
from .marks import Intervals, interruption_gap
from .model import SPEECH_TYPES, Quote, Span, Speaker, SpeakerRef
from .parse import Doc, Word
from .resolve import EntityTable, in_dateline, name_of
from .sieves import Context, Finding, context, first_finding
from .sources import name_in_apposition, speaker_mention
from .tree import is_time, mention_span, quote_words

__all__ = ["STEPS", "attribute", "candidate_mention", "mention_span", "name_of", "speaker_candidates"]


@dataclass(frozen=True)
class Decision:
    """What a step concludes for one quote: how the speaker is named and linked."""

    method: str  # one of model.ATTRIBUTIONS
    rule: str  # the step's or sieve's name
    mention: Span  # the mention the attribution rests on
    source: Word | None = None  # a parsed mention's head: linked through the entity table
    name: str | None = None  # a name the layout gives ('[Reuters.]', 'FALLIN:'): linked by name
    entity: str | None = None  # an entity already known (interrupted, continuation)
    cue: Span | None = None
    contested: bool = False


class Walk:
    """The article-level state of one attribution run: the entity table and the last quote
    that got a speaker."""

    def __init__(self, doc: Doc, quotes: list[Quote], turns: Sequence[Turn] = ()):
        self.doc = doc
        # A speaker never stands inside quotation marks; a turn holds its own quotes and their speakers.
        self.quoted = Intervals([(q.start, q.end) for q in quotes if q.type != "turn"])
        self.entities = EntityTable(doc, self.quoted)
        self.heading = context_heading(doc.text)
        self.previous: tuple[Quote, str] | None = None  # the last attributed quote (as built) and its entity
        self.interviewee: Span | None | bool = None  # found on the first 'A:' line (False: none)
        self.narrator: Span | None | bool = None  # a first-person article's author (False: none named)
        self.turns = turns

    def turn_at(self, pos: int) -> Turn | None:
        """The transcript turn that `pos` is in."""
        return next((t for t in self.turns if t.start <= pos < t.end), None)


Step = Callable[[Walk, Quote], "Decision | None"]


def attribute(doc: Doc, quotes: list[Quote], check: Callable[[], None] | None = None,
              turns: Sequence[Turn] = ()) -> tuple[list[Quote], list[Speaker]]:
    """The quotes with cue, speaker, attribution, rule and confidence filled in for each speech
    quote, and the speakers, each once, with their mentions and quotes. `turns` are the
    transcript turns (`layout.transcript_turns`) that the quotes of type "turn" stand for.
    `check` is called between quotes (a deadline: it raises to stop)."""
    walk = Walk(doc, quotes, turns)
    built = []
    for index, quote in enumerate(quotes):
        if check is not None:
            check()
        built.append(_attributed(walk, index, quote) if quote.type in SPEECH_TYPES else quote)
    return walk.entities.speakers(built)


def _attributed(walk: Walk, index: int, quote: Quote) -> Quote:
    steps = (transcript_turn,) if quote.type == "turn" else STEPS
    decision = next((d for step in steps if (d := step(walk, quote)) is not None), None)
    if decision is None:
        return replace(quote, attribution="none", confidence=confidence(evidence("none", False), quote.speech_probability))
    entity = decision.entity
    if decision.source is not None:
        entity = walk.entities.link(decision.source, decision.mention)
    elif decision.name is not None:
        entity = walk.entities.link_name(decision.name)
    walk.entities.add_quote(entity, index, decision.mention)
    built = replace(quote, speaker=SpeakerRef(name=walk.entities.name(entity), mention=decision.mention, id=entity),
                    cue=decision.cue, attribution=decision.method, rule=decision.rule,
                    contested=decision.contested,
                    confidence=confidence(evidence(decision.method, decision.contested), quote.speech_probability))
    if quote.type != "turn":  # a turn's quotes come after it, and are no continuation of it
        walk.previous = (built, entity)
    return built


def transcript_turn(walk: Walk, quote: Quote) -> Decision | None:
    """An interview's answer is the interviewee's, the person the article names most, and its
    question the interviewer's, the byline's writer; a transcript's labelled line ('FALLIN: …')
    is its label's speaker, named in full where the article gives the name ('Mary Fallin')."""
    turn = walk.turn_at(quote.start)
    found = _turn_speaker(walk, turn) if turn is not None else None
    if found is None:
        return None
    if turn.speaker is not None:
        return Decision("explicit", "transcript-label", found[0], name=found[1])
    rule = "interview-question" if turn.role == "Q" else "interview-answer"
    return Decision("context", rule, found[0], name=found[1])


def _turn_speaker(walk: Walk, turn: Turn) -> tuple[Span, str] | None:
    """The mention and the name of a turn's speaker: its label's, a question's interviewer or an
    answer's interviewee."""
    if turn.speaker is not None:
        return turn.label, turn.speaker
    name = byline(walk.doc.text) if turn.role == "Q" else _interviewee(walk)
    return (name, name.text) if name else None


# --- The steps, in order ---

def interrupted(walk: Walk, quote: Quote) -> Decision | None:
    """'"Make no mistake," warned Paul Ryan, "this is …"': one attribution for both halves."""
    if walk.previous is None or not _interrupted(walk.doc, walk.previous[0], quote):
        return None
    prior, entity = walk.previous
    return Decision(prior.attribution, "interrupted", prior.speaker.mention, entity=entity, cue=prior.cue,
                    contested=prior.contested)


def labelled(walk: Walk, quote: Quote) -> Decision | None:
    """A digest's dash label names the speaker, set off by the layout itself."""
    if _headline_item(walk, quote):
        return None
    source = dash_label(walk.doc, quote)
    return None if source is None else _explicit(walk.doc, Finding("dash-label", source), False)


def ranked(walk: Walk, quote: Quote) -> Decision | None:
    """The ranker's choice among the sieves' pick and the other sources the parse offers."""
    if _headline_item(walk, quote):
        return None  # 'STORM HITS THE COAST "…" [Reuters.]': the headline is no attribution
    ctx = context(walk.doc, quote, walk.quoted)
    pick = first_finding(ctx)
    chosen, contested = ranker.choose(walk.doc, quote, _candidates(ctx, pick))
    if chosen is None:
        return None
    decision = _explicit(walk.doc, _finding_of(walk.doc, chosen, pick), contested)
    if decision.source is not None and decision.source.lower == "you":
        return _addressed(walk, quote, decision)
    if decision.source is not None and decision.source.lower == "i":
        return _narrated(walk, quote, decision)
    return decision


def _narrated(walk: Walk, quote: Quote, decision: Decision) -> Decision:
    """'"Your Honor," I said': the narrator of a first-person article is its author, named at its
    top; in a transcript's turn, "I" is the turn's speaker."""
    turn = walk.turn_at(quote.start)
    found = _turn_speaker(walk, turn) if turn is not None else None
    if found is not None:
        return replace(decision, source=None, name=found[1])
    if walk.narrator is None:
        walk.narrator = narrator(walk.doc.text) or False
    return replace(decision, source=None, name=walk.narrator.text) if walk.narrator else decision


def _addressed(walk: Walk, quote: Quote, decision: Decision) -> Decision:
    """'REPORTER: You once called fiction "a kind of empathy."': the interviewer's "you" is the
    interviewee; in a transcript's labelled turn, the next speaker to answer."""
    addressee = _addressee(walk, quote)
    if addressee is not None:
        return replace(decision, source=None, name=addressee)
    name = _interviewee(walk)
    if not name or not asks(walk.doc.text, quote.start, name.text):
        return decision
    return replace(decision, source=None, name=name.text)


def _addressee(walk: Walk, quote: Quote) -> str | None:
    """Whom a labelled turn speaks to: the next other speaker, else the last before it."""
    turn = walk.turn_at(quote.start)
    if turn is None or turn.speaker is None:
        return None
    others = [t for t in walk.turns if t.speaker not in (None, turn.speaker)]
    after = [t for t in others if t.start > turn.start]
    before = [t for t in others if t.start < turn.start]
    return after[0].speaker if after else before[-1].speaker if before else None


def _interviewee(walk: Walk) -> Span | None:
    if walk.interviewee is None:
        walk.interviewee = interviewee(walk.doc.text) or False
    return walk.interviewee or None


def credited(walk: Walk, quote: Quote) -> Decision | None:
    """A digest item: a credit ends the quote's paragraph, and no quote before it there has a
    speaker ('"A," Sanders said. "B." [CNN]': B is Sanders')."""
    name = _credit(walk, quote)
    return None if name is None else Decision("explicit", "credit", name, name=name.text)


def interview_answer(walk: Walk, quote: Quote) -> Decision | None:
    """A quote in an interview's 'A:' line: the interviewee's, the person the article names most."""
    if interview_turn(walk.doc.text, quote.start) != "A":
        return None
    name = _interviewee(walk)
    return Decision("context", "interview-answer", name, name=name.text) if name else None


def continuation(walk: Walk, quote: Quote) -> Decision | None:
    if walk.previous is None or not _continues(walk.doc, walk.previous[0], quote):
        return None
    prior, entity = walk.previous
    return Decision("continuation", "continuation", prior.speaker.mention, entity=entity)


def heading(walk: Walk, quote: Quote) -> Decision | None:
    """A "quotes from X" heading names the speaker of a quote alone on its line."""
    if walk.heading is None or not standalone(walk.doc.text, quote):
        return None
    return Decision("context", "context-heading", walk.heading, name=walk.heading.text)


def recent_subject(walk: Walk, quote: Quote) -> Decision | None:
    """A direct quote with no attribution of its own and no previous speaker to continue: the
    person the article was just talking about, the last person named as a subject before it
    ('Viguerie is upbeat about Cruz's chances. / "Not only can Ted Cruz win …"')."""
    subject = _recent_subject(walk.doc, quote, walk.quoted) if quote.type == "direct" else None
    if subject is None:
        return None
    return Decision("context", "recent-subject", mention_span(walk.doc, subject), source=subject)


STEPS: tuple[Step, ...] = (interrupted, labelled, ranked, credited, interview_answer, continuation, heading,
                           recent_subject)


# --- Ranking ---

def speaker_candidates(doc: Doc, quote: Quote, quoted: Intervals) -> list[ranker.Candidate]:
    """The rules' pick and every other source the parse offers, for the ranker."""
    ctx = context(doc, quote, quoted)
    return _candidates(ctx, first_finding(ctx))


def _candidates(ctx: Context, pick: Finding | None) -> list[ranker.Candidate]:
    cands = ranker.candidates(ctx.doc, ctx.quote, lambda w: not ctx.quoted.covers(w.start),
                              pick.source if pick else None, pick.cue if pick else None)
    return [c for c in cands if not in_dateline(ctx.doc, c.source)]


def _finding_of(doc: Doc, chosen: ranker.Candidate, pick: Finding | None) -> Finding:
    """The chosen candidate as a finding: the sieve's own when the ranker kept the rules' pick;
    else named by the candidate's relation, its role noun replaced by the name in apposition."""
    rule = pick.rule if chosen.rule else f"ranker:{chosen.relation}"
    return Finding(rule, _chosen_source(doc, chosen), chosen.cue)


def _chosen_source(doc: Doc, chosen: ranker.Candidate) -> Word:
    return chosen.source if chosen.rule else name_in_apposition(doc, chosen.source) or chosen.source


def candidate_mention(doc: Doc, cand: ranker.Candidate) -> Span:
    """The mention the response gives when the ranker picks this candidate ("who" for a
    relative clause's speaker, a role noun's name in apposition)."""
    return speaker_mention(doc, cand.cue, _chosen_source(doc, cand))


def _explicit(doc: Doc, finding: Finding, contested: bool) -> Decision:
    method = "pronoun" if finding.source.lower in PRONOUNS else "explicit"
    return Decision(method, finding.rule, speaker_mention(doc, finding.cue, finding.source), source=finding.source,
                    cue=cue_span(doc, finding.cue) if finding.cue is not None else None, contested=contested)


# --- Discourse ---

def _credit(walk: Walk, quote: Quote) -> Span | None:
    """The digest credit of a quote that opens a new paragraph or has no speaker before it."""
    name = credit(walk.doc.text, quote)  # first: it looks at a bounded stretch of text
    prior = walk.previous[0] if walk.previous is not None else None
    if name is None or (prior is not None and walk.doc.text.find("\n", prior.end, quote.start) < 0):
        return None
    return name


def _headline_item(walk: Walk, quote: Quote) -> bool:
    return _credit(walk, quote) is not None and capitalised_headline(walk.doc.text, quote)


def _interrupted(doc: Doc, prev: Quote, quote: Quote) -> bool:
    """The quote goes on after its own attribution, in the same sentence: '"…," said X, "…"'."""
    marks = [span for span in (prev.cue, prev.speaker.mention if prev.speaker else None) if span is not None]
    if not marks or not interruption_gap(doc.text, prev.end, quote.start) or \
            not all(prev.end <= span.start and span.end <= quote.start for span in marks):
        return False
    words = doc.words_in(prev.end, quote.start)
    if any(is_cue(doc, w) and not (marks[0].start <= w.start < marks[0].end) for w in words):
        return False  # a second attribution: '"…," Ryan said on CNN, though he said, "…"'
    return len({w.sent for w in words + quote_words(doc, quote)[:1]}) == 1


def _continues(doc: Doc, prev: Quote, quote: Quote) -> bool:
    """A quote with no attribution of its own continues the previous speaker when it follows
    within two paragraphs and no other person is named as a subject in between."""
    if quote.start - prev.end > CONTINUATION_CHARS or doc.text.count("\n\n", prev.end, quote.start) > 1:
        return False
    mention = prev.speaker.mention if prev.speaker else None
    prev_sent = doc.sentence_at(max(0, prev.end - 1))
    for w in doc.words_in(prev.end, quote.start):
        if (mention is not None and mention.start <= w.start < mention.end) or \
                (prev_sent is not None and w.sent == prev_sent.index):
            continue  # the previous quote's own attribution ('"…," he said. "…"')
        if w.deprel in SUBJECT_RELS and (w.upos == "PROPN" or w.lower in SINGULAR_PERSON) and \
                w.lower not in NOT_NAMES and not _same_name(w, prev):  # "said Monday": not a person
            return False
    return True


def _recent_subject(doc: Doc, quote: Quote, quoted: Intervals) -> Word | None:
    sent = doc.sentence_at(quote.start)
    if sent is None:
        return None
    first = doc.sentences[max(0, sent.index - ANTECEDENT_SENTENCES)].first
    for w in reversed([x for x in doc.words[first:sent.last] if x.start < quote.start]):
        if w.deprel in SUBJECT_RELS and not quoted.covers(w.start) and not is_time(w) and \
                (w.upos == "PROPN" or w.lower in SINGULAR_PERSON) and w.lower not in NOT_NAMES and not in_dateline(doc, w):
            return name_in_apposition(doc, w) or w
    return None


def _same_name(w: Word, prev: Quote) -> bool:
    return prev.speaker is not None and w.text in prev.speaker.name.split()
