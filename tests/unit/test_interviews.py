"""Interview and transcript layouts: who a 'SMITH:' or an 'A:' line is (text only, no Stanza)."""
from service.engine.layout import interview_turn, interviewee
from service.engine.marks import line_speaker

TRANSCRIPT = ("The novelist Zadie Smith spoke about her book. Smith lives in London.\n\n"
              "UPDATE: corrected.\n\nSMITH: I do.\n\nQ: Is it hard?\n\nA: It is.")


def test_a_capitals_label_is_a_speaker_when_the_article_names_that_surname():
    at = TRANSCRIPT.index("I do")
    start, end = line_speaker(TRANSCRIPT, at)
    assert TRANSCRIPT[start:end] == "SMITH"
    assert line_speaker(TRANSCRIPT, TRANSCRIPT.index("corrected")) is None  # no one called Update


def test_question_and_answer_lines():
    assert interview_turn(TRANSCRIPT, TRANSCRIPT.index("Is it")) == "Q"
    assert interview_turn(TRANSCRIPT, TRANSCRIPT.index("It is.")) == "A"
    assert interview_turn(TRANSCRIPT, TRANSCRIPT.index("I do")) is None
    assert interview_turn("A man said so.", 5) is None  # an article, not an answer


def test_the_interviewee_is_the_full_name_given_most():
    text = "Ann Lee met Zadie Smith. Zadie Smith smiled. Ann Lee left.\n\nA: Yes."
    name = interviewee(text)
    assert (name.text, name.start) == ("Ann Lee", 0)  # a tie: the first named
    assert interviewee(TRANSCRIPT).text == "Zadie Smith"
    assert interviewee("no names here") is None


def test_the_interviewers_lines():
    from service.engine.layout import asks

    text = "Zadie Smith spoke.\n\nREPORTER: You said so?\n\nSMITH: I did.\n\nQ: Why?\n\nA: Because."
    assert asks(text, text.index("You"), "Zadie Smith") and asks(text, text.index("Why"), "Zadie Smith")
    assert not asks(text, text.index("I did"), "Zadie Smith")  # her own label
    assert not asks(text, text.index("Because"), "Zadie Smith") and not asks(text, 3, "Zadie Smith")


def test_the_narrator_of_a_first_person_article_is_the_author_named_at_its_top():
    from service.engine.layout import narrator

    assert narrator("Ann Coulter: And Then There Was the One.\n\nI always hoped.").text == "Ann Coulter"
    assert narrator("Why I left\nBy Jane Q. Public\n\nI was 19.").text == "Jane Q. Public"
    excerpt = ("Stealing America, Part 3.\n\nEditor\u2019s Note: The following is part 3 of 3 exclusive excerpts "
               "from bestselling author Dinesh D\u2019Souza\u2019s new book, Stealing America.")
    assert narrator(excerpt).text == "Dinesh D\u2019Souza"
    assert narrator("Trump wins Ohio\n\nDonald Trump won, I was told by an aide.") is None  # news: no author named
    assert narrator("Clinton: we will win.\n\nShe said so.") is None  # one word is no author's name


def _turns(text):
    from service.engine.layout import transcript_turns

    return [(t.label.text, t.speaker, text[t.start:t.end]) for t in transcript_turns(text)]


def test_an_interviews_turns_run_on_to_the_next_question_or_answer():
    text = ("Joe Biden spoke to us on Air Force Two.\n\nQ: Are you surprised?\n\n"
            "A: I am surprised.\n\nTake a look at the campaigns.\n\nQ: Do you wish you were running?\n\n"
            "A: No.\n\nThat is all.")
    assert _turns(text) == [("Q", None, "Are you surprised?"),
                            ("A", None, "I am surprised.\n\nTake a look at the campaigns."),
                            ("Q", None, "Do you wish you were running?"),
                            ("A", None, "No.")]  # the last answer: its own paragraph only
    answers_only = "Laura Bush spoke.\n\nA: Yes.\n\nWhat next?\n\nA: No."  # the questions lost their 'Q'
    assert _turns(answers_only) == [("A", None, "Yes."), ("A", None, "No.")]
    assert _turns("Q: Why?\n\nA: Because.") == []  # one answer is no interview


def test_a_transcripts_labelled_lines_are_their_speakers_named_in_full():
    text = ("Governor Mary Fallin spoke on CNN.\n\nJAKE TAPPER: Take a listen.\n\n(BEGIN VIDEO CLIP.)\n\n"
            "TRUMP: Racial divisions have gotten worse.\n\nTAPPER: Do you agree?\n\n"
            "FALLIN: I think we all need to work together.\n\nDonald Trump did not comment.")
    assert _turns(text) == [("JAKE TAPPER", "Jake Tapper", "Take a listen."),
                            ("TRUMP", "Donald Trump", "Racial divisions have gotten worse."),
                            ("TAPPER", "Jake Tapper", "Do you agree?"),
                            ("FALLIN", "Mary Fallin", "I think we all need to work together.")]


def test_headline_labels_make_no_transcript():
    assert _turns("BOOM: Trump Fires Back.\n\nUPDATE: More soon.\n\nEXCLUSIVE: A memo.") == []
    assert _turns(TRANSCRIPT) == []  # one 'SMITH:' line and one answer
    assert _turns("UPDATE: one.\n\nUPDATE: two.\n\nUPDATE: three.") == []  # one label, and not a speaker's


def test_the_interviewee_is_not_the_writer_in_the_byline():
    assert interviewee("By Jane Doe\n\nThe novelist Zadie Smith talked to us.\n\nA: Yes.").text == "Zadie Smith"


def test_the_interviewee_is_a_person_not_a_place():
    text = ("Laura Bush on Afghanistan\n\nFormer first lady Laura Bush spoke.\n\nA: The United States must stay. "
            "The United States is needed.\n\nA: The United States will help.")
    assert interviewee(text).text == "Laura Bush"


def test_a_turn_inside_or_across_a_quote_is_none():
    from service.engine.model import Quote
    from service.engine.pipeline import _turns_around, _with_turns

    text = "Zadie Smith talked.\n\nA: I said no.\n\nA: Yes, and more."
    first, second = text.index("I said"), text.index("Yes")
    held = Quote("no", first + 7, first + 9, "partial")
    across = Quote("Yes, and", second - 3, second + 8, "direct")
    assert [q.type for q in _with_turns(text, [held], _turns_around(text, [held]))] == ["turn", "partial", "turn"]
    both = [held, across]
    assert [(q.type, q.start) for q in _with_turns(text, both, _turns_around(text, both))] == \
        [("turn", first), ("partial", first + 7), ("direct", second - 3)]


def test_a_broadcast_transcripts_label_may_give_the_speakers_role():
    text = ("Zadie Smith talks to Terry Gross.\n\nTERRY GROSS, HOST: This is FRESH AIR.\n\n"
            "ZADIE SMITH: Thank you.\n\nGROSS: Welcome.")
    assert _turns(text) == [("TERRY GROSS", "Terry Gross", "This is FRESH AIR."),
                            ("ZADIE SMITH", "Zadie Smith", "Thank you."), ("GROSS", "Terry Gross", "Welcome.")]


def test_questions_and_answers_may_be_labelled_in_words():
    text = "Zadie Smith talked.\n\nQUESTION: Why?\n\nANSWER: Because.\n\nInterviewer: And?\n\nAnswer: Yes."
    assert _turns(text) == [
        ("QUESTION", None, "Why?"), ("ANSWER", None, "Because."), ("Interviewer", None, "And?"), ("Answer", None, "Yes.")]
    from service.engine.layout import transcript_turns

    assert [t.role for t in transcript_turns(text)] == ["Q", "A", "Q", "A"]
