"""Every error is an RFC 9457 problem+json with the documented status; bad input never gives 500."""
import io
import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.app import create_app

from support import FakeEngine


def assert_problem(response, status, slug=None):
    assert response.status_code == status, response.data
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert {"type", "title", "status", "detail", "instance", "request_id"} <= set(body)
    assert body["status"] == status
    assert body["request_id"] == response.headers["X-Request-ID"]
    if slug:
        assert body["type"] == f"/docs#{slug}"
    assert "Traceback" not in body["detail"]
    return body


@pytest.mark.parametrize("data", [b'{"text": ', b"{'text': 'x'}", b"", b'{"text": "x"} trailing',
                                  b'{"text": "x", "include_nonspeech": NaN}', b"[" * 100_000 + b"]" * 100_000,
                                  b'{"text": "x", "n": ' + b"9" * 5000 + b"}"])
def test_malformed_json_is_400(data):
    app = create_app({"MAX_BODY_BYTES": 1_000_000}, engine=FakeEngine())
    response = app.test_client().post("/v1/quotes", data=data, content_type="application/json")
    body = assert_problem(response, 400, "malformed-json")
    assert body["instance"] == "/v1/quotes"


@pytest.mark.parametrize("content_type", ["text/plain; charset=utf-8", "application/json"])
def test_invalid_utf8_is_400(client, content_type):
    body = assert_problem(client.post("/v1/quotes", data=b'{"text": "caf\xe9"}', content_type=content_type),
                          400, "invalid-utf8")
    assert "byte 13" in body["detail"]


@pytest.mark.parametrize("payload, field", [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": None}, "text"),
    ({"text": 42}, "text"),
    ({"text": ["a"]}, "text"),
    ({"text": "\ud800 lone surrogate"}, "text"),
    ({"text": "x", "extra": 1}, "extra"),
    ({"text": "x", "offsets": "bytes"}, "offsets"),
    ({"text": "x", "include_nonspeech": "yes"}, "include_nonspeech"),
    ({"text": "x", "include_nonspeech": 1}, "include_nonspeech"),
])
def test_invalid_request_is_422_naming_the_field(client, payload, field):
    response = client.post("/v1/quotes", data=json.dumps(payload), content_type="application/json")
    body = assert_problem(response, 422, "validation-error")
    assert list(body["errors"]) == [field]
    assert field in body["detail"]


@pytest.mark.parametrize("payload", [[{"text": "x"}], "x", 42, None, True])
def test_json_that_is_not_an_object_is_422(client, payload):
    body = assert_problem(client.post("/v1/quotes", data=json.dumps(payload), content_type="application/json"),
                          422, "validation-error")
    assert "JSON object" in body["detail"]


@pytest.mark.parametrize("query, field", [({"offsets": "bytes"}, "offsets"),
                                          ({"include_nonspeech": "perhaps"}, "include_nonspeech"),
                                          ({"verbose": "1"}, "verbose")])
def test_invalid_query_options_are_422(client, query, field):
    response = client.post("/v1/quotes", data="x", content_type="text/plain", query_string=query)
    assert list(assert_problem(response, 422)["errors"]) == [field]


def test_empty_text_plain_body_is_422(client):
    assert_problem(client.post("/v1/quotes", data=b"", content_type="text/plain"), 422, "validation-error")


@pytest.mark.parametrize("content_type", [None, "application/x-www-form-urlencoded", "text/html",
                                          "multipart/form-data; boundary=x", "text/plain; charset=latin-1",
                                          "application/jsonx"])
def test_unsupported_media_type_is_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    body = assert_problem(client.post("/v1/quotes", data=b'{"text": "x"}', headers=headers),
                          415, "unsupported-media-type")
    assert "text/plain" in body["detail"]


def test_body_over_the_limit_is_413(client):
    text = "x" * 1001  # limit in the test app: 1000 bytes
    for response in (client.post("/v1/quotes", data=text, content_type="text/plain"),
                     client.post("/v1/quotes", json={"text": text})):
        body = assert_problem(response, 413, "body-too-large")
        assert "1000 bytes" in body["detail"]


def chunked_post(client, data: bytes):
    """A chunked request as a WSGI server (gunicorn) hands it over: no Content-Length, stream ended."""
    return client.post("/v1/quotes", input_stream=io.BytesIO(data), content_type="text/plain",
                       headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})


def test_chunked_body_over_the_limit_is_413_not_truncated(client, fake_engine):
    assert_problem(chunked_post(client, b"x" * 1001), 413, "body-too-large")
    assert_problem(chunked_post(client, b"x" * 100_000), 413, "body-too-large")
    assert fake_engine.calls == []


def test_chunked_body_at_the_limit_is_accepted(client, fake_engine):
    assert chunked_post(client, b"x" * 1000).status_code == 200
    assert fake_engine.calls[-1]["text"] == "x" * 1000


def test_unknown_route_is_404(client):
    body = assert_problem(client.get("/v2/nothing"), 404, "not-found")
    assert body["instance"] == "/v2/nothing"


@pytest.mark.parametrize("method, path, allowed", [("GET", "/v1/quotes", "POST"), ("PUT", "/v1/quotes", "POST"),
                                                   ("POST", "/healthz", "GET"), ("DELETE", "/readyz", "GET")])
def test_wrong_method_is_405_with_allow(client, method, path, allowed):
    response = client.open(path, method=method)
    assert_problem(response, 405, "method-not-allowed")
    assert allowed in [m.strip() for m in response.headers["Allow"].split(",")]


def test_deadline_is_503(fake_engine):
    app = create_app({"REQUEST_TIMEOUT": 0.1}, engine=FakeEngine(delay=0.3))
    response = app.test_client().post("/v1/quotes", json={"text": "x"})
    assert_problem(response, 503, "deadline-exceeded")
    assert response.headers["Retry-After"] == "1"


def test_unexpected_engine_error_is_500_without_details(caplog):
    app = create_app(engine=FakeEngine(error=RuntimeError("secret internals")))
    with caplog.at_level(logging.ERROR, logger="service.api"):
        response = app.test_client().post("/v1/quotes", json={"text": "x"})
    body = assert_problem(response, 500, "internal-error")
    assert "secret" not in response.get_data(as_text=True)
    assert body["detail"] == "The server failed to answer this request."
    assert any(r.exc_info and "secret internals" in str(r.exc_info[1]) for r in caplog.records)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)
request_objects = st.fixed_dictionaries({}, optional={
    "text": st.text() | json_values, "offsets": st.sampled_from(["codepoint", "utf16"]) | json_values,
    "include_nonspeech": st.booleans() | json_values, "other": json_values})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=request_objects | json_values)
def test_no_json_body_gives_500(client, body):
    response = client.post("/v1/quotes", data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 413, 422), response.data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=1200), query=st.dictionaries(st.sampled_from(["offsets", "include_nonspeech", "x"]),
                                                              st.text(max_size=8), max_size=2))
def test_no_text_body_gives_500(client, data, query):
    response = client.post("/v1/quotes", data=data, content_type="text/plain", query_string=query)
    assert response.status_code in (200, 400, 413, 422), response.data
