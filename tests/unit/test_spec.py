"""openapi.yaml: generated from the schemas, valid OpenAPI, and what the app really answers."""
import json

import pytest
from openapi_spec_validator import validate

from service.api.spec import spec_yaml
from service.app import create_app

from support import REPO, FakeEngine

EMOJI_ARTICLE = '\U0001F600 It was "odd" then. "We are ready," Mattis said. "Fine," Smith said.'


def test_committed_openapi_yaml_is_the_generated_one(app):
    committed = (REPO / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == spec_yaml(app), "openapi.yaml is stale: run `python -m service.api.spec > openapi.yaml`"


def test_openapi_yaml_is_valid_openapi(openapi_spec):
    validate(openapi_spec)
    assert openapi_spec["openapi"].startswith("3.1")


def test_every_route_is_documented(app, openapi_spec):
    routes = {(rule.rule, method.lower()) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, item in openapi_spec["paths"].items() for method in item}
    assert routes == documented


REQUESTS = [
    # (method, path, request kwargs, expected status)
    ("POST", "/v1/quotes", {"json": {"text": EMOJI_ARTICLE}}, 200),
    ("POST", "/v1/quotes", {"json": {"text": EMOJI_ARTICLE, "offsets": "utf16", "include_nonspeech": True}}, 200),
    ("POST", "/v1/quotes", {"data": EMOJI_ARTICLE.encode(), "content_type": "text/plain; charset=utf-8",
                            "query_string": {"offsets": "utf16"}}, 200),
    ("POST", "/v1/quotes", {"json": {"text": "no quotes here"}}, 200),
    ("POST", "/v1/quotes", {"data": b"{", "content_type": "application/json"}, 400),
    ("POST", "/v1/quotes", {"data": b"\xff", "content_type": "text/plain"}, 400),
    ("GET", "/v1/quotes", {}, 405),
    ("POST", "/v1/quotes", {"data": b"x" * 2000, "content_type": "text/plain"}, 413),
    ("POST", "/v1/quotes", {"data": b"x", "content_type": "application/xml"}, 415),
    ("POST", "/v1/quotes", {"json": {"text": ""}}, 422),
    ("POST", "/v1/quotes", {"json": ["x"]}, 422),
    ("POST", "/v1/quotes", {"json": {"text": "x", "unknown": 1}}, 422),
    ("GET", "/healthz", {}, 200),
    ("GET", "/readyz", {}, 200),
    ("GET", "/metrics", {}, 200),
    ("GET", "/openapi.yaml", {}, 200),
    ("GET", "/", {}, 200),
    ("GET", "/docs", {}, 200),
    ("GET", None, {}, 404),
]


@pytest.mark.parametrize("method, path, kwargs, status", REQUESTS)
def test_responses_match_the_contract(client, check_contract, method, path, kwargs, status):
    response = client.open(path or "/no/such/route", method=method, **kwargs)
    assert response.status_code == status
    check_contract(path, method, status, response.content_type, response.data)


@pytest.mark.parametrize("engine_kwargs, status", [({"delay": 0.2}, 503), ({"error": RuntimeError("bug")}, 500)])
def test_engine_failures_match_the_contract(check_contract, engine_kwargs, status):
    app = create_app({"REQUEST_TIMEOUT": 0.1}, engine=FakeEngine(**engine_kwargs))
    response = app.test_client().post("/v1/quotes", json={"text": "x"})
    assert response.status_code == status
    check_contract("/v1/quotes", "POST", status, response.content_type, response.data)


def test_not_ready_matches_the_contract(check_contract):
    response = create_app(engine=FakeEngine(ready=False)).test_client().get("/readyz")
    check_contract("/readyz", "GET", 503, response.content_type, response.data)


def test_contract_check_catches_a_wrong_body(check_contract):
    from jsonschema import ValidationError

    body = json.dumps({"quotes": [], "speakers": [], "meta": {"offsets": "bytes", "characters": 1}}).encode()
    with pytest.raises(ValidationError):
        check_contract("/v1/quotes", "POST", 200, "application/json", body)
