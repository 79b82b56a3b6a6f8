"""The one definition of request and response shapes. openapi.yaml is generated from these
(`python -m service.api.spec`), and the batch CLI serialises with `dump_extraction` too."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from ..engine import ATTRIBUTIONS, QUOTE_TYPES, Extraction
from ..offsets import utf16_converter

OFFSET_UNITS = ("codepoint", "utf16")


def _valid_unicode(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(f"Contains an unpaired surrogate (\\u{ord(text[exc.start]):04x}) at "
                              f"position {exc.start}: not valid Unicode text.") from None


def _text_field(**kwargs) -> fields.String:
    """The article text: a non-empty string of valid Unicode."""
    return fields.String(
        validate=[validate.Length(min=1, error="Must not be empty."), _valid_unicode],
        metadata={"description": "The article, plain text. Offsets in the response index into "
                                 "exactly this string."},
        **kwargs)


class JsonBoolean(fields.Boolean):
    """Only JSON true and false (marshmallow's Boolean also takes 1, "yes", "on"...)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


_OFFSETS_DOC = ("Unit of every offset in the response: `codepoint` (Python str indices, the "
                "default) or `utf16` (UTF-16 code units, as JavaScript/Java/.NET strings index).")
_NONSPEECH_DOC = "Also report quoted text that is not speech (types `name` and `scare`)."


class QuoteOptionsSchema(Schema):
    """Request options given as query parameters (any body type)."""

    offsets = fields.String(load_default="codepoint", validate=validate.OneOf(OFFSET_UNITS),
                            metadata={"description": _OFFSETS_DOC})
    # Only the spellings the spec documents: a typo must not silently mean false.
    include_nonspeech = fields.Boolean(load_default=False, truthy={"true"}, falsy={"false"},
                                       metadata={"description": _NONSPEECH_DOC})


class QuoteRequestSchema(Schema):
    """JSON request body. Unknown fields are rejected (422), so a misspelt option is not ignored."""

    text = _text_field(required=True)
    offsets = fields.String(validate=validate.OneOf(OFFSET_UNITS),
                            metadata={"description": _OFFSETS_DOC + " Overrides the query parameter."})
    include_nonspeech = JsonBoolean(metadata={"description": _NONSPEECH_DOC + " Overrides the query parameter."})


class ArticleLineSchema(Schema):
    """One input line of the batch CLI. Other fields are ignored; `id` defaults to the line number."""

    class Meta:
        unknown = "exclude"

    id = fields.Raw(allow_none=True)
    text = _text_field(required=True)


# ---- responses ---------------------------------------------------------------------------------

class SpanSchema(Schema):
    """A piece of the text: `text` is exactly the text from `start` to `end`."""

    text = fields.String(required=True, metadata={"description": "The words, as written."})
    start = fields.Integer(required=True, metadata={"description": "Offset of the first character."})
    end = fields.Integer(required=True, metadata={"description": "Offset one past the last character."})


class QuoteSpeakerSchema(Schema):
    """The speaker of one quote: the resolved name, and the mention the attribution rests on."""

    name = fields.String(required=True, metadata={
        "description": "Who it is: the longest form of the name the article gives, without titles "
                       "(\"Judicial Watch President Tom Fitton\" is `Tom Fitton`). A role noun is named by the "
                       "person the article gave that title, else it is its own name (`minister`)."})
    text = fields.String(required=True, attribute="mention.text", metadata={
        "description": "The mention the attribution rests on, as written: a name, a role noun (`the "
                       "minister`) or a pronoun (`he`, or the `who` of \"Mattis, who said\")."})
    start = fields.Integer(required=True, attribute="mention.start", metadata={"description": "Offset of the mention."})
    end = fields.Integer(required=True, attribute="mention.end", metadata={"description": "Offset one past the mention."})
    id = fields.String(required=True, metadata={"description": "Key into `speakers`; the same person has the same "
                                                               "`id` in every quote."})


class QuoteSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The quoted words, without the outer "
                                                                 "quotation marks."})
    start = fields.Integer(required=True, metadata={
        "description": "Offset of the opening mark (of a `turn`, its first word after the label)."})
    end = fields.Integer(required=True, metadata={
        "description": "Offset one past the closing mark (or the paragraph end when `closed` is false; of a "
                       "`turn`, one past its last word)."})
    type = fields.String(required=True, validate=validate.OneOf(QUOTE_TYPES), metadata={
        "description": "`direct`: a sentence or more, quoted on its own; `partial`: a fragment inside the "
                       "reporter's paraphrase (He called the plan \"a dead end.\"); `turn`: an interview's question or "
                       "answer (`Q: ...`, `A: ...`) or a transcript's labelled line (`FALLIN: ...`), in no quotation "
                       "marks, from its first word to its last. A turn may hold quotes of its own, listed after it; "
                       "no other quotes overlap. With `include_nonspeech` also "
                       "`name` (a nickname, title or named operation) and `scare` (scare quotes, nobody's words)."})
    speaker = fields.Nested(QuoteSpeakerSchema, required=True, allow_none=True, metadata={
        "description": "Who said it, or null when no speaker was found (`attribution` is then `none`)."})
    cue = fields.Nested(SpanSchema, required=True, allow_none=True, metadata={
        "description": "What introduces the quote, usually the speech verb (`said`, `told`, `called`), or null."})
    attribution = fields.String(required=True, validate=validate.OneOf(ATTRIBUTIONS), metadata={
        "description": "How the speaker was found: `explicit`, named in the quote's own attribution (\"...,\" "
                       "Mattis said) or a transcript's label; `pronoun`, a pronoun or relative `who` resolved to a name; `continuation`, "
                       "no attribution of its own, so the speaker of the quote before goes on; `context`, a "
                       "\"quotes from X\" heading, an interview's interviewee or the person just named before the "
                       "quote; `none`, no speaker. "
                       "The two halves of a quote interrupted by its attribution share speaker, cue and method."})
    confidence = fields.Float(required=True, validate=validate.Range(0, 1), metadata={
        "description": "How likely the quote and its speaker are both right, from 0 to 1, calibrated on the "
                       "PolNeAR corpus: of the quotes given about 0.9, about 9 in 10 were right (the table on "
                       "/docs#reliability)."})
    closed = fields.Boolean(required=True, metadata={
        "description": "False when the closing mark is missing: the quote then runs to the end of its paragraph."})


class SpeakerSchema(Schema):
    id = fields.String(required=True, metadata={"description": "`s1`, `s2`, ... in order of first quote."})
    name = fields.String(required=True, metadata={"description": "The same as the quotes' `speaker.name`."})
    mentions = fields.List(fields.Nested(SpanSchema), required=True, metadata={
        "description": "Every mention that one of this speaker's quotes is attributed to, in text order."})
    quotes = fields.List(fields.Integer(), required=True, metadata={"description": "Indexes into `quotes`."})


class MetaSchema(Schema):
    offsets = fields.String(required=True, validate=validate.OneOf(OFFSET_UNITS),
                            metadata={"description": "The unit of every offset in this response."})
    characters = fields.Integer(required=True, metadata={"description": "Length of the text in that unit."})


class QuoteResponseSchema(Schema):
    quotes = fields.List(fields.Nested(QuoteSchema), required=True, metadata={"description": "In text order."})
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True, metadata={
        "description": "Each speaker once, with the mentions and quotes attributed to them."})
    meta = fields.Nested(MetaSchema, required=True, metadata={
        "description": "The unit of the offsets, and the text's length in it."})


# The example of the docs and the contract: what the engine answers for EXAMPLE_TEXT
# (tests/integration/test_docs_example.py checks it).
EXAMPLE_TEXT = ("\u201cWe are not in a position to collaborate,\u201d Jim Mattis told reporters on Tuesday. "
                "He called the plan \u201ca dead end.\u201d \u201cWe will keep talking,\u201d he said.")
EXAMPLE_RESPONSE = {
    "quotes": [
        {"text": "We are not in a position to collaborate,", "start": 0, "end": 42, "type": "direct",
         "speaker": {"name": "Jim Mattis", "text": "Jim Mattis", "start": 43, "end": 53, "id": "s1"},
         "cue": {"text": "told", "start": 54, "end": 58}, "attribution": "explicit", "confidence": 0.937,
         "closed": True},
        {"text": "a dead end.", "start": 100, "end": 113, "type": "partial",
         "speaker": {"name": "Jim Mattis", "text": "He", "start": 81, "end": 83, "id": "s1"},
         "cue": {"text": "called", "start": 84, "end": 90}, "attribution": "pronoun", "confidence": 0.961,
         "closed": True},
        {"text": "We will keep talking,", "start": 114, "end": 137, "type": "direct",
         "speaker": {"name": "Jim Mattis", "text": "he", "start": 138, "end": 140, "id": "s1"},
         "cue": {"text": "said", "start": 141, "end": 145}, "attribution": "pronoun", "confidence": 0.961,
         "closed": True},
    ],
    "speakers": [
        {"id": "s1", "name": "Jim Mattis", "mentions": [{"text": "Jim Mattis", "start": 43, "end": 53},
                                                        {"text": "He", "start": 81, "end": 83},
                                                        {"text": "he", "start": 138, "end": 140}],
         "quotes": [0, 1, 2]},
    ],
    "meta": {"offsets": "codepoint", "characters": 146},
}


class ProblemSchema(Schema):
    """RFC 9457 problem details (media type application/problem+json)."""

    type = fields.String(required=True, metadata={"description": "URI reference of the problem type; "
                                                                 "it resolves to its documentation."})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(required=True, metadata={"description": "The request path."})
    request_id = fields.String(required=True, metadata={"description": "Same as the X-Request-ID header."})
    errors = fields.Dict(metadata={"description": "Validation errors (422 only): messages by field."})


class StatusSchema(Schema):
    status = fields.String(required=True)


def dump_extraction(extraction: Extraction, text: str, offsets: str = "codepoint") -> dict:
    """The response body for `extraction` of `text`, offsets in the requested unit."""
    body = QuoteResponseSchema().dump({"quotes": extraction.quotes, "speakers": extraction.speakers,
                                       "meta": {"offsets": offsets, "characters": len(text)}})
    if offsets == "utf16":
        _convert(body, utf16_converter(text))
    return body


def _convert(node, conv) -> None:
    """Map every start/end/characters offset in a dumped body through conv, in place."""
    if isinstance(node, list):
        for item in node:
            _convert(item, conv)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("start", "end", "characters"):
                node[key] = conv(value)
            elif isinstance(value, (dict, list)):
                _convert(value, conv)
