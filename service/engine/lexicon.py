"""Every word list, dependency-relation set and window size the attribution logic uses, each
once and named. Pure data: no engine module is imported here, so any of them may import it."""
from __future__ import annotations

# --- Dependency relations (Universal Dependencies, as Stanza's English parser gives them) ---

SUBJECT_RELS = frozenset(("nsubj", "nsubj:pass", "nsubj:outer"))
# The relations by which a clause hangs from the verb whose subject it shares or reports
# ('he smiled and said', 'was quoted as saying'): a speaker is looked for up these.
CLIMB_RELS = frozenset(("xcomp", "advcl", "conj", "ccomp", "parataxis"))
# The relations of a clause's verb (a finite verb parsed with one of these and no subject is a misparse).
CLAUSE_RELS = frozenset(("root", "conj", "parataxis", "ccomp", "advcl", "acl", "acl:relcl", "dep"))
NAME_RELS = frozenset(("compound", "flat", "flat:name"))  # the words of one name
FLAT_RELS = frozenset(("flat", "flat:name"))  # one name's words hung side by side: "Senator(→) Mitch(flat) McConnell(flat)"
NAME_PARTS = frozenset(("compound", "flat", "flat:name", "appos", "nmod:poss"))  # a name and what it is attached by
# The dependents that belong to a mention's span: 'Putin's spokesman', 'the Florida senator'.
MENTION_PARTS = frozenset(("compound", "flat", "flat:name", "nmod:poss", "amod", "det", "case", "nummod",
                           "det:poss", "punct", "nmod:npmod", "obl:npmod"))

# --- Windows ---

# Steps up the tree from a quote's word to the words that may govern it (a reporting verb, a
# saying noun): deep enough for "X said that she told them …", bounded against long chains.
TREE_DEPTH = 12
CLIMB_STEPS = 4  # steps up CLIMB_RELS from a cue to the verb whose subject speaks
ANTECEDENT_SENTENCES = 3  # sentences before a pronoun (or a bare quote) its person is looked for in
ANTECEDENT_WINDOW = 5  # sentences before a pronoun whose names the antecedent ranker weighs
# Sentences before a resolved "he" or "she" parsed for the ranker's grammar features: the one
# before names the person most often (train referents, cross-validated: 0.834 -> 0.845 with one,
# 0.849 with two, for 3.5% and 8% more sentences parsed).
RANKER_PARSE_SENTENCES = 1
INTERRUPTION_CHARS = 150  # the most an attribution between two halves of a quote takes
NAMING_REACH = 30  # characters before a quote searched for "dubbed", "known as" and the like
NICKNAME_WORDS = 4  # the most words a nickname has
SIGNATURE_LINE_CHARS = 60  # a signature line is a name and a title, not a bullet point
CREDIT_REACH = 600  # characters from a quote to its digest item's end: a digest item is short
HEADLINE_REACH = 200  # characters: the most a digest item's headline before its quote takes
CONTINUATION_CHARS = 1500  # the most text between two quotes of one speaker with no attribution between
ROLE_REACH = 200  # characters: a titled name this close before a role noun is the one it means
DESCRIPTION_REACH = 40  # characters: "Florida" or "46" this close to a name describes that person ("Rubio (R-Fla.)")
HEADLINE_CHARS = 200  # a longer line is prose, not a title-case headline
NARRATOR_CHARS = 800  # the top of an article, where its byline or its author's name stands
DATELINE_CHARS = 200  # a dateline ("WASHINGTON (AP) — ") is short: a word this far into its paragraph is past it
LABEL_WORDS = 6  # the most words in a "Clinton on the economy:" line label
TRANSCRIPT_TURNS = 3  # labelled lines ('TAPPER:', 'FALLIN:') that make a transcript, two speakers at least
# Capitals labels that open a line but name no speaker ('UPDATE: …', 'BYLINE: Amber Phillips').
NOT_SPEAKER_LABELS = frozenset("""
update updated correction corrections clarification byline email e-mail note editor's editors exclusive
breaking watch look listen read related source sources photo photos video transcript warning boom busted
""".split())
SHORT_SENTENCE = 5  # words: '"…?" / Beck questioned.' is cheap to parse and may carry a cue
# A long quotation is parsed by its first and last words only: what attribution and the
# speech classifier read inside a quote (its first clause, how it ends, how it hangs from the
# sentence around it) lies there, and the middle is most of the parser's work.
QUOTE_HEAD_WORDS, QUOTE_TAIL_WORDS = 6, 2

# --- Pronouns ---

# Personal pronouns and their gender (m, f, p plural, n neuter; None: either).
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p", "i": None,
            "we": "p", "it": "n", "you": None, "his": "m", "their": "p", "its": "n", "my": None, "our": "p"}
GENDERED_FORMS = {"himself": "m", "herself": "f", "hers": "f"}  # gendered pronouns PRONOUNS leaves out
PERSON_PRONOUNS = frozenset("he she they i we his her their".split())  # pronouns for people, not "it"
SPEAKER_PRONOUNS = frozenset("he she they i we".split())  # a subject pronoun that can speak
THIRD_PERSON = frozenset("he she they".split())  # '"…," he said': the speaker after a quote
SINGULAR_PERSON = frozenset("he she".split())  # one person the article goes on about
RELATIVE_PRONOUNS = frozenset(("who", "that", "which"))
# Pronouns that name people without referring back to anyone: '"Stop the cover-up!" others shouted'.
INDEFINITE_SOURCES = frozenset("others another some many one several both".split())
INDEFINITE_DETERMINERS = frozenset("a an another one other some several two three".split())  # "another supporter": someone new
LEADING_DETERMINERS = ("the", "a", "an", "his", "her", "their", "its")  # dropped from a role noun's name

# --- Titles and roles ---

TITLE_PREFIXES = ("then-", "ex-")  # "then-Secretary", "ex-Gov.": still the title
# Words that precede a name without being part of it (titles, roles, honorifics).
TITLES = frozenset("""
president secretary sen. senator rep. representative gov. governor gen. general adm. admiral dr.
mr. mrs. ms. mr mrs ms miss prof. professor judge justice chairman chairwoman chair commissioner minister
prime vice former mayor ambassador director spokesman spokeswoman sir dame lord lady rev.
sgt. lt. col. capt. maj. cpl. pvt. defense state attorney press chief deputy assistant leader
speaker majority minority house senate u.s. us candidate presidential republican democratic gop
democrat first king queen pope rabbi imam officer sheriff councilman councilwoman congressman
congresswoman del. atty. supt. gop. nominee hopeful contender retired marine army navy
pastor reverend bishop cardinal ceo comedian staff
executive financial operating managing mp coach manager captain skipper boss chancellor shadow head
dr prof rev cllr supt insp ald. amb. cmdr. det. insp. fr. msgr. sec. pres.
detective inspector superintendent constable sergeant commander colonel lieutenant corporal brigadier
""".split())
ABBREVIATIONS = {"gen.": "general", "sen.": "senator", "rep.": "representative", "gov.": "governor",
                 "sec.": "secretary", "adm.": "admiral", "pres.": "president", "lt.": "lieutenant",
                 "col.": "colonel", "capt.": "captain", "maj.": "major", "dr.": "doctor",
                 "ald.": "alderman", "amb.": "ambassador", "cmdr.": "commander", "det.": "detective"}
# Abbreviated titles before a name never end a sentence ("Sen. Ted Cruz", "Lt. Gov. Dan Patrick");
# an initialism ("U.S.") may.
ABBREVIATED_TITLES = frozenset(t for t in TITLES | set(ABBREVIATIONS) if t.endswith(".") and t.count(".") == 1) | \
    frozenset("st. ft. mt. sens. reps. govs.".split())
# An abbreviation at a sentence's end ("to enter the U.S. The proposal …") is told from one
# inside a name ("U.S. Senate") only by a following capitalised word that opens sentences, not names.
SENTENCE_OPENERS = frozenset("the a an he she it they we i you but and in this that his her their there "
                             "its our if when as so yet".split())
# Words abbreviated before a number ("No. 1", "Vol. 2"): their full stop ends no sentence.
NUMBER_ABBREVIATIONS = frozenset("no nos vol art fig ch pp".split())
# Titles that stand right before a person's name; in "Judicial Watch President Tom Fitton" the
# name follows the last of them (not so "Clinton State Department": "state" is no such title).
PERSON_TITLES = frozenset("""
president secretary sen. senator rep. representative gov. governor gen. general adm. admiral dr.
mr. mrs. ms. mr mrs ms prof. professor judge chairman chairwoman chair commissioner minister mayor
ambassador director spokesman spokeswoman rev. sgt. lt. col. capt. maj. speaker sheriff
congressman congresswoman pope rabbi imam chancellor founder adviser advisor assemblyman
assemblywoman actor actress star journalist pastor reverend bishop cardinal ceo comedian
executive mp coach manager captain skipper boss dr prof cllr detective inspector
superintendent constable sergeant commander colonel lieutenant
""".split())
# What "the …" can refer back to: a person title written out, or a role in a race.
ROLES = frozenset(ABBREVIATIONS.get(t, t) for t in PERSON_TITLES) | frozenset(
    "candidate nominee leader hopeful contender officer".split())
# One person of either gender: what a person description ("the senator") needs, as "he" needs "m".
ONE_PERSON = "mf"
# "The Spaniard said", "the Dutchman": a person named before, by nationality (sports and foreign desks).
DEMONYMS = frozenset("""
american briton englishman englishwoman scot welshman irishman irishwoman frenchman frenchwoman
dutchman dutchwoman spaniard portuguese italian german austrian swiss belgian dane swede norwegian finn
pole czech croat serb slovenian russian ukrainian greek turk canadian mexican brazilian argentine
argentinian colombian chilean uruguayan australian kiwi japanese chinese korean indian pakistani
nigerian ghanaian kenyan ethiopian egyptian moroccan israeli iranian
""".split())
# What "the …" may call a person named before, beside ROLES: "the billionaire businessman said".
# Not "the spokesman" (someone's, often unnamed) nor "the man".
PERSON_NOUNS = (ROLES - {"spokesman", "spokeswoman", "officer"}) | frozenset("""
businessman businesswoman billionaire mogul tycoon magnate developer neurosurgeon surgeon doctor
physician lawyer activist author writer novelist host anchor entrepreneur investor executive veteran
strategist pollster economist historian professor scientist researcher lawmaker politician
congressman congresswoman legislator diplomat senator governor mayor front-runner frontrunner
actress columnist prince employee singer rapper musician songwriter presenter broadcaster pundit
producer filmmaker designer chef banker analyst player footballer cricketer striker midfielder defender
goalkeeper winger forward batsman bowler golfer boxer fighter jockey cyclist sprinter swimmer athlete
driver champion quarterback pitcher teenager youngster
""".split()) | DEMONYMS
# AP-style state abbreviations, as party labels give them ("Sen. Marco Rubio (R-Fla.)").
STATE_ABBREVIATIONS = {
    "alabama": "ala.", "arizona": "ariz.", "arkansas": "ark.", "california": "calif.", "colorado": "colo.",
    "connecticut": "conn.", "delaware": "del.", "florida": "fla.", "georgia": "ga.", "illinois": "ill.",
    "indiana": "ind.", "kansas": "kan.", "kentucky": "ky.", "louisiana": "la.", "maryland": "md.",
    "massachusetts": "mass.", "michigan": "mich.", "minnesota": "minn.", "mississippi": "miss.",
    "missouri": "mo.", "montana": "mont.", "nebraska": "neb.", "nevada": "nev.", "oklahoma": "okla.",
    "oregon": "ore.", "pennsylvania": "pa.", "tennessee": "tenn.", "vermont": "vt.", "virginia": "va.",
    "washington": "wash.", "wisconsin": "wis.", "wyoming": "wyo.", "carolina": "c.", "dakota": "d.",
    "hampshire": "n.h.", "jersey": "n.j.", "mexico": "n.m.", "york": "n.y.",
}
# Nouns for people by their role: a source even without a name.
ROLE_NOUNS = TITLES | frozenset("""
official officials aide aides adviser advisers spokesperson analyst analysts expert experts source
sources lawmaker lawmakers strategist strategists candidate nominee campaign supporter supporters
critic critics voter voters member members manager operative operatives staffer people man woman
""".split())
# People in numbers, beside PERSON_NOUNS and ROLE_NOUNS: a plural of one is a "they" that can speak
# ("Millennials say they …", "the protesters chanted").
GROUP_NOUNS = frozenset("""
people protester demonstrator resident student parent worker activist leader organizer participant
fan player delegate attendee marcher immigrant refugee citizen american democrat republican
conservative liberal progressive co-author scientist economist soldier officer agent
campaigner villager shopper commuter passenger farmer teacher nurse doctor investor trader consumer
tenant victim survivor witness volunteer pupil patient employee councillor mp minister pensioner motorist
shopkeeper owner neighbour neighbor opponent local
""".split())
# Honorifics tell two people of one surname apart ("Mr. Clinton", "Mrs. Clinton"), by gender.
HONORIFIC_GENDER = {**dict.fromkeys(("mr.", "mr"), "m"), **dict.fromkeys(("mrs.", "mrs", "ms.", "ms", "miss"), "f")}

# --- Words that are not names ---

# Capitalised words that start a sentence or describe a person without being a name.
NOT_NAMES = frozenset("""
the a an some this that these those when after before in on at as if but and or so while with
for from by to of said says then now why how what where who according during since until like
unlike both all every each many most more other another such only even also here there asked
told meanwhile today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december russian
american british french german chinese japanese iranian iraqi syrian israeli mexican canadian
ukrainian turkish saudi afghan korean indian italian spanish european african democrats
republicans his her their its our my your sources photo read see related watch because neither nor
despite although though whether whatever however yet is was are were
""".split())
TIME_NOUNS = frozenset("week weeks month months year years day days night morning afternoon evening "
                       "weekend today tonight yesterday tomorrow time afterwards afterward later earlier".split())
TITLE_CASE_LOWER = frozenset("a an the of in on and to for at by with as or vs from".split())
# Capitalised words that no name has inside it: a run of capitals through one is two phrases
# ("A. And Hillary Clinton", "Jews Against Trump", "S. While Clinton").
NAME_BREAKS = TITLE_CASE_LOWER | frozenset("while but against maybe when after before if so then also like".split())
NAME_PARTICLES = ("de", "van", "von", "al", "bin", "del", "da", "le", "ten", "ter", "der", "den", "di", "du", "dos")  # lower-case words inside a name

# Common English given names of one gender (unisex ones such as Chris, Jordan or Taylor left
# out): "she" is not Donald Trump. A name not listed tells nothing.
MALE_GIVEN_NAMES = frozenset("""
aaron adam adrian alan albert alexander alfred andrew angus anthony antonio arnold arthur barack
barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brian bruce bryan
carl carlos charles charlie chuck clarence colin craig dale dan daniel danny darren dave david
dennis derek dick don donald doug douglas duncan dwight earl ed eddie edward elijah elon eric
ernest eugene frank franklin fred frederick gary gavin gene geoffrey george gerald gordon graham
greg gregory harold harry harvey henry howard hugh ian isaac ivan jack jacob jake james jared
jason jeb jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan joseph josh
joshua juan justin keith ken kenneth kevin kirk kyle larry lawrence lee leonard lewis lindsey
louis luke malcolm marco mark martin matt matthew michael mike mitch mitt neil nicholas nick nigel
noah norman oliver oscar patrick paul peter phil philip ralph randy ray raymond reince richard rick
robert roger ron ronald roy rudy russell ryan sam samuel scott sean sergei seth simon stanley
stephen steve steven stuart ted terry thomas tim timothy todd tom tommy tony travis troy tyler
victor vincent vladimir walter warren wayne william willie xi
""".split())
FEMALE_GIVEN_NAMES = frozenset("""
abigail alice alicia alison amanda amber amy andrea angela angelique ann anna anne annie barbara
betsy betty beverly bonnie brenda caitlin carly carmen carol caroline carolyn catherine charlotte
chelsea cheryl christina christine cindy claire clara claudia colleen cynthia dana danielle debbie
deborah debra denise diana diane donna doris dorothy edith eileen elaine eleanor elizabeth ellen
emily emma erica erin eva evelyn fiona frances gina gloria grace hannah heather heidi helen hillary
hope irene isabel ivanka jackie jacqueline jane janet janice jasmine jean jennifer jessica jill joan
joanna joy joyce judith judy julia julie karen kate katherine kathleen kathy kayleigh kelly kellyanne
kimberly kirsten kristen laura lauren linda lisa lois lori louise lucy lynn madeleine margaret maria
marie marilyn marsha martha mary megan megyn melania melanie melissa michelle monica nancy natalie
nicola nicole nikki nina olive olivia pamela patricia paula pauline peggy penny rachel rebecca
rita rosa rose ruth sally samantha sandra sara sarah sharon sheila shirley sophie stacy stephanie
susan suzanne tammy teresa theresa tiffany tina tracy valerie vanessa victoria virginia wendy
""".split())

# --- Things that are not people (what "he" and "she" cannot refer to) ---

# Last words of organisation, team and event names: "American Motors Corp.", "Liverpool FC".
ORGANISATION_WORDS = frozenset("""
corp corporation inc ltd llc plc co company companies group holdings bank fund trust party
department ministry council committee commission agency association union university college
institute foundation league club fc cf afc united city county bureau office court board network
news times post journal magazine press tribune herald gazette channel bowl cup championship
olympics games series tournament festival award awards prize administration government
parliament congress senate house assembly army navy police force forces service services
authority organisation organization alliance coalition federation
""".split())
# Platforms a post goes on ("posted the track on Instagram"): named like people, never "he" or "she".
PLATFORM_NAMES = frozenset("""
instagram twitter facebook tiktok youtube snapchat linkedin reddit whatsapp spotify netflix weibo
wechat bluesky substack twitch
""".split())
# Offices named by their "of" phrase: "the Duke of Sussex", "the Archbishop of Canterbury".
OFFICES_OF = frozenset("duke duchess earl countess archbishop bishop dean mayor prince princess".split())
# Nouns for an organisation: "the company said" speaks for the company the article named.
ORGANISATION_NOUNS = frozenset("""
company firm airline carrier club team bank group organisation organization agency ministry
department government party network channel newspaper retailer maker manufacturer automaker
insurer lender union league association charity council committee board commission regulator
watchdog body federation business operator broadcaster publisher studio label panel
fund institution university college school hospital court authority trust society institute
foundation alliance coalition exchange chain supermarket giant carmaker miner utility conglomerate
startup platform
""".split())
# An outlet's nouns and the words its names end in: "the newspaper" is the Daily News, not the NRA.
PRESS_NOUNS = frozenset("newspaper paper publisher magazine outlet tabloid".split())
PRESS_WORDS = frozenset("news times post journal tribune herald gazette magazine press telegraph guardian mail "
                        "observer standard express star sun register globe chronicle inquirer".split())
ORGANISATION_REACH = 1500  # characters back to the organisation "the company" refers to
HOLIDAYS = frozenset("christmas easter thanksgiving halloween ramadan hanukkah passover eid diwali".split())
# Prepositions that put a proper noun in a place: "in Mexico", "across Europe".
# Places news names by other names than pycountry's ("Russian Federation") or that are no country
# or state (service/engine/animacy.place_names adds countries and states).
GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv".split())  # "Joseph R. Biden Jr.", "Brent Bozell III"
PLACE_NAMES = frozenset("america britain england scotland wales europe asia africa russia turkey korea".split())
PLACE_PREPOSITIONS = frozenset("in across throughout inside near outside".split())

# --- Cues ---

# Lemmas of verbs that report speech or writing. Collected from news copy (the PolNeAR train
# split's cues) and the verbs newsroom style guides list; the parse decides whether a use is a cue.
SPEECH_VERBS = frozenset("""
say tell add write continue tweet ask note report explain reply state declare conclude recall
respond argue read pledge acknowledge accuse suggest insist promise assure warn announce admit
urge chant claim complain predict quip shout yell scream joke boast vow emphasize emphasise
stress observe remark comment mention testify concede confirm deny maintain contend assert
allege caution counter retort snap charge demand wonder muse lament grumble post blog recount
elaborate reiterate repeat proclaim pronounce opine gush sigh exclaim whisper mutter murmur
cry plead beg implore reason offer agree disagree object protest inform advise
threaten thunder fume rail scoff sneer tease marvel rave hail praise slam blast criticize
criticise attack lash describe characterize characterise call label dub brand term
interject interrupt chime answer reassure reveal disclose remind swear
guarantee estimate forecast apologize apologise recommend propose
""".split())
# Verbs that name rather than report: their quoted object is usually a name or a label.
NAMING_VERBS = frozenset("call dub name nickname label brand term title christen refer".split())
# Particles that make a phrasal reporting verb: "shot back", "fired back", "went on".
PHRASAL = {("shoot", "back"), ("fire", "back"), ("go", "on"), ("point", "out"), ("hit", "back"),
           ("lash", "out"), ("cry", "out"), ("speak", "out"), ("sum", "up"), ("weigh", "in"),
           ("chime", "in"), ("push", "back"), ("write", "back")}
# Every inflected form of these ("going" left out: "is going to" is no cue).
IRREGULAR_FORMS = {"say": ["said", "says", "saying"], "tell": ["told", "tells", "telling"],
                   "write": ["wrote", "written", "writes", "writing"], "shoot": ["shot", "shoots", "shooting"],
                   "read": ["reads", "reading"], "swear": ["swore", "sworn", "swears", "swearing"],
                   "go": ["went", "goes", "gone"], "cry": ["cried", "cries", "crying"], "hit": ["hits", "hitting"],
                   "speak": ["spoke", "spoken", "speaks", "speaking"]}
# The verbs that report speech and nothing else: above a quote they outrank any other cue.
PLAIN_SAY = frozenset("say tell write tweet add state declare".split())
# Cues that can stand set off by commas inside another clause ("The plan, says Smith, is …").
PARENTHETICAL_CUES = frozenset("say add note explain argue write recall insist contend observe".split())
# Nouns that carry attribution: "in a statement", "his remarks", "according to".
SPEECH_NOUNS = frozenset("""
statement interview remarks remark speech comment comments tweet tweets post letter email
memo release testimony address op-ed editorial column essay message words press conference
""".split())
# Documents whose "it said" is their author's: "A letter from the staff association … '…,' it said".
DOCUMENT_NOUNS = frozenset("""
statement letter email e-mail memo memorandum release report lawsuit suit complaint filing brief
post tweet message note document petition ad advertisement video website book op-ed editorial
column essay study survey transcript ruling
""".split())
DOCUMENT_PHRASE_DEPTH = 3  # nouns down a document's phrase its "from" may hang from ("a letter to the board from …")
# Verbs whose subject (or "by" agent) wrote or sent a document: "The Cruz campaign sent an email".
AUTHOR_VERBS = frozenset("write send sign author pen draft issue file put post publish release email tweet".split())
# Nouns that name what someone said: their possessor is its source ("his warning that ...").
SAYING_NOUNS = SPEECH_NOUNS | frozenset("""
warning claim assertion accusation description conclusion argument suggestion promise pledge
question answer response characterization view vow threat charge call plea insistence
""".split())
