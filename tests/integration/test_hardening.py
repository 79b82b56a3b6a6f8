"""Hostile and pathological requests against the real server (`python -m service`, real models).

One server with a small MAX_BODY_BYTES for the whole module, and a second one with
REQUEST_TIMEOUT=1 for the deadline tests."""
from __future__ import annotations

import time

import pytest
import requests

from support import Server
from test_server import QUOTE_MARKS  # noqa: E402  (tests/integration is on sys.path)

MAX_BODY = 200_000
PROBLEM = "application/problem+json"
DOCUMENTED = {200, 400, 413, 415, 422, 500, 503}  # openapi.yaml, POST /v1/quotes


@pytest.fixture(scope="module")
def server(model_dir):
    with Server(model_dir, workers=2, MAX_BODY_BYTES=str(MAX_BODY), REQUEST_TIMEOUT="60") as server:
        yield server


@pytest.fixture(scope="module")
def slow_server(model_dir):
    """REQUEST_TIMEOUT=1 and the default 2 MiB body limit."""
    with Server(model_dir, workers=1, REQUEST_TIMEOUT="1") as server:
        yield server


def post(server, *, timeout=120, **kwargs) -> requests.Response:
    response = requests.post(server.url + "/v1/quotes", timeout=timeout, **kwargs)
    assert response.status_code in DOCUMENTED, (response.status_code, response.text[:500])
    assert response.status_code < 500, (response.status_code, response.text[:500])
    if response.status_code >= 400:
        assert response.headers["Content-Type"] == PROBLEM, response.headers
        problem = response.json()
        assert problem["status"] == response.status_code and problem["type"].startswith("/docs#")
    return response


def check_offsets(text: str, body: dict) -> None:
    assert body["meta"] == {"offsets": "codepoint", "characters": len(text)}
    previous_end = 0
    for quote in body["quotes"]:
        assert previous_end <= quote["start"] < quote["end"] <= len(text), quote
        previous_end = quote["end"]
        span = text[quote["start"]:quote["end"]]
        assert span[0] in QUOTE_MARKS and quote["text"] in span, quote
        for part in (quote["speaker"], quote["cue"]):
            if part is not None:
                assert text[part["start"]:part["end"]] == part["text"], quote
    for speaker in body["speakers"]:
        for mention in speaker["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"], mention


def small_request_succeeds(server) -> None:
    text = '"We are still here," the spokeswoman said.'
    response = post(server, json={"text": text}, timeout=60)
    assert response.status_code == 200
    assert len(response.json()["quotes"]) == 1


# ---- malformed and odd bodies ---------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, status, slug", [
    ({"json": {"text": ""}}, 422, "validation-error"),
    ({"data": b"", "headers": {"Content-Type": "text/plain"}}, 422, "validation-error"),
    ({"data": b"\xff\xfe\x00bad", "headers": {"Content-Type": "text/plain; charset=utf-8"}}, 400, "invalid-utf8"),
    ({"data": b'{"text": "caf\xe9"}', "headers": {"Content-Type": "application/json"}}, 400, "invalid-utf8"),
    ({"data": b"\xed\xa0\x80", "headers": {"Content-Type": "text/plain"}}, 400, "invalid-utf8"),  # a surrogate
    ({"json": ["text", "a quote"]}, 422, "validation-error"),
    ({"json": [{"text": '"Hi," he said.'}]}, 422, "validation-error"),
    ({"json": "just a string"}, 422, "validation-error"),
    ({"data": b"null", "headers": {"Content-Type": "application/json"}}, 422, "validation-error"),
    ({"data": b"[" * 100_000 + b"]" * 100_000, "headers": {"Content-Type": "application/json"}}, 400,
     "malformed-json"),
    ({"data": b'{"text": ' + b'{"a": ' * 25_000 + b"1" + b"}" * 25_001,
      "headers": {"Content-Type": "application/json"}}, 400, "malformed-json"),
    ({"json": {"text": {"nested": {"deeper": ["x"]}}}}, 422, "validation-error"),
    ({"json": {"text": '"Hi," he said.', "speaker": "me"}}, 422, "validation-error"),
    ({"json": {"text": '"Hi," he said.', "include_nonspeech": "yes"}}, 422, "validation-error"),
    ({"json": {"text": '"Hi," he said.', "offsets": "bytes"}}, 422, "validation-error"),
    ({"data": b'{"text": "\\ud800"}', "headers": {"Content-Type": "application/json"}}, 422, "validation-error"),
    ({"data": b'{"text": NaN}', "headers": {"Content-Type": "application/json"}}, 400, "malformed-json"),
    ({"data": b"text", "headers": {"Content-Type": "text/plain; charset=latin-1"}}, 415, "unsupported-media-type"),
    ({"data": b"text"}, 415, "unsupported-media-type"),
])
def test_bad_bodies_are_documented_problems(server, check_contract, kwargs, status, slug):
    response = post(server, **kwargs)
    assert response.status_code == status, response.text[:500]
    assert response.json()["type"] == f"/docs#{slug}"
    check_contract("/v1/quotes", "POST", status, response.headers["Content-Type"], response.content)


@pytest.mark.parametrize("text", [" ", "   \n\n\t  ", "\u00a0\u2029\u200b", "\n" * 5000, "\x00\x01\x02",
                                  "No quotes here at all. Just prose.", "Don't 'em rock 'n' roll '90s.",
                                  "\U0001F600" * 1000, "\u05e9\u05dc\u05d5\u05dd \u201c\u05e2\u05d5\u05dc\u05dd\u201d"])
def test_whitespace_and_quote_free_texts(server, check_contract, text):
    for kwargs in ({"json": {"text": text}},
                   {"data": text.encode("utf-8"), "headers": {"Content-Type": "text/plain; charset=utf-8"}}):
        response = post(server, **kwargs)
        assert response.status_code == 200, response.text[:500]
        check_contract("/v1/quotes", "POST", 200, response.headers["Content-Type"], response.content)
        check_offsets(text, response.json())


def test_extra_query_parameters_are_rejected(server):
    response = post(server, params={"verbose": "1"}, json={"text": '"Hi," he said.'})
    assert response.status_code == 422


# ---- the body limit --------------------------------------------------------------------------------

@pytest.mark.parametrize("chunked", [False, True])
def test_body_just_under_and_just_over_the_limit(server, chunked):
    def body(size: int) -> bytes:  # a valid JSON object of exactly `size` bytes, cheap to parse
        head = b'{"text": "\\"We are ready,\\" she said."'
        return head + b" " * (size - len(head) - 1) + b"}"

    headers = {"Content-Type": "application/json"}
    for size, status in ((MAX_BODY, 200), (MAX_BODY - 1, 200), (MAX_BODY + 1, 413), (4 * MAX_BODY, 413)):
        data = body(size)
        assert len(data) == size
        if chunked:
            data = iter([data[i:i + 65536] for i in range(0, size, 65536)])
        response = post(server, data=data, headers=headers)
        assert response.status_code == status, (size, response.text[:300])
        if status == 413:
            assert response.json()["type"] == "/docs#body-too-large"
        else:
            assert len(response.json()["quotes"]) == 1
    small_request_succeeds(server)


# ---- pathological texts -------------------------------------------------------------------------------

def _paragraphs() -> str:
    return "\n\n".join("\u201c" + "He kept on talking about the weather, the war and the rest. " * 5
                       for _ in range(200)) + "\u201d the colonel said."


PATHOLOGICAL = {
    "one 20,000-word sentence": lambda: "The " + " ".join(f"word{i % 97}" for i in range(20_000)) + " ended.",
    "5,000 quotation marks": lambda: " ".join("\"\u201c\u201d'\u00ab\u00bb"[i % 6] for i in range(5_000)),
    "5,000 quotation marks, no spaces": lambda: "\"\u201c\u201d'\u00ab\u00bb\u201e`" * 625,
    "200 paragraphs of one long quote": _paragraphs,
    "many short quotes": lambda: '"Yes," he said. ' * 2000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_texts_are_answered_in_bounded_time(server, name):
    text = PATHOLOGICAL[name]()
    assert len(text.encode("utf-8")) < MAX_BODY
    started = time.monotonic()
    response = post(server, json={"text": text}, timeout=90)
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.text[:500]
    assert elapsed < 60, f"{name}: {elapsed:.1f} s"
    check_offsets(text, response.json())


# ---- REQUEST_TIMEOUT ---------------------------------------------------------------------------------

def test_an_article_over_the_time_limit_is_503_and_the_worker_recovers(slow_server, sample_paths):
    article = " ".join(p.read_text(encoding="utf-8") for p in sample_paths)
    text = article * (60_000 // len(article.split()) + 1)
    assert len(text.split()) >= 60_000
    started = time.monotonic()
    response = requests.post(slow_server.url + "/v1/quotes", json={"text": text}, timeout=180)
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.text[:300]
    assert response.headers["Content-Type"] == PROBLEM
    assert response.headers["Retry-After"] == "1"
    assert response.json()["type"] == "/docs#deadline-exceeded"
    assert elapsed < 120, f"503 only after {elapsed:.0f} s"
    small_request_succeeds(slow_server)  # the same (only) worker answers the next request


def test_a_megabyte_of_html_is_answered_within_the_time_limit(slow_server):
    """1 MB of markup: a 200 or the documented 503, and within REQUEST_TIMEOUT plus slack."""
    unit = ('<div class="row" id="r1"><span style="color:red" title="say &quot;hi&quot;">'
            '<a href="/x?a=1&b=\'2\'">link</a> "Fine," she said.</span></div>\n')
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    started = time.monotonic()
    try:
        response = requests.post(slow_server.url + "/v1/quotes", json={"text": text}, timeout=30)
    except requests.Timeout:
        pytest.fail(f"no answer after {time.monotonic() - started:.0f} s with REQUEST_TIMEOUT=1")
    assert response.status_code in (200, 503), response.text[:300]
    assert response.headers["Content-Type"] == (PROBLEM if response.status_code == 503 else "application/json")
    if response.status_code == 200:
        check_offsets(text, response.json())
