"""The quotation-mark finder on hand-written texts, one phenomenon per test."""
import pytest

from service.engine.marks import find_quoted_spans, line_speaker, paragraphs


def quoted(text):
    return [text[q.start:q.end] for q in find_quoted_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "We are ready." Then left.', ['"We are ready."']),
    ("He said \u201cWe are ready.\u201d Then left.", ["\u201cWe are ready.\u201d"]),
    ("Headline: Trump \u2018Very Good Reporter.\u2019", ["\u2018Very Good Reporter.\u2019"]),
    ("He called it 'a disgrace' yesterday.", ["'a disgrace'"]),
    ("Sie sagte \u201eWir sind bereit\u201c heute.", ["\u201eWir sind bereit\u201c"]),
    ("Il a dit \u00abNous sommes pr\u00eats\u00bb hier.", ["\u00abNous sommes pr\u00eats\u00bb"]),
    ("Mixed \u201cpair one\" and \"pair two\u201d here.", ["\u201cpair one\"", "\"pair two\u201d"]),
    ("''We are ready,'' he said, as Times copy types it.", ["''We are ready,''"]),
    ("``We are ready,'' he said.", ["``We are ready,''"]),
])
def test_mark_styles(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", [
    "They don't know Mattis' plans for rock 'n' roll in the '90s.",
    "Trump\u2019s aides didn\u2019t say where Mattis\u2019 office was in the \u201990s.",
    "It's the dog's bone, isn't it?",
])
def test_apostrophes_are_not_quotes(text):
    assert quoted(text) == []


def test_single_quote_with_apostrophes_inside():
    text = "Trump: \u2018I\u2019m the Worst Thing That Ever Happened.\u2019\n\nMore text."
    assert quoted(text) == ["\u2018I\u2019m the Worst Thing That Ever Happened.\u2019"]


def test_plural_possessive_is_not_the_closing_mark():
    text = "Trump calls the governors' plan 'stupid' today."
    assert quoted(text) == ["'stupid'"]


def test_space_padded_marks_in_pretokenized_text():
    text = 'The military is " not in a position " at the moment to " collaborate " with Russia .'
    assert quoted(text) == ['" not in a position "', '" collaborate "']


def test_multi_paragraph_quote_is_one_quote():
    text = "\u201cFirst paragraph of the quote.\n\n\u201cSecond paragraph.\n\n\u201cThird and last.\u201d\n\nAfter."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end] == text[:text.index("\n\nAfter")]
    assert spans[0].closed


def test_quote_inside_quote_stays_inside():
    text = "\u201cHe told me \u2018never\u2019 and \"no\" again,\u201d she said."
    assert quoted(text) == ["\u201cHe told me \u2018never\u2019 and \"no\" again,\u201d"]


def test_unbalanced_mark_stops_at_its_paragraph():
    text = "He said \u201cthis never closes.\n\nA new paragraph with \u201ca real quote\u201d in it."
    spans = find_quoted_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["\u201cthis never closes.", "\u201ca real quote\u201d"]
    assert [q.closed for q in spans] == [False, True]


def test_stray_closing_mark_opens_nothing():
    text = "It ended, Earnest said.\"\n\nNext \"quote\" here."
    assert quoted(text) == ['"quote"']


def test_interrupted_quote_is_two_quotes():
    text = '"We are ready," he said, "and willing."'
    assert quoted(text) == ['"We are ready,"', '"and willing."']


def test_offsets_survive_nbsp_zero_width_and_crlf():
    text = "Intro\u00a0\u200b text.\r\n\r\n\u201cQuoted\u00a0words,\u201d\u200b she said.\r\n"
    (span,) = find_quoted_spans(text)
    assert text[span.start:span.end] == "\u201cQuoted\u00a0words,\u201d"
    assert span.inner(text) == "Quoted\u00a0words,"


def test_marks_inside_html_attributes_are_ignored():
    text = '<tweet pic="" author="RealBenCarson">We must act</tweet> and "real quote" here.'
    assert quoted(text) == ['"real quote"']


def test_wrapped_line_does_not_break_a_paragraph():
    text = "\u201cSupporters have focused on advertising that has a limited effect\nin caucuses and primaries.\u201d"
    assert quoted(text) == [text]
    assert len(paragraphs(text)) == 1


@pytest.mark.parametrize("text, name", [
    ("Graham: Trump\u2019s \u2018Incredibly Hateful Rhetoric\u2019 Destroying GOP\u2019s Chance", "Graham"),
    ("An interview.\nLopez: Well, no one is like, \u2018My 401(k) is speculation.\u2019", "Lopez"),
    ("McCain Challenger Kelli Ward: Impeach AG Lynch, \u2018Stop DC at the Bathroom Door.\u2019", "McCain Challenger Kelli Ward"),
    ("UPDATE: the vote is \u2018final\u2019", None),  # a label, not a name
    ("The Latest: Trump delivers defense of \u2018New York values.\u2019", None),
    ("He said: \u2018we are ready\u2019", None),  # not a name
    ("Mattis said \u2018no\u2019 and left: twice", None),  # the colon comes after the quote
])
def test_line_speaker(text, name):
    span = line_speaker(text, text.index("\u2018"))
    assert (text[span[0]:span[1]] if span else None) == name


def test_line_speaker_looks_back_a_bounded_stretch():
    text = "Graham: " + "x " * 400 + "\u2018quote\u2019"
    assert line_speaker(text, text.index("\u2018")) is None  # the line's start is too far back
    assert line_speaker(text, 20) == (0, 6)


# British and Commonwealth style: single marks for speech, double ones inside them.

BRITISH = (
    "\u2018We were poor,\u2019 he said. \u2018The players\u2019 union said \u201cno\u201d to us.\u2019\n\n"
    "Smith added: \u2018It\u2019s been hard since the \u201990s.\n\n"
    "\u2018But we have stayed, rock \u2019n\u2019 roll and all.\u2019\n\n"
    "He called it \u2018a disgrace\u2019 and \u2018a farce\u2019."
)


def test_british_style_single_marks_pair_as_speech_marks():
    assert quoted(BRITISH) == [
        "\u2018We were poor,\u2019",
        "\u2018The players\u2019 union said \u201cno\u201d to us.\u2019",  # possessive and inner doubles inside
        BRITISH[BRITISH.index("\u2018It"):BRITISH.index("\n\nHe called")],  # runs over a re-opened paragraph
        "\u2018a disgrace\u2019", "\u2018a farce\u2019",  # a closing s-mark before a word, then another quote
    ]


def test_british_style_with_straight_marks():
    text = "'We were poor,' he said. 'It's true, and we're fine.'\n\n'Still,' she said, 'don't go.'"
    assert quoted(text) == ["'We were poor,'", "'It's true, and we're fine.'", "'Still,'", "'don't go.'"]


def test_british_style_quote_inside_quote_nests():
    text = "\u2018He told me, \u2018No, never,\u2019 and left,\u2019 she said. \u2018I stayed.\u2019"
    assert quoted(text) == ["\u2018He told me, \u2018No, never,\u2019 and left,\u2019", "\u2018I stayed.\u2019"]


def test_british_long_quote_is_not_cut():
    body = " ".join(["We kept on working through the night."] * 20)  # far past a scare quote's length
    text = f"\u2018{body}\u2019 he said.\n\n\u2018Yes,\u2019 she said."
    assert quoted(text) == [f"\u2018{body}\u2019", "\u2018Yes,\u2019"]


def test_us_style_single_marks_stay_headline_and_nested_only():
    text = ("Trump: \u2018Very Good Reporter\u2019\n\n\u201cHe said \u2018never,\u2019\u201d she said. "
            "\u201cWe\u2019re done,\u201d he said.")
    assert quoted(text) == ["\u2018Very Good Reporter\u2019", "\u201cHe said \u2018never,\u2019\u201d",
                            "\u201cWe\u2019re done,\u201d"]


@pytest.mark.parametrize("opening, closing", [('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("'", "'")])
def test_quote_reopened_mid_line_after_a_lost_paragraph_break_runs_on(opening, closing):
    # '"First paragraph.\n\n"Second …' with the break lost: one quote over both, as with the break.
    text = (f"He said: {opening}We are ready. We have waited. {opening}Now we go,{closing} he said. "
            f"Fans called it {opening}a plan{closing} then. {opening}Fine.{closing}")
    assert quoted(text) == [f"{opening}We are ready. We have waited. {opening}Now we go,{closing}",
                            f"{opening}a plan{closing}", f"{opening}Fine.{closing}"]


def test_a_mark_after_a_phrase_quoted_mid_sentence_opens_a_new_quote():
    text = 'They called it "a plan. "Now we go," he said.'
    assert quoted(text) == ['"a plan.', '"Now we go,"']


def test_british_plural_possessive_inside_a_quote_that_runs_on():
    text = ("\u2018The players\u2019 union will say what it wants, but it\u2019s my job.\n\n"
            "\u2018We go again,\u2019 he said. Fans called it \u2018the Jones\u2019 era\u2019 and \u2018a mess\u2019.")
    assert quoted(text)[0] == text[:text.index("\u2019 he said") + 1]
