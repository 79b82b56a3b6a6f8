"""Score the quote-attribution engine against PolNeAR-style gold data.

    python -m service.evaluate ../shared/data/polnear/dev.jsonl [--limit N] [--ids ID,...]
        [--model-dir DIR] [--json FILE] [--errors N] [--errors-file FILE]
        [--processes N] [--cache DIR] [--by-rule] [--referents FILE] [--house-styles]

Two halves, kept apart on purpose:

* Scoring (`evaluate(articles, predictions) -> dict`) is a set of pure functions over plain
  data: gold articles as parsed from the JSONL, predictions as `Extraction` objects. No engine,
  no Stanza, no I/O, so every rule can be unit-tested with hand-built inputs.
* Prediction (`predict`) is the only place the engine is touched, through one factory
  (`engine_extractor`) that can be swapped for any `text -> Extraction` function.

The scoring rules are the ones the data README suggests (see `spans_match`, `speaker_right`).
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import math
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from service.engine.lexicon import GENERATIONAL_SUFFIXES, TITLES
from service.engine.model import SPEECH_TYPES, Extraction, Quote, Span, Speaker, SpeakerRef

REPO_ROOT = Path(__file__).resolve().parents[1]
KINDS = ("explicit", "pronoun", "continuation", "partial", "no_source")
UNATTRIBUTED_TARGET = 0.25  # the non-speech false-positive rate we aim to stay under
CALIBRATION_BINS = 10
HOUSE_STYLES = ("british", "flat", "ascii")  # the variants shared/data/polnear has of each split
EXCERPT_CHARS = 90

Extractor = Callable[[str], Extraction]
ExtractorFactory = Callable[[], Extractor]

# --------------------------------------------------------------------------------------------
# Spans: trimming and the match criterion
# --------------------------------------------------------------------------------------------

# Every quotation mark the corpus (or the engine) may put at a span's edge. The evaluator keeps
# its own list rather than importing the engine's, so a change to the engine cannot silently
# change how it is scored.
QUOTE_MARK_CHARS = frozenset("\"'`\u201c\u201d\u2018\u2019\u201a\u201e\u201f\u00ab\u00bb\u2039\u203a\uff02")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past quotation marks and white space at both edges.

    Gold and predicted spans disagree on whether the marks (and a stray space) are inside the
    span, and mark styles differ (''…'' is two characters); trimming makes the comparison about
    the quoted words only."""
    start, end = max(0, start), min(len(text), end)
    while start < end and (text[start] in QUOTE_MARK_CHARS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in QUOTE_MARK_CHARS or text[end - 1].isspace()):
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two half-open spans (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(pred: tuple[int, int], gold: tuple[int, int]) -> bool:
    """The README's criterion, on trimmed spans: equal, or overlapping by at least half of each.

    Half of *both* means a short prediction inside a long gold quote (or the reverse) does not
    match: finding three words of a paragraph-long quote is not finding the quote."""
    if pred == gold:
        return True
    shared = overlap(pred, gold)
    return shared > 0 and shared >= 0.5 * (pred[1] - pred[0]) and shared >= 0.5 * (gold[1] - gold[0])


def match_spans(preds: Sequence[tuple[int, int]], golds: Sequence[tuple[int, int]]) -> dict[int, int]:
    """One-to-one matching, greedy: exact matches first, then by overlap, ties by position.

    Returns {pred index: gold index}. One-to-one so a quote split in two by the engine earns
    one true positive and one false positive, not two hits."""
    candidates = []
    for p, pspan in enumerate(preds):
        for g, gspan in enumerate(golds):
            if spans_match(pspan, gspan):
                candidates.append((pspan != gspan, -overlap(pspan, gspan), p, g))
    candidates.sort()
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, p, g in candidates:
        if p not in pairs and g not in taken:
            pairs[p] = g
            taken.add(g)
    return pairs


def matches_any(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    return any(spans_match(span, other) for other in others)


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------

_POSSESSIVE_RE = re.compile(r"['\u2019]s$")  # a plural possessive's apostrophe goes with the punctuation
_WORD_SPLIT_RE = re.compile(r"[\s\-\u2010-\u2015/]+")


def normalise_word(word: str) -> str:
    """Lower-case, without a possessive 's and without edge punctuation ("Trump's," -> "trump"),
    with a curly apostrophe straight ("D\u2019Souza" is "d'souza")."""
    word = re.sub(r"^\W+|\W+$", "", word.lower().replace("\u2019", "'"))
    return re.sub(r"^\W+|\W+$", "", _POSSESSIVE_RE.sub("", word))


def name_words(name: str) -> list[str]:
    """The words of a name, normalised; hyphenated parts count as words ("Holtz-Eakin")."""
    return [w for w in (normalise_word(part) for part in _WORD_SPLIT_RE.split(name)) if w]


def last_word(phrase: str) -> str | None:
    """The last word of a speaker mention: the surname, when the mention is a name ("Biden" of
    "Joseph R. Biden Jr.")."""
    words = name_words(phrase)
    while len(words) > 1 and words[-1] in GENERATIONAL_SUFFIXES:
        words = words[:-1]
    return words[-1] if words else None


def gold_speaker_spans(gold_quote: dict) -> list[tuple[int, int]]:
    """The gold Source mention as spans: its fragments when the annotation is discontinuous
    (so the words between them do not count as the speaker), else the one span."""
    fragments = gold_quote.get("speaker_fragments")
    if fragments:
        return [(int(s), int(e)) for s, e in fragments]
    if gold_quote.get("speaker_start") is None or gold_quote.get("speaker_end") is None:
        return []
    return [(gold_quote["speaker_start"], gold_quote["speaker_end"])]


def speaker_right(text: str, gold_quote: dict, predicted: SpeakerRef | None) -> bool:
    """Is the predicted speaker of a matched quote right?

    Gold mentions are not resolved ("she", "Trump", "his campaign manager Jeff Weaver") while
    the engine reports a mention and a resolved name, so either may carry the agreement:
    the predicted mention overlaps the gold one, or the gold mention's last word (the surname)
    is a word of the predicted name. A gold quote without a source is right only when the
    engine also reports none."""
    if gold_quote.get("speaker") is None:
        return predicted is None
    if predicted is None:
        return False
    spans = gold_speaker_spans(gold_quote)
    mention = (predicted.mention.start, predicted.mention.end)
    if any(overlap(mention, span) > 0 for span in spans):
        return True
    predicted_words = set(name_words(predicted.name or ""))
    surnames = {last_word(text[s:e]) for s, e in spans} or {last_word(gold_quote["speaker"])}
    return any(s and s in predicted_words for s in surnames)


# --------------------------------------------------------------------------------------------
# One article
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class GoldOutcome:
    index: int
    kind: str
    pred: int | None = None  # index of the matched prediction
    speaker_right: bool = False

    @property
    def found(self) -> bool:
        return self.pred is not None

    @property
    def correct(self) -> bool:
        return self.found and self.speaker_right


@dataclasses.dataclass
class PredOutcome:
    index: int  # index into Extraction.quotes
    type: str
    confidence: float
    status: str  # "tp", "fp" or "ignored"
    gold: int | None = None
    speaker_right: bool = False
    unattributed: bool = False  # matches an unattributed_quoted span

    @property
    def correct(self) -> bool:
        return self.status == "tp" and self.speaker_right


@dataclasses.dataclass
class ArticleScore:
    article_id: str
    golds: list[GoldOutcome]
    preds: list[PredOutcome]  # speech quotes only
    unattributed_total: int
    unattributed_reported: int


def speech_quotes(extraction: Extraction) -> list[tuple[int, Quote]]:
    """(index, quote) of the speech quotes (direct, partial and turns): only they are scored."""
    return [(i, q) for i, q in enumerate(extraction.quotes) if q.type in SPEECH_TYPES]


def score_article(article: dict, extraction: Extraction) -> ArticleScore:
    """Match one article's predictions to its gold quotes and judge each match's speaker.

    Gold quotes are matched first; only a prediction left unmatched is checked against the
    `ignore` spans, so an ignore span overlapping a gold quote cannot swallow a true positive."""
    text = article["text"]
    gold_quotes = article["quotes"]
    speech = speech_quotes(extraction)
    gold_spans = [trim_span(text, g["start"], g["end"]) for g in gold_quotes]
    pred_spans = [trim_span(text, q.start, q.end) for _, q in speech]
    ignore_spans = [trim_span(text, s, e) for s, e in article.get("ignore", [])]
    unattributed_spans = [trim_span(text, s, e) for s, e in article.get("unattributed_quoted", [])]

    pairs = match_spans(pred_spans, gold_spans)
    golds = [GoldOutcome(i, g.get("kind", "explicit")) for i, g in enumerate(gold_quotes)]
    preds = []
    for p, (index, quote) in enumerate(speech):
        outcome = PredOutcome(index, quote.type, float(quote.confidence or 0.0), "fp",
                              unattributed=matches_any(pred_spans[p], unattributed_spans))
        if p in pairs:
            g = pairs[p]
            outcome.status, outcome.gold = "tp", g
            outcome.speaker_right = speaker_right(text, gold_quotes[g], quote.speaker)
            golds[g].pred, golds[g].speaker_right = p, outcome.speaker_right
        elif matches_any(pred_spans[p], ignore_spans):
            outcome.status = "ignored"
        preds.append(outcome)

    reported = sum(1 for span in unattributed_spans if matches_any(span, pred_spans))
    return ArticleScore(article["id"], golds, preds, len(unattributed_spans), reported)


# --------------------------------------------------------------------------------------------
# Aggregates
# --------------------------------------------------------------------------------------------


def ratio(num: float, den: float) -> float | None:
    """num / den, or None when there is nothing to divide (shown as "-", not as 0)."""
    return num / den if den else None


def prf(tp: int, predicted: int, gold: int) -> dict:
    precision, recall = ratio(tp, predicted), ratio(tp, gold)
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else (
        0.0 if precision is not None and recall is not None else None)
    return {"tp": tp, "predicted": predicted, "gold": gold,
            "precision": precision, "recall": recall, "f1": f1}


def by_kind(scores: Sequence[ArticleScore]) -> dict:
    """Per gold kind: how many were found, and how many got the right speaker.

    `recall` = found / gold; `attribution_recall` = found with the right speaker / gold;
    `speaker_accuracy` = right speaker / found (attribution quality independent of finding)."""
    out = {}
    kinds = list(KINDS) + sorted({g.kind for s in scores for g in s.golds} - set(KINDS))
    for kind in kinds:
        golds = [g for s in scores for g in s.golds if g.kind == kind]
        found = sum(g.found for g in golds)
        correct = sum(g.correct for g in golds)
        out[kind] = {"gold": len(golds), "found": found, "speaker_right": correct,
                     "recall": ratio(found, len(golds)),
                     "attribution_recall": ratio(correct, len(golds)),
                     "speaker_accuracy": ratio(correct, found)}
    return out


def type_accuracy(scores: Sequence[ArticleScore]) -> dict:
    """Over matched quotes: predicted "partial" vs gold kind "partial"; everything else is
    "direct" on both sides. The confusion is keyed "gold->predicted"."""
    confusion = {f"{g}->{p}": 0 for g in ("direct", "partial") for p in ("direct", "partial")}
    for score in scores:
        for pred in score.preds:
            if pred.status != "tp":
                continue
            gold_type = "partial" if score.golds[pred.gold].kind == "partial" else "direct"
            pred_type = "partial" if pred.type == "partial" else "direct"
            confusion[f"{gold_type}->{pred_type}"] += 1
    matched = sum(confusion.values())
    right = confusion["direct->direct"] + confusion["partial->partial"]
    return {"matched": matched, "correct": right, "accuracy": ratio(right, matched),
            "confusion": confusion}


def calibration(pairs: Sequence[tuple[float, bool]], bins: int = CALIBRATION_BINS) -> dict:
    """Reliability of confidence as P(attribution correct): equal-width bins over [0, 1]
    (1.0 falls in the last bin), the Brier score and the expected calibration error."""
    table = []
    members: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, correct in pairs:
        c = min(1.0, max(0.0, confidence))
        members[min(bins - 1, int(math.floor(c * bins + 1e-9)))].append((c, correct))
    n = len(pairs)
    ece = 0.0
    for b, items in enumerate(members):
        mean_conf = ratio(sum(c for c, _ in items), len(items))
        accuracy = ratio(sum(1 for _, y in items if y), len(items))
        if items:
            ece += len(items) / n * abs(accuracy - mean_conf)
        table.append({"lo": b / bins, "hi": (b + 1) / bins, "count": len(items),
                      "mean_confidence": mean_conf, "accuracy": accuracy})
    brier = ratio(sum((min(1.0, max(0.0, c)) - (1.0 if y else 0.0)) ** 2 for c, y in pairs), n)
    return {"count": n, "bins": table, "brier": brier, "ece": ece if n else None}


def by_attribution_method(scores: Sequence[ArticleScore], predictions: Sequence[Extraction]) -> dict:
    """Per engine attribution method (explicit, pronoun, ...): predictions and how many are
    right. Tells which of the engine's strategies to work on."""
    out: dict[str, dict] = {}
    for score, extraction in zip(scores, predictions):
        for pred in score.preds:
            if pred.status == "ignored":
                continue
            method = extraction.quotes[pred.index].attribution
            row = out.setdefault(method, {"predicted": 0, "correct": 0})
            row["predicted"] += 1
            row["correct"] += pred.correct
    for row in out.values():
        row["precision"] = ratio(row["correct"], row["predicted"])
    return dict(sorted(out.items()))


def by_rule(articles: Sequence[dict], predictions: Sequence[Extraction | dict]) -> dict:
    """Per speaker rule (the engine's sieve or step that named the speaker, `Quote.rule`;
    "none" when no rule did): speech quotes predicted, how many match a gold quote, how many
    of those have the right speaker, and that precision. Tells which rules are reliable."""
    out: dict[str, dict] = {}
    for article, extraction in zip(articles, map(coerce_extraction, predictions)):
        for pred in score_article(article, extraction).preds:
            if pred.status == "ignored":
                continue
            row = out.setdefault(extraction.quotes[pred.index].rule or "none", {"predicted": 0, "matched": 0, "correct": 0})
            row["predicted"] += 1
            row["matched"] += pred.status == "tp"
            row["correct"] += pred.correct
    for row in out.values():
        row["precision"] = ratio(row["correct"], row["matched"])
    return dict(sorted(out.items(), key=lambda item: -item[1]["predicted"]))


def format_rules(rules: dict) -> str:
    lines = [f"{'speaker rule':<26}{'pred':>6}{'matched':>9}{'right':>7}{'prec':>7}"]
    for rule, row in rules.items():
        lines.append(f"{rule:<26}{row['predicted']:>6}{row['matched']:>9}{row['correct']:>7}{fmt(row['precision']):>7}")
    return "\n".join(lines)


def source_of(article_id: str) -> str:
    """The publisher in a PolNeAR id ("nyt_2016-06-08_slug" -> "nyt")."""
    return article_id.split("_", 1)[0]


def by_source(scores: Sequence[ArticleScore]) -> dict:
    """Quote and attribution F1 per publisher: house styles differ, and so does the engine."""
    out: dict[str, dict] = {}
    for score in scores:
        row = out.setdefault(source_of(score.article_id),
                             {"articles": 0, "gold": 0, "predicted": 0, "tp": 0, "correct": 0})
        counted = [p for p in score.preds if p.status != "ignored"]
        row["articles"] += 1
        row["gold"] += len(score.golds)
        row["predicted"] += len(counted)
        row["tp"] += sum(p.status == "tp" for p in counted)
        row["correct"] += sum(p.correct for p in counted)
    for row in out.values():
        row["quote_f1"] = prf(row["tp"], row["predicted"], row["gold"])["f1"]
        row["attribution_f1"] = prf(row["correct"], row["predicted"], row["gold"])["f1"]
        row["speaker_accuracy"] = ratio(row["correct"], row["tp"])
    return dict(sorted(out.items()))


def referent_right(referent: str, predicted: SpeakerRef | None) -> bool:
    """Does the engine's resolved name name the annotated referent? Surname match: the
    referent's last word is a word of the predicted name ("Donald Trump" ~ "Trump")."""
    surname = last_word(referent)
    return bool(predicted and surname and surname in name_words(predicted.name or ""))


def given_name_right(referent: str, predicted: SpeakerRef | None) -> bool:
    """`referent_right`, and where both names give a given name, the same one by its initial
    ("Jim" ~ "James"): "Anne Marie Murphy" does not name Chris Murphy, as a caption would."""
    return referent_right(referent, predicted) and _given_names_agree(referent, predicted.name or "")


def _given_names_agree(referent: str, predicted: str) -> bool:
    given = [_given_name(n) for n in (referent, predicted)]
    return None in given or given[0][:1] == given[1][:1]


def _given_name(name: str) -> str | None:
    words = [w for w in name_words(name) if w not in TITLES]
    return words[0] if len(words) > 1 and words[0] != last_word(name) else None


def referent_accuracy(articles: Sequence[dict], predictions: Sequence[Extraction],
                      referents: Iterable[dict]) -> dict:
    """For gold quotes whose annotated source is a pronoun: is the predicted speaker's `name`
    the person (or organisation) the pronoun refers to? PolNeAR's own scoring counts "he" as
    right whenever the mentions overlap; this asks whether the name is right. A quote the engine
    did not find counts as wrong in `accuracy`; `accuracy_found` leaves it out."""
    by_id = {a["id"]: (a, coerce_extraction(p)) for a, p in zip(articles, predictions)}
    scores: dict[str, ArticleScore] = {}
    total = found = right = right_given = 0
    wrong: list[dict] = []
    for ref in referents:
        if ref["id"] not in by_id:
            continue
        article, extraction = by_id[ref["id"]]
        if ref["id"] not in scores:
            scores[ref["id"]] = score_article(article, extraction)
        total += 1
        quote = _predicted_for_gold(article, extraction, scores[ref["id"]], ref["start"], ref["end"])
        if quote is None:
            continue
        found += 1
        surname = referent_right(ref["referent"], quote.speaker)
        given = surname and _given_names_agree(ref["referent"], quote.speaker.name or "")
        right, right_given = right + surname, right_given + given
        if not given:
            wrong.append({"article": ref["id"], "start": ref["start"], "referent": ref["referent"],
                          "predicted_name": quote.speaker.name if quote.speaker else None,
                          "predicted_mention": quote.speaker.mention.text if quote.speaker else None,
                          "rule": quote.rule, "surname_right": surname})
    return {"quotes": total, "found": found, "right": right, "accuracy": ratio(right, total),
            "accuracy_found": ratio(right, found), "right_given_name": right_given,
            "accuracy_given_name": ratio(right_given, total), "wrong": wrong}


def _predicted_for_gold(article: dict, extraction: Extraction, score: ArticleScore,
                       start: int, end: int) -> Quote | None:
    """The predicted speech quote matched to the gold quote at [start, end), if any."""
    gold = next((i for i, g in enumerate(article["quotes"]) if (g["start"], g["end"]) == (start, end)), None)
    if gold is None:
        return None
    outcome = score.golds[gold]
    return None if outcome.pred is None else speech_quotes(extraction)[outcome.pred][1]


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line, at most `limit` characters, for a terminal."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def collect_errors(article: dict, extraction: Extraction, score: ArticleScore) -> dict[str, list[dict]]:
    """Missed gold quotes, false positives and wrong speakers of one article, as plain dicts."""
    text = article["text"]
    missed, false_pos, wrong = [], [], []
    for gold in score.golds:
        if not gold.found:
            g = article["quotes"][gold.index]
            missed.append({"article": score.article_id, "start": g["start"], "end": g["end"],
                           "kind": gold.kind, "gold_speaker": g.get("speaker"),
                           "excerpt": excerpt(text[g["start"]:g["end"]])})
    for pred in score.preds:
        quote = extraction.quotes[pred.index]
        speaker = quote.speaker
        base = {"article": score.article_id, "start": quote.start, "end": quote.end,
                "type": quote.type, "confidence": pred.confidence,
                "predicted_name": speaker.name if speaker else None,
                "predicted_mention": speaker.mention.text if speaker else None,
                "excerpt": excerpt(text[quote.start:quote.end])}
        if pred.status == "fp":
            false_pos.append({**base, "unattributed": pred.unattributed})
        elif pred.status == "tp" and not pred.speaker_right:
            g = article["quotes"][pred.gold]
            wrong.append({**base, "kind": g.get("kind"), "gold_speaker": g.get("speaker"),
                          "attribution": quote.attribution})
    return {"missed": missed, "false_positive": false_pos, "wrong_speaker": wrong}


# --------------------------------------------------------------------------------------------
# The pure entry point
# --------------------------------------------------------------------------------------------


def evaluate(articles: Sequence[dict], predictions: Sequence[Extraction]) -> dict:
    """All figures for gold `articles` and the engine's `predictions` (one Extraction per
    article, same order). Pure: no engine, no I/O; the result is JSON-serialisable."""
    if len(articles) != len(predictions):
        raise ValueError(f"{len(articles)} articles but {len(predictions)} predictions")
    predictions = [coerce_extraction(p) for p in predictions]
    scores = [score_article(a, p) for a, p in zip(articles, predictions)]

    gold = sum(len(s.golds) for s in scores)
    counted = [p for s in scores for p in s.preds if p.status != "ignored"]
    tp = sum(p.status == "tp" for p in counted)
    correct = sum(p.correct for p in counted)
    unattributed_total = sum(s.unattributed_total for s in scores)
    unattributed_reported = sum(s.unattributed_reported for s in scores)
    kinds = by_kind(scores)

    errors = {"missed": [], "false_positive": [], "wrong_speaker": []}
    for article, extraction, score in zip(articles, predictions, scores):
        for key, items in collect_errors(article, extraction, score).items():
            errors[key].extend(items)

    unattributed_rate = ratio(unattributed_reported, unattributed_total)
    return {
        "articles": len(articles),
        "quotes": {**prf(tp, len(counted), gold),
                   "ignored": sum(p.status == "ignored" for s in scores for p in s.preds)},
        "attribution": prf(correct, len(counted), gold),
        "by_kind": kinds,
        "partial_recall": kinds["partial"]["recall"],
        "type": type_accuracy(scores),
        "unattributed": {"spans": unattributed_total, "reported_as_speech": unattributed_reported,
                         "rate": unattributed_rate, "target": UNATTRIBUTED_TARGET,
                         "ok": None if unattributed_rate is None else unattributed_rate < UNATTRIBUTED_TARGET},
        "calibration": calibration([(p.confidence, p.correct) for p in counted]),
        "by_attribution_method": by_attribution_method(scores, predictions),
        "by_source": by_source(scores),
        "per_article": [{"id": s.article_id, "gold": len(s.golds),
                         "predicted": sum(p.status != "ignored" for p in s.preds),
                         "tp": sum(p.status == "tp" for p in s.preds),
                         "correct": sum(p.correct for p in s.preds)} for s in scores],
        "errors": errors,
    }


# --------------------------------------------------------------------------------------------
# Extraction <-> plain dict (the cache, and predictions handed over as JSON)
# --------------------------------------------------------------------------------------------


def _build(cls, data: dict, **nested):
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names}, **nested)


def _span(data: dict | None) -> Span | None:
    return None if data is None else _build(Span, data)


def extraction_from_dict(data: dict) -> Extraction:
    """Inverse of `dataclasses.asdict(extraction)`; unknown keys are dropped."""
    quotes = []
    for q in data.get("quotes", []):
        sp = q.get("speaker")
        speaker = None if sp is None else _build(
            SpeakerRef, {k: v for k, v in sp.items() if k != "mention"}, mention=_span(sp["mention"]))
        rest = {k: v for k, v in q.items() if k not in ("speaker", "cue")}
        quotes.append(_build(Quote, rest, speaker=speaker, cue=_span(q.get("cue"))))
    speakers = [_build(Speaker, {k: v for k, v in s.items() if k != "mentions"},
                       mentions=[_span(m) for m in s.get("mentions", [])])
                for s in data.get("speakers", [])]
    return Extraction(quotes=quotes, speakers=speakers)


def coerce_extraction(value: Extraction | dict) -> Extraction:
    return extraction_from_dict(value) if isinstance(value, dict) else value


# --------------------------------------------------------------------------------------------
# Prediction: the only code that touches the engine
# --------------------------------------------------------------------------------------------


def default_model_dir() -> str:
    from service.config import CHECKOUT_MODEL_DIR

    return os.environ.get("STANZA_RESOURCES_DIR") or str(CHECKOUT_MODEL_DIR)


def _check_models(model_dir: str) -> None:
    from service.engine import ModelDirError, check_model_dir

    try:
        check_model_dir(model_dir)
    except ModelDirError as exc:
        raise SystemExit(f"service.evaluate: {exc}") from None


def engine_extractor(model_dir: str, threads: int | None = None) -> Extractor:
    """Build the engine once and return its `text -> Extraction` function. This is the single
    place the engine is constructed; pass another factory to `predict` to score something else."""
    from service.engine.pipeline import Engine  # deferred: loads torch and the models

    engine = Engine(model_dir, threads=threads)
    return functools.partial(engine.extract, include_nonspeech=False)


def engine_fingerprint(model_dir: str | None = None) -> str:
    """A hash of the engine's source (and model dir) so cached predictions go stale when the
    engine changes."""
    digest = hashlib.sha256(str(model_dir or "").encode())
    for path in sorted((REPO_ROOT / "service" / "engine").rglob("*.py")):
        digest.update(path.relative_to(REPO_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class PredictionCache:
    """Extractions on disk, one JSON file per (article id, text, engine fingerprint)."""

    def __init__(self, directory: str | os.PathLike, fingerprint: str):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint

    def _path(self, article: dict) -> Path:
        key = hashlib.sha256((self.fingerprint + "\0" + article["text"]).encode()).hexdigest()[:16]
        safe_id = re.sub(r"[^A-Za-z0-9_.-]", "_", str(article["id"]))[:80]
        return self.dir / f"{safe_id}-{key}.json"

    def get(self, article: dict) -> Extraction | None:
        path = self._path(article)
        try:
            return extraction_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, article: dict, extraction: Extraction) -> None:
        path = self._path(article)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(dataclasses.asdict(extraction), ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


_worker_extract: Extractor | None = None


def _init_worker(factory: ExtractorFactory) -> None:
    global _worker_extract
    _worker_extract = factory()


def _timed_extract(extract: Extractor, text: str) -> tuple[Extraction, str | None, float]:
    """Run one extraction; an engine failure becomes an empty Extraction plus its message, so
    one bad article does not lose a whole evaluation run."""
    began = time.perf_counter()
    try:
        result, error = extract(text), None
    except Exception as exc:  # noqa: BLE001 - reported per article, not raised
        result, error = Extraction(), f"{type(exc).__name__}: {exc}"
    return result, error, time.perf_counter() - began


def _worker_run(text: str) -> tuple[Extraction, str | None, float]:
    assert _worker_extract is not None
    return _timed_extract(_worker_extract, text)


@dataclasses.dataclass
class PredictionRun:
    predictions: list[Extraction]
    failures: dict[str, str]  # article id -> error message
    cache_hits: int
    extract_seconds: float  # summed over articles (across workers)


def predict(articles: Sequence[dict], factory: ExtractorFactory, *, processes: int = 1,
            cache: PredictionCache | None = None) -> PredictionRun:
    """One Extraction per article, in input order. Cached articles are not re-extracted and
    the engine is only built when something is missing. With processes > 1 each worker builds
    its own engine once (spawned, so no torch state is forked)."""
    predictions: list[Extraction | None] = [cache.get(a) if cache else None for a in articles]
    todo = [i for i, p in enumerate(predictions) if p is None]
    failures: dict[str, str] = {}
    seconds = 0.0
    if todo:
        texts = [articles[i]["text"] for i in todo]
        if processes > 1 and len(todo) > 1:
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(min(processes, len(todo)), initializer=_init_worker, initargs=(factory,)) as pool:
                results = list(pool.imap(_worker_run, texts, chunksize=1))
        else:
            extract = factory()
            results = [_timed_extract(extract, t) for t in texts]
        for i, (extraction, error, took) in zip(todo, results):
            predictions[i] = extraction
            seconds += took
            if error:
                failures[articles[i]["id"]] = error
            elif cache:
                cache.put(articles[i], extraction)
    return PredictionRun(predictions, failures, len(articles) - len(todo), seconds)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Data loading
# --------------------------------------------------------------------------------------------


def load_articles(path: str | os.PathLike, *, ids: Sequence[str] | None = None,
                  limit: int | None = None) -> list[dict]:
    """Articles from a JSONL file, optionally only `ids` (in file order), then the first `limit`."""
    wanted = set(ids) if ids else None
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            article = json.loads(line)
            if wanted is None or article["id"] in wanted:
                out.append(article)
                if limit is not None and len(out) >= limit:
                    break
    if wanted:
        missing = wanted - {a["id"] for a in out}
        if missing and limit is None:
            raise SystemExit(f"unknown article id(s): {', '.join(sorted(missing))}")
    return out


def load_jsonl(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def style_path(path: str | os.PathLike, style: str) -> Path:
    """The house-style variant beside a split: dev.jsonl -> dev_british.jsonl."""
    path = Path(path)
    return path.with_name(f"{path.stem}_{style}{path.suffix}")


def house_styles(path: str | os.PathLike, articles: Sequence[dict], predictions: Sequence[Extraction],
                 referents: list[dict] | None, predict_articles: Callable[[list[dict]], list[Extraction]]) -> dict:
    """Scores of each house-style variant beside `path`, next to the plain split's scores on the
    same articles (the British variant leaves out articles typed with ''…'' marks)."""
    plain = {a["id"]: (a, p) for a, p in zip(articles, predictions)}
    out = {}
    for style in HOUSE_STYLES:
        variant = style_path(path, style)
        if not variant.exists():
            continue
        styled = [a for a in load_jsonl(variant) if a["id"] in plain]
        styled_predictions = predict_articles(styled)
        same = [plain[a["id"]] for a in styled]
        row = _style_row(styled, styled_predictions, referents)
        row["plain"] = _style_row([a for a, _ in same], [p for _, p in same], referents)
        out[style] = row
    return out


def _style_row(articles: Sequence[dict], predictions: Sequence[Extraction], referents: list[dict] | None) -> dict:
    result = evaluate(articles, predictions)
    row = {"articles": len(articles), "quote_f1": result["quotes"]["f1"],
           "attribution_f1": result["attribution"]["f1"]}
    if referents is not None:
        row["referent_accuracy"] = referent_accuracy(articles, predictions, referents)["accuracy"]
    return row


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_report(result: dict) -> str:
    """The human-readable table printed on stdout."""
    q, a = result["quotes"], result["attribution"]
    lines = [f"articles: {result['articles']}   gold quotes: {q['gold']}   predicted speech quotes: "
             f"{q['predicted']} (+{q['ignored']} on ignore spans, not counted)", "",
             f"{'':<14}{'P':>7}{'R':>7}{'F1':>7}{'hits':>7}",
             f"{'quotes':<14}{fmt(q['precision']):>7}{fmt(q['recall']):>7}{fmt(q['f1']):>7}{q['tp']:>7}",
             f"{'attribution':<14}{fmt(a['precision']):>7}{fmt(a['recall']):>7}{fmt(a['f1']):>7}{a['tp']:>7}",
             "", f"{'gold kind':<14}{'gold':>6}{'found':>7}{'recall':>8}{'spk ok':>8}{'attr R':>8}{'spk acc':>9}"]
    for kind, row in result["by_kind"].items():
        lines.append(f"{kind:<14}{row['gold']:>6}{row['found']:>7}{fmt(row['recall']):>8}"
                     f"{row['speaker_right']:>8}{fmt(row['attribution_recall']):>8}{fmt(row['speaker_accuracy']):>9}")
    t, u = result["type"], result["unattributed"]
    c = t["confusion"]
    lines += ["", f"partial quotes found: {fmt(result['partial_recall'])}",
              f"type accuracy (direct/partial) over {t['matched']} matched: {fmt(t['accuracy'])}   "
              f"gold->pred  d->d {c['direct->direct']}  d->p {c['direct->partial']}  "
              f"p->d {c['partial->direct']}  p->p {c['partial->partial']}",
              f"unattributed quoted spans reported as speech: {u['reported_as_speech']}/{u['spans']} = "
              f"{fmt(u['rate'])} (target < {u['target']}{'' if u['ok'] is None else ', ok' if u['ok'] else ', OVER'})"]
    methods = result.get("by_attribution_method") or {}
    if methods:
        lines += ["", f"{'engine method':<14}{'pred':>6}{'right':>7}{'prec':>7}"]
        for method, row in methods.items():
            lines.append(f"{method:<14}{row['predicted']:>6}{row['correct']:>7}{fmt(row['precision']):>7}")
    sources = result.get("by_source") or {}
    if sources:
        lines += ["", f"{'source':<14}{'articles':>9}{'gold':>6}{'quote F1':>10}{'attr F1':>9}{'spk acc':>9}"]
        for source, row in sources.items():
            lines.append(f"{source:<14}{row['articles']:>9}{row['gold']:>6}{fmt(row['quote_f1']):>10}"
                         f"{fmt(row['attribution_f1']):>9}{fmt(row['speaker_accuracy']):>9}")
    lines += _referent_lines(result.get("referents")) + _house_style_lines(result.get("house_styles"))
    cal = result["calibration"]
    lines += ["", f"calibration of confidence vs attribution correct ({cal['count']} predictions): "
                  f"Brier {fmt(cal['brier'])}   ECE {fmt(cal['ece'])}",
              f"{'bin':<12}{'count':>7}{'mean conf':>11}{'accuracy':>10}"]
    for b in cal["bins"]:
        lines.append(f"{b['lo']:.1f}-{b['hi']:.1f}{'':<5}{b['count']:>7}{fmt(b['mean_confidence']):>11}{fmt(b['accuracy']):>10}")
    return "\n".join(lines)


def _referent_lines(ref: dict | None) -> list[str]:
    if not ref:
        return []
    return ["", f"pronoun referents named right: {ref['right']}/{ref['quotes']} = {fmt(ref['accuracy'])} "
                f"({fmt(ref['accuracy_found'])} of the {ref['found']} found)",
            f"  and with the given name right where both give one: {ref['right_given_name']}/{ref['quotes']} = "
            f"{fmt(ref['accuracy_given_name'])}"]


def _house_style_lines(styles: dict | None) -> list[str]:
    if not styles:
        return []
    has_ref = any("referent_accuracy" in row for row in styles.values())
    lines = ["", f"{'house style':<14}{'articles':>9}{'quote F1':>10}{'attr F1':>9}{'plain':>8}{'diff':>8}"
                 + (f"{'referents':>11}" if has_ref else "")]
    for style, row in styles.items():
        plain = row["plain"]["attribution_f1"]
        diff = None if row["attribution_f1"] is None or plain is None else row["attribution_f1"] - plain
        lines.append(f"{style:<14}{row['articles']:>9}{fmt(row['quote_f1']):>10}{fmt(row['attribution_f1']):>9}"
                     f"{fmt(plain):>8}{'-' if diff is None else f'{diff:+.3f}':>8}"
                     + (f"{fmt(row.get('referent_accuracy')):>11}" if has_ref else ""))
    return lines


def format_errors(errors: dict[str, list[dict]], limit: int) -> str:
    """Up to `limit` of each kind of error, one line each."""
    lines = []
    for key, title in (("missed", "missed quotes"), ("false_positive", "false positives"),
                       ("wrong_speaker", "wrong speakers")):
        items = errors[key]
        lines.append(f"\n{title}: {len(items)}" + (f" (first {limit})" if len(items) > limit else ""))
        for e in items[:limit]:
            if key == "missed":
                detail = f"[{e['kind']}] speaker={e['gold_speaker']!r}"
            elif key == "false_positive":
                detail = f"[{e['type']}{', unattributed' if e['unattributed'] else ''}] name={e['predicted_name']!r}"
            else:
                detail = (f"[{e['kind']}/{e['attribution']}] gold={e['gold_speaker']!r} "
                          f"mention={e['predicted_mention']!r} name={e['predicted_name']!r}")
            lines.append(f"  {e['article']} @{e['start']} {detail}\n      {e['excerpt']}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m service.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="gold JSONL (e.g. ../shared/data/polnear/dev.jsonl)")
    parser.add_argument("--limit", type=int, help="only the first N articles (after --ids)")
    parser.add_argument("--ids", help="comma-separated article ids")
    parser.add_argument("--model-dir", default=None,
                        help="Stanza resources (default: $STANZA_RESOURCES_DIR or ../shared/stanza_resources)")
    parser.add_argument("--json", dest="json_file", help="write all figures as JSON here")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print up to N errors of each kind")
    parser.add_argument("--errors-file", help="write every error as JSONL here")
    parser.add_argument("--processes", type=int, default=1, help="worker processes (each loads the engine once)")
    parser.add_argument("--cache", metavar="DIR", help="reuse predictions cached here (keyed by engine source hash)")
    parser.add_argument("--by-rule", action="store_true",
                        help="also print (and write to --json) precision and count per speaker rule")
    parser.add_argument("--referents", metavar="FILE",
                        help="score speaker names against resolved pronoun referents (e.g. dev_referents.jsonl)")
    parser.add_argument("--house-styles", action="store_true",
                        help=f"also score the {', '.join(HOUSE_STYLES)} variants beside PATH (PATH_british.jsonl, ...)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, factory: ExtractorFactory | None = None) -> dict:
    args = parse_args(argv)
    began = time.perf_counter()
    ids = [i.strip() for i in args.ids.split(",") if i.strip()] if args.ids else None
    articles = load_articles(args.path, ids=ids, limit=args.limit)
    model_dir = args.model_dir or default_model_dir()
    if factory is None:
        _check_models(model_dir)  # here, once: a worker failing to load would be respawned for ever
        threads = max(1, (os.cpu_count() or 1) // args.processes) if args.processes > 1 else None
        factory = functools.partial(engine_extractor, model_dir, threads)
    cache = PredictionCache(args.cache, engine_fingerprint(model_dir)) if args.cache else None
    referents = load_jsonl(args.referents) if args.referents else None

    run = predict(articles, factory, processes=max(1, args.processes), cache=cache)
    result = evaluate(articles, run.predictions)
    if args.by_rule:
        result["by_rule"] = by_rule(articles, run.predictions)
    if referents is not None:
        result["referents"] = referent_accuracy(articles, run.predictions, referents)
    if args.house_styles:
        result["house_styles"] = house_styles(args.path, articles, run.predictions, referents,
                                              lambda arts: predict(arts, factory, processes=max(1, args.processes),
                                                                   cache=cache).predictions)
    elapsed = time.perf_counter() - began

    print(format_report(result))
    if args.by_rule:
        print("\n" + format_rules(result["by_rule"]))
    if args.errors:
        print(format_errors(result["errors"], args.errors))
    for article_id, message in run.failures.items():
        print(f"engine failed on {article_id}: {message}", file=sys.stderr)
    print(f"\nelapsed {elapsed:.1f}s ({len(articles)} articles; extraction {run.extract_seconds:.1f}s "
          f"summed, {run.cache_hits} from cache, {len(run.failures)} failed; processes {args.processes})")

    meta = {"path": str(args.path), "model_dir": model_dir, "limit": args.limit, "ids": ids,
            "processes": args.processes, "elapsed_s": round(elapsed, 3),
            "extract_s": round(run.extract_seconds, 3), "cache_hits": run.cache_hits,
            "failures": run.failures}
    if args.json_file:
        figures = {k: v for k, v in result.items() if k != "errors"}
        figures["error_counts"] = {k: len(v) for k, v in result["errors"].items()}
        figures["meta"] = meta
        Path(args.json_file).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.errors_file:
        with open(args.errors_file, "w", encoding="utf-8") as handle:
            for key, items in result["errors"].items():
                for item in items:
                    handle.write(json.dumps({"error": key, **item}, ensure_ascii=False) + "\n")
    return result


if __name__ == "__main__":
    main()
