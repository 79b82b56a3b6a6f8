"""Speech or not, and direct or partial: decisions the parse makes, through the real models.
(Mark pairing alone is covered by tests/unit/test_engine_marks.py.)"""
from __future__ import annotations

import pytest


def speech(engine, text: str) -> list[str]:
    return [q.text for q in engine.extract(text).quotes]


def types(engine, text: str) -> dict[str, str]:
    return {q.text: q.type for q in engine.extract(text, include_nonspeech=True).quotes}


NOT_SPEECH = {
    "nickname": ("The general, nicknamed \"Mad Dog\" by his troops, retired in 2013.", "Mad Dog"),
    "call sign": ('After the invasion, "Chaos" (his radio call sign) sent home his tanks.', "Chaos"),
    "dubbed operation": ('He led an operation into Fallujah in 2004 dubbed "Operation Vigilant Resolve."',
                         "Operation Vigilant Resolve."),
    "named operation": ('He also helped to plan the later "Operation Phantom Fury."', "Operation Phantom Fury."),
    "known as": ('The plan, known as "Project Lighthouse," was shelved in May.', "Project Lighthouse,"),
    "title of a work": ('She starred in "The Long Goodbye" and later directed two films.', "The Long Goodbye"),
}


@pytest.mark.parametrize("case", NOT_SPEECH, ids=list(NOT_SPEECH))
def test_names_and_labels_are_not_speech(engine, case):
    text, quoted = NOT_SPEECH[case]
    assert quoted not in speech(engine, text)
    kinds = types(engine, text)
    assert kinds.get(quoted) in ("name", "scare"), kinds  # reported, typed, when asked for


SPEECH = {
    "direct after cue": ('Mattis said: "We are not in a position right now to collaborate."', "direct"),
    "direct before cue": ('"We are not in a position right now to collaborate," Mattis said.', "direct"),
    "partial in paraphrase": ('Mattis said Russia was "not in a position" to help.', "partial"),
    "partial object": ('Putin called for cooperation "without preconditions" on Thursday.', "partial"),
    "question": ('"What does Russia need to stop doing?" a reporter asked.', "direct"),
}


@pytest.mark.parametrize("case", SPEECH, ids=list(SPEECH))
def test_reported_speech_is_found_and_typed(engine, case):
    text, kind = SPEECH[case]
    result = engine.extract(text)
    assert len(result.quotes) == 1, [q.text for q in result.quotes]
    assert result.quotes[0].type == kind


def test_a_quote_over_several_paragraphs_is_one_quote(engine):
    text = ('"We will rebuild the bridge this year,\n\n'
            '"and the school next year,\n\n'
            '"and nothing will stop us," the mayor said.')
    result = engine.extract(text)
    assert len(result.quotes) == 1
    q = result.quotes[0]
    assert (q.start, q.end) == (0, text.index(" the mayor"))
    assert q.speaker is not None and "mayor" in q.speaker.name


def test_a_quote_inside_a_quote_stays_inside(engine):
    text = "\u201cThey told us \u2018go home\u2019 and we did not,\u201d the farmer said."
    result = engine.extract(text)
    assert len(result.quotes) == 1
    assert result.quotes[0].text == "They told us \u2018go home\u2019 and we did not,"


def test_a_stray_mark_does_not_swallow_the_next_paragraph(engine):
    text = ('Officials called it a "routine check.\n\n'
            '"We found nothing unusual," the inspector said.')
    result = engine.extract(text)
    last = result.quotes[-1]
    assert last.text == "We found nothing unusual,"
    assert last.speaker is not None and "inspector" in last.speaker.name
    assert all(q.end <= text.index("\n\n") or q.start > text.index("\n\n") for q in result.quotes)


def test_offsets_hold_with_nbsp_zero_width_and_crlf(engine):
    text = 'Intro\u00a0line.\r\n\r\n\u200b\u201cWe are\u00a0ready,\u201d said\u00a0Ana\u200b Silva.\r\n'
    result = engine.extract(text)
    assert len(result.quotes) == 1
    q = result.quotes[0]
    assert text[q.start:q.end] == "\u201cWe are\u00a0ready,\u201d"
    assert q.speaker is not None
    m = q.speaker.mention
    assert text[m.start:m.end] == m.text
    assert text[q.cue.start:q.cue.end] == "said"


def test_html_markup_is_not_read_as_quotes_or_words(engine):
    text = ('<p class="lead">The council met on Monday.</p>\n'
            '<p><a href="/x" title="say &quot;hi&quot;">\u201cWe are ready,\u201d</a> Ana Silva said.</p>')
    result = engine.extract(text)
    assert [q.text for q in result.quotes] == ["We are ready,"]
    assert result.quotes[0].speaker.name == "Ana Silva"
