"""The two sample articles end to end through the real models.

The expectations below were written from reading the articles (../shared/samples/), not from the
program's output: every quotation a careful reader would call speech, who said it, and the quoted
names and labels that are not speech.
"""
from __future__ import annotations

import pytest

from support import SHARED

MARKS = "\"'\u201c\u201d\u2018\u2019"

# (a phrase from inside the quote, the speaker's surname, the quote's type)
REUTERS_SPEECH = [
    ("We are not in a position right now", "Mattis", "direct"),
    ("Right now, I would just say there's very little doubt", "Mattis", "direct"),
    # the photo gallery "19 memorable quotes from James 'Mad Dog' Mattis"
    ("You cannot allow any of your people to avoid the brutal facts", "Mattis", "direct"),
    ("If in order to kill the enemy you have to kill an innocent", "Mattis", "direct"),
    ("I come in peace. I didn't bring artillery", "Mattis", "direct"),
    ("The first time you blow someone away", "Mattis", "direct"),
    ("I feel sorry for every son of a b****", "Mattis", "direct"),
    ("Be polite, be professional", "Mattis", "direct"),
    ("We've backed off in good faith", "Mattis", "direct"),
    ("I don't lose any sleep at night", "Mattis", "direct"),
    ("A country that armed Stalin to defeat Hitler", "Mattis", "direct"),
    ("You go into Afghanistan, you got guys who slap women", "Mattis", "direct"),
    ("he should have chosen his words more carefully", "Hagee", None),
    ("In this age, I don't care how tactically", "Mattis", "direct"),
    ("Find the enemy that wants to end this experiment", "Mattis", "direct"),
    ("Treachery has existed as long as there's been warfare", "Mattis", "direct"),
    ("Fight with a happy heart", "Mattis", "direct"),
    ("we will move swiftly and aggressively", "Mattis", None),
    ("It's in everyone's interest to resume dialog", "Putin", "direct"),
    ("It's absolutely clear that in the area of counter-terrorism", "Putin", "direct"),
    ("negotiate from a position of strength", "Mattis", "partial"),
    ("definition of treason", "Moulton", "partial"),
    ("Attempts to build a dialog with Russia", "Shoigu", "direct"),
    ("I have no need to respond to the Russian statement", "Mattis", "direct"),
]
# Quoted nicknames and operation names: not speech.
REUTERS_NOT_SPEECH = ["Mad Dog", "Chaos", "Operation Vigilant Resolve", "Operation Phantom Fury"]

BREITBART_SPEECH = [
    (" not in a position ", "Mattis", "partial"),
    (" collaborate ", "Mattis", "partial"),
    ("What does Russia need to stop doing", "reporter", "direct"),
    (" there \u2019s very little doubt ", "Mattis", "partial"),
    ("either interfered or they have attempted to interfere", "Mattis", "partial"),
    ("principal threats", "Mattis", "partial"),
    ("from a position of strength", "Mattis", "partial"),
    ("The point about Russia is they have to live", "Mattis", "direct"),
    ("We thoroughly discussed the increased threats", "Mattis", "direct"),
    ("And unified by the threats to our democracies", "Mattis", "direct"),
    ("all relevantgovernments and international groups", "Putin", "partial"),
    ("NATO bedrock for the Thursday", "Mattis", "partial"),
]


def read(name: str) -> str:
    return (SHARED / "samples" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reuters(engine):
    text = read("reuters-mattis-gallery.txt")
    return text, engine.extract(text)


@pytest.fixture(scope="module")
def breitbart(engine):
    text = read("breitbart-mattis-tokenized.txt")
    return text, engine.extract(text)


def find(result, phrase: str):
    hits = [q for q in result.quotes if phrase in q.text]
    return hits[0] if len(hits) == 1 else None


def check_found(text, result, expected):
    missing = [phrase for phrase, _, _ in expected if find(result, phrase) is None]
    assert not missing, f"speech quotes not found (or found twice): {missing}"
    for phrase, _, _ in expected:
        q = find(result, phrase)
        span = text[q.start:q.end]
        assert span[0] in MARKS and span[-1] in MARKS, span
        assert span[1:-1] == q.text, (span, q.text)


def speaker_hits(result, expected) -> tuple[int, list]:
    wrong = []
    for phrase, surname, _ in expected:
        q = find(result, phrase)
        name = q.speaker.name if q and q.speaker else None
        if name is None or surname.lower() not in name.lower():
            wrong.append((phrase, surname, name))
    return len(expected) - len(wrong), wrong


@pytest.mark.parametrize("sample", ["reuters", "breitbart"])
def test_every_speech_quote_is_found_with_exact_offsets(sample, request):
    text, result = request.getfixturevalue(sample)
    check_found(text, result, REUTERS_SPEECH if sample == "reuters" else BREITBART_SPEECH)


@pytest.mark.parametrize("sample", ["reuters", "breitbart"])
def test_at_least_nine_in_ten_quotes_have_the_right_speaker(sample, request):
    _, result = request.getfixturevalue(sample)
    expected = REUTERS_SPEECH if sample == "reuters" else BREITBART_SPEECH
    right, wrong = speaker_hits(result, expected)
    assert right >= 0.9 * len(expected), f"{right}/{len(expected)} right; wrong: {wrong}"


def test_nicknames_and_operation_names_are_not_reported_as_speech(reuters):
    _, result = reuters
    reported = [q.text for q in result.quotes]
    for name in REUTERS_NOT_SPEECH:
        assert not any(name in t for t in reported), (name, reported)


def test_nicknames_are_reported_with_their_own_type_when_asked_for(engine):
    text = read("reuters-mattis-gallery.txt")
    result = engine.extract(text, include_nonspeech=True)
    by_text = {q.text.strip(" ."): q.type for q in result.quotes}
    assert by_text.get("Mad Dog") == "name"
    assert by_text.get("Operation Phantom Fury") == "name"


def test_partial_and_direct_quotes_are_typed(reuters, breitbart):
    for (_, result), expected in ((reuters, REUTERS_SPEECH), (breitbart, BREITBART_SPEECH)):
        wrong = [(phrase, kind, find(result, phrase).type) for phrase, _, kind in expected
                 if kind is not None and find(result, phrase).type != kind]
        assert len(wrong) <= 2, wrong


def test_the_people_quoted_in_the_reuters_story_are_one_entry_each(reuters):
    _, result = reuters
    for surname in ("Mattis", "Putin", "Shoigu", "Hagee"):
        entries = [s for s in result.speakers if surname in s.name]
        assert len(entries) == 1, (surname, [s.name for s in result.speakers])
    # and no one else: not his call sign "Chaos", not a dateline or an organisation
    others = [s.name for s in result.speakers
              if not any(person in s.name for person in ("Mattis", "Putin", "Shoigu", "Hagee", "Moulton"))]
    assert others == [], others
    mattis = next(s for s in result.speakers if "Mattis" in s.name)
    assert mattis.name == "Jim Mattis"  # the full name the story gives him first
    assert len(mattis.quotes) >= 18


def test_the_gallery_quotes_are_attributed_from_context(reuters):
    _, result = reuters
    q = find(result, "Be polite, be professional")
    assert q.attribution in ("context", "continuation")
    assert 0.0 <= q.confidence <= 1.0
