"""The real server: `python -m service` (gunicorn, 2 workers, the real Stanza models) over HTTP.

One server is shared by the module; the shutdown test starts its own."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

from support import REPO, Server  # Server: re-exported for the other integration modules

QUOTE_MARKS = set("\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201f\u201a\u201b\u2039\u203a")
EMOJI = "\U0001F600\U0001F44D\U0001F3FD "


@pytest.fixture(scope="module")
def server(model_dir):
    with Server(model_dir, workers=2) as server:
        yield server


@pytest.fixture(scope="module")
def samples(sample_paths) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sample_paths}


@pytest.fixture(scope="module")
def answers(server, samples) -> dict[str, dict]:
    """Each sample sent three ways, once per module: JSON, text/plain, and JSON asking for
    UTF-16 offsets with emoji in front."""
    out = {}
    for name, text in samples.items():
        as_json = requests.post(server.url + "/v1/quotes", json={"text": text}, timeout=120)
        as_text = requests.post(server.url + "/v1/quotes", data=text.encode("utf-8"), timeout=120,
                                headers={"Content-Type": "text/plain; charset=utf-8"})
        utf16 = requests.post(server.url + "/v1/quotes?offsets=utf16", data=(EMOJI + text).encode("utf-8"),
                              headers={"Content-Type": "text/plain; charset=utf-8"}, timeout=120)
        out[name] = {"json": as_json, "text": as_text, "utf16": utf16}
    return out


def test_samples_have_quotes(answers):
    for name, got in answers.items():
        for response in got.values():
            assert response.status_code == 200, (name, response.text)
            assert response.headers["Content-Type"].startswith("application/json")
        assert got["json"].json()["quotes"], f"{name}: no quotes found"


def test_every_quote_span_is_marks_around_the_text(answers, samples):
    for name, got in answers.items():
        text = samples[name]
        for quote in got["json"].json()["quotes"]:
            span = text[quote["start"]:quote["end"]]
            assert span[0] in QUOTE_MARKS, (name, quote)
            k = span.find(quote["text"], 1)
            assert k > 0, (name, quote, span)
            opening, closing = span[:k], span[k + len(quote["text"]):]
            assert set(opening) <= QUOTE_MARKS, (name, quote, span)
            if quote["closed"]:
                assert closing and set(closing) <= QUOTE_MARKS, (name, quote, span)
            else:
                assert closing == "", (name, quote, span)
            for part in (quote["speaker"], quote["cue"]):
                if part is not None:
                    assert text[part["start"]:part["end"]] == part["text"], (name, quote)


def test_json_and_text_plain_give_identical_answers(answers):
    for name, got in answers.items():
        assert got["json"].json() == got["text"].json(), name


def test_utf16_offsets_convert_back(answers, samples):
    for name, got in answers.items():
        text = EMOJI + samples[name]
        units = text.encode("utf-16-le")
        body = got["utf16"].json()
        assert body["meta"] == {"offsets": "utf16", "characters": len(units) // 2}
        plain = got["json"].json()
        assert len(body["quotes"]) == len(plain["quotes"])
        for quote, same in zip(body["quotes"], plain["quotes"], strict=True):
            assert quote["text"] == same["text"]
            span = units[2 * quote["start"]:2 * quote["end"]].decode("utf-16-le")
            assert span == samples[name][same["start"]:same["end"]]
            if quote["speaker"]:
                speaker = quote["speaker"]
                assert units[2 * speaker["start"]:2 * speaker["end"]].decode("utf-16-le") == speaker["text"]


def test_speaker_ids_are_consistent(answers, samples):
    for name, got in answers.items():
        body = got["json"].json()
        speakers = {s["id"]: s for s in body["speakers"]}
        assert len(speakers) == len(body["speakers"]), "duplicate speaker ids"
        for i, quote in enumerate(body["quotes"]):
            if quote["speaker"] is None:
                assert all(i not in s["quotes"] for s in speakers.values())
                continue
            speaker = speakers[quote["speaker"]["id"]]
            assert i in speaker["quotes"], (name, i)
            assert quote["speaker"]["name"] == speaker["name"]
        for speaker in speakers.values():
            assert speaker["name"] and speaker["quotes"]
            assert all(body["quotes"][i]["speaker"]["id"] == speaker["id"] for i in speaker["quotes"])
            for mention in speaker["mentions"]:
                assert samples[name][mention["start"]:mention["end"]] == mention["text"]


def test_real_responses_match_the_contract(answers, check_contract):
    for got in answers.values():
        for response in got.values():
            check_contract("/v1/quotes", "POST", 200, response.headers["Content-Type"], response.content)


def test_include_nonspeech_adds_only_nonspeech_quotes(server, samples):
    text = max(samples.values(), key=len)
    speech = requests.post(server.url + "/v1/quotes", json={"text": text}, timeout=120).json()["quotes"]
    everything = requests.post(server.url + "/v1/quotes", json={"text": text, "include_nonspeech": True},
                               timeout=120).json()["quotes"]
    assert {q["type"] for q in speech} <= {"direct", "partial"}
    assert [q for q in everything if q["type"] in ("direct", "partial")] == speech


@pytest.mark.parametrize("method, path, kwargs, status", [
    ("POST", "/v1/quotes", {"data": b"{", "headers": {"Content-Type": "application/json"}}, 400),
    ("POST", "/v1/quotes", {"data": b"caf\xe9", "headers": {"Content-Type": "text/plain"}}, 400),
    ("POST", "/v1/quotes", {"json": {"text": ""}}, 422),
    ("POST", "/v1/quotes", {"data": b"x", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 415),
    ("GET", "/v1/quotes", {}, 405),
    ("GET", "/nothing/here", {}, 404),
])
def test_errors_over_http(server, check_contract, method, path, kwargs, status):
    response = requests.request(method, server.url + path, timeout=30, **kwargs)
    assert response.status_code == status
    check_contract(path if status != 404 else None, method, status, response.headers["Content-Type"],
                   response.content)


def test_body_over_the_limit_is_413_with_and_without_content_length(server):
    big = b"x" * (2 * 1024 * 1024 + 1)  # the default MAX_BODY_BYTES is 2 MiB
    headers = {"Content-Type": "text/plain"}
    sized = requests.post(server.url + "/v1/quotes", data=big, headers=headers, timeout=60)
    chunked = requests.post(server.url + "/v1/quotes", data=iter([big[:1 << 20], big[1 << 20:]]), headers=headers,
                            timeout=60)
    for response in (sized, chunked):
        assert response.status_code == 413
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["type"] == "/docs#body-too-large"


def test_request_id_round_trip_and_json_logs_without_text(server, samples):
    response = requests.post(server.url + "/v1/quotes", json={"text": '"Hush hush," Zed whispered.'},
                             headers={"X-Request-ID": "itest-42"}, timeout=60)
    assert response.headers["X-Request-ID"] == "itest-42"
    time.sleep(0.5)
    lines = [json.loads(line) for line in server.output().splitlines() if line.startswith("{")]
    mine = [entry for entry in lines if entry.get("request_id") == "itest-42"]
    assert len(mine) == 1 and mine[0]["path"] == "/v1/quotes" and mine[0]["status"] == 200
    assert {"method", "duration_ms", "bytes_in"} <= set(mine[0])
    assert "Hush" not in server.output()
    assert all(line.startswith("{") for line in server.output().splitlines() if line.strip())


def metric(text: str, name: str, **labels) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    m = re.search(rf"^{name}{{{want}}} (\S+)$" if labels else rf"^{name} (\S+)$", text, re.M)
    return float(m.group(1)) if m else 0.0


def test_metrics_add_up_across_workers(server):
    def healthz_count() -> float:
        text = requests.get(server.url + "/metrics", timeout=30).text
        return metric(text, "quote_http_requests_total", method="GET", route="/healthz", status="200")

    before = healthz_count()
    n = 40
    with_pool = [threading.Thread(target=lambda: requests.get(server.url + "/healthz", timeout=30)) for _ in range(n)]
    for t in with_pool:
        t.start()
    for t in with_pool:
        t.join()
    # each /metrics request may be answered by either worker: every answer must count all requests
    assert [healthz_count() for _ in range(6)] == [before + n] * 6
    text = requests.get(server.url + "/metrics", timeout=30).text
    assert metric(text, "quote_articles_processed_total") >= 6
    assert metric(text, "quote_quotes_extracted_total") > 0
    assert metric(text, "quote_model_load_seconds") > 0
    assert 'quote_http_request_duration_seconds_bucket{le="10.0",method="POST",route="/v1/quotes",status="200"}' in text


def test_missing_model_dir_exits_at_once_naming_the_variable(tmp_path):
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "service"], cwd=REPO, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "STANZA_RESOURCES_DIR": str(tmp_path / "nothing"), "PORT": "0"})
    assert result.returncode != 0
    assert "STANZA_RESOURCES_DIR" in result.stderr
    assert time.monotonic() - started < 10


def test_sigterm_lets_an_in_flight_request_finish(model_dir, samples):
    text = "\n\n".join([max(samples.values(), key=len)] * 8)  # 22,000 words: seconds of work
    server = Server(model_dir, workers=1)
    try:
        server.wait_ready()
        result = {}

        def long_request():
            result["response"] = requests.post(server.url + "/v1/quotes", json={"text": text}, timeout=120)

        thread = threading.Thread(target=long_request)
        thread.start()
        time.sleep(1.0)  # the worker is parsing now
        started = time.monotonic()
        assert requests.get(server.url + "/healthz", timeout=5).status_code == 200  # answered meanwhile
        assert time.monotonic() - started < 1.0
        assert thread.is_alive(), "the request was over before SIGTERM: nothing was in flight"
        server.proc.send_signal(signal.SIGTERM)
        thread.join(120)
        assert result["response"].status_code == 200
        assert result["response"].json()["quotes"]
        assert server.proc.wait(60) == 0
    finally:
        server.stop()
