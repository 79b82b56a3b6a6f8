"""The evaluator's scoring rules, on hand-built articles and Extractions (no Stanza)."""
from __future__ import annotations

import dataclasses
import json

import pytest

from service import evaluate as ev
from service.engine.model import Extraction, Quote, Span, SpeakerRef

# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------


def gold(text: str, quote: str, speaker: str | None = None, kind: str = "explicit", nth: int = 0) -> dict:
    """A gold quote over the nth occurrence of `quote` (marks included) in `text`."""
    start = _find(text, quote, nth)
    g = {"start": start, "end": start + len(quote), "text": quote, "kind": kind,
         "speaker": speaker, "speaker_start": None, "speaker_end": None, "speaker_fragments": None}
    if speaker is not None:
        s = text.index(speaker)
        g["speaker_start"], g["speaker_end"] = s, s + len(speaker)
    return g


def article(text: str, quotes: list[dict], ignore=(), unattributed=(), id: str = "a1") -> dict:
    return {"id": id, "text": text, "quotes": quotes,
            "ignore": [list(s) for s in ignore], "unattributed_quoted": [list(s) for s in unattributed]}


def pred(text: str, quote: str, *, name: str | None = None, mention: str | None = None,
         type: str = "direct", confidence: float = 0.5, nth: int = 0, mention_nth: int = 0) -> Quote:
    start = _find(text, quote, nth)
    speaker = None
    if name is not None or mention is not None:
        m = mention or name
        ms = _find(text, m, mention_nth)
        speaker = SpeakerRef(name=name or m, mention=Span(m, ms, ms + len(m)), id="s1")
    return Quote(text=quote.strip('"'), start=start, end=start + len(quote), type=type,
                 speaker=speaker, confidence=confidence)


def span_of(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    s = _find(text, piece, nth)
    return s, s + len(piece)


def _find(text: str, piece: str, nth: int) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(piece, pos + 1)
    return pos


def run(art: dict, *quotes: Quote) -> dict:
    return ev.evaluate([art], [Extraction(quotes=list(quotes))])


# --------------------------------------------------------------------------------------------
# Span matching
# --------------------------------------------------------------------------------------------

TEXT = 'Jane Smith said "We will win this race." Later she added: "No doubt."'


def test_exact_match_counts_as_hit():
    art = article(TEXT, [gold(TEXT, '"We will win this race."', "Jane Smith")])
    result = run(art, pred(TEXT, '"We will win this race."', name="Jane Smith"))
    assert result["quotes"]["tp"] == 1
    assert result["quotes"]["precision"] == result["quotes"]["recall"] == result["quotes"]["f1"] == 1.0


def test_match_after_trimming_marks_and_spaces():
    text = "He said '' Taxes are theft. '' and left."
    g = gold(text, "'' Taxes are theft. ''", "He")
    # The prediction leaves the marks and the inner spaces out: same words, different edges.
    inner = "Taxes are theft."
    assert ev.trim_span(text, g["start"], g["end"]) == span_of(text, inner)
    result = run(article(text, [g]), pred(text, inner, mention="He"))
    assert result["quotes"]["tp"] == 1


def test_trim_span_handles_curly_marks():
    text = "\u201cHello there,\u201d she said."
    assert ev.trim_span(text, 0, len("\u201cHello there,\u201d")) == (1, len("\u201cHello there,"))


def test_half_overlap_rule_both_ways():
    assert ev.spans_match((0, 10), (0, 10))
    assert ev.spans_match((0, 10), (5, 15))  # 5 of 10 on both sides: exactly half
    assert ev.spans_match((0, 10), (0, 20))  # pred fully inside, half of the gold
    assert ev.spans_match((0, 20), (0, 10))  # the reverse
    # Fully inside the longer span but less than half of it: no match, either direction.
    assert not ev.spans_match((0, 9), (0, 20))
    assert not ev.spans_match((0, 20), (0, 9))
    assert not ev.spans_match((0, 10), (6, 16))  # 4 of 10: under half of both
    assert not ev.spans_match((0, 5), (5, 10))  # touching is not overlapping


def test_short_prediction_inside_long_gold_is_a_miss_and_a_false_positive():
    text = 'She said "One two three four five six seven eight nine ten." Done.'
    art = article(text, [gold(text, '"One two three four five six seven eight nine ten."', "She")])
    result = run(art, pred(text, "One two three", mention="She"))
    assert result["quotes"]["tp"] == 0
    assert result["quotes"]["predicted"] == 1 and result["quotes"]["gold"] == 1
    assert len(result["errors"]["missed"]) == 1 and len(result["errors"]["false_positive"]) == 1


def test_one_to_one_matching():
    text = 'He said "Alpha beta gamma delta." Then nothing.'
    art = article(text, [gold(text, '"Alpha beta gamma delta."', "He")])
    # Two predictions both match the one gold quote: one hit, one false positive.
    result = run(art, pred(text, '"Alpha beta gamma delta."', mention="He"),
                 pred(text, "Alpha beta gamma", mention="He"))
    assert result["quotes"]["tp"] == 1
    assert result["quotes"]["predicted"] == 2
    assert result["quotes"]["precision"] == 0.5


def test_greedy_prefers_exact_then_larger_overlap():
    # pred 0 overlaps both golds; pred 1 equals gold 1. The exact pair is taken first, so
    # pred 0 falls back to gold 0 and both golds are found.
    pairs = ev.match_spans([(0, 12), (6, 16)], [(0, 8), (6, 16)])
    assert pairs == {1: 1, 0: 0}


def test_ignore_spans_are_neither_hit_nor_false_positive():
    text = 'He said "Real quote here." Also "Follow us on Twitter."'
    art = article(text, [gold(text, '"Real quote here."', "He")],
                  ignore=[span_of(text, '"Follow us on Twitter."')])
    result = run(art, pred(text, '"Real quote here."', mention="He"),
                 pred(text, '"Follow us on Twitter."'))
    q = result["quotes"]
    assert (q["tp"], q["predicted"], q["ignored"], q["precision"]) == (1, 1, 1, 1.0)
    assert result["attribution"]["predicted"] == 1
    assert result["calibration"]["count"] == 1  # ignored predictions are not calibrated either
    assert result["errors"]["false_positive"] == []


def test_nonspeech_predictions_are_not_scored():
    text = 'He watched "Morning Joe" and said "It was fine."'
    art = article(text, [gold(text, '"It was fine."', "He")])
    result = run(art, pred(text, '"It was fine."', mention="He"), pred(text, '"Morning Joe"', type="name"))
    assert result["quotes"]["predicted"] == 1 and result["quotes"]["precision"] == 1.0


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------

SPK = 'Sen. Elizabeth Warren said "Banks are too big." Another paragraph mentions Warren.'


def test_surname_rule_matches_resolved_name_without_mention_overlap():
    art = article(SPK, [gold(SPK, '"Banks are too big."', "Sen. Elizabeth Warren")])
    # The mention points elsewhere (the later "Warren"), but the resolved name has the surname.
    right = pred(SPK, '"Banks are too big."', name="Elizabeth Warren", mention="Warren", mention_nth=1)
    assert run(art, right)["attribution"]["tp"] == 1
    wrong = pred(SPK, '"Banks are too big."', name="Bernie Sanders", mention="paragraph")
    assert run(art, wrong)["attribution"]["tp"] == 0


def test_surname_rule_strips_possessive_and_punctuation():
    text = 'Trump\'s spokesman, Jason Miller\'s, said "No comment." Miller left.'
    g = gold(text, '"No comment."', "Jason Miller's,")
    p = pred(text, '"No comment."', name="Jason Miller", mention="Miller", mention_nth=1)
    assert run(article(text, [g]), p)["attribution"]["tp"] == 1
    assert ev.last_word("the Clintons\u2019") == "clintons"
    assert ev.name_words("Douglas Holtz-Eakin") == ["douglas", "holtz", "eakin"]
    assert ev.last_word("Dinesh D\u2019Souza") == ev.last_word("Dinesh D'Souza") == "d'souza"  # one name, two apostrophes
    assert [ev.last_word(n) for n in ("Joseph R. Biden Jr.", "L. Brent Bozell III", "Jr.")] == ["biden", "bozell", "jr"]


def test_surname_rule_is_a_word_match_not_a_substring():
    text = 'Ed Lee said "Fine." Then Leeds answered.'
    g = gold(text, '"Fine."', "Ed Lee")
    p = pred(text, '"Fine."', name="Leeds", mention="Leeds")
    assert run(article(text, [g]), p)["attribution"]["tp"] == 0


def test_mention_overlap_rule_for_pronoun():
    text = 'Warren spoke. "We will fight," she said.'
    g = gold(text, '"We will fight,"', "she", kind="pronoun")
    # The name is not resolved to anything with "she" in it; the mention overlap carries it.
    p = pred(text, '"We will fight,"', name="Elizabeth Warren", mention="she")
    assert run(article(text, [g]), p)["attribution"]["tp"] == 1
    elsewhere = pred(text, '"We will fight,"', name="Someone Else", mention="spoke")
    assert run(article(text, [g]), elsewhere)["attribution"]["tp"] == 0


def test_speaker_fragments_are_used_instead_of_the_whole_span():
    text = 'Justice Kennedy also joined the court\'s liberals in calling it an "undue burden" here.'
    g = gold(text, '"undue burden"', None, kind="partial")
    g.update(speaker="Justice Kennedy also joined the court's liberals",
             speaker_start=0, speaker_end=len("Justice Kennedy also joined the court's liberals"),
             speaker_fragments=[[0, 15], [28, 48]])
    # "also joined" lies between the fragments: a mention there is not the speaker.
    between = pred(text, '"undue burden"', name="Nobody", mention="joined")
    assert run(article(text, [g]), between)["attribution"]["tp"] == 0
    # Surname of the first fragment still counts.
    kennedy = pred(text, '"undue burden"', name="Anthony Kennedy", mention="here")
    assert run(article(text, [g]), kennedy)["attribution"]["tp"] == 1


def test_no_source_gold_wants_no_speaker():
    text = 'A sign read "Vote early." Bob said hello.'
    g = gold(text, '"Vote early."', None, kind="no_source")
    none = run(article(text, [g]), pred(text, '"Vote early."'))
    assert none["attribution"]["tp"] == 1 and none["by_kind"]["no_source"]["speaker_right"] == 1
    some = run(article(text, [g]), pred(text, '"Vote early."', name="Bob"))
    assert some["attribution"]["tp"] == 0 and some["quotes"]["tp"] == 1
    assert len(some["errors"]["wrong_speaker"]) == 1


def test_missing_predicted_speaker_is_wrong_when_gold_has_one():
    art = article(TEXT, [gold(TEXT, '"We will win this race."', "Jane Smith")])
    assert run(art, pred(TEXT, '"We will win this race."'))["attribution"]["tp"] == 0


# --------------------------------------------------------------------------------------------
# Attribution P/R/F1, per kind, type accuracy
# --------------------------------------------------------------------------------------------

MULTI = ('Jane Smith said "We will win this race." She called it "a tough fight" today. '
         '"Polls are tied," she said. Bob Jones said "Nonsense." "More later," Jones added.')


def multi_article() -> dict:
    return article(MULTI, [
        gold(MULTI, '"We will win this race."', "Jane Smith", "explicit"),
        gold(MULTI, '"a tough fight"', "She", "partial"),
        gold(MULTI, '"Polls are tied,"', "she", "pronoun"),
        gold(MULTI, '"Nonsense."', "Bob Jones", "explicit"),
        gold(MULTI, '"More later,"', "Jones", "continuation"),
    ])


def multi_predictions() -> list[Quote]:
    return [
        pred(MULTI, '"We will win this race."', name="Jane Smith", confidence=0.9),  # right
        pred(MULTI, '"a tough fight"', name="Jane Smith", mention="She", type="partial", confidence=0.8),  # right
        pred(MULTI, '"Polls are tied,"', name="Bob Jones", mention="Bob Jones", confidence=0.4),  # wrong speaker
        # "Nonsense." missed; "More later," found, right speaker, typed partial (type error)
        pred(MULTI, '"More later,"', name="Bob Jones", mention="Jones", mention_nth=1, type="partial", confidence=0.6),
        pred(MULTI, "called it", confidence=0.2),  # false positive
    ]


def test_attribution_prf_and_per_kind_breakdown():
    result = ev.evaluate([multi_article()], [Extraction(quotes=multi_predictions())])
    q, a = result["quotes"], result["attribution"]
    assert (q["tp"], q["predicted"], q["gold"]) == (4, 5, 5)
    assert q["precision"] == pytest.approx(0.8) and q["recall"] == pytest.approx(0.8)
    assert (a["tp"], a["predicted"], a["gold"]) == (3, 5, 5)
    assert a["f1"] == pytest.approx(0.6)

    k = result["by_kind"]
    assert k["explicit"] == {"gold": 2, "found": 1, "speaker_right": 1, "recall": 0.5,
                             "attribution_recall": 0.5, "speaker_accuracy": 1.0}
    assert (k["pronoun"]["gold"], k["pronoun"]["found"], k["pronoun"]["speaker_right"]) == (1, 1, 0)
    assert k["pronoun"]["speaker_accuracy"] == 0.0
    assert (k["partial"]["recall"], k["continuation"]["attribution_recall"]) == (1.0, 1.0)
    assert k["no_source"]["gold"] == 0 and k["no_source"]["recall"] is None
    assert result["partial_recall"] == 1.0

    t = result["type"]
    assert (t["matched"], t["correct"]) == (4, 3)
    assert t["confusion"] == {"direct->direct": 2, "direct->partial": 1,
                              "partial->direct": 0, "partial->partial": 1}

    errors = result["errors"]
    assert [e["excerpt"] for e in errors["missed"]] == ['"Nonsense."']
    assert [e["excerpt"] for e in errors["false_positive"]] == ["called it"]
    assert errors["wrong_speaker"][0]["gold_speaker"] == "she"
    assert errors["wrong_speaker"][0]["predicted_name"] == "Bob Jones"


def test_figures_per_source_follow_the_id_prefix():
    text = '"Yes," Ann Lee said.'
    right = article(text, [gold(text, '"Yes,"', "Ann Lee")], id="nyt_2016-01-01_a")
    wrong = article(text, [gold(text, '"Yes,"', "Ann Lee")], id="nyt_2016-01-02_b")
    missed = article(text, [gold(text, '"Yes,"', "Ann Lee")], id="politico_2016-01-01_c")
    result = ev.evaluate([right, wrong, missed], [
        Extraction(quotes=[pred(text, '"Yes,"', name="Ann Lee")]),
        Extraction(quotes=[pred(text, '"Yes,"', name="Bob Ray", mention="said")]),
        Extraction()])
    nyt, politico = result["by_source"]["nyt"], result["by_source"]["politico"]
    assert (nyt["articles"], nyt["gold"], nyt["tp"], nyt["correct"]) == (2, 2, 2, 1)
    assert (nyt["quote_f1"], nyt["attribution_f1"], nyt["speaker_accuracy"]) == (1.0, 0.5, 0.5)
    assert (politico["gold"], politico["predicted"], politico["quote_f1"]) == (1, 0, None)
    assert "politico" in ev.format_report(result)


def test_empty_inputs_give_none_not_errors():
    result = ev.evaluate([article("No quotes here.", [])], [Extraction()])
    assert result["quotes"]["precision"] is None and result["quotes"]["f1"] is None
    assert result["calibration"]["brier"] is None and result["unattributed"]["rate"] is None
    json.dumps(result)  # serialisable as is


def test_lengths_must_agree():
    with pytest.raises(ValueError):
        ev.evaluate([multi_article()], [])


# --------------------------------------------------------------------------------------------
# Non-speech false positives
# --------------------------------------------------------------------------------------------


def test_unattributed_rate():
    text = 'He appeared on "Morning Joe" and "Face the Nation" and the "Today" show.'
    spans = [span_of(text, '"Morning Joe"'), span_of(text, '"Face the Nation"'),
             span_of(text, '"Today"'), (0, 2)]
    art = article(text, [], unattributed=spans)
    result = run(art, pred(text, "Morning Joe", type="direct"),
                 pred(text, '"Today"', type="partial"),
                 pred(text, '"Face the Nation"', type="scare"))  # non-speech: not "reported as speech"
    u = result["unattributed"]
    assert (u["spans"], u["reported_as_speech"], u["rate"]) == (4, 2, 0.5)
    assert u["ok"] is False
    assert all(e["unattributed"] for e in result["errors"]["false_positive"])


# --------------------------------------------------------------------------------------------
# Calibration
# --------------------------------------------------------------------------------------------


def test_calibration_bins_and_brier_by_hand():
    pairs = [(0.95, True), (0.91, False), (0.15, False), (0.5, True), (1.0, True), (0.0, False)]
    cal = ev.calibration(pairs)
    assert cal["count"] == 6
    counts = [b["count"] for b in cal["bins"]]
    assert counts == [1, 1, 0, 0, 0, 1, 0, 0, 0, 3]  # 0.0 -> bin 0, 1.0 -> last bin
    last = cal["bins"][9]
    assert last["mean_confidence"] == pytest.approx((0.95 + 0.91 + 1.0) / 3)
    assert last["accuracy"] == pytest.approx(2 / 3)
    assert cal["bins"][2]["mean_confidence"] is None and cal["bins"][2]["accuracy"] is None
    # Brier: (0.05^2 + 0.91^2 + 0.15^2 + 0.5^2 + 0^2 + 0^2) / 6
    assert cal["brier"] == pytest.approx((0.0025 + 0.8281 + 0.0225 + 0.25) / 6)
    # ECE: bin0 |0-0|, bin1 |0-0.15|, bin5 |1-0.5|, bin9 |2/3 - 2.86/3|, weighted by count / 6
    assert cal["ece"] == pytest.approx((0.15 + 0.5 + 3 * abs(2 / 3 - 2.86 / 3)) / 6)


def test_calibration_bin_edges():
    cal = ev.calibration([(0.3, True), (0.7, False), (0.1, True), (-0.2, False), (1.4, True)])
    counts = [b["count"] for b in cal["bins"]]
    assert counts == [1, 1, 0, 1, 0, 0, 0, 1, 0, 1]


def test_calibration_from_evaluate_uses_attribution_correctness():
    result = ev.evaluate([multi_article()], [Extraction(quotes=multi_predictions())])
    cal = result["calibration"]
    # predictions: 0.9 right, 0.8 right, 0.4 wrong, 0.6 right, 0.2 wrong (false positive)
    assert cal["brier"] == pytest.approx((0.01 + 0.04 + 0.16 + 0.16 + 0.04) / 5)
    assert [b["count"] for b in cal["bins"]] == [0, 0, 1, 0, 1, 0, 1, 0, 1, 1]


# --------------------------------------------------------------------------------------------
# Plumbing: serialisation, prediction, CLI (with a fake engine)
# --------------------------------------------------------------------------------------------


def test_extraction_round_trip():
    extraction = Extraction(quotes=multi_predictions())
    data = json.loads(json.dumps(dataclasses.asdict(extraction)))
    assert ev.extraction_from_dict(data) == extraction


def fake_factory():
    """A stand-in engine: every double-quoted span is a direct quote, speaker unknown."""
    import re

    def extract(text: str) -> Extraction:
        if "BOOM" in text:
            raise RuntimeError("engine exploded")
        return Extraction(quotes=[Quote(text=m.group(1), start=m.start(), end=m.end(), type="direct",
                                        confidence=0.5) for m in re.finditer(r'"([^"]*)"', text)])
    return extract


def _write_jsonl(path, articles):
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")


def test_predict_keeps_order_uses_cache_and_survives_failures(tmp_path):
    arts = [article('A "one" b', [], id="x1"), article("BOOM", [], id="x2"),
            article('"two" "three"', [], id="x3")]
    cache = ev.PredictionCache(tmp_path, "fp")
    first = ev.predict(arts, fake_factory, cache=cache)
    assert [len(p.quotes) for p in first.predictions] == [1, 0, 2]
    assert list(first.failures) == ["x2"] and first.cache_hits == 0

    def no_engine():
        raise AssertionError("cached articles must not build the engine")

    second = ev.predict([arts[0], arts[2]], no_engine, cache=cache)
    assert second.cache_hits == 2 and second.predictions == [first.predictions[0], first.predictions[2]]


def test_predict_with_processes_matches_sequential():
    arts = [article(f'Say "{i}" and "{i + 1}"' * (i % 3 + 1), [], id=f"p{i}") for i in range(6)]
    sequential = ev.predict(arts, fake_factory).predictions
    pooled = ev.predict(arts, fake_factory, processes=2).predictions
    assert pooled == sequential


def test_cli_end_to_end_with_fake_engine(tmp_path, capsys):
    arts = [multi_article(), article('Nothing "quoted" here.', [], id="a2",
                                     unattributed=[[len("Nothing "), len('Nothing "quoted"')]])]
    data = tmp_path / "gold.jsonl"
    _write_jsonl(data, arts)
    out_json, out_errors = tmp_path / "r.json", tmp_path / "e.jsonl"
    result = ev.main([str(data), "--ids", "a2,a1", "--json", str(out_json), "--errors", "2",
                      "--errors-file", str(out_errors)], factory=fake_factory)
    printed = capsys.readouterr().out
    assert "attribution" in printed and "elapsed" in printed and "missed quotes" in printed
    figures = json.loads(out_json.read_text())
    assert figures["articles"] == 2 and "errors" not in figures
    assert figures["quotes"]["gold"] == 5 and figures["unattributed"]["rate"] == 1.0
    lines = [json.loads(line) for line in out_errors.read_text().splitlines()]
    assert len(lines) == sum(figures["error_counts"].values()) == sum(len(v) for v in result["errors"].values())
    assert {line["error"] for line in lines} == {"wrong_speaker", "false_positive"}  # speaker unknown; "quoted"


def test_load_articles_limit_and_ids(tmp_path):
    data = tmp_path / "gold.jsonl"
    _write_jsonl(data, [article("x", [], id=f"id{i}") for i in range(5)])
    assert [a["id"] for a in ev.load_articles(data, limit=2)] == ["id0", "id1"]
    assert [a["id"] for a in ev.load_articles(data, ids=["id3", "id1"])] == ["id1", "id3"]
    with pytest.raises(SystemExit):
        ev.load_articles(data, ids=["nope"])


# --------------------------------------------------------------------------------------------
# Pronoun referents and house-style variants
# --------------------------------------------------------------------------------------------

REFERRED = 'Mary Lee met Tom Ward. "We agree," she said. "We do not," he said.'


def referred_article() -> dict:
    return article(REFERRED, [gold(REFERRED, '"We agree,"', "she", "pronoun"),
                              gold(REFERRED, '"We do not,"', "he", "pronoun")])


def referents_of(art: dict, *names: str) -> list[dict]:
    return [{"id": art["id"], "start": g["start"], "end": g["end"], "referent": name}
            for g, name in zip(art["quotes"], names)]


def test_referent_is_judged_by_the_resolved_name_not_the_mention():
    art = referred_article()
    # Both mentions overlap the gold pronouns, so PolNeAR scoring calls both right; the second
    # resolved "he" to the wrong person.
    quotes = [pred(REFERRED, '"We agree,"', name="Mary Lee", mention="she"),
              pred(REFERRED, '"We do not,"', name="Mary Lee", mention="he")]
    assert run(art, *quotes)["attribution"]["tp"] == 2
    ref = ev.referent_accuracy([art], [Extraction(quotes=quotes)], referents_of(art, "Mary Lee", "Tom Ward"))
    assert (ref["quotes"], ref["found"], ref["right"]) == (2, 2, 1)
    assert ref["wrong"] == [{"article": "a1", "start": art["quotes"][1]["start"], "referent": "Tom Ward",
                             "predicted_name": "Mary Lee", "predicted_mention": "he", "rule": quotes[1].rule,
                             "surname_right": False}]


def test_a_wrong_given_name_is_right_by_surname_but_not_by_given_name():
    art = referred_article()
    quotes = [pred(REFERRED, '"We agree,"', name="Anne Lee", mention="she"),  # another Lee
              pred(REFERRED, '"We do not,"', name="Ward", mention="he"),  # no given name: nothing to check
              ]
    ref = ev.referent_accuracy([art], [Extraction(quotes=quotes)], referents_of(art, "Mary Lee", "Sen. Tom Ward"))
    assert (ref["right"], ref["right_given_name"]) == (2, 1)
    assert ref["wrong"] == [{"article": "a1", "start": art["quotes"][0]["start"], "referent": "Mary Lee",
                             "predicted_name": "Anne Lee", "predicted_mention": "she", "rule": quotes[0].rule,
                             "surname_right": True}]
    assert ev.given_name_right("Jim Ward", SpeakerRef(name="James Ward", mention=Span("he", 0, 2), id="s1"))


def test_referent_of_a_quote_not_found_counts_as_wrong():
    art = referred_article()
    quotes = [pred(REFERRED, '"We agree,"', name="Lee", mention="she")]  # surname alone is enough
    ref = ev.referent_accuracy([art], [Extraction(quotes=quotes)], referents_of(art, "Mary Lee", "Tom Ward"))
    assert (ref["quotes"], ref["found"], ref["right"]) == (2, 1, 1)
    assert ref["accuracy"] == 0.5 and ref["accuracy_found"] == 1.0


def test_house_styles_score_each_variant_beside_the_plain_split(tmp_path, capsys):
    art = referred_article()
    british = dict(art, text=REFERRED.replace('"', "'"),
                   quotes=[dict(g, text=g["text"].replace('"', "'")) for g in art["quotes"]])
    _write_jsonl(tmp_path / "dev.jsonl", [art])
    _write_jsonl(tmp_path / "dev_british.jsonl", [british])
    _write_jsonl(tmp_path / "dev_referents.jsonl", referents_of(art, "Mary Lee", "Tom Ward"))
    result = ev.main([str(tmp_path / "dev.jsonl"), "--house-styles",
                      "--referents", str(tmp_path / "dev_referents.jsonl")], factory=fake_factory)
    # The fake engine reads double marks only: it finds both quotes in plain text, none in British.
    assert set(result["house_styles"]) == {"british"}
    row = result["house_styles"]["british"]
    assert row["articles"] == 1 and row["quote_f1"] is None and row["plain"]["quote_f1"] == 1.0  # none predicted
    assert row["referent_accuracy"] == 0.0 and result["referents"]["found"] == 2
    printed = capsys.readouterr().out
    assert "house style" in printed and "pronoun referents named right: 0/2" in printed


def test_a_model_directory_without_models_stops_at_once_not_in_each_worker(tmp_path):
    data = tmp_path / "gold.jsonl"
    _write_jsonl(data, [multi_article()])
    with pytest.raises(SystemExit, match="resources.json"):
        ev.main([str(data), "--model-dir", str(tmp_path), "--processes", "2"])
