"""The per-rule report of the evaluator: precision and count per speaker rule (no Stanza)."""
from __future__ import annotations

import json
import re

from service import evaluate as ev
from service.engine.model import Extraction, Quote, Span, SpeakerRef

TEXT = '"One," Ann Lee said. "Two," Bob Ray said. "Three," Ann Lee said. "Four." Bob Ray said "five."'


def _quote(piece: str, rule: str | None, speaker: str | None) -> Quote:
    start = TEXT.index(piece)
    ref = None if speaker is None else SpeakerRef(speaker, Span(speaker, TEXT.index(speaker), TEXT.index(speaker) + len(speaker)), "s1")
    return Quote(text=piece.strip('",.'), start=start, end=start + len(piece), type="direct", speaker=ref, rule=rule)


def _gold(piece: str, speaker: str) -> dict:
    start, s = TEXT.index(piece), TEXT.index(speaker)
    return {"start": start, "end": start + len(piece), "text": piece, "kind": "explicit", "speaker": speaker,
            "speaker_start": s, "speaker_end": s + len(speaker), "speaker_fragments": None}


FIVE = TEXT.index('"five."')
ARTICLE = {"id": "a1", "text": TEXT, "ignore": [[FIVE, FIVE + len('"five."')]],
           "unattributed_quoted": [],
           "quotes": [_gold('"One,"', "Ann Lee"), _gold('"Two,"', "Bob Ray"), _gold('"Three,"', "Ann Lee")]}
PREDICTIONS = Extraction(quotes=[
    _quote('"One,"', "nearby-cue", "Ann Lee"),  # right
    _quote('"Two,"', "nearby-cue", "Ann Lee"),  # wrong speaker
    _quote('"Three,"', "continuation", "Ann Lee"),  # right
    _quote('"Four."', "continuation", "Ann Lee"),  # no gold quote: predicted, not matched
    _quote('"five."', "governing-cue", "Bob Ray"),  # on an ignore span: not counted
])


def test_precision_and_count_per_rule():
    rules = ev.by_rule([ARTICLE], [PREDICTIONS])
    assert rules == {
        "nearby-cue": {"predicted": 2, "matched": 2, "correct": 1, "precision": 0.5},
        "continuation": {"predicted": 2, "matched": 1, "correct": 1, "precision": 1.0},
    }


def test_a_quote_no_rule_attributed_counts_as_none():
    quote = _quote('"One,"', None, None)
    assert ev.by_rule([ARTICLE], [Extraction(quotes=[quote])]) == {
        "none": {"predicted": 1, "matched": 1, "correct": 0, "precision": 0.0}}


def test_the_cli_prints_and_writes_the_rule_table_when_asked(tmp_path, capsys):
    data, out = tmp_path / "gold.jsonl", tmp_path / "r.json"
    data.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")

    def factory():
        return lambda text: PREDICTIONS

    ev.main([str(data), "--json", str(out)], factory=factory)
    assert "speaker rule" not in capsys.readouterr().out and "by_rule" not in json.loads(out.read_text())
    ev.main([str(data), "--json", str(out), "--by-rule"], factory=factory)
    printed = capsys.readouterr().out
    assert re.search(r"nearby-cue\s+2\s+2\s+1\s+0\.500", printed)
    assert json.loads(out.read_text())["by_rule"]["continuation"]["matched"] == 1
