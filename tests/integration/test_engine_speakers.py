"""Speakers and cues, one pattern per test, on short hand-written texts through the real models."""
from __future__ import annotations

import pytest

from service.engine import antecedents
from service.engine.model import Span


def only_quote(engine, text: str, phrase: str | None = None):
    result = engine.extract(text)
    quotes = [q for q in result.quotes if phrase is None or phrase in q.text]
    assert len(quotes) == 1, [q.text for q in result.quotes]
    return quotes[0], result


def speaker_mention(engine, text: str, phrase: str | None, name: str):
    """The one quote containing `phrase` (or the text's only quote) has the speaker `name`; its
    mention, checked to be exactly the text at its offsets."""
    quote, _ = only_quote(engine, text, phrase)
    assert quote.speaker is not None and quote.speaker.name == name, quote.speaker
    m = quote.speaker.mention
    assert text[m.start:m.end] == m.text
    return m


# (text, the speaker's name, the mention the attribution rests on, the cue)
PATTERNS = {
    "subject after the quote": (
        '"We are ready to talk," Jim Mattis said on Thursday.', "Jim Mattis", "Jim Mattis", "said"),
    "subject before the quote": (
        'Jim Mattis told reporters on Thursday: "We are ready to talk."', "Jim Mattis", "Jim Mattis", "told"),
    "inverted": (
        '"We are ready to talk," said Jim Mattis, the defense secretary.', "Jim Mattis", "Jim Mattis", "said"),
    "apposition": (
        'Jim Mattis, the defense secretary, said: "We are ready to talk."', "Jim Mattis", "Jim Mattis", "said"),
    "relative clause aside": (
        'Sir Vince Cable, who replaced Tim Farron in July, said: "The party is ready for an election."',
        "Vince Cable", "Sir Vince Cable", "said"),
    "relative clause after a name and its place": (
        'The inquiry provided fodder to candidates such as Sen. Marco Rubio of Florida, who said in the debate '
        'that she was "disqualified from being the commander in chief."', "Marco Rubio", "who", "said"),
    "passive": (
        '"Attempts to build a dialog would be futile," Shoigu was quoted as saying by the agency.',
        "Shoigu", "Shoigu", "saying"),
    "according to": (
        'The talks will resume in March, according to Sergei Lavrov. "We are ready," he added.',
        "Sergei Lavrov", "he", "added"),
    "colon": (
        'Mattis shot back: "I have no need to respond to the Russian statement at all."',
        "Mattis", "Mattis", "shot back"),
    "possessive": (
        '"The meeting was useful," Putin\'s spokesman said.', "Putin's spokesman", "Putin's spokesman", "said"),
    "organisation": (
        '"No decision has been made," the Pentagon said in a statement.', "Pentagon", "the Pentagon", "said"),
    "as X put it": (
        'The Senate has stalled for months.\n\nAs Professor Eric Foner put it: "The United States '
        'does a better job at accepting immigrants."', "Eric Foner", None, "put it"),
    "as X noted, parsed as an 'as' phrase": (
        'As Andrew Tabler, an expert on Syria at the Washington Institute, noted, "Everyone in the '
        'region is just waiting."', "Andrew Tabler", "Andrew Tabler", "noted"),
    "a role noun and name after the quote": (
        '"The people who are donating are very concerned about conservatives in general," spokesman '
        'Stuart Roy said.', "Stuart Roy", "spokesman Stuart Roy", "said"),
    "a name and a verb of any kind after the quote": (
        'Beck listed the changes.\n\n"What was the pivot point to make him change so fundamentally?" '
        'Beck questioned.', "Beck", "Beck", "questioned"),
    "an unnamed person after the quote": (
        'His remarks were subdued. "Gov. Christie, blink twice if you\'re in trouble!" one person tweeted.',
        "one person", "one person", "tweeted"),
    "according to, the mention without its preposition": (
        '"The talks were useful and we are ready to continue," according to Sergei Lavrov, the foreign '
        'minister.', "Sergei Lavrov", "Sergei Lavrov", "according to"),
    "said of someone: the sayer, not the one talked about": (
        'David Axelrod, a former adviser, said of Sanders: "The question is, will he do the same?"',
        "David Axelrod", "David Axelrod", "said"),
    "any verb right before the quote, with a comma": (
        'During their first debate, Hillary Clinton cracked, "I am a progressive who likes to get things done."',
        "Hillary Clinton", "Hillary Clinton", "cracked"),
    "a sentence opening with the cue": (
        'The small home was recently turned into a museum. Said Dorothy Poynter, who grew up with Ali in '
        'the neighborhood, "We were all so proud of him."', "Dorothy Poynter", "Dorothy Poynter", "Said"),
    "an irregular verb in the present tense": (
        'Clinton talks freely about her career. She often speaks of breaking "that highest, hardest glass '
        'ceiling" by being elected president, and she tells audiences that the time has come.',
        "Clinton", "She", "speaks"),
    "dash signature": (
        'Our statement on the vote follows.\n\n"This is a good day for consumers." -Commissioner Geoffrey Starks',
        "Geoffrey Starks", None, None),
    "dash signature on its own line": (
        'We checked four claims from the debate.\n\n"Boeing and GE and other multinationals pay zero taxes."'
        '\n\n- Bernie Sanders.\n\nThis is a complex issue.', "Bernie Sanders", None, None),
    "the cue tagged a noun after 'the' and a name": (
        'The report was shared on Thursday.\n\n"The kingdom is one of the leading nations in combating '
        'terrorism," the Saudis state in the white paper.', "Saudis", None, None),
    "lead-in line": (
        'The commission voted on Tuesday.\n\nAnd from Chairwoman Jessica Rosenworcel:\n\n'
        '"Today we restore the rules that protect an open internet."',
        "Jessica Rosenworcel", None, None),
}


@pytest.mark.parametrize("case", PATTERNS, ids=list(PATTERNS))
def test_speaker_and_cue_patterns(engine, case):
    text, name, mention, cue = PATTERNS[case]
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None, f"no speaker for {text!r}"
    assert name in quote.speaker.name, (quote.speaker.name, name)
    m = quote.speaker.mention
    assert text[m.start:m.end] == m.text
    if mention is not None:
        assert m.text == mention
    if cue is None:
        return
    assert quote.cue is not None and quote.cue.text == cue, quote.cue
    assert text[quote.cue.start:quote.cue.end] == cue


@pytest.mark.parametrize("verb", ["told reporters", "added", "asked", "noted", "wrote", "tweeted", "insisted",
                                  "warned", "argued", "responded", "explained", "urged", "quipped"])
def test_cues_beyond_said(engine, verb):
    text = f'"The plan will not work," Maria Lopez {verb}.'
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"
    assert quote.cue is not None and quote.cue.text == verb.split()[0]
    assert quote.attribution == "explicit"


def test_a_partial_quote_takes_the_speaker_of_its_paraphrase(engine):
    text = 'Defense Secretary Jim Mattis said Russia was "not in a position" to help in Syria.'
    quote, _ = only_quote(engine, text)
    assert quote.type == "partial"
    assert quote.speaker.name == "Jim Mattis"
    assert quote.cue.text == "said"


def test_an_interrupted_quote_is_two_quotes_with_one_speaker_and_cue(engine):
    text = '"We are ready," Ana Silva said, "and we are willing."'
    result = engine.extract(text)
    assert [q.text for q in result.quotes] == ["We are ready,", "and we are willing."]
    first, second = result.quotes
    assert first.speaker.name == second.speaker.name == "Ana Silva"
    assert first.speaker.id == second.speaker.id
    assert first.cue == second.cue
    assert len(result.speakers) == 1


def test_a_pronoun_resolves_to_the_person_named_before(engine):
    text = ('Defense Secretary Jim Mattis met NATO ministers on Thursday.\n\n'
            '"We are not in a position to collaborate," he told reporters.')
    quote, result = only_quote(engine, text)
    assert quote.attribution == "pronoun"
    assert quote.speaker.mention.text == "he"
    assert quote.speaker.name == "Jim Mattis"


def test_she_resolves_to_a_woman_not_to_the_nearest_man(engine):
    text = ('Senator Elizabeth Warren questioned the nominee, Robert Jones, for an hour.\n\n'
            '"He has not answered a single question," she said.')
    quote, _ = only_quote(engine, text)
    assert quote.speaker.mention.text == "she"
    assert quote.speaker.name == "Elizabeth Warren"


def test_a_standalone_quote_continues_the_previous_speaker(engine):
    text = ('"We will not be intimidated," Mayor Karen Bass said on Monday.\n\n'
            '"This city has been through worse, and it will come through this too."')
    result = engine.extract(text)
    assert len(result.quotes) == 2
    second = result.quotes[1]
    assert second.attribution == "continuation"
    assert second.speaker.name == "Karen Bass"
    assert second.speaker.id == result.quotes[0].speaker.id


def test_a_new_speaker_named_in_between_breaks_the_chain(engine):
    text = ('"We will not be intimidated," Mayor Karen Bass said on Monday.\n\n'
            'Police Chief Michel Moore disagreed with the mayor on the timing.\n\n'
            '"The department needs more officers before the summer."')
    result = engine.extract(text)
    last = result.quotes[-1]
    assert last.speaker is not None and last.speaker.name == "Michel Moore", last.speaker
    assert last.attribution == "context"


def test_a_standalone_quote_with_no_earlier_quote_takes_the_person_just_talked_about(engine):
    text = ('The clerk spoke first.\n\nViguerie is upbeat about Cruz\'s chances of winning in November.\n\n'
            '"Not only can Ted Cruz win in November, he is the one with the best chance of winning."')
    quote, _ = only_quote(engine, text, "Not only")
    assert quote.speaker is not None and quote.speaker.name == "Viguerie", quote.speaker
    assert quote.attribution == "context"
    assert quote.cue is None


def test_every_mention_of_one_person_is_one_speaker(engine):
    text = ('"We are ready," Jim Mattis said on Thursday.\n\n'
            '"We will engage," Mattis told reporters.\n\n'
            '"Russia must prove itself," Secretary Mattis added.\n\n'
            '"Our alliance is strong," he said.')
    result = engine.extract(text)
    assert len(result.quotes) == 4
    assert len(result.speakers) == 1, [s.name for s in result.speakers]
    speaker = result.speakers[0]
    assert speaker.name == "Jim Mattis"
    assert speaker.quotes == [0, 1, 2, 3]
    assert [m.text for m in speaker.mentions] == ["Jim Mattis", "Mattis", "Secretary Mattis", "he"]
    for m in speaker.mentions:
        assert text[m.start:m.end] == m.text


def test_two_people_who_share_a_surname_stay_apart(engine):
    text = ('"The vote is close," Senator Tim Scott said.\n\n'
            '"We have the numbers," Governor Rick Scott told reporters.')
    result = engine.extract(text)
    names = sorted(s.name for s in result.speakers)
    assert names == ["Rick Scott", "Tim Scott"]


def test_a_gallery_heading_gives_the_speaker_of_standalone_quotes(engine):
    text = ("19 memorable quotes from James 'Mad Dog' Mattis\n\n"
            '"Be polite, be professional, but have a plan to kill everybody you meet."\n\n'
            "It was one of his rules for his Marines in Iraq.")
    quote, _ = only_quote(engine, text, "Be polite")
    assert quote.attribution == "context"
    assert "Mattis" in quote.speaker.name


def test_a_quote_with_no_speaker_is_still_reported(engine):
    text = 'The sign on the door read: "No entry without a badge. Visitors must register at the desk."'
    result = engine.extract(text)
    assert len(result.quotes) == 1
    quote = result.quotes[0]
    assert 0.0 <= quote.confidence <= 1.0


def test_confidence_is_higher_for_an_explicit_attribution_than_for_none(engine):
    explicit, _ = only_quote(engine, '"We are ready to talk," Jim Mattis said on Thursday.')
    orphan = engine.extract('Background.\n\n"We are ready to talk and we will talk soon."').quotes
    assert explicit.confidence > 0.6
    assert all(q.confidence < explicit.confidence for q in orphan)


def test_the_rules_take_the_person_named_last_not_the_last_speaker(engine, monkeypatch):
    # The rules' reading. The antecedent ranker, fitted on 858 resolved train pronouns, weighs this
    # case the other way by a narrow margin once the sentence before is parsed (Mattis only
    # "from General Mattis" there, Hagee the subject who spoke): being named since the last quote
    # carried no weight in that data.
    monkeypatch.setattr(antecedents, "_weights", lambda: None)
    text = ('"Be polite, be professional," Jim Mattis told his Marines.\n\n'
            '"He should have chosen his words more carefully," Gen. Michael Hagee said.\n\n'
            'Before the invasion, every Marine received a letter from General Mattis.\n\n'
            'In the letter, he told his troops that "we will move swiftly and aggressively."')
    result = engine.extract(text)
    last = result.quotes[-1]
    assert last.speaker.mention.text == "he"
    assert last.speaker.name == "Jim Mattis"


def test_a_subject_inside_another_quote_is_not_the_speaker(engine):
    text = ('But "the more interesting issue," Douglas Holtz-Eakin added, "is whether the strong '
            'October report represents a one-time blip."')
    result = engine.extract(text)
    assert len(result.quotes) == 2
    for quote in result.quotes:
        assert quote.speaker is not None and "Holtz-Eakin" in quote.speaker.name, quote.speaker


def test_the_next_quote_in_the_same_paragraph_continues_despite_a_split_name(engine):
    text = ('\u201cThey\u2019re very open to trying new things,\u201d Jenna Golden, Twitter\u2019s director of '
            'political advertising, said of the campaign. \u201cThey\u2019re not throwing things at the wall.\u201d')
    result = engine.extract(text)
    assert len(result.quotes) == 2
    first, second = result.quotes
    assert second.speaker is not None and second.speaker.id == first.speaker.id


def test_a_pronoun_binds_to_the_subject_earlier_in_its_own_sentence(engine):
    text = ('"We need a strong leader," Donald Trump said on Monday.\n\n'
            'Jeb Bush went after Trump at the debate, where he said the businessman was "unhinged."')
    result = engine.extract(text)
    last = result.quotes[-1]
    assert last.text == "unhinged."
    assert last.speaker is not None and last.speaker.name == "Jeb Bush", last.speaker


def test_a_role_and_name_after_the_quote(engine):
    text = ('"That program is at a minimum worth a very close look," the White House spokesman, '
            'Josh Earnest, said on Thursday.')
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Josh Earnest", quote.speaker


def test_a_name_before_its_apposition_is_the_speaker(engine):
    text = ('"I am calling from the campaign. How are you today?" Eva Miller, a retired worker from '
            'a nuclear plant, said into the phone.')
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Eva Miller", quote.speaker


def test_a_cue_the_tagger_took_for_a_noun(engine):
    for text, name in (('So who was the best? Pew notes that the surveys they studied are \u201cnot monolithic '
                        'at all, and some did far better than the others.\u201d', "Pew"),
                       ('Conway notes: \u201cIt was very different in tone and content from what people are '
                        'accustomed to.\u201d', "Conway")):
        speaker_mention(engine, text, None, name)


def test_an_inverted_speaker_the_parser_did_not_attach(engine):
    text = ("His son announced the votes on the floor.\n\n"
            "''It's not a campaign anymore, it's a movement,'' said the younger Mr. Trump, surrounded by "
            "his three adult siblings.")
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.mention.text.endswith("Trump"), quote.speaker
    assert quote.cue is not None and quote.cue.text == "said"


def test_a_partial_quote_takes_the_nearest_person_subject_above_it(engine):
    text = ('The remarks came during an interview with a local station, in which Hillary Clinton expressed '
            'confidence that her server would not be an issue "that is going to affect either the campaign '
            'or my presidency."')
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Hillary Clinton", quote.speaker


# Sources the rules alone got wrong and the ranker (service/engine/ranker.py) gets right:
# (text, a phrase of the quote, the speaker's name, what the rules said before it).
RANKED = {
    "the outer reporting verb over a verb that only looks like a cue": (
        'Cruz said he is certain Rubio will continue to be "a champion for limitless opportunity."',
        "champion", "Cruz"),  # rules: Rubio ("continue")
    "the speaker of a paraphrase, not the subject inside it (declared)": (
        'Fiorina declared in a heated argument that any new deal under her watch would demand '
        '"absolute secrecy."', "secrecy", "Fiorina"),  # rules: "any new deal" ("demand")
    "the speaker of a paraphrase, not the subject inside it (saying)": (
        'Bernie Sanders criticized the climate accord on Saturday, saying the agreement goes '
        '"nowhere near far enough."', "nowhere", "Bernie Sanders"),  # rules: "the agreement"
    "a name and a colon on the line before the quote": (
        'Soon after the attack in Orlando, the candidate was online again.\n\n'
        'Donald Trump: "Appreciate the congrats for being right on radical Islamic terrorism."',
        "Appreciate", "Donald Trump"),  # rules: no speaker
    "a name whose apposition holds a relative clause": (
        'Meg Whitman, a former candidate for governor in California who now runs Hewlett Packard '
        'Enterprise, labeled Mr. Trump "unfit to be president."', "unfit", "Meg Whitman"),  # rules: "a former candidate"
}


@pytest.mark.parametrize("case", RANKED, ids=list(RANKED))
def test_sources_the_ranker_chooses(engine, case):
    text, phrase, name = RANKED[case]
    speaker_mention(engine, text, phrase, name)


def test_a_possessive_speaker_is_named_without_the_s(engine):
    text = ("The answer was at odds with Hillary Clinton\u2019s claim that she \"never sent or received "
            "classified material.\"")
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Hillary Clinton", quote.speaker


def test_an_expletive_it_is_never_a_speaker(engine):
    for text in ('It has not helped that her campaign has cycled through a half-dozen slogans, from '
                 'championing "everyday Americans" to "fighting for us."',
                 'Based on the statement, it seems some convincing was needed on behalf of Ailes, who '
                 '"has spoken to Donald Trump a few times."'):
        for quote in engine.extract(text).quotes:
            assert quote.speaker is None or quote.speaker.mention.text.lower() != "it", quote.speaker


# Finite cues the parser left without a subject: (text, a phrase of the quote, the speaker's name).
SUBJECT_MISSED = {
    "the name joined to the date before it": (
        'In a statement released Thursday, Rep. Hakeem Jeffries (D-N.Y.) reacted to the news, saying: '
        '"Trayvon Martin\'s killer should be in prison."', "prison", "Hakeem Jeffries"),
    "the cue hung from the apposition as a modifier": (
        'The rivals traded barbs on Monday.\n\nBeruff, a Scott ally, called Florida\'s standards "strong."',
        "strong", "Beruff"),
    "the name parsed as an apposition of the place before it": (
        'Appearing before cheering supporters Monday morning at NLD headquarters, Suu Kyi, 70, said it was '
        'too early to congratulate winners but added, "I think you all have an idea of the results."',
        "idea", "Suu Kyi"),
    "the cue hung from the name after a bracketed aside": (
        'They were also noticed on social media. Jeff Bechdel, chairman of America Rising (a Republican '
        'PAC), tweeted: "People behind Hillary Clinton are wearing those shirts."', "People behind", "Jeff Bechdel"),
    "a long apposition with names in prepositional phrases": (
        'Just last week, J.J. Goldberg, editor at large of The Forward, an influential New York-based '
        'newspaper catering to American Jews, wrote, "When we think of defeating ISIS, we should think of '
        'the war against Nazi Germany."', "defeating", "J.J. Goldberg"),
    "no reporting verb, the name parsed as a vocative": (
        'Cruz, leading narrowly in Iowa polls, questioned Trump\'s "New York values."',
        "New York", "Cruz"),
    "not the object inside the relative clause before the cue": (
        'Clinton, who called Sanders shortly after the winner was declared, told her supporters, "I still love '
        'New Hampshire, and I always will."', "New Hampshire", "Clinton"),
}


@pytest.mark.parametrize("case", SUBJECT_MISSED, ids=list(SUBJECT_MISSED))
def test_a_subject_the_parser_missed(engine, case):
    text, phrase, name = SUBJECT_MISSED[case]
    mention = speaker_mention(engine, text, phrase, name)
    assert name in mention.text and '"' not in mention.text


def test_a_relative_pronoun_is_the_mention_and_its_antecedent_the_name(engine):
    text = 'The loudest critic was Senator Lindsey Graham, who told reporters: "He is a race-baiting bigot."'
    quote, result = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Lindsey Graham", quote.speaker
    m = quote.speaker.mention
    assert (m.text, text[m.start:m.end]) == ("who", "who")
    assert quote.attribution == "explicit" and quote.cue.text == "told"
    assert [s.name for s in result.speakers] == ["Lindsey Graham"]


def test_a_relative_clause_hung_from_the_noun_before_a_name(engine):
    text = 'The rally drew a rebuke from Jeb Bush, who said in an interview that Mr. Trump was "not a serious candidate."'
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Jeb Bush", quote.speaker
    assert quote.cue.text == "said"


def test_who_refers_to_the_name_right_before_it(engine):
    text = 'Contrast that with Trump, who has called the pact "insanity," and Sanders, who says it is "disastrous."'
    result = engine.extract(text)
    assert [(q.text, q.speaker.name, q.speaker.mention.text) for q in result.quotes] == [
        ("insanity,", "Trump", "who"), ("disastrous.", "Sanders", "who")]


def test_people_named_by_an_indefinite_pronoun(engine):
    text = 'The crowd grew restless. "Stop the cover-up!" others shouted.'
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.mention.text == "others"
    assert quote.cue.text == "shouted"


def test_a_dateline_is_never_a_speaker(engine):
    text = ('Oregon occupier uses a free speech defense.\n\nPORTLAND, Ore. - Peter Santilli, a self-styled '
            '"new-media" journalist, was denied bail on Tuesday.')
    result = engine.extract(text)
    assert all(q.speaker is None or "PORTLAND" not in q.speaker.name for q in result.quotes), result.quotes


def test_a_bullet_after_a_quote_is_not_its_signature(engine):
    text = ('"We will win," Ana Silva said.\n\n"And we will win big."\n\n- Donald Trump leads in the polls of every '
            'county of the state this week.')
    last = engine.extract(text).quotes[-1]
    assert last.speaker is not None and last.speaker.name == "Ana Silva", last.speaker
    assert last.attribution == "continuation"


def test_an_attribution_between_two_halves_is_both_halves_cue(engine):
    text = '"Make no mistake," warned House Speaker Paul Ryan, "this is a serious threat."'
    first, second = engine.extract(text).quotes
    assert (first.speaker.name, second.speaker.name) == ("Paul Ryan", "Paul Ryan")
    assert first.cue.text == second.cue.text == "warned"
    assert first.attribution == second.attribution == "explicit"


def test_an_inverted_speaker_named_by_age(engine):
    text = '"Donald is an amazing leader," said the 46-year-old. "Now, he will go to work for you."'
    first, second = engine.extract(text).quotes
    for quote in (first, second):
        assert quote.speaker is not None and quote.speaker.mention.text == "the 46-year-old", quote.speaker
    assert first.cue.text == "said"


def test_a_name_in_brackets_after_the_quote_is_its_signature(engine):
    text = ('Here is what the candidates said on Tuesday.\n\n'
            '"We are going to build a wall." (Donald Trump, at a rally in Ohio)\n\n'
            '"I will fight for working families." (Hillary Clinton)\n\n'
            '"Thank you all very much." (Applause)')
    wall, families, thanks = engine.extract(text).quotes
    assert (wall.speaker.name, wall.speaker.mention.text) == ("Donald Trump", "Donald Trump")
    assert (families.speaker.name, families.attribution) == ("Hillary Clinton", "explicit")
    assert thanks.speaker is None or thanks.speaker.name == "Hillary Clinton"  # never "Applause"


def test_a_name_and_party_before_a_colon(engine):
    text = 'Sen. Marco Rubio (R-Fla.): "This is a dangerous moment for our country."'
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Marco Rubio", quote.speaker


@pytest.mark.parametrize("text, name", [
    ('The Clinton campaign\'s chief strategist, Joel Benenson, called the ad "pathetic."', "Joel Benenson"),
    ('In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "Hillary Clinton believes '
     'that transatlantic cooperation is essential."', "Jake Sullivan"),
])
def test_a_role_then_the_name_in_apposition(engine, text, name):
    speaker_mention(engine, text, None, name)


def test_a_subject_parsed_out_of_a_prepositional_phrase_is_not_the_speaker(engine):
    text = '"We\'re not going to comment," a spokesman for the Trump campaign said.'
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.mention.text == "a spokesman", quote.speaker


@pytest.mark.parametrize("text, name, mention", [
    ('"It\'s a disgrace," Sanders campaign manager Jeff Weaver said.', "Jeff Weaver",
     "Sanders campaign manager Jeff Weaver"),
    ('Former Secretary of State Hillary Clinton, the Democratic front-runner, said Tuesday that she was '
     '"confident."', "Hillary Clinton", "Former Secretary of State Hillary Clinton"),
])
def test_a_name_after_its_title_is_the_name_and_the_title_part_of_the_mention(engine, text, name, mention):
    quote, _ = only_quote(engine, text)
    assert (quote.speaker.name, quote.speaker.mention.text) == (name, mention)
    assert text[quote.speaker.mention.start:quote.speaker.mention.end] == mention


def test_a_pronoun_resolves_to_the_possessor_of_the_subject_before_it(engine):
    text = 'Mr. Trump\'s response was swift. "She is a nasty woman," he told the crowd.'
    quote, _ = only_quote(engine, text)
    assert (quote.speaker.mention.text, quote.speaker.name) == ("he", "Trump")


def test_a_line_label_that_opens_with_the_name(engine):
    text = ('Trump on immigration: "We will build a great wall."\n\n'
            'Clinton on the economy: "We need an economy that works for everyone."\n\n'
            'Sanders, in a statement: "This is a victory for working people."')
    result = engine.extract(text)
    assert [(q.speaker.name, q.attribution) for q in result.quotes] == [
        ("Trump", "explicit"), ("Clinton", "explicit"), ("Sanders", "explicit")]


def test_a_verb_after_the_quote_tagged_as_a_participle(engine):
    text = ('Fiorina pressed on.\n\n"An awful lot of analysts said, \'No, don\'t do this,\' and she took it upon '
            'herself to prove them wrong," remembered Roy Verley, HP\'s former chief corporate spokesman.')
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Roy Verley", quote.speaker
    assert quote.cue.text == "remembered"


def test_a_sentence_after_the_quote_that_reports_something_else_is_not_its_attribution(engine):
    text = ('"It\'s a very sad development," Cruz told reporters in Milwaukee. "This is the consequence of the '
            'culture of the Trump campaign." Ohio Gov. John Kasich said he would have fired Lewandowski, '
            'according to press reports.')
    second = engine.extract(text).quotes[1]
    assert second.speaker is not None and second.speaker.name == "Cruz", second.speaker


def test_a_lead_in_paragraph_takes_the_cue_nearest_its_colon(engine):
    text = ('Bolton also discussed the lengths to which most must go to perform government service. He said:\n\n'
            '"In all the administrations I\'ve served in, you have to cut off ties."')
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.mention.text == "He", quote.speaker
    assert quote.speaker.name == "Bolton" and quote.cue.text == "said"


def test_a_digest_item_names_its_speaker_after_a_dash(engine):
    text = ('Pollsters agree - Carl Bialik: "One of the biggest lessons was a simple one."\n\n'
            'The rally was loud - and the crowd chanted: "Build the wall!"')
    first, second = engine.extract(text).quotes
    assert (first.speaker.name, first.attribution) == ("Carl Bialik", "explicit")
    assert second.speaker.mention.text == "the crowd"  # a clause after the dash is no label


def test_a_digest_item_credits_the_outlet_it_quotes(engine):
    text = ('TOP STORIES.\n\n'
            'STORM HITS THE COAST \u201cHundreds of homes were flooded overnight, and more rain is expected later '
            'this week.\u201d [Reuters.]\n\n'
            'SENATE PASSES BUDGET The senator from Ohio said the deal was \u201ca good start.\u201d [NYT.]\n\n'
            'THE CROWD GOES WILD \u201cNobody in the stadium expected the comeback in the final minute of the '
            'game.\u201d [Lee Moran, HuffPost]\n\n'
            '\u201cThank you all very much.\u201d [Applause.]')
    storm, budget, crowd, thanks = engine.extract(text).quotes
    # The headline is no speaker ("STORM" HITS): the credit at the item's end is.
    assert (storm.speaker.name, storm.speaker.mention, storm.attribution) == \
        ("Reuters", Span("Reuters", text.index("Reuters"), text.index("Reuters") + 7), "explicit")
    assert budget.speaker.mention.text == "The senator"  # a cue of its own outranks the credit
    assert crowd.speaker.name == "Lee Moran"
    assert thanks.attribution != "explicit"  # "[Applause.]" credits no one


@pytest.mark.parametrize("text, name", [
    ('The senator spoke on Monday.\n\n"We will win this fight," Obama said.[12]\n\nThe vote is Tuesday.', "Obama"),
    ('"We will win this fight," Obama said. [Laughs]\n\nThe vote is Tuesday.', "Obama"),
    ('"We will win this fight," Obama said. "It is time." [CNN]\n\nThe vote is Tuesday.', "Obama"),
])
def test_a_bracket_ending_the_paragraph_never_outranks_the_quotes_own_attribution(engine, text, name):
    for quote in engine.extract(text).quotes:
        assert quote.speaker is not None and quote.speaker.name == name, (quote.text, quote.speaker)


def test_a_heading_naming_the_speaker_only_in_quotation_marks(engine):
    text = ('Here are five quotes from "Trump"\n\n"We will win and we will keep winning every single day."\n\n'
            '"America will be great again, believe me, folks."')
    quotes = engine.extract(text).quotes
    assert quotes and all(q.speaker is not None and q.speaker.name == "Trump" for q in quotes)


@pytest.mark.parametrize("text, name", [
    ('Some of his supporters kicked a protester, with Trump reportedly yelling: "Get him the hell out of here!"',
     "Trump"),
    ('Republicans were irritated about the lack of detail, with Sen. John McCain calling it a "Chinese menu."',
     "John McCain"),
])
def test_the_name_after_with_is_the_subject_of_the_verb_after_it(engine, text, name):
    speaker_mention(engine, text, None, name)


def test_an_inverted_cue_and_name_right_before_the_quote(engine):
    text = ('Because of how Democrats crafted the primary schedule, explained Rosenberg, "with this thing being over '
            'by mid-March, there is little time."')
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.name == "Rosenberg", quote.speaker
    assert quote.cue.text == "explained"


@pytest.mark.parametrize("text, mention", [
    ('According to a statement by Sergei Lavrov, the talks were "productive and frank."', "Sergei Lavrov"),
    ('According to Lavrov\'s statement, the talks were "productive and frank."', "Lavrov"),
])
def test_according_to_a_statement_names_who_made_it(engine, text, mention):
    quote, _ = only_quote(engine, text)
    assert quote.speaker is not None and quote.speaker.mention.text == mention, quote.speaker
    assert text[quote.speaker.mention.start:quote.speaker.mention.end] == mention


@pytest.mark.parametrize("text, name", [
    ('The Times quoted an unnamed official as saying the plan was "dead on arrival."', "unnamed official"),
    ('The Associated Press quoted Wassim Bouhlel, a Nice native, as saying that the attack was "a nightmare."',
     "Wassim Bouhlel"),
    ('Clinton was quoted as saying the plan was "unworkable."', "Clinton"),
])
def test_the_person_quoted_as_saying_is_the_speaker_not_the_paper(engine, text, name):
    speaker_mention(engine, text, None, name)


def test_a_nickname_in_quotation_marks_is_never_a_speaker(engine):
    text = ('"Be polite, be professional," Jim Mattis told his Marines.\n\n'
            'After the initial Iraq invasion, "Chaos" (his radio call sign) sent home his tanks and used the '
            '"carrot and the stick" with Iraqi tribal leaders.')
    for quote in engine.extract(text).quotes:
        assert quote.speaker is None or quote.speaker.name != "Chaos", quote


@pytest.mark.parametrize("text, name", [
    ('The plan was described as "a disaster" by Senator Mitch McConnell on Tuesday.', "Mitch McConnell"),
    ('The movement\'s habit has been called "strategic ambiguity" by Joshua Hendrick, a professor at Loyola '
     'University.', "Joshua Hendrick"),
    ('The proposal has been labeled "a gimmick" by critics in both parties.', "critics"),
])
def test_a_passive_naming_verb_takes_its_agent_after_the_quote(engine, text, name):
    speaker_mention(engine, text, None, name)


def test_a_passive_verb_whose_quote_is_not_its_complement_keeps_its_subject(engine):
    text = ('Cruz belittled the loans, calling them a "paperwork error" that was reported in a "hit piece" by '
            'The New York Times.')
    quote, _ = only_quote(engine, text, "hit piece")
    assert quote.speaker is None or quote.speaker.name != "New York Times", quote.speaker


@pytest.mark.parametrize("text, name", [
    ('The paradox of the campaign, says Carl Anthony, a historian at the library, is that it was "the most '
     'disciplined operation in decades."', "Carl Anthony"),
    ('The strategy, says Jane Smith, a lobbyist in Washington, was "doomed from the start."', "Jane Smith"),
])
def test_a_cue_set_off_by_commas_takes_the_name_after_it(engine, text, name):
    speaker_mention(engine, text, None, name)


def test_a_cue_after_an_apposition_keeps_its_subject(engine):
    text = "Trump's attorney, Alan Garten, said Nunberg was \"looking for free publicity.\""
    speaker_mention(engine, text, None, "Alan Garten")


@pytest.mark.parametrize("text, name", [
    ('In Mexico City, Trump endured a lecture from the Mexican president, who said that NAFTA has been good for '
     '"the U.S. as well as Mexico."', "Mexican president"),
    ('The trip prompted criticism from the governor, who described the plan as "reckless and expensive."',
     "governor"),
])
def test_who_refers_to_the_person_right_before_it(engine, text, name):
    mention = speaker_mention(engine, text, None, name)
    assert mention.text == "who"


def test_a_day_before_a_role_noun_and_its_name_is_not_a_speaker(engine):
    text = ('In a statement Thursday, Clinton spokesman Jesse Ferguson said, "Hillary has vocally opposed any '
            'discrimination against Muslims."')
    speaker_mention(engine, text, None, "Jesse Ferguson")


@pytest.mark.parametrize("text, name", [
    ('Clinton, a top aide said, "is very confident in the contrast" between her and Trump.', "top aide"),
    ('Sanders, a campaign spokesman said, "is not going anywhere" until the convention.', "campaign spokesman"),
])
def test_a_name_before_a_comma_is_no_apposition_of_a_role_noun_whose_verb_follows(engine, text, name):
    speaker_mention(engine, text, None, name)


def test_another_role_noun_is_someone_new_and_the_role_noun_is_the_same_person(engine):
    text = ('"Hillary doesn\'t even care anymore," wrote one Sanders supporter.\n\n'
            '"Yet another state we would\'ve won," another supporter wrote on Reddit.\n\n'
            '"We will win," a campaign spokesman said.\n\n'
            '"We have the votes," the spokesman added.')
    result = engine.extract(text)
    entries = {s.name: len(s.quotes) for s in result.speakers}
    assert entries == {"one Sanders supporter": 1, "another supporter": 1, "campaign spokesman": 2}, entries


@pytest.mark.parametrize("text, phrase, mention", [
    ('"We want jobs," one worker said. Another added, "And we want them now."', "we want them now", "Another"),
    ('"Rahm\'s got to go!" some protesters chanted as they marched. Others, reacting to the gap between the '
     'shooting and the video\'s release, shouted, "Stop the coverup!"', "Stop the coverup", "Others"),
])
def test_another_and_others_before_the_verb_are_its_speaker(engine, text, phrase, mention):
    quote, _ = only_quote(engine, text, phrase)
    assert quote.speaker is not None and quote.speaker.mention.text == mention, quote.speaker
    assert quote.attribution == "explicit"


@pytest.mark.parametrize("text, name", [
    ('The governor\'s spokeswoman, Amy Jones, declined to comment. "We don\'t comment on rumors," she said in an '
     'email.', "Amy Jones"),
    ('A spokesman for the campaign, Jason Miller, would not answer questions. "We have nothing to add," he said.',
     "Jason Miller"),
])
def test_a_pronoun_refers_to_the_name_in_apposition_to_the_subject_before(engine, text, name):
    mention = speaker_mention(engine, text, None, name)
    assert mention.text in ("she", "he")


@pytest.mark.parametrize("text, name, mention", [
    ('"This is a witch hunt," President Trump wrote on Twitter on Friday morning.', "Trump", "President Trump"),
    ('"We should lay off Bernie a little bit," Senate minority leader Harry Reid told reporters in Washington.',
     "Harry Reid", "Senate minority leader Harry Reid"),
    ('"He said Britain would be at the back of the queue," Mr Farage told BBC Radio Four.', "Farage", "Mr Farage"),
])
def test_a_title_and_a_name_parsed_as_two_subjects_are_one_mention(engine, text, name, mention):
    assert speaker_mention(engine, text, None, name).text == mention


def test_a_speakers_name_leaves_out_the_organisation_and_title_before_it(engine):
    text = ('In a statement Tuesday, Judicial Watch President Tom Fitton called the claim "significant and '
            'disturbing."')
    speaker_mention(engine, text, None, "Tom Fitton")


@pytest.mark.parametrize("text, name", [
    ('Although Rubio praised the plan, he said it was "not enough."', "Rubio"),
    ('"We will win," said Actor Clint Howard at the rally.', "Clint Howard"),
])
def test_a_name_leaves_out_the_sentences_first_word_and_a_title(engine, text, name):
    speaker_mention(engine, text, None, name)


@pytest.mark.parametrize("text, name", [
    ('Florida Sen. Marco Rubio campaigned in Iowa on Monday. "We will win," the Florida senator said.', "Marco Rubio"),
    ('President Barack Obama spoke on Tuesday. The president said the deal was "a good one."', "Barack Obama"),
    ('President Barack Obama and Vice President Joe Biden met the press. "We are united," the vice president said.',
     "Joe Biden"),
    ('Florida Sen. Marco Rubio and Vermont Sen. Bernie Sanders spoke on Monday. "The system is rigged," the Vermont '
     'senator said.', "Bernie Sanders"),
])
def test_a_role_noun_is_named_by_the_person_the_article_gave_that_title(engine, text, name):
    mention = speaker_mention(engine, text, None, name)
    assert mention.text.lower().startswith("the ")


@pytest.mark.parametrize("text, name", [
    ('Marco Rubio said he supports an exception.\n\n"It is a difficult issue," said the Florida senator.', "Marco Rubio"),
    ('Melania Trump, 46, spoke in Cleveland on Monday. Her friend Paul Manafort watched from the front row.\n\n'
     '"I love this country," the 46-year-old said.', "Melania Trump"),
    ('Donald Trump, a billionaire from New York, attacked Jeb Bush on Monday.\n\n"He is weak," the businessman said.',
     "Donald Trump"),
    ('Sen. Marco Rubio (R-Fla.) attacked President Barack Obama on Tuesday.\n\n"It is a failure," the Florida '
     'senator said.', "Marco Rubio"),
])
def test_a_description_no_titled_name_matches_is_named_like_a_pronoun(engine, text, name):
    mention = speaker_mention(engine, text, None, name)
    assert mention.text.lower().startswith("the ")


@pytest.mark.parametrize("text", [
    'Sen. Marco Rubio campaigned in Iowa. "We will win," a senator said.',
    '"We will win," Florida Sen. Marco Rubio said on Monday. "The system is rigged," the Vermont senator said.',
    'Sen. Marco Rubio (R-Fla.) spoke on Monday.\n\n"The system is rigged," the Vermont senator said.',
    'Sen. Marco Rubio attacked President Barack Obama on Tuesday. "It is a failure," the spokesman said.',
])
def test_a_role_noun_without_that_person_stays_unnamed(engine, text):
    quote = engine.extract(text).quotes[-1]
    assert quote.speaker is not None and quote.speaker.name != "Marco Rubio", quote.speaker


def test_a_pronoun_refers_to_the_name_opening_the_sentence_before_it_whatever_its_parse(engine):
    text = 'Groberg, 33, opened up about his decision. "He has zero foreign policy experience," he said.'
    assert speaker_mention(engine, text, None, "Groberg").text == "he"


def test_a_speakers_name_has_plain_spaces_while_the_mention_keeps_the_texts(engine):
    text = 'FBI Director James\u00a0Comey said the handling was "extremely careless."'
    mention = speaker_mention(engine, text, None, "James Comey")
    assert "\u00a0" in mention.text


def test_a_bare_surname_stays_with_the_person_the_article_names_most(engine):
    text = ('CLEVELAND - Donald Trump accepted the nomination. Donald Trump spoke for an hour.\n\n'
            '"We will win," Trump said. He was introduced by his daughter Ivanka Trump, who called him "a fighter."\n\n'
            '"We will build the wall," Trump said.')
    result = engine.extract(text)
    assert [q.speaker.name for q in result.quotes] == ["Donald Trump", "Ivanka Trump", "Donald Trump"]
    assert len(result.speakers) == 2
