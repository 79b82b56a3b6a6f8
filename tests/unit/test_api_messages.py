"""Error details a new user can act on: what was wrong, what was received, what to do instead."""
import io
import json

import pytest

from test_api_errors import assert_problem

ARTICLE = '"We are ready," Ann said. Caf\u00e9 \u201cna\u00efve\u201d.'


@pytest.mark.parametrize("data", [b"", b"  \n"])
def test_an_empty_json_body_is_called_empty(client, data):
    body = assert_problem(client.post("/v1/quotes", data=data, content_type="application/json"), 400, "malformed-json")
    assert body["detail"].startswith("The body is empty")
    assert "Expecting value" not in body["detail"]


def test_a_json_body_with_a_utf8_byte_order_mark_is_accepted(client, fake_engine):
    data = b"\xef\xbb\xbf" + json.dumps({"text": "x"}).encode()
    assert client.post("/v1/quotes", data=data, content_type="application/json").status_code == 200
    assert fake_engine.calls[-1]["text"] == "x"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_a_utf16_body_gets_a_hint(client, fake_engine, encoding, content_type):
    text = json.dumps({"text": ARTICLE}) if content_type == "application/json" else ARTICLE
    response = client.post("/v1/quotes", data=text.encode(encoding), content_type=content_type)
    body = assert_problem(response, 400)
    assert "looks like UTF-16" in body["detail"] and "iconv -f utf-16 -t utf-8" in body["detail"]
    assert fake_engine.calls == []


@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_a_latin1_body_gets_a_hint(client, content_type):
    text = json.dumps({"text": ARTICLE}, ensure_ascii=False) if content_type == "application/json" else ARTICLE
    body = assert_problem(client.post("/v1/quotes", data=text.encode("cp1252"), content_type=content_type),
                          400, "invalid-utf8")
    assert "looks like Latin-1 or Windows-1252" in body["detail"]


def test_binary_junk_gets_no_encoding_guess(client):
    body = assert_problem(client.post("/v1/quotes", data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff",
                                      content_type="text/plain"), 400, "invalid-utf8")
    assert "looks like" not in body["detail"]


def test_another_charset_is_told_how_to_convert(client):
    body = assert_problem(client.post("/v1/quotes", data=b"x", content_type="text/plain; charset=iso-8859-1"),
                          415, "unsupported-media-type")
    assert "iconv -f iso-8859-1 -t utf-8" in body["detail"]


def test_413_says_the_size_received_and_what_to_do(client):
    body = assert_problem(client.post("/v1/quotes", data="x" * 1234, content_type="text/plain"), 413)
    assert "1234 bytes" in body["detail"] and "the limit is 1000 bytes" in body["detail"]
    assert "MAX_BODY_BYTES" in body["detail"] and "shorter" in body["detail"]


def test_chunked_413_says_it_was_over_the_limit(client):
    response = client.post("/v1/quotes", input_stream=io.BytesIO(b"x" * 5000), content_type="text/plain",
                           headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})
    body = assert_problem(response, 413, "body-too-large")
    assert "over 1000 bytes (sent chunked" in body["detail"] and "MAX_BODY_BYTES" in body["detail"]


def test_404_names_the_path_and_where_to_look(client):
    body = assert_problem(client.get("/v1/quote"), 404, "not-found")
    assert "/v1/quote" in body["detail"] and "GET /" in body["detail"]
    assert "requested URL was not found" not in body["detail"]  # werkzeug's stock text


def test_405_names_the_method_and_the_right_one(client):
    body = assert_problem(client.get("/v1/quotes"), 405, "method-not-allowed")
    assert body["detail"] == "/v1/quotes does not take GET; use POST."


@pytest.mark.parametrize("method, path, kwargs", [
    ("POST", "/v1/quotes", {"json": {"text": ARTICLE}}),
    ("POST", "/v1/quotes", {"data": b"{", "content_type": "application/json"}),
    ("GET", "/nothing", {}),
    ("GET", "/", {}),
    ("GET", "/healthz", {}),
])
def test_json_bodies_end_with_a_newline(client, method, path, kwargs):
    response = client.open(path, method=method, **kwargs)
    assert response.mimetype.endswith("json")
    assert response.data.endswith(b"}\n")
