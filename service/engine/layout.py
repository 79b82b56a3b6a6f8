"""Speakers the layout names, not the grammar: a digest item's credit ('… [Reuters.]') and its
capitalised headline, a dash label ('Pollsters agree - Carl Bialik: "…"'), a "quotes from X"
heading, a quote standing alone on its line. Pure functions of the text (and its words)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .animacy import is_thing_name, place_names
from .lexicon import CREDIT_REACH, HEADLINE_REACH, NARRATOR_CHARS, NOT_SPEAKER_LABELS, TRANSCRIPT_TURNS
from .marks import LINE_SPEAKER_REACH
from .model import Quote, Span
from .parse import Doc, Word
from .resolve import full_names, name_runs
from .tree import first_name_chain, is_name_word

# Searched over the quote's line: a digest item's 'Headline - Carl Bialik: "…"'.
_DASH_LABEL = re.compile(r"[ \u00a0][-\u2013\u2014][ \u00a0]+([^\n:]{2,80}?)[ \u00a0]*:[ \u00a0]*\Z")
# A digest item's closing credit, at the end of the quote's paragraph: 'HEADLINE "…" [WaPo.]'.
_CREDIT = re.compile(r"\[([^\[\]\n]{1,60})\][ \t\r\u00a0]*(?:\n|\Z)")
_CREDIT_NAME = re.compile(r"[A-Z][\w&'\u2019/-]*(?:[ \u00a0]+[A-Z0-9][\w&'\u2019/-]*){0,3}")
_NOT_CREDITS = re.compile(r"(?i)\b(?:applause|laugh\w*|cheer\w*|crosstalk|inaudible|boo\w*|music|video|photo\w*|sic)\b")
_CONTEXT_HEADING = re.compile(
    r"\bquotes?\s+(?:from|by)\s+((?:[A-Z][\w.\u2019'-]*|['\u2018\u2019\"\u201c\u201d][^'\"\u2019\u201d\n]{1,30}"
    r"['\u2019\"\u201d])(?:\s+(?:[A-Z][\w.\u2019'-]*|['\u2018\"\u201c][^'\"\u2019\u201d\n]{1,30}['\u2019\"\u201d]))*)"
)


def credit(text: str, quote: Quote) -> Span | None:
    """The outlet or writer credited at the end of the quote's paragraph, in a digest of other
    outlets' stories: 'OBAMA'S LAST STATE OF THE UNION "…" [AP.]', '… [Lee Moran, HuffPost]'."""
    end = text.find("\n", quote.end, quote.end + CREDIT_REACH)
    if end < 0 and len(text) > quote.end + CREDIT_REACH:
        return None  # a long paragraph: no digest item
    m = _CREDIT.search(text, quote.end, len(text) if end < 0 else end + 1)
    name = m and _CREDIT_NAME.match(text, m.start(1), m.end(1))
    if not name or _NOT_CREDITS.search(m.group(1)):  # "[Applause]", "[AP Photo/Evan Vucci]", "[12]"
        return None
    rest = text[name.end():m.end(1)].strip(" .")
    if rest and rest[0] not in ",|":  # "[Democratic results, …]", "[10:29.]": no credit
        return None
    return Span(name.group(), name.start(), name.end())


def capitalised_headline(text: str, quote: Quote) -> bool:
    """The quote's line opens with words in capitals and nothing else: 'STORM HITS THE COAST "…"'."""
    start = text.rfind("\n", max(0, quote.start - HEADLINE_REACH), quote.start)
    if start < 0 and quote.start > HEADLINE_REACH:
        return False
    before = text[start + 1:quote.start]
    return any(c.isupper() for c in before) and not any(c.islower() for c in before)


def dash_label(doc: Doc, quote: Quote) -> Word | None:
    """A digest's item: 'Pollsters agree - Carl Bialik: "…"', the names after a dash and
    before the colon that opens the quote."""
    reach = max(0, quote.start - LINE_SPEAKER_REACH)  # a label is short: never search a huge line whole
    line_start = max(reach, doc.text.rfind("\n", reach, quote.start) + 1)
    m = _DASH_LABEL.search(doc.text, line_start, quote.start)
    if m is None:
        return None
    words = doc.words_in(*m.span(1))
    if not words or not all(is_name_word(w) or w.lower in ("and", ",") for w in words):
        return None
    return first_name_chain(words)


def context_heading(text: str) -> Span | None:
    """The X of a "quotes from X" heading: the speaker of the quotes that stand alone below it."""
    m = _CONTEXT_HEADING.search(text)
    return Span(m.group(1), m.start(1), m.end(1)) if m else None


def standalone(text: str, quote: Quote) -> bool:
    """The quote is alone on its line."""
    left = text.rfind("\n", 0, quote.start) + 1
    right = text.find("\n", quote.end)
    right = len(text) if right < 0 else right
    return not (text[left:quote.start] + text[quote.end:right]).strip()


_INTERVIEW_TURN = re.compile(r"[ \t\u00a0]*([QA])[.:][ \u00a0]")


def _label_before(pattern: re.Pattern, text: str, pos: int) -> re.Match | None:
    """`pattern` matched at the start of pos's line, ending before pos; a line start further back
    than LINE_SPEAKER_REACH is never searched for."""
    reach = max(0, pos - LINE_SPEAKER_REACH)
    line_start = text.rfind("\n", reach, pos) + 1
    if line_start == 0 and reach > 0:
        return None
    m = pattern.match(text, line_start)
    return m if m and m.end() <= pos else None


def interview_turn(text: str, pos: int) -> str | None:
    """"Q" or "A" when the line that `pos` is on opens a question or an answer of an interview."""
    m = _label_before(_INTERVIEW_TURN, text, pos)
    return m.group(1) if m else None


_CAPITALS_NAME = r"[A-Z][A-Z.'\u2019-]+(?:[ \u00a0][A-Z][A-Z.'\u2019-]+){0,2}"  # a transcript's 'JAKE TAPPER'
_CAPITALS_LABEL = re.compile(rf"[ \t\u00a0]*({_CAPITALS_NAME}):[ \u00a0]")


def asks(text: str, pos: int, interviewee_name: str) -> bool:
    """Is the line that `pos` is on the interviewer's: a 'Q:' line, or one a capitals label opens
    that is not the interviewee's ('REPORTER:', 'GROSS:' beside 'SMITH:')?"""
    if interview_turn(text, pos) == "Q":
        return True
    m = _label_before(_CAPITALS_LABEL, text, pos)
    return m is not None and m.group(1).split()[-1].title() != interviewee_name.split()[-1]


# Who "I" is in a first-person article: its byline ("By Ann Coulter"), a columnist's headline
# ("Ann Coulter: And Then There Was the One."), or the author of the book it is excerpted from.
_PERSON_NAME = r"[A-Z][\w.'\u2019-]+(?:[ \u00a0][A-Z][\w.'\u2019-]+){1,3}"
_BYLINE = re.compile(rf"^[ \t\u00a0]*By[ \u00a0]+({_PERSON_NAME})[ \t\u00a0]*$", re.MULTILINE)
_COLUMN_HEADLINE = re.compile(rf"\A[ \t\u00a0]*({_PERSON_NAME}):[ \u00a0]")
_EXCERPT = re.compile(rf"\b(?:[Ee]xcerpts?|[Aa]dapted)\b[^.\n]{{0,120}}?\b({_PERSON_NAME})['\u2019]s[ \u00a0]"
                      r"(?:(?:new|latest|forthcoming|bestselling)[ \u00a0])?(?:book|memoir)\b")


def byline(text: str) -> Span | None:
    """The writer its top names ('By Jane Doe'): an interview's interviewer."""
    m = _BYLINE.search(text[:NARRATOR_CHARS])
    return None if m is None else Span(m.group(1), m.start(1), m.end(1))


def interviewee(text: str) -> Span | None:
    """Whom a question-and-answer article interviews: the full name of a person it gives most
    often, not its byline's (its first mention)."""
    writer = byline(text)
    places = place_names(text)
    runs = [run for run in name_runs(text) if len(run.name.split()) > 1 and not is_thing_name(run.name, places)
            and (writer is None or run.name != writer.text)]
    if not runs:
        return None
    counts = Counter(run.name for run in runs)
    best = max(counts, key=lambda name: counts[name])  # ties: the first named (max keeps the first)
    first = next(r for r in runs if r.name == best)
    offset = first.written.replace("\u00a0", " ").find(best)
    if offset < 0:
        return None
    start = first.start + offset
    return Span(text[start:start + len(best)], start, start + len(best))


# A line's speaker label in an interview or a transcript: 'Q:', 'A:', 'TAPPER:', 'JAKE TAPPER:',
# and with a role after the name as broadcasters' transcripts write it ('TERRY GROSS, HOST:').
_TURN_LABEL = re.compile(rf"^[ \t\u00a0]*(?:(Q|A|QUESTION|ANSWER|Question|Answer|INTERVIEWER|Interviewer)[.:]|"
                         rf"({_CAPITALS_NAME})(?:,[ \u00a0][A-Z][A-Z.'\u2019 -]{{1,30}})?:)[ \u00a0]+(?=\S)", re.MULTILINE)


_INTERVIEW_ROLES = {"q": "Q", "question": "Q", "interviewer": "Q", "a": "A", "answer": "A"}


@dataclass(frozen=True)
class Turn:
    """One speaker's turn in an interview or a transcript: the words after its line's label."""

    label: Span  # 'FALLIN', 'A', 'QUESTION'
    start: int
    end: int
    speaker: str | None  # a labelled speaker's name as a caption gives it; None in an interview
    role: str | None = None  # in an interview, "Q" (the interviewer's question) or "A" (the answer)


def transcript_turns(text: str) -> list[Turn]:
    """The turns of an interview ('Q:', 'A:', when it has two answers at least) and of a
    transcript's labelled speakers, in order. A question or an answer runs on over the
    paragraphs up to the next answer or question; a labelled turn is its paragraph."""
    labels = list(_TURN_LABEL.finditer(text))
    asked = [(m, _INTERVIEW_ROLES[m.group(1).lower()]) for m in labels if m.group(1)]
    turns = []
    if sum(role == "A" for _, role in asked) >= 2:
        for (m, role), (after, next_role) in zip(asked, asked[1:] + [(None, None)]):
            bound = after.start() if after is not None and next_role != role else None
            turns.append(Turn(Span(m.group(1), m.start(1), m.end(1)), m.end(), _turn_end(text, m.end(), bound), None,
                              role))
    names = _labelled_speakers(text, [m for m in labels if m.group(2)])
    for m in labels:
        speaker = m.group(2) and names.get(_label_key(m.group(2)))
        if speaker:
            turns.append(Turn(Span(m.group(2), m.start(2), m.end(2)), m.end(), _turn_end(text, m.end(), None), speaker))
    return sorted(turns, key=lambda t: t.start)


def _turn_end(text: str, start: int, bound: int | None) -> int:
    """The end of the turn's last word: its paragraph's, or the last before `bound`."""
    end = text.find("\n", start)
    end = bound if bound is not None else (len(text) if end < 0 else end)
    return len(text[:end].rstrip())


def _label_key(label: str) -> str:
    """'JAKE TAPPER', 'TAPPER' and 'MR. TAPPER' label one speaker."""
    return label.split()[-1].strip(".'\u2019")


def _labelled_speakers(text: str, labels: list[re.Match]) -> dict[str, str]:
    """{label key: caption name} of the capitals labels that name a transcript's speakers: a
    label used twice or more, or a person's surname, with two speakers and TRANSCRIPT_TURNS
    labelled lines at least ('BOOM:' or 'UPDATE:' opening one line is no transcript)."""
    if len(labels) < TRANSCRIPT_TURNS:
        return {}
    counts = Counter(_label_key(m.group(2)) for m in labels)
    people = _people_by_surname(text)
    keys = {key for key, n in counts.items() if key.lower() not in NOT_SPEAKER_LABELS and (n >= 2 or key in people)}
    if len(keys) < 2 or sum(counts[key] for key in keys) < TRANSCRIPT_TURNS:
        return {}
    longest = {}
    for m in labels:
        key = _label_key(m.group(2))
        if key in keys and len(m.group(2)) > len(longest.get(key, "")):
            longest[key] = m.group(2)
    return {key: people.get(key) or " ".join(longest[key].title().split()) for key in keys}


def _people_by_surname(text: str) -> dict[str, str]:
    """{SURNAME: the full name the text gives it}, for names written in mixed case."""
    return {surname.upper(): name for surname, name in full_names(name_runs(text), text).items()
            if any(c.islower() for c in name)}


def narrator(text: str) -> Span | None:
    """The author a first-person article names at its top (its first NARRATOR_CHARS)."""
    top = text[:NARRATOR_CHARS]
    m = _BYLINE.search(top) or _COLUMN_HEADLINE.match(top) or _EXCERPT.search(top)
    return None if m is None else Span(m.group(1), m.start(1), m.end(1))
