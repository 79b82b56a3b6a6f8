"""Property tests: the mark finder (pure, many examples) and the real engine (few examples) on
arbitrary Unicode mixed with quotation marks, newlines, control characters, emoji and RTL text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.api.schemas import dump_extraction
from service.engine.marks import ALL_MARK_CHARS, find_quoted_spans
from service.offsets import utf16_converter, utf16_length

QUOTE_MARKS = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", "\u201e", "``", "''",
               "\u201a", "\u2039", "\u203a", "\u201f", "\uff02"]
MARK_CHARS = set(ALL_MARK_CHARS) | set("".join(QUOTE_MARKS))
PIECES = [
    " ", " ", "\n", "\n\n", "\r\n", "\t", "\u2029", "\u2028", "\u00a0", "\u200b", "\x00", "\x0b", "\x0c", "\x1f",
    "\x85", "\ufeff", ",", ".", ":", ";", "!", "?", "(", ")", "-", "\u2014", "<b>", "</p>", "<a href=\"x\">",
    "said", "he said", "she told reporters", "Mattis", "Trump", "rock 'n' roll", "don't", "'90s", "it's",
    "We are ready", "the minister", "\U0001F600", "\U0001F44D\U0001F3FD", "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u200f", "caf\u00e9", "e\u0301", "\u4e2d\u6587",
]
_fragment = st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(PIECES),
    st.text(min_size=1, max_size=12),  # arbitrary code points, surrogates excluded by default
)
quote_texts = st.lists(_fragment, max_size=60).map("".join)


def check_spans(text: str, spans) -> None:
    previous_end = 0
    for q in spans:
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text), q
        assert q.start >= previous_end, f"overlapping spans: {spans}"
        previous_end = q.end
        span = text[q.start:q.end]
        assert span and span[0] in MARK_CHARS, (q, span)
        assert text[q.start:q.inner_start] and set(text[q.start:q.inner_start]) <= MARK_CHARS, q
        if q.closed:
            assert span[-1] in MARK_CHARS, (q, span)
            assert text[q.inner_end:q.end] and set(text[q.inner_end:q.end]) <= MARK_CHARS, q
        else:
            assert q.inner_end == q.end, q
        assert any(c.isalnum() for c in q.inner(text)), q


@settings(max_examples=1500, deadline=None)
@given(quote_texts)
def test_find_quoted_spans_is_total_in_range_and_deterministic(text):
    spans = find_quoted_spans(text)
    check_spans(text, spans)
    assert find_quoted_spans(text) == spans


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_find_quoted_spans_on_any_text(text):
    check_spans(text, find_quoted_spans(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(QUOTE_MARKS + [" ", "a", "\n", "\n\n", "s", "'s "]), max_size=80).map("".join))
def test_find_quoted_spans_on_mark_soup(text):
    check_spans(text, find_quoted_spans(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_utf16_converter_matches_encoding(text):
    conv = utf16_converter(text)
    for i in range(len(text) + 1):
        assert conv(i) == len(text[:i].encode("utf-16-le", "surrogatepass")) // 2
    assert utf16_length(text) == conv(len(text))


# ---- the real engine -----------------------------------------------------------------------------

_sentence = st.lists(st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(PIECES),
    st.sampled_from(['"We will not wait," the minister said.', "\u201cIt is over,\u201d Mattis told reporters. ",
                     "She said: \u2018no way\u2019. ", "\u00abOui\u00bb, a-t-il dit. ", "He called it a 'hoax'. "]),
    st.text(min_size=1, max_size=10),
), max_size=30).map("".join)


# An interview or a transcript: labelled lines holding arbitrary text (turns holding quotes).
_transcript = st.lists(st.tuples(st.sampled_from(["Q", "A", "SMITH", "JAKE TAPPER", "TAPPER", "UPDATE"]), _sentence),
                       min_size=2, max_size=6).map(
    lambda turns: "Zadie Smith spoke.\n\n" + "\n\n".join(f"{label}: {words}" for label, words in turns))


def _check_extraction(text: str, result) -> None:
    ids = {s.id for s in result.speakers}
    assert len(ids) == len(result.speakers), "duplicate speaker ids"
    previous_end = turn_end = 0
    for i, quote in enumerate(result.quotes):
        assert 0 <= quote.start < quote.end <= len(text), quote
        span = text[quote.start:quote.end]
        if quote.type == "turn":  # the words after a line's label, no marks; it may hold quotes
            assert quote.start >= max(previous_end, turn_end), f"overlapping quotes: {result.quotes}"
            assert quote.text == span and not span[0].isspace() and not span[-1].isspace(), quote
            turn_end = quote.end
        else:  # quotes never overlap but lie wholly inside a turn that holds them
            assert quote.start >= previous_end, f"overlapping quotes: {result.quotes}"
            assert quote.start >= turn_end or quote.end <= turn_end, f"a quote across a turn: {result.quotes}"
            assert span[0] in MARK_CHARS, (quote, span)
            assert quote.text in span[1:], (quote, span)
            previous_end = quote.end
        assert quote.text.strip(), quote
        for part in (quote.cue, quote.speaker.mention if quote.speaker else None):
            if part is not None:
                assert 0 <= part.start <= part.end <= len(text), part
                assert text[part.start:part.end] == part.text, part
        if quote.speaker is not None:
            assert quote.speaker.id in ids, quote
            assert i in next(s for s in result.speakers if s.id == quote.speaker.id).quotes
    for speaker in result.speakers:
        for mention in speaker.mentions:
            assert 0 <= mention.start <= mention.end <= len(text), mention
            assert text[mention.start:mention.end] == mention.text, mention
        for i in speaker.quotes:
            assert 0 <= i < len(result.quotes)


@pytest.mark.parametrize("include_nonspeech", [False, True])
def test_engine_properties(engine, include_nonspeech):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
              database=None)
    @given(_sentence)
    def check(text):
        result = engine.extract(text, include_nonspeech=include_nonspeech)
        _check_extraction(text, result)
        assert engine.extract(text, include_nonspeech=include_nonspeech) == result  # deterministic

        # UTF-16 offsets in the response body convert back to the same substrings
        units = text.encode("utf-16-le", "surrogatepass")
        body = dump_extraction(result, text, "utf16")
        assert body["meta"]["characters"] == len(units) // 2
        for quote, same in zip(body["quotes"], result.quotes):
            assert units[2 * quote["start"]:2 * quote["end"]].decode("utf-16-le") == text[same.start:same.end]
            for key in ("speaker", "cue"):
                if quote[key] is not None:
                    part = quote[key]
                    assert units[2 * part["start"]:2 * part["end"]].decode("utf-16-le") == part["text"]

    check()


def test_engine_properties_on_transcripts(engine):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(_transcript)
    def check(text):
        _check_extraction(text, engine.extract(text))

    check()
