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
    text = fields.String(required=True)
    start = fields.Integer(required=True, metadata={"description": "Offset of the first character."})
    end = fields.Integer(required=True, metadata={"description": "Offset one past the last character."})


class QuoteSpeakerSchema(Schema):
    """The speaker of one quote: the resolved name, and the mention the attribution rests on."""

    name = fields.String(required=True)
    text = fields.String(required=True, attribute="mention.text")
    start = fields.Integer(required=True, attribute="mention.start")
    end = fields.Integer(required=True, attribute="mention.end")
    id = fields.String(required=True, metadata={"description": "Key into `speakers`."})


class QuoteSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The quoted words, without the outer "
                                                                 "quotation marks."})
    start = fields.Integer(required=True, metadata={"description": "Offset of the opening mark."})
    end = fields.Integer(required=True, metadata={
        "description": "Offset one past the closing mark (or the paragraph end when `closed` is false)."})
    type = fields.String(required=True, validate=validate.OneOf(QUOTE_TYPES), metadata={
        "description": "`direct` (a sentence or more), `partial` (a fragment within paraphrase); with "
                       "include_nonspeech also `name` and `scare`."})
    speaker = fields.Nested(QuoteSpeakerSchema, required=True, allow_none=True)
    cue = fields.Nested(SpanSchema, required=True, allow_none=True,
                        metadata={"description": "The speech verb or other cue, e.g. `said`."})
    attribution = fields.String(required=True, validate=validate.OneOf(ATTRIBUTIONS),
                                metadata={"description": "How the speaker was found."})
    confidence = fields.Float(required=True, validate=validate.Range(0, 1))
    closed = fields.Boolean(required=True, metadata={"description": "False when the closing mark is missing."})


class SpeakerSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    mentions = fields.List(fields.Nested(SpanSchema), required=True)
    quotes = fields.List(fields.Integer(), required=True, metadata={"description": "Indexes into `quotes`."})


class MetaSchema(Schema):
    offsets = fields.String(required=True, validate=validate.OneOf(OFFSET_UNITS),
                            metadata={"description": "The unit of every offset in this response."})
    characters = fields.Integer(required=True, metadata={"description": "Length of the text in that unit."})


class QuoteResponseSchema(Schema):
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    meta = fields.Nested(MetaSchema, required=True)


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
