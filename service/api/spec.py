"""Generate the OpenAPI document from the marshmallow schemas and the routes' docstrings.

    python -m service.api.spec > openapi.yaml

tests/unit/test_spec.py fails when the committed openapi.yaml differs from this output.
"""
from __future__ import annotations

import sys

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.yaml_utils import load_operations_from_docstring
from flask import Flask

from .. import __version__
from .problems import PROBLEMS
from .schemas import EXAMPLE_RESPONSE, EXAMPLE_TEXT, ProblemSchema, QuoteRequestSchema, QuoteResponseSchema

DESCRIPTION = (
    "Finds every quote in a news article, with its speaker, cue and character offsets. `/docs` "
    "explains the answer field by field, with how far to trust `confidence`; `/demo` shows it.\n\n"
    "Offsets are Python `str` code point indices into exactly the text received, unless the request "
    "asks for `offsets=utf16` (UTF-16 code units); the response's `meta.offsets` names the unit. "
    "Errors are RFC 9457 problem details (`application/problem+json`); their `type` is a relative "
    "URI to the error table on `/docs`. Any unknown route answers 404 and a known route asked with "
    "the wrong method 405 (with an `Allow` header), both as problem details.")


def build_spec(app: Flask) -> APISpec:
    spec = APISpec(title="Quote attribution API", version=__version__, openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin()], info={"description": DESCRIPTION})
    spec.components.schema("Problem", schema=ProblemSchema)
    spec.components.schema("QuoteRequest", {"examples": [{"text": EXAMPLE_TEXT}]}, schema=QuoteRequestSchema)
    spec.components.schema("QuoteResponse", {"examples": [EXAMPLE_RESPONSE]}, schema=QuoteResponseSchema)
    for status in sorted({status for status, _, _ in PROBLEMS.values()}):
        kinds = [f"{title} (`/docs#{slug}`): {when}" for slug, (s, title, when) in PROBLEMS.items() if s == status]
        spec.components.response(f"Problem{status}", {
            "description": " ".join(kinds),
            "content": {"application/problem+json": {"schema": "Problem"}},
        })
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        operations = load_operations_from_docstring(app.view_functions[rule.endpoint].__doc__ or "")
        if operations:
            spec.path(path=rule.rule, operations=operations)
    return spec


def spec_yaml(app: Flask) -> str:
    return build_spec(app).to_yaml()


class _NoEngine:
    """The routes, not the models, make the contract."""

    def extract(self, text, **options):
        raise NotImplementedError

    def ready(self):
        return False


def main() -> None:
    from ..app import create_app

    sys.stdout.write(spec_yaml(create_app(engine=_NoEngine())))


if __name__ == "__main__":
    main()
