"""Person pronouns need people: animacy evidence and the pronoun rules that use it, on
hand-built parses (no Stanza needed). The rules alone: the learned ranker over them is tested in
test_engine_antecedents.py."""
from __future__ import annotations

import pytest

from service.engine import antecedents

from service.engine.animacy import is_thing_name, thing_names
from service.engine.marks import Intervals
from service.engine.model import Span
from service.engine.resolve import EntityTable
from service.engine.tree import mention_span
from support import link, parsed


@pytest.fixture(autouse=True)
def rules_only(monkeypatch):
    monkeypatch.setattr(antecedents, "_weights", lambda: None)


PLACES = "The Super Bowl drew crowds in Mexico . The Trump campaign cheered . The Broncos won ."
PLACE_ROWS = [
    [("The", "DET", 2, "det"), ("Super", "PROPN", 2, "compound"), ("Bowl", "PROPN", 3, "nsubj"),
     ("drew", "VERB", None, "root"), ("crowds", "NOUN", 3, "obj"), ("in", "ADP", 6, "case"),
     ("Mexico", "PROPN", 3, "obl"), (".", "PUNCT", 3, "punct")],
    [("The", "DET", 2, "det"), ("Trump", "PROPN", 2, "compound"), ("campaign", "NOUN", 3, "nsubj"),
     ("cheered", "VERB", None, "root"), (".", "PUNCT", 3, "punct")],
    [("The", "DET", 1, "det"), ("Broncos", "PROPN", 2, "nsubj", "bronco", "NNPS"), ("won", "VERB", None, "root"),
     (".", "PUNCT", 2, "punct")],
]


def test_the_article_says_which_names_are_things():
    things = thing_names(parsed(PLACES, PLACE_ROWS))
    assert things == {"bowl", "mexico", "broncos"}  # "the Trump campaign": Trump only modifies a noun
    assert is_thing_name("Super Bowl", things) and is_thing_name("Mexico", things)
    assert not is_thing_name("Donald Trump", things)


def test_names_that_are_things_whatever_the_article_says():
    for name in ("IMF", "American Motors Corp.", "Liverpool FC", "Christmas", "Labor Department"):
        assert is_thing_name(name, frozenset()), name
    for name in ("Jim Mattis", "Ng", "Theresa May"):
        assert not is_thing_name(name, frozenset()), name


def test_a_name_described_as_an_organisation_is_a_thing_but_not_one_holding_a_role_in_one():
    from service.engine.animacy import organisation_names
    from service.engine.parse import Doc

    def things(text):
        return organisation_names(Doc(text))

    assert "rosneft" in things("Rosneft, the Russian oil company, said so.")
    assert "rosneft" in things("Shares of the oil company Rosneft fell.")
    assert "kaplan" not in things("Mr. Kaplan, a screenwriter and former studio executive, said so.")
    assert "priebus" not in things("Reince Priebus, the party chairman, said so.")
    assert "dipietro" not in things("Jay DiPietro, the club's 78-year-old president, said so.")
    assert "dipietro" not in things("Jay DiPietro, the club\u2019s president, said so.")


CALDERON = "Calderon flew home . He landed in Mexico . Mexico welcomed him . he said so ."
CALDERON_ROWS = [
    [("Calderon", "PROPN", 1, "nsubj"), ("flew", "VERB", None, "root"), ("home", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
    [("He", "PRON", 1, "nsubj"), ("landed", "VERB", None, "root"), ("in", "ADP", 3, "case"),
     ("Mexico", "PROPN", 1, "obl"), (".", "PUNCT", 1, "punct")],
    [("Mexico", "PROPN", 1, "nsubj"), ("welcomed", "VERB", None, "root"), ("him", "PRON", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
    [("he", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
]


def test_he_skips_a_place_for_the_person_before_it():
    doc = parsed(CALDERON, CALDERON_ROWS)
    table = EntityTable(doc)
    assert table.name(link(table, doc, "he")) == "Calderon"


NEWCOMER = "Mowbray said so .\n\nSir Keir Starmer was scathing . he said no ."
NEWCOMER_ROWS = [
    [("Mowbray", "PROPN", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
    [("Sir", "PROPN", 2, "compound"), ("Keir", "PROPN", 2, "compound"), ("Starmer", "PROPN", 4, "nsubj"),
     ("was", "AUX", 4, "cop"), ("scathing", "ADJ", None, "root"), (".", "PUNCT", 4, "punct")],
    [("he", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("no", "INTJ", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
]


def test_a_person_introduced_in_a_new_paragraph_takes_the_next_he_said():
    doc = parsed(NEWCOMER, NEWCOMER_ROWS)
    table = EntityTable(doc)
    mowbray = link(table, doc, "Mowbray")
    he = link(table, doc, "he")
    assert he != mowbray and table.name(he).endswith("Starmer")
    # In the same paragraph the last speaker keeps it: nothing says the subject is the topic now.
    same = parsed(NEWCOMER.replace("\n\n", " "), NEWCOMER_ROWS)
    table = EntityTable(same)
    assert link(table, same, "Mowbray") == link(table, same, "he")


VOCATIVE = 'Sami spoke . " Clarkston is home ," he said .'
VOCATIVE_ROWS = [
    [("Sami", "PROPN", 1, "nsubj"), ("spoke", "VERB", None, "root"), (".", "PUNCT", 1, "punct")],
    [('"', "PUNCT", 3, "punct"), ("Clarkston", "PROPN", 3, "nsubj"), ("is", "AUX", 3, "cop"),
     ("home", "NOUN", 7, "ccomp"), (",", "PUNCT", 3, "punct"), ('"', "PUNCT", 3, "punct"),
     ("he", "PRON", 7, "nsubj"), ("said", "VERB", None, "root", "say"), (".", "PUNCT", 7, "punct")],
]


def test_a_name_inside_a_quote_is_no_antecedent():
    doc = parsed(VOCATIVE, VOCATIVE_ROWS)
    quote = doc.text.index('"'), doc.text.rindex('"') + 1
    blind = EntityTable(doc)  # not told where the quote is
    assert blind.name(link(blind, doc, "he")) == "Clarkston"
    table = EntityTable(doc, Intervals([quote]))
    assert table.name(link(table, doc, "he")) == "Sami"


SURNAME_ONLY = "Donald Trump won . Trump said so . It rained . It poured . It stopped . she said no ."
SURNAME_ONLY_ROWS = [
    [("Donald", "PROPN", 2, "nsubj"), ("Trump", "PROPN", 0, "flat"), ("won", "VERB", None, "root"),
     (".", "PUNCT", 2, "punct")],
    [("Trump", "PROPN", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
] + [[("It", "PRON", 1, "expl"), (verb, "VERB", None, "root"), (".", "PUNCT", 1, "punct")]
      for verb in ("rained", "poured", "stopped")] + [
    [("she", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("no", "INTJ", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
]


def test_she_is_not_a_man_the_article_names_by_surname_only():
    doc = parsed(SURNAME_ONLY, SURNAME_ONLY_ROWS)
    table = EntityTable(doc)
    trump = link(table, doc, "Trump", nth=1)
    assert table.name(trump) == "Donald Trump" and link(table, doc, "she") != trump


REPORTER = "Obama said so . Cox says Obama is wrong . He says no ."
REPORTER_ROWS = [
    [("Obama", "PROPN", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
    [("Cox", "PROPN", 1, "nsubj"), ("says", "VERB", None, "root", "say"), ("Obama", "PROPN", 4, "nsubj"),
     ("is", "AUX", 4, "cop"), ("wrong", "ADJ", 1, "ccomp"), (".", "PUNCT", 1, "punct")],
    [("He", "PRON", 1, "nsubj"), ("says", "VERB", None, "root", "say"), ("no", "INTJ", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
]


def test_a_pronoun_reporting_speech_takes_the_reporter_of_the_sentence_before():
    doc = parsed(REPORTER, REPORTER_ROWS)
    table = EntityTable(doc)
    obama = link(table, doc, "Obama")
    he = link(table, doc, "He")
    assert he != obama and table.name(he) == "Cox"


SWIFT = "Taylor Swift \U0001F3A4 said so ."
SWIFT_ROWS = [[("Taylor", "PROPN", 3, "nsubj"), ("Swift", "PROPN", 0, "flat"), ("\U0001F3A4", "PROPN", 0, "flat"),
               ("said", "VERB", None, "root", "say"), ("so", "ADV", 3, "advmod"), (".", "PUNCT", 3, "punct")]]


def test_an_emoji_after_a_name_is_no_part_of_it():
    from service.engine.resolve import name_of

    doc = parsed(SWIFT, SWIFT_ROWS)
    head = doc.words[0]
    assert name_of(doc, head)[0] == "Taylor Swift"
    assert mention_span(doc, head).text == "Taylor Swift"


SPIRIT = "Spirit Airlines said it would cut fares . The NRA met . then the company said so ."
SPIRIT_ROWS = [
    [("Spirit", "PROPN", 1, "compound"), ("Airlines", "PROPN", 2, "nsubj"), ("said", "VERB", None, "root", "say"),
     ("it", "PRON", 5, "nsubj"), ("would", "AUX", 5, "aux"), ("cut", "VERB", 2, "ccomp"), ("fares", "NOUN", 5, "obj"),
     (".", "PUNCT", 2, "punct")],
    [("The", "DET", 1, "det"), ("NRA", "PROPN", 2, "nsubj"), ("met", "VERB", None, "root"), (".", "PUNCT", 2, "punct")],
    [("then", "ADV", 3, "advmod"), ("the", "DET", 2, "det"), ("company", "NOUN", 3, "nsubj"),
     ("said", "VERB", None, "root", "say"), ("so", "ADV", 3, "advmod"), (".", "PUNCT", 3, "punct")],
]


def test_the_company_speaks_for_the_organisation_named_before():
    alone = parsed(SPIRIT.replace("The NRA met . ", ""), [SPIRIT_ROWS[0], SPIRIT_ROWS[2]])
    table = EntityTable(alone)
    assert table.name(link(table, alone, "company")) == "Spirit Airlines"  # "… said it would …"
    doc = parsed(SPIRIT, SPIRIT_ROWS)
    table = EntityTable(doc)
    assert table.name(link(table, doc, "company")) == "NRA"  # the nearest organisation
    newspaper = parsed(SPIRIT.replace("company", "newspaper"), SPIRIT_ROWS[:2] + [
        [(t if t != "company" else "newspaper", *rest) for t, *rest in SPIRIT_ROWS[2]]])
    table = EntityTable(newspaper)
    assert table.name(link(table, newspaper, "newspaper")) == "newspaper"  # no outlet named: left as it is


DIRECTOR = "said Spirit's director of marketing , Paul Berry ."
DIRECTOR_ROWS = [[("said", "VERB", None, "root", "say"), ("Spirit", "PROPN", 3, "nmod:poss"), ("'s", "PART", 1, "case"),
                  ("director", "NOUN", 0, "nsubj"), ("of", "ADP", 5, "case"), ("marketing", "NOUN", 3, "nmod"),
                  (",", "PUNCT", 7, "punct"), ("Paul", "PROPN", 5, "conj"), ("Berry", "PROPN", 7, "flat"),
                  (".", "PUNCT", 0, "punct")]]


def test_a_role_noun_is_named_by_the_name_set_off_after_it():
    from service.engine.resolve import name_of

    doc = parsed(DIRECTOR, DIRECTOR_ROWS)  # the name parsed as a conjunct of "marketing"
    assert name_of(doc, doc.words[3])[0] == "Paul Berry"
    alone = parsed("said Spirit's director .", [DIRECTOR_ROWS[0][:4] + [(".", "PUNCT", 0, "punct")]])
    assert name_of(alone, alone.words[3])[0] == "Spirit's director"


# No comma: the name closes the title's "of" phrase, parsed as words of "ceremonies".
MASTER = "said master of ceremonies Asab Al-Tabchi , a Syrian engineer . he added ."
MASTER_ROWS = [
    [("said", "VERB", None, "root", "say"), ("master", "NOUN", 0, "obj"), ("of", "ADP", 3, "case"),
     ("ceremonies", "NOUN", 1, "nmod"), ("Asab", "PROPN", 3, "flat"), ("Al-Tabchi", "PROPN", 3, "flat"),
     (",", "PUNCT", 9, "punct"), ("a", "DET", 9, "det"), ("Syrian", "ADJ", 9, "amod"), ("engineer", "NOUN", 3, "appos"),
     (".", "PUNCT", 0, "punct")],
    [("he", "PRON", 1, "nsubj"), ("added", "VERB", None, "root", "add"), (".", "PUNCT", 1, "punct")],
]


def test_a_role_noun_is_named_by_the_full_name_closing_its_of_phrase():
    from service.engine.resolve import name_of

    doc = parsed(MASTER, MASTER_ROWS)
    assert name_of(doc, doc.words[1])[0] == "Asab Al-Tabchi"
    for text in ("said secretary of state Berry .", "said the head of the company , adding ."):
        words = text.split()
        rows = [[(t, "NOUN" if t.islower() and t not in ("of", "the") else "PROPN", 0 if k else None,
                  "root" if k == 0 else "dep") for k, t in enumerate(words)]]
        other = parsed(text, rows)
        assert name_of(other, other.words[1])[0] != "Berry"  # one capitalised word is no full name


def test_the_first_word_of_a_name_hung_from_a_common_noun_is_a_candidate_for_he():
    doc = parsed(MASTER, MASTER_ROWS)
    table = EntityTable(doc)
    he = [w for w in doc.words if w.text == "he"][0]
    cands = {c.key: c for c in table.antecedent_candidates(he, "m", None)}
    assert cands["al-tabchi"].name == "Asab Al-Tabchi" and len(cands["al-tabchi"].mentions) == 1


def test_census_given_names_tell_a_gender_beyond_the_hand_lists():
    from service.engine.animacy import given_name_gender

    assert given_name_gender("Marla Maples") == "f" and given_name_gender("Denis McDonough") == "m"
    assert given_name_gender("Chris Christie") == "m"  # eight times more often a man's name
    assert given_name_gender("Lindsey Graham") == "m"  # the hand list wins over the Census
    assert given_name_gender("Kim Jong Un") is None  # a surname first
    assert given_name_gender("Ma Ying-jeou") is None and given_name_gender("Taylor Swift") is None  # rare; even


def test_a_given_name_tells_the_gender_a_pronoun_needs():
    from service.engine.animacy import given_name_gender

    assert given_name_gender("Donald Trump") == "m" and given_name_gender("Sen. Hillary Clinton") == "f"
    assert given_name_gender("Trump") is None and given_name_gender("Jordan Spieth") is None  # unisex: unknown
    text = "Donald Trump spoke . Hillary Clinton left . she said so ."
    doc = parsed(text, [
        [("Donald", "PROPN", 1, "compound"), ("Trump", "PROPN", 2, "nsubj"), ("spoke", "VERB", None, "root"),
         (".", "PUNCT", 2, "punct")],
        [("Hillary", "PROPN", 1, "compound"), ("Clinton", "PROPN", 2, "nsubj"), ("left", "VERB", None, "root"),
         (".", "PUNCT", 2, "punct")],
        [("she", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
         (".", "PUNCT", 1, "punct")]])
    table = EntityTable(doc)
    trump = link(table, doc, "Trump")
    link(table, doc, "Clinton")
    assert table.name(link(table, doc, "she")) == "Hillary Clinton"
    table = EntityTable(doc)
    trump = link(table, doc, "Trump")  # the only speaker so far: still no "she"
    assert link(table, doc, "she") != trump


def test_he_is_never_a_plural_or_a_common_noun():
    text = "Norbert Butz stars . Audiences loved it . he said so ."
    doc = parsed(text, [
        [("Norbert", "PROPN", 1, "compound"), ("Butz", "PROPN", 2, "nsubj"), ("stars", "VERB", None, "root"),
         (".", "PUNCT", 2, "punct")],
        [("Audiences", "NOUN", 1, "nsubj", "audience", "NNS"), ("loved", "VERB", None, "root"), ("it", "PRON", 1, "obj"),
         (".", "PUNCT", 1, "punct")],
        [("he", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
         (".", "PUNCT", 1, "punct")]])
    table = EntityTable(doc)
    link(table, doc, "Butz")
    link(table, doc, "Audiences")  # a later speaker, but no "he"
    assert table.name(link(table, doc, "he")) == "Norbert Butz"


def test_countries_and_states_are_places_unless_the_article_makes_them_a_surname():
    from service.engine.animacy import is_thing_name, place_names

    text = "Rep. Jim Jordan of Ohio met Russia's envoy. Jordan said Texas and California would vote."
    places = place_names(text)
    assert {"ohio", "russia", "texas", "california"} <= places
    assert "jordan" not in places  # "Jim Jordan", "Rep. Jordan": a person here
    assert is_thing_name("Ohio", places) and not is_thing_name("Jim Jordan", places)
    assert place_names("Jordan said Amman was calm.") == frozenset({"jordan", "amman"})  # the country, named alone


def test_a_name_after_a_place_preposition_is_a_place_even_where_nothing_is_parsed():
    from service.engine.animacy import place_names

    places = place_names("Growing up in El Paso, Mendoza saw it. But in Clarkston, refugees are welcome.")
    assert {"paso", "clarkston"} <= places and "mendoza" not in places
    assert "trump" not in place_names("Voters in Trump's camp cheered.")  # a possessive is no place
    assert "trump" not in place_names("They believe in Trump. Donald Trump said so.")  # a person here


def test_countries_and_states_of_more_than_one_word_are_places():
    from service.engine.animacy import is_thing_name, place_names

    places = place_names("She won New Hampshire and South Carolina; Puerto Rico votes later.")
    assert {"hampshire", "carolina", "rico"} <= places
    assert is_thing_name("Puerto Rico", places) and not is_thing_name("Rico", place_names("Rico Bosco spoke."))


def test_larger_cities_are_places_but_not_those_that_are_common_names():
    from service.engine.animacy import place_names

    places = place_names("Liverpool beat Manchester City in London; Sydney and Kansas City next. Houston and Charlotte spoke.")
    assert {"liverpool", "manchester", "london", "sydney"} <= places
    assert not {"houston", "charlotte"} & places  # a surname, a given name: maybe a person
    assert "paris" not in place_names("Paris said it. Sen. Paris Dennard agreed.")  # a person here


# The fast path parses a sentence with its quote's words elided, so the parser may hang a
# quote's "the" on the speaker; the mention still stops at the closing mark.
REACHED = '" That was the hardest moment , " Ban recalled .'
REACHED_ROWS = [[('"', "PUNCT", 9, "punct"), ("That", "PRON", 9, "nsubj"), ("was", "AUX", 9, "cop"),
                 ("the", "DET", 8, "det"), ("hardest", "ADJ", 5, "amod"), ("moment", "NOUN", 2, "nmod"),
                 (",", "PUNCT", 5, "punct"), ('"', "PUNCT", 5, "punct"), ("Ban", "PROPN", 9, "nsubj"),
                 ("recalled", "VERB", None, "root"), (".", "PUNCT", 9, "punct")]]


def test_a_speaker_mention_never_reaches_into_the_quote_before_it():
    doc = parsed(REACHED, REACHED_ROWS)
    assert mention_span(doc, doc.words[8]).text == "Ban"
    nickname = parsed("James ' Mad Dog ' Mattis spoke .", [[
        ("James", "PROPN", 5, "nsubj"), ("'", "PUNCT", 2, "punct"), ("Mad", "PROPN", 3, "compound"),
        ("Dog", "PROPN", 0, "flat"), ("'", "PUNCT", 2, "punct"), ("Mattis", "PROPN", 0, "flat"),
        ("spoke", "VERB", None, "root"), (".", "PUNCT", 6, "punct")]])
    assert mention_span(nickname, nickname.words[0]).text == "James ' Mad Dog ' Mattis"


CATAPHOR = "After he spoke , Pastor Kevin Swanson left . he said so ."
CATAPHOR_ROWS = [
    [("After", "SCONJ", 2, "mark"), ("he", "PRON", 2, "nsubj"), ("spoke", "VERB", 7, "advcl"),
     (",", "PUNCT", 2, "punct"), ("Pastor", "PROPN", 6, "compound"), ("Kevin", "PROPN", 6, "compound"),
     ("Swanson", "PROPN", 7, "nsubj"), ("left", "VERB", None, "root"), (".", "PUNCT", 7, "punct")],
    [("he", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
]


def test_a_pronoun_before_its_sentences_main_subject_takes_that_subject():
    doc = parsed(CATAPHOR, CATAPHOR_ROWS)
    table = EntityTable(doc)
    first = link(table, doc, "he")
    assert table.name(first).endswith("Kevin Swanson") and link(table, doc, "he", nth=1) == first


OPENER = "Dan Smith spoke . Several said no . he said yes . several left ."
OPENER_ROWS = [
    [("Dan", "PROPN", 2, "nsubj"), ("Smith", "PROPN", 0, "flat"), ("spoke", "VERB", None, "root"),
     (".", "PUNCT", 2, "punct")],
    [("Several", "PROPN", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("no", "INTJ", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
    [("he", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("yes", "INTJ", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
    [("several", "ADJ", 1, "nsubj"), ("left", "VERB", None, "root"), (".", "PUNCT", 1, "punct")],
]


def test_a_common_word_capitalised_only_to_open_a_sentence_is_no_antecedent():
    doc = parsed(OPENER, OPENER_ROWS)
    table = EntityTable(doc)
    assert table.name(link(table, doc, "he")) == "Dan Smith"


# "it" for a document speaks for the document's author.
CRUZ = "The Cruz campaign sent an email . it stated so ."
CRUZ_ROWS = [
    [("The", "DET", 2, "det"), ("Cruz", "PROPN", 2, "compound"), ("campaign", "NOUN", 3, "nsubj"),
     ("sent", "VERB", None, "root", "send"), ("an", "DET", 5, "det"), ("email", "NOUN", 3, "obj"),
     (".", "PUNCT", 3, "punct")],
    [("it", "PRON", 1, "nsubj"), ("stated", "VERB", None, "root", "state"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
]


def _it_speaker(text: str, rows: list[list[tuple]], nth: int = 0) -> str:
    doc = parsed(text, rows)
    table = EntityTable(doc)
    for k in range(nth + 1):
        name = table.name(link(table, doc, "it", k))
    return name


def test_it_for_a_document_is_the_one_who_sent_it():
    assert _it_speaker(CRUZ, CRUZ_ROWS) == "Cruz campaign"
    received = [[(t, u, h, "obj" if t == "campaign" else ("nsubj" if t == "email" else d), *rest)
                 for t, u, h, d, *rest in CRUZ_ROWS[0]], CRUZ_ROWS[1]]
    assert _it_speaker(CRUZ, received) == "it"  # the email sent the campaign: no author found


LETTER = "A letter to the board from the staff association urged change . it stated so ."
LETTER_ROWS = [
    [("A", "DET", 1, "det"), ("letter", "NOUN", 9, "nsubj"), ("to", "ADP", 4, "case"), ("the", "DET", 4, "det"),
     ("board", "NOUN", 1, "nmod"), ("from", "ADP", 8, "case"), ("the", "DET", 8, "det"),
     ("staff", "NOUN", 8, "compound"), ("association", "NOUN", 4, "nmod"), ("urged", "VERB", None, "root", "urge"),
     ("change", "NOUN", 9, "obj"), (".", "PUNCT", 9, "punct")],
    CRUZ_ROWS[1],
]


def test_it_for_a_letter_from_someone_is_who_it_is_from_even_where_from_hangs_lower():
    assert _it_speaker(LETTER, LETTER_ROWS) == "staff association"


MEMO = "The Benghazi Committee met . Thursday's memo seemed aimed at it . it stated so ."
MEMO_ROWS = [
    [("The", "DET", 2, "det"), ("Benghazi", "PROPN", 2, "compound"), ("Committee", "PROPN", 3, "nsubj"),
     ("met", "VERB", None, "root", "meet"), (".", "PUNCT", 3, "punct")],
    [("Thursday", "PROPN", 2, "nmod:poss"), ("'s", "PART", 0, "case"), ("memo", "NOUN", 3, "nsubj:pass"),
     ("seemed", "VERB", None, "root", "seem"), ("aimed", "VERB", 3, "xcomp", "aim"), ("at", "ADP", 6, "case"),
     ("it", "PRON", 4, "obl"), (".", "PUNCT", 3, "punct")],
    CRUZ_ROWS[1],
]


def test_a_day_is_no_document_s_author():
    assert _it_speaker(MEMO, MEMO_ROWS, nth=1) == "it"


# "the email" with no author of its own is the email named before it, further back than the
# sentences searched for a document.
FAR = ("The Cruz campaign sent an email . Friend , listen . I can win . Donald can not . "
       "the email read . it stated so .")


def _sentence(text: str, root: int) -> list[tuple]:
    words = text.split()
    return [(t, "PROPN" if t[:1].isupper() else "X", None if k == root else root, "root" if k == root else "dep")
            for k, t in enumerate(words)]


FAR_ROWS = [CRUZ_ROWS[0], _sentence("Friend , listen .", 2), _sentence("I can win .", 2),
            _sentence("Donald can not .", 2),
            [("the", "DET", 1, "det"), ("email", "NOUN", 2, "nsubj"), ("read", "VERB", None, "root", "read"),
             (".", "PUNCT", 2, "punct")],
            CRUZ_ROWS[1]]


def test_the_document_named_with_the_is_the_one_named_before():
    assert _it_speaker(FAR, FAR_ROWS) == "Cruz campaign"
    indefinite = FAR.replace("the email read", "an email read")
    rows = FAR_ROWS[:4] + [[("an", *FAR_ROWS[4][0][1:])] + FAR_ROWS[4][1:], CRUZ_ROWS[1]]
    assert _it_speaker(indefinite, rows) == "it"  # another email, whose author is not known


def test_a_later_it_is_the_one_an_earlier_it_was():
    text = LETTER + " it added more ."
    rows = LETTER_ROWS + [[("it", "PRON", 1, "nsubj"), ("added", "VERB", None, "root", "add"),
                           ("more", "ADJ", 1, "obj"), (".", "PUNCT", 1, "punct")]]
    doc = parsed(text, rows)
    table = EntityTable(doc)
    first, second = link(table, doc, "it", 0), link(table, doc, "it", 1)
    assert second == first and table.name(second) == "staff association"


def test_the_company_is_no_name_inside_its_own_quote_nor_a_day_nor_a_person():
    text = 'Spirit Airlines said it would cut fares . " Mr. Smith never called , " the company said .'
    rows = [SPIRIT_ROWS[0],
            [('"', "PUNCT", 3, "punct"), ("Mr.", "PROPN", 2, "compound"), ("Smith", "PROPN", 4, "nsubj"),
             ("never", "ADV", 4, "advmod"), ("called", "VERB", 9, "ccomp", "call"), (",", "PUNCT", 4, "punct"),
             ('"', "PUNCT", 4, "punct"), ("the", "DET", 8, "det"), ("company", "NOUN", 9, "nsubj"),
             ("said", "VERB", None, "root", "say"), (".", "PUNCT", 9, "punct")]]
    doc = parsed(text, rows)
    open_, close = text.index('"'), text.rindex('"') + 1
    table = EntityTable(doc, Intervals([(open_, close)]))
    assert table.name(link(table, doc, "company")) == "Spirit Airlines"
    for before in ("On Thursday it met .", "John Gowdy said its panel met ."):
        words = before.split()
        head = words.index("met") if "On" in words else words.index("said")
        other = parsed(before + " the company said .", [
            [(t, "PROPN" if t[:1].isupper() else "X", None if k == head else (k + 1 if t == "John" else head),
              "root" if k == head else ("flat" if t == "John" else "dep")) for k, t in enumerate(words)],
            [("the", "DET", 1, "det"), ("company", "NOUN", 2, "nsubj"), ("said", "VERB", None, "root", "say"),
             (".", "PUNCT", 2, "punct")]])
        table = EntityTable(other)
        assert table.name(link(table, other, "company")) == "company", before


# "they" that speaks is a group: the nearest plural subject of people, names joined by "and".
def _they_rows(first: list[tuple]) -> list[list[tuple]]:
    return [first, [("they", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
                    (".", "PUNCT", 1, "punct")]]


def _they(text: str, first: list[tuple]) -> tuple[EntityTable, str]:
    doc = parsed(text, _they_rows(first))
    table = EntityTable(doc)
    return table, table.name(link(table, doc, "they"))


def test_they_is_the_plural_subject_of_people_before_it():
    _, name = _they("Millennials say it . they said so .", [
        ("Millennials", "PROPN", 1, "nsubj", "millennial", "NNPS"), ("say", "VERB", None, "root"),
        ("it", "PRON", 1, "obj"), (".", "PUNCT", 1, "punct")])
    assert name == "Millennials"
    _, name = _they("The protesters marched . they said so .", [
        ("The", "DET", 1, "det"), ("protesters", "NOUN", 2, "nsubj", "protesters", "NNS"),  # the lemma left plural
        ("marched", "VERB", None, "root", "march"), (".", "PUNCT", 2, "punct")])
    assert name == "protesters"
    _, name = _they("The polls closed . they said so .", [
        ("The", "DET", 1, "det"), ("polls", "NOUN", 2, "nsubj", "poll", "NNS"), ("closed", "VERB", None, "root"),
        (".", "PUNCT", 2, "punct")])
    assert name == "they"  # no people


def test_they_for_names_joined_by_and_is_both_and_neither_one_alone():
    text = "Wilcox and Beruff argued . they said so ."
    table, name = _they(text, [
        ("Wilcox", "PROPN", 3, "nsubj", "wilcox", "NNP"), ("and", "CCONJ", 2, "cc"),
        ("Beruff", "PROPN", 0, "conj", "beruff", "NNP"), ("argued", "VERB", None, "root", "argue"),
        (".", "PUNCT", 3, "punct")])
    assert name == "Wilcox and Beruff"
    assert table._match_name("Beruff") is None  # a later "Beruff said" is the man, not the pair


def test_they_takes_a_main_clause_subject_before_one_in_a_clause_under_it():
    text = "Professors Foner and Alba suggest that immigrants adapt . they said so ."
    _, name = _they(text, [
        ("Professors", "PROPN", 4, "nsubj", "professor", "NNPS"), ("Foner", "PROPN", 0, "flat", "foner", "NNP"),
        ("and", "CCONJ", 3, "cc"), ("Alba", "PROPN", 1, "conj", "alba", "NNP"), ("suggest", "VERB", None, "root"),
        ("that", "SCONJ", 7, "mark"), ("immigrants", "NOUN", 7, "nsubj", "immigrant", "NNS"),
        ("adapt", "VERB", 4, "ccomp"), (".", "PUNCT", 4, "punct")])
    assert name == "Professors Foner and Alba"


def test_a_title_s_capitalised_of_phrase_closed_by_a_name_is_that_person_whatever_the_parse():
    from service.engine.resolve import name_of
    from service.engine.tree import title_of

    for text, name in (("said Secretary of State Hillary Clinton .", "Hillary Clinton"),
                       ("said then-Secretary of State Hillary Clinton .", "Hillary Clinton"),
                       ("said the director of the FBI James B. Comey , adding .", "James B. Comey")):
        words = text.split()
        head = next(k for k, t in enumerate(words) if title_of(t))
        rows = [[(t, "PROPN" if t[:1].isupper() else "X", None if k == 0 else 0, "root" if k == 0 else "dep")
                 for k, t in enumerate(words)]]
        doc = parsed(text, rows)  # every word hung from "said": only the text says where the name is
        assert name_of(doc, doc.words[head]) == (name, ["secretary"] if "Secretary" in text else ["director"])
    assert (title_of("then-Secretary"), title_of("ex-Senator"), title_of("Then-Gov.")) == ("secretary", "senator", "gov.")
    assert title_of("then-Clinton") is None and title_of("Secretary") == "secretary"
    state = parsed("said Secretary of State .", [[("said", "VERB", None, "root"), ("Secretary", "PROPN", 0, "obj"),
                                                  ("of", "ADP", 3, "case"), ("State", "PROPN", 1, "nmod"),
                                                  (".", "PUNCT", 0, "punct")]])
    assert name_of(state, state.words[1])[0] != "State"  # no name after the phrase: none taken from it
