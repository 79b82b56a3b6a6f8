"""House styles through the real models: British single marks, lost paragraph breaks,
hard-wrapped wire copy, straight marks; quotes interrupted by their attribution; nicknames."""
from __future__ import annotations

import textwrap

import pytest

BRITISH = (
    "Rovers sack manager after cup defeat\n\n"
    "Blackburn Rovers have sacked their manager, Tony Mowbray, after Saturday\u2019s defeat by Wigan.\n\n"
    "\u2018We were poor,\u2019 Mowbray said after the match. \u2018The players\u2019 union will say what it "
    "wants, but it\u2019s my job to win games and we didn\u2019t.\u2019\n\n"
    "\u2018I have loved every minute here since the \u201990s,\u2019 he said. \u2018He told me, "
    "\u201cYou will always be a Rovers man,\u201d and I believe him.\u2019\n\n"
    "The search for a successor will begin at once."
)


def speech(engine, text: str):
    return [(text[q.start:q.end], q.speaker.name if q.speaker else None)
            for q in engine.extract(text).quotes]


def test_british_single_marks_are_speech_with_their_speaker(engine):
    found = speech(engine, BRITISH)
    assert [quote for quote, _ in found] == [
        "\u2018We were poor,\u2019",
        "\u2018The players\u2019 union will say what it wants, but it\u2019s my job to win games and we didn\u2019t.\u2019",
        "\u2018I have loved every minute here since the \u201990s,\u2019",
        "\u2018He told me, \u201cYou will always be a Rovers man,\u201d and I believe him.\u2019",
    ]
    assert {name for _, name in found} == {"Tony Mowbray"}


def test_british_straight_marks_match_curly_ones(engine):
    straight = BRITISH.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    assert [(s, e) for s, e in _spans(engine, straight)] == [(s, e) for s, e in _spans(engine, BRITISH)]


def _spans(engine, text):
    return [(q.start, q.end) for q in engine.extract(text).quotes]


MULTI = ("SACRAMENTO, Calif. (AP) — Senator Jane Ortiz spoke to reporters on Monday after the "
         "budget committee voted to send the school funding bill to the full Senate.\n\n"
         "“We have done the hard work that the people of this state asked for. We will not go "
         "back to the old formula, which left rural districts behind for a decade.\n\n"
         "“Every school will get its share, and every parent will be able to see it,” she said.\n\n"
         "The vote is expected on Friday, when the Senate returns from its recess and takes up "
         "the remaining spending bills.")
# Wire copy: the same article with a line break every ~65 characters, one after a sentence's end.
WRAP_AFTER = ("reporters", "school", "asked for.", "rural districts", "able to", "returns from")


@pytest.mark.parametrize("style", ["paragraphs", "flat", "wrapped", "british flat"])
def test_multi_paragraph_quote_survives_lost_or_wrapped_breaks(engine, style):
    british = MULTI.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    text = {"paragraphs": MULTI, "flat": MULTI.replace("\n", " "), "wrapped": hard_wrap(MULTI, WRAP_AFTER),
            "british flat": british.replace("\n", " ")}[style]
    found = speech(engine, text)
    assert len(found) == 1, found  # one quote over both paragraphs
    assert all(name == "Jane Ortiz" for _, name in found), found
    joined = " ".join(" ".join(quote.split()) for quote, _ in found)
    for words in ("We have done the hard work", "We will not go back", "Every school will get its share"):
        assert words in joined, found


def hard_wrap(text: str, after: tuple[str, ...]) -> str:
    """A line break for the space after each of `after` (offsets unchanged)."""
    for words in after:
        at = text.index(words + " ") + len(words)
        text = text[:at] + "\n" + text[at + 1:]
    return text


WIRE = [
    "NEW YORK (Reuters) - Shares of Acme Corp fell 12% on Tuesday after the company cut its full-year "
    "forecast, citing weaker demand in China and rising costs at its plants in Mexico.",
    "\u201cWe are seeing a slowdown that we did not anticipate,\u201d Chief Executive Jane Doe told analysts "
    "on a conference call. \u201cWe are taking steps to protect our margins.\u201d",
    "Analysts were unimpressed. \u201cThis is the third guidance cut in a row,\u201d said Tom Baker, an "
    "analyst at Morningstar. \u201cInvestors are losing patience with the management team.\u201d",
    "The company said it expects revenue of $4.1 billion to $4.3 billion, below the $4.6 billion analysts "
    "had expected."]


@pytest.mark.parametrize("between", ["\n\n", "\n    ", "\n"])  # blank lines, indented paragraphs, nothing (a PDF)
def test_wire_copy_wrapped_at_68_characters_keeps_its_speakers(engine, between):
    text = between.join(textwrap.fill(p, 68) for p in WIRE)
    quotes = engine.extract(text).quotes
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Jane Doe"] * 2 + ["Tom Baker"] * 2
    assert [" ".join(q.text.split()) for q in quotes][1] == "We are taking steps to protect our margins."


def test_quote_interrupted_by_its_attribution_is_direct_in_both_halves(engine):
    text = 'The budget passed. \u201cThe money,\u201d Newsom said, \u201cis already in the bank.\u201d'
    quotes = engine.extract(text).quotes
    assert [(q.text, q.type) for q in quotes] == [("The money,", "direct"), ("is already in the bank.", "direct")]
    assert {q.speaker.name for q in quotes} == {"Newsom"}


def test_nickname_after_known_as_is_a_name_not_speech(engine):
    text = 'Joaqu\u00edn Guzm\u00e1n, known as \u201cel Chapo,\u201d was sentenced on Wednesday, prosecutors said.'
    assert engine.extract(text).quotes == []
    (quote,) = engine.extract(text, include_nonspeech=True).quotes
    assert (quote.text, quote.type) == ("el Chapo,", "name")


def names(engine, text: str) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in engine.extract(text).quotes]


def test_he_is_a_person_not_the_company_or_place_named_last(engine):
    text = ("Igor Sechin runs Rosneft, the Russian oil company.\n\n"
            "Rosneft reported higher profits in Moscow on Friday. "
            "\u201cWe have done well this year,\u201d he said.")
    assert names(engine, text) == ["Igor Sechin"]


def test_he_is_not_the_state_that_was_the_last_subject(engine):
    text = ("Senator Rob Portman spoke to voters on Monday.\n\n"
            "Ohio voted for him twice. \"We will keep working,\" he said.")
    assert names(engine, text) == ["Rob Portman"]


def test_a_person_introduced_at_a_paragraphs_start_takes_the_next_he_said(engine):
    text = ("\u201cThe budget is sound,\u201d the chancellor, Rachel Reeves, said.\n\n"
            "Sir Keir Starmer was scathing about the plan. \u201cIt will not work,\u201d he said.")
    assert names(engine, text) == ["Rachel Reeves", "Keir Starmer"]


def test_role_nouns_and_organisations_are_named(engine):
    text = ("Spirit Airlines said on Monday it would cut fares on 40 routes.\n\n"
            "\u201cWe want to fill every seat,\u201d said Spirit\u2019s director of marketing, Paul Berry.\n\n"
            "The airline expects demand to stay strong. \u201cOur customers are price sensitive,\u201d the company said.")
    assert names(engine, text) == ["Paul Berry", "Spirit Airlines"]


def test_it_for_a_document_is_its_author(engine):
    text = ("The Cruz campaign sent a fundraising email on Wednesday.\n\n"
            "\u201cFriend, let me be blunt. I can beat Hillary Clinton,\u201d the email read. "
            "It stated that the race was now \u201ca two-man contest.\u201d\n\n"
            "A letter to the bank board from the staff association urged other nominees. "
            "\u201cThis must change,\u201d it said.")
    assert names(engine, text)[1:] == ["Cruz campaign", "staff association"]


def test_they_is_the_group_named_before(engine):
    text = ("Senate Democrats met on Tuesday to plan the fall campaign.\n\n"
            "\u201cWe will win back the majority,\u201d they said.\n\n"
            "Todd Wilcox and Carlos Beruff argued that the department is not needed. "
            "\u201cStates can do that,\u201d they said.")
    assert names(engine, text) == ["Senate Democrats", "Todd Wilcox and Carlos Beruff"]


def test_the_narrator_of_a_column_is_its_author(engine):
    text = ("Ann Coulter: And Then There Was the One.\n\n"
            "Andy McCarthy wrote a column recently. I spent the weekend figuring out how to answer a friend. "
            "\u201cThis is the weakest argument I have ever read,\u201d I said.")
    assert names(engine, text) == ["Ann Coulter"]


def test_a_title_s_of_phrase_does_not_stand_for_the_name_after_it(engine):
    text = ("\u201cWe are ready,\u201d said Secretary of State Hillary Clinton.\n\n"
            "\u201cWe were not,\u201d said then-Secretary of Defense Robert Gates.")
    assert names(engine, text) == ["Hillary Clinton", "Robert Gates"]


def test_the_company_is_not_a_name_in_its_own_quote(engine):
    text = ("A statement posted on the website GunBroker.com said listings are user generated, and that "
            "the company reserved the right to reject any at its discretion.\n\n"
            "\u201cMr. Zimmerman never contacted anyone at GunBroker.com,\u201d the company wrote in its statement.")
    assert names(engine, text) == ["GunBroker.com"]


def test_a_title_s_of_phrase_closed_by_a_name_is_that_person_and_takes_the_next_he(engine):
    text = ("Refugees were welcomed at a dinner in Georgia.\n\n"
            "\u201cThanks for welcoming these refugees,\u201d said master of ceremonies Asab Al-Tabchi, "
            "a Syrian engineer. \u201cNo thanks to the governor,\u201d he added.")
    assert names(engine, text) == ["Asab Al-Tabchi"] * 2


def test_transcript_lines_name_the_interviewee(engine):
    text = ("Zadie Smith on writing\n\nThe novelist Zadie Smith spoke to us about her new book.\n\n"
            "REPORTER: You once called fiction \u201ca kind of empathy.\u201d Do you still think so?\n\n"
            "SMITH: Writing is \u201ca kind of listening.\u201d\n\n"
            "Q: Is it hard?\n\nA: It is \u201cthe hardest thing I know,\u201d and I love it.")
    assert names(engine, text) == ["Zadie Smith"] * 3


def test_an_interviews_answers_are_the_interviewees_turns(engine):
    text = ("Zadie Smith on fiction\n\nBy Jane Doe\n\nThe novelist Zadie Smith talked to us about her book.\n\n"
            "Q: You once called fiction \u201ca kind of empathy.\u201d Do you still believe that?\n\n"
            "A: I do. But I have come to think that it is too easy a word.\n\n"
            "Q: And the internet?\n\nA: It makes us all worse readers, I think.")
    result = engine.extract(text)
    found = [(q.type, text[q.start:q.end], q.speaker.name, q.attribution) for q in result.quotes]
    assert found == [
        ("turn", "You once called fiction \u201ca kind of empathy.\u201d Do you still believe that?", "Jane Doe",
         "context"),  # the byline's writer asks
        ("partial", "\u201ca kind of empathy.\u201d", "Zadie Smith", "pronoun"),  # and quotes her
        ("turn", "I do. But I have come to think that it is too easy a word.", "Zadie Smith", "context"),
        ("turn", "And the internet?", "Jane Doe", "context"),
        ("turn", "It makes us all worse readers, I think.", "Zadie Smith", "context"),
    ]
    assert all(q.text == text[q.start:q.end] for q in result.quotes if q.type == "turn")
    (smith,) = [s for s in result.speakers if s.name == "Zadie Smith"]
    assert smith.quotes == [1, 2, 4]


def test_a_first_person_quote_in_an_answer_is_the_interviewees_not_the_bylines(engine):
    text = ("By Jane Doe\n\nThe novelist Zadie Smith talked to us.\n\nQ: Is it hard?\n\n"
            "A: I always say, \u201cWriting is the hardest thing I know.\u201d\n\nQ: Why?\n\nA: Because it is.")
    found = [(q.type, q.speaker.name) for q in engine.extract(text).quotes]
    assert found == [("turn", "Jane Doe"), ("turn", "Zadie Smith"), ("direct", "Zadie Smith"), ("turn", "Jane Doe"),
                     ("turn", "Zadie Smith")]


def test_a_transcripts_labelled_lines_are_their_speakers_turns(engine):
    text = ("Fresh Air host Terry Gross spoke to the novelist Zadie Smith.\n\n"
            "GROSS: Welcome to the show.\n\nSMITH: Thank you for having me.\n\n"
            "GROSS: You have said that \u201cfiction is a kind of empathy.\u201d What did you mean?\n\n"
            "SMITH: I meant that a novel asks you to live inside another head.")
    found = [(q.type, q.text[:12], q.speaker.name, q.speaker.mention.text, q.rule) for q in engine.extract(text).quotes]
    assert found == [
        ("turn", "Welcome to t", "Terry Gross", "GROSS", "transcript-label"),
        ("turn", "Thank you fo", "Zadie Smith", "SMITH", "transcript-label"),
        ("turn", "You have sai", "Terry Gross", "GROSS", "transcript-label"),
        ("partial", "fiction is a", "Zadie Smith", "You", "governing-cue"),  # held inside Gross's turn
        ("turn", "I meant that", "Zadie Smith", "SMITH", "transcript-label"),
    ]


def test_a_name_is_not_extended_by_an_emoji(engine):
    text = "Fans were delighted. \u201cIt is amazing,\u201d Taylor Swift \U0001F3A4 said on Monday."
    (quote,) = engine.extract(text).quotes
    assert quote.speaker.name == "Taylor Swift" and quote.speaker.mention.text == "Taylor Swift"


def test_business_and_sports_titles_are_not_part_of_the_name(engine):
    text = ("Profits fell. \u201cWe are disappointed,\u201d Chief Executive Jane Doe told analysts.\n\n"
            "\u201cCosts rose,\u201d said Managing Director Mark Smith.\n\n"
            "\u201cIt is a disgrace,\u201d said Conservative MP Mel Stride.\n\n"
            "\u201cWe were poor,\u201d said Head Coach Mikel Arteta.\n\n"
            "Detective Chief Inspector Sarah Jones said: \u201cWe will find them.\u201d")
    assert names(engine, text) == ["Jane Doe", "Mark Smith", "Mel Stride", "Mikel Arteta", "Sarah Jones"]


def test_a_title_alone_keeps_all_its_words_and_names_the_person_it_means(engine):
    text = ("Sir Keir Starmer has defended the government\u2019s record on the NHS.\n\n"
            "Speaking in Birmingham, the Prime Minister said: \u2018We are fixing it.\u2019\n\n"
            "A minister said: \u2018It will take time.\u2019")
    assert names(engine, text) == ["Keir Starmer", "minister"]


@pytest.mark.parametrize("description", ["the Dutchman", "the 53-year-old", "the Liverpool manager"])
def test_a_nationality_or_age_names_the_person_described(engine, description):
    text = ("Liverpool manager Arne Slot insists his side can still win the league after Sunday\u2019s defeat at Newcastle.\n\n"
            f"\u2018We have to stay together,\u2019 said {description}.")
    assert names(engine, text) == ["Arne Slot"]


def test_a_name_with_a_particle_is_one_name(engine):
    text = ("Erik ten Hag insists his side can still finish in the top four.\n\n"
            "\u2018We have to stay together,\u2019 said the Dutchman. \u2018We will bounce back.\u2019\n\n"
            "\u2018It is an internal matter,\u2019 ten Hag said.")
    assert names(engine, text) == ["Erik ten Hag"] * 3


def test_an_organisation_named_with_a_possessive_is_one_name(engine):
    text = ("The Football Association banned the player for six matches.\n\n"
            "The Professional Footballers\u2019 Association said it was \u2018deeply concerned\u2019.\n\n"
            "\u2018We are growing,\u2019 the Women\u2019s Institute said.")
    assert names(engine, text) == ["Professional Footballers\u2019 Association", "Women\u2019s Institute"]


def test_the_fund_is_the_organisation_named_before(engine):
    text = ("The IMF has warned that Russia\u2019s economy will slow sharply next year.\n\n"
            "\u201cGrowth will fall to 1 percent,\u201d the fund said in a report.")
    assert names(engine, text) == ["IMF"]


def test_she_is_not_the_platform_a_post_went_on(engine):
    text = ("Beyonc\u00e9 has dropped a surprise single, her first new music in two years.\n\n"
            "The 42-year-old posted the track on Instagram late on Thursday. \u201cThis one is for my fans,\u201d she wrote.")
    assert names(engine, text) == ["Beyonc\u00e9"]


def test_a_title_after_according_to_is_not_the_name(engine):
    text = ("Jose Mourinho has been sacked by Fenerbahce.\n\n"
            "According to club president Ali Koc, the decision was \u201cpainful but necessary\u201d.")
    assert names(engine, text) == ["Ali Koc"]


def test_a_title_opening_its_sentence_misparsed_as_a_verb_is_still_the_speakers(engine):
    text = ("Rail fares in England will rise by 4.6% in March.\n\n"
            "Transport Secretary Louise Haigh said the increase was \u2018the lowest in three years\u2019 and "
            "insisted passengers would see \u2018real improvements\u2019.")
    assert names(engine, text) == ["Louise Haigh"] * 2


def test_he_is_not_the_city_or_club_named_last(engine):
    text = ("Jurgen Klopp\u2019s side were beaten 2-0 on Saturday. Liverpool had won their previous six matches.\n\n"
            "\u201cWe were not good enough,\u201d he said.")
    assert names(engine, text) == ["Jurgen Klopp"]


def test_a_company_before_a_title_is_not_the_person_described(engine):
    text = ("Tesla chief executive Elon Musk said the company would sell robotaxis next year. "
            "\u201cIt\u2019s going to be epic,\u201d the billionaire wrote on X.")
    assert names(engine, text) == ["Elon Musk"]


def test_british_titles_without_a_full_stop_are_not_part_of_the_name(engine):
    text = ("\u2018This is a very exciting discovery,\u2019 said Dr Jane Smith, lead author of the study.\n\n"
            "Prof Tom Brown, of Imperial College London, said the findings were \u2018compelling\u2019.")
    assert names(engine, text) == ["Jane Smith", "Tom Brown"]


def test_a_time_word_after_the_cue_is_not_the_speaker(engine):
    text = ("Bukayo Saka scored the winner in the 78th minute. \u201cIt\u2019s the best feeling in the world,\u201d "
            "the winger said afterwards. \u201cScoring against them means everything to the fans.\u201d")
    assert names(engine, text) == ["Bukayo Saka"] * 2


def test_the_name_a_caption_would_use_not_the_words_of_a_title_before_it(engine):
    text = ("Under Secretary of State for Political Affairs Wendy Sherman testified on Monday.\n\n"
            "Wendy Sherman was asked about Iran. \u201cWe have a deal,\u201d she said.")
    assert names(engine, text) == ["Wendy Sherman"]


@pytest.mark.parametrize("group", ["Campaigners", "Local shopkeepers", "Commuters"])
def test_they_is_the_people_named_before(engine, group):
    text = ("The council said it would meet residents next week.\n\n"
            f"{group} were unimpressed. \u201cIt\u2019s too little, too late,\u201d they said.")
    assert names(engine, text) == [group]


def test_a_spokesman_for_an_organisation_is_named_as_a_caption_would(engine):
    text = ("Ministers met on Monday.\n\n"
            "A spokesman for the Home Office said: \u2018We disagree with the ruling.\u2019\n\n"
            "An official at the Pentagon said: \u201cWe are reviewing it.\u201d")
    assert names(engine, text) == ["Home Office spokesman", "Pentagon official"]


def test_an_organisation_or_office_keeps_its_of_phrase(engine):
    text = ("Shares fell. The Bank of England held rates. \u201cInflation is falling,\u201d the bank said.\n\n"
            "The University of Michigan said it would appeal. \u201cWe are proud,\u201d the University of Michigan said.\n\n"
            "Speaking to ITV, the Duke of Sussex said: \u201cShe was an incredible woman.\u201d\n\n"
            "Sen. Marco Rubio of Florida said: \u201cWe disagree.\u201d")
    assert names(engine, text) == ["Bank of England", "University of Michigan", "Duke of Sussex", "Marco Rubio"]


def test_a_turn_is_around_its_quotes_never_inside_or_across_one(engine):
    opens_with_a_quote = ("Zadie Smith talked to us.\n\nQ: Why?\n\nA: \u201cNever,\u201d I said to him.\n\n"
                          "Q: And?\n\nA: Yes.")
    _, turn, quote, _, _ = engine.extract(opens_with_a_quote).quotes
    assert turn.type == "turn" and quote.type != "turn" and turn.start == quote.start < quote.end < turn.end
