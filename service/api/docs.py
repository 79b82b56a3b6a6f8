"""The /docs page: how to call the service and how to read its answer.

The field tables are rendered from the schemas' descriptions (the same text as openapi.yaml), the
example is schemas.EXAMPLE_RESPONSE and the error table is problems.PROBLEMS, so the page cannot
drift from the contract. Descriptions use `backticks` for code, as in the OpenAPI document.
"""
from __future__ import annotations

import json
import re

from markupsafe import Markup, escape
from marshmallow import Schema, fields

from . import schemas

# Reliability of `confidence` on the PolNeAR dev split: is the quote right *and* its speaker right?
# The README's Accuracy section has the same table (tests/unit/test_docs.py keeps them equal).
RELIABILITY_SOURCE = "PolNeAR dev split, 84 articles, figures of 2026-12-02"
RELIABILITY = [  # (confidence bin, quotes, mean confidence, share right)
    ("0.0-0.1", 39, 0.07, 0.08), ("0.1-0.2", 4, 0.16, 0.00), ("0.2-0.3", 6, 0.25, 0.33),
    ("0.3-0.4", 10, 0.36, 0.30), ("0.4-0.5", 43, 0.46, 0.44), ("0.5-0.6", 3, 0.57, 0.67),
    ("0.6-0.7", 3, 0.61, 0.33), ("0.7-0.8", 124, 0.79, 0.80), ("0.8-0.9", 23, 0.81, 0.57),
    ("0.9-1.0", 697, 0.94, 0.92),
]

# (heading, path prefix, schema) for each table of response fields.
RESPONSE_TABLES = [
    ("The response", "", schemas.QuoteResponseSchema),
    ("Each quote", "quotes[].", schemas.QuoteSchema),
    ("A quote's speaker", "quotes[].speaker.", schemas.QuoteSpeakerSchema),
    ("A quote's cue, a speaker's mentions", "quotes[].cue.", schemas.SpanSchema),
    ("Each speaker", "speakers[].", schemas.SpeakerSchema),
    ("meta", "meta.", schemas.MetaSchema),
]
_JSON_TYPES = [(fields.Nested, "object"), (fields.List, "array"), (fields.Boolean, "boolean"),
               (fields.Integer, "integer"), (fields.Float, "number"), (fields.String, "string")]
_CODE = re.compile(r"`([^`]+)`")


def code(text: str) -> Markup:
    """Escape `text` for HTML and set its `backticked` parts as <code>."""
    return Markup(_CODE.sub(r"<code>\1</code>", str(escape(text))))


def field_rows(schema: type[Schema], prefix: str = "") -> list[tuple[str, str, str]]:
    """(name, JSON type, description) for each field of `schema`."""
    rows = []
    for name, field in schema().fields.items():
        kind = next(label for cls, label in _JSON_TYPES if isinstance(field, cls))
        if field.allow_none:
            kind += " or null"
        rows.append((prefix + name, kind, field.metadata.get("description", "")))
    return rows


def compact_json(value, indent: str = "") -> str:
    """JSON with one line per object or list that holds no other: an example a reader can scan."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or not any(isinstance(v, (dict, list)) for v in
                                                      (value.values() if isinstance(value, dict) else value)):
        return flat
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {compact_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    return "[\n" + ",\n".join(inner + compact_json(v, inner) for v in value) + f"\n{indent}]"


def context() -> dict:
    """What the docs template needs besides the endpoints and problems."""
    return {
        "options": field_rows(schemas.QuoteRequestSchema),
        "tables": [(heading, field_rows(schema, prefix)) for heading, prefix, schema in RESPONSE_TABLES],
        "example_text": schemas.EXAMPLE_TEXT,
        "example_response": compact_json(schemas.EXAMPLE_RESPONSE),
        "reliability": RELIABILITY, "reliability_source": RELIABILITY_SOURCE,
    }
